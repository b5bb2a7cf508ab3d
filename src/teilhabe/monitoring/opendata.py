"""The published monitoring as open data: which indicators the public sees, their latest values and status,
the time span and last change of each (for the DCAT-AP.de catalogue), and the JSON document of one indicator.

Only published indicators (`is_published`) are open data; an unpublished one does not exist for the public.
What the JSON document holds is described in docs/open-data.md; tidy CSV is teilhabe.monitoring.exchange."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Max, Min

from teilhabe.core.models import Municipality
from teilhabe.monitoring import selectors
from teilhabe.monitoring.categories import Vocabulary, vocabulary
from teilhabe.monitoring.exchange import tidy_rows
from teilhabe.monitoring.models import Dimension, ImportBatch, Indicator, Observation, SeriesBreak
from teilhabe.monitoring.progress import Progress, progress_of
from teilhabe.monitoring.series import Point, values_of

FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Overview:
    """One published indicator as a list shows it: its latest total value and its progress status."""

    indicator: Indicator
    latest: Point | None
    progress: Progress


@dataclass(frozen=True)
class Coverage:
    """The periods an indicator's data spans and when its data or definition last arrived."""

    first: dt.date | None
    last: dt.date | None
    first_period: str
    last_period: str
    modified: dt.datetime | None


def published_indicator(key: str) -> Indicator:
    """A published indicator of the current municipality by its key; Indicator.DoesNotExist otherwise."""
    return (Indicator.objects.select_related("numerator", "denominator")
            .prefetch_related("fields").get(key=key, is_published=True))


def published_overview() -> list[Overview]:
    """Every published indicator with its fields of action, latest total and status (three queries)."""
    indicators = list(selectors.published_indicators().prefetch_related("fields"))
    totals = values_of(indicators, breakdown_keys=[""])
    overview = []
    for indicator in indicators:
        total = totals.get(indicator.pk, {}).get("", [])
        progress = progress_of(indicator, total)
        latest = next((p for p in reversed(total) if p.value is not None), None)
        overview.append(Overview(indicator, latest, progress))
    return overview


def _source_ids(indicator: Indicator) -> list[int]:
    if indicator.is_rate:
        return [indicator.numerator_id, indicator.denominator_id]  # type: ignore[list-item]
    return [indicator.pk]


def coverage(indicators: Sequence[Indicator]) -> dict[int, Coverage]:
    """First and last period with data and the last data delivery of each indicator (a rate: of its
    numerator and denominator); two queries for all of them."""
    needed = {pk for i in indicators for pk in _source_ids(i)}
    spans: dict[int, dict[str, Any]] = {
        row["indicator_id"]: row for row in Observation.objects.filter(indicator_id__in=needed)
        .values("indicator_id").annotate(first=Min("period_start"), last=Max("period_start"))
        .order_by("indicator_id")
    }
    periods: dict[tuple[int, dt.date], str] = {}
    wanted_dates = {d for row in spans.values() for d in (row["first"], row["last"])}
    for ind, start, period in (Observation.objects.filter(indicator_id__in=needed, period_start__in=wanted_dates)
                               .values_list("indicator_id", "period_start", "period").distinct()):
        periods.setdefault((ind, start), period)
    deliveries = dict(ImportBatch.objects.filter(indicator_id__in=needed).values("indicator_id")
                      .annotate(at=Max("created_at")).order_by("indicator_id").values_list("indicator_id", "at"))
    result = {}
    for indicator in indicators:
        ids = [pk for pk in _source_ids(indicator) if pk in spans]
        firsts = [(spans[pk]["first"], pk) for pk in ids]
        lasts = [(spans[pk]["last"], pk) for pk in ids]
        first = max(firsts)[0] if indicator.is_rate and len(firsts) == 2 else (min(firsts)[0] if firsts else None)
        last = min(lasts)[0] if indicator.is_rate and len(lasts) == 2 else (max(lasts)[0] if lasts else None)
        if indicator.is_rate and len(ids) < 2:
            first = last = None  # a rate without both parts has no values
        first_period = next((periods[(pk, first)] for pk in ids if (pk, first) in periods), "") if first else ""
        last_period = next((periods[(pk, last)] for pk in ids if (pk, last) in periods), "") if last else ""
        modified = max((deliveries[pk] for pk in _source_ids(indicator) if pk in deliveries), default=None)
        result[indicator.pk] = Coverage(first, last, first_period, last_period, modified)
    return result


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def _period_value(value: Decimal | None, period: str) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"value": _number(value), "period": period}


def indicator_document(indicator: Indicator, *, municipality: Municipality, vocab: Vocabulary | None = None,
                       breaks: Iterable[SeriesBreak] | None = None, links: dict[str, str] | None = None,
                       license_uri: str = "", license_name: str = "") -> dict[str, Any]:
    """The JSON document of one indicator: its metadata and every value (rates computed), as in
    docs/open-data.md. Suppressed values stay out, as in tidy CSV."""
    vocab = vocab or vocabulary()
    breaks = list(breaks if breaks is not None else selectors.series_breaks(indicator))
    dims = list(indicator.dimensions or [])
    observations = []
    for row in tidy_rows(indicator, vocab=vocab):
        if row.value is None:
            continue
        breakdown = {dim: vocab.code_for(dim, label) or label for dim, label in row.categories.items()}
        observations.append({
            "period": row.period, "area": row.area, "breakdown": breakdown, "labels": dict(row.categories),
            "value": _number(row.value), "flag": row.flag,
            "flag_label": str(Observation.Flag(row.flag).label) if row.flag else "",
            "source": row.source,
        })
        for dim in row.categories:
            if dim not in dims:
                dims.append(dim)
    total = values_of([indicator], breakdown_keys=[""])[indicator.pk].get("", [])
    progress = progress_of(indicator, total)
    return {
        "format": f"teilhabe-indicator/{FORMAT_VERSION}",
        "municipality": {"name": municipality.name, "slug": municipality.slug, "ags": municipality.ags},
        "indicator": {
            "key": indicator.key, "name": indicator.name, "definition": indicator.definition,
            "unit": indicator.unit, "unit_label": indicator.unit_label or str(indicator.get_unit_display()),
            "kind": indicator.kind, "source": indicator.source, "frequency": indicator.frequency,
            "method_notes": indicator.method_notes,
            "dimensions": [{"key": d, "label": str(Dimension(d).label) if d in Dimension.values else d} for d in dims],
            "computed_from": ({"numerator": indicator.numerator.key,  # type: ignore[union-attr]
                               "denominator": indicator.denominator.key}  # type: ignore[union-attr]
                              if indicator.is_rate else None),
            "direction": indicator.direction,
            "baseline": _period_value(indicator.baseline_value, indicator.baseline_period),
            "target": _period_value(indicator.target_value, indicator.target_period),
            "progress": {"status": str(progress.status), "label": str(progress.status.label)},
            "series_breaks": [{"period": b.period, "note": b.note} for b in breaks],
        },
        "license": {"uri": license_uri, "name": license_name} if license_uri else None,
        "links": links or {},
        "observations": observations,
    }
