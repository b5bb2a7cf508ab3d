"""Tidy CSV out, as Open SDG reads it: `Year`, one column per dimension holding the category labels, `Value`;
a blank dimension cell means the total. A series that is not only yearly or not only for the whole
municipality adds `GeoCode` (the area) and writes the period as given ("2019-06"). Rates are computed.

What export writes, the tidy CSV import reads back into the same series (tests/monitoring: round trip)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from teilhabe.monitoring.categories import Vocabulary, parse_breakdown_key, vocabulary
from teilhabe.monitoring.models import Dimension, Indicator, Observation
from teilhabe.monitoring.series import Point, values_of

# Column titles of the dimensions in tidy CSV (import accepts these and the dimension's code).
DIMENSION_COLUMNS: dict[str, str] = {
    Dimension.SEX: "Geschlecht",
    Dimension.NATIONALITY: "Staatsangehörigkeit",
    Dimension.MIGRATION: "Migrationshintergrund",
    Dimension.AGE: "Altersgruppe",
    Dimension.DISTRICT: "Stadtteil",
}


@dataclass(frozen=True)
class TidyRow:
    period: str
    area: str
    categories: dict[str, str]  # dimension → label; missing = total
    value: Decimal | None
    flag: str
    source: str


def tidy_rows(indicator: Indicator, *, vocab: Vocabulary | None = None) -> list[TidyRow]:
    """The indicator's values (computed for a rate) as rows, in period, area and breakdown order."""
    vocab = vocab or vocabulary()
    lines = values_of([indicator], area=None)[indicator.pk]
    rows = [
        TidyRow(point.period, area, {dim: vocab.label_of(dim, code) for dim, code in parse_breakdown_key(key).items()},
                point.value, point.flag, point.source)
        for key, area, point in _points(indicator, lines)
    ]
    rows.sort(key=lambda r: (r.period, r.area, tuple(sorted(r.categories.items()))))
    return rows


def _points(indicator: Indicator, lines: dict[str, list[Point]]) -> Iterator[tuple[str, str, Point]]:
    # values_of(area=None) mixes areas under one key (a Point has no area), so areas are read one by one.
    source_ids = [indicator.numerator_id, indicator.denominator_id] if indicator.is_rate else [indicator.pk]
    areas = set(Observation.objects.filter(indicator_id__in=source_ids).values_list("area", flat=True).distinct())
    if areas <= {""}:
        for key, points in lines.items():
            for point in points:
                yield key, "", point
        return
    for area in sorted(areas):
        for key, points in values_of([indicator], area=area)[indicator.pk].items():
            for point in points:
                yield key, area, point


def dimension_columns(indicator: Indicator, rows: Iterable[TidyRow]) -> list[str]:
    used = {dim for row in rows for dim in row.categories}
    declared = [d for d in indicator.dimensions or [] if d in DIMENSION_COLUMNS]
    return declared + sorted(used - set(declared))


def format_value(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


def write_tidy_csv(indicator: Indicator, stream: Any) -> None:
    """Write the tidy CSV of `indicator` to a text stream (comma-separated, UTF-8, as Open SDG)."""
    rows = tidy_rows(indicator)
    dims = dimension_columns(indicator, rows)
    with_area = any(r.area for r in rows)
    header = ["Year", *[DIMENSION_COLUMNS.get(d, d) for d in dims]]
    if with_area:
        header.append("GeoCode")
    header += ["Units", "Value"]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    unit = indicator.unit_label or indicator.get_unit_display()
    for r in rows:
        if r.value is None:
            continue  # suppressed values stay out of open data
        line = [r.period, *[r.categories.get(d, "") for d in dims]]
        if with_area:
            line.append(r.area)
        line += [unit, format_value(r.value)]
        writer.writerow(line)


def tidy_csv(indicator: Indicator) -> str:
    buffer = io.StringIO()
    write_tidy_csv(indicator, buffer)
    return buffer.getvalue()
