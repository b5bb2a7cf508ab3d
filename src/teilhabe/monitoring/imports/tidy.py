"""Tidy CSV as Open SDG writes it: `Year`, one column per dimension (a blank cell is the total), optional
`Units`, `Series`, `GeoCode`, a flag column, and `Value`. Comma-separated with a decimal point (as Open SDG
and teilhabe.monitoring.exchange write it) or, as German spreadsheets save CSV, semicolon-separated with a
decimal comma. Column titles are matched case- and space-insensitively, in German or English."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from teilhabe.monitoring.categories import normalise
from teilhabe.monitoring.exchange import DIMENSION_COLUMNS
from teilhabe.monitoring.imports.problems import FileRefused
from teilhabe.monitoring.imports.records import Layout, Reading, Record
from teilhabe.monitoring.models import Dimension

PERIOD_TITLES = ("Year", "Jahr", "Zeit", "Periode", "Period", "Zeitraum", "Stichtag", "TIME_PERIOD", "time")
VALUE_TITLES = ("Value", "Wert", "OBS_VALUE", "value")
DIMENSION_TITLES: dict[str, tuple[str, ...]] = {
    Dimension.SEX: ("Sex", "Gender", "Geschlecht", "SEX"),
    Dimension.NATIONALITY: ("Nationality", "Citizenship", "Staatsangehörigkeit", "Nationalität",
                            "Staatsangehoerigkeit"),
    Dimension.MIGRATION: ("Migration", "Migration background", "Migrationshintergrund", "Migrationsstatus"),
    Dimension.AGE: ("Age", "Age group", "Alter", "Altersgruppe", "Altersgruppen", "AGE"),
    Dimension.DISTRICT: ("District", "Stadtteil", "Stadtbezirk", "Bezirk", "Sozialraum"),
}
OTHER_TITLES: dict[str, tuple[str, ...]] = {
    "unit": ("Units", "Unit", "Einheit", "UNIT_MEASURE"),
    "series": ("Series", "Reihe", "Indikator", "Indicator", "SERIES"),
    "area": ("GeoCode", "Gebiet", "Area", "REF_AREA", "Gebietsschlüssel"),
    "flag": ("Flag", "Flags", "Kennzeichen", "Status", "OBS_STATUS", "Observation status", "Qualität"),
    "rate": ("Quote", "Rate", "Anteil", "Quote (%)", "Anteil (%)", "Veröffentlichte Quote"),
    "source": ("Source", "Quelle", "Datenquelle"),
    "vintage": ("Stand", "Vintage", "Datenstand"),
}


def _titles() -> dict[str, str]:
    found: dict[str, str] = {}
    for title in PERIOD_TITLES:
        found[normalise(title)] = "period"
    for title in VALUE_TITLES:
        found[normalise(title)] = "value"
    for dimension, titles in DIMENSION_TITLES.items():
        for title in (*titles, str(dimension), DIMENSION_COLUMNS[dimension]):
            found[normalise(title)] = f"dim:{dimension}"
    for role, titles in OTHER_TITLES.items():
        for title in titles:
            found[normalise(title)] = role
    return found


TITLES = _titles()


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def layout_of(header: Sequence[str], file_format: str, *, decimal_comma: bool) -> tuple[Layout, dict[str, int]]:
    """Which column is which; FileRefused when Year or Value is missing or a column is there twice."""
    roles: dict[str, int] = {}
    layout = Layout(file_format=file_format, period_column="", value_column="", decimal_comma=decimal_comma)
    for index, raw in enumerate(header):
        title = raw.strip()
        role = TITLES.get(normalise(title))
        if role is None:
            if title:
                layout.ignored_columns.append(title)
            continue
        if role in roles:
            raise FileRefused(_("Die Spalte „%(title)s“ steht zweimal in der Kopfzeile (Spalten %(a)s und %(b)s).")
                              % {"title": title, "a": roles[role] + 1, "b": index + 1})
        roles[role] = index
        if role == "period":
            layout.period_column = title
        elif role == "value":
            layout.value_column = title
        elif role.startswith("dim:"):
            layout.dimension_columns[role[4:]] = title
        else:
            setattr(layout, f"{role}_column", title)
    missing = [name for role, name in (("period", "Year"), ("value", "Value")) if role not in roles]
    if missing:
        raise FileRefused(
            _("In der Kopfzeile fehlt die Spalte %(missing)s. Eine Tabelle im Tidy-Format hat die Spalten Year "
              "(oder Jahr), je Aufgliederung eine Spalte (z. B. Geschlecht) und Value (oder Wert); gefunden: "
              "%(found)s.") % {"missing": " und ".join(missing),
                               "found": ", ".join(h.strip() for h in header if h.strip()) or "—"})
    return layout, roles


def records_from_rows(rows: Iterator[tuple[int, Sequence[str]]], layout: Layout,
                      roles: dict[str, int]) -> Iterator[Record]:
    """Records from (line, cells) pairs; completely empty lines are skipped."""
    period_at, value_at = roles["period"], roles["value"]
    dims = [(role[4:], index) for role, index in roles.items() if role.startswith("dim:")]
    present = [(name, roles[name]) for name in ("flag", "unit", "series", "rate", "source", "vintage", "area")
               if name in roles]
    width = max(roles.values()) + 1
    for line, cells in rows:
        if len(cells) < width:
            if not any(c.strip() for c in cells):
                continue
            cells = [*cells, *([""] * (width - len(cells)))]
        record = Record(line, cells[period_at].strip(), tuple([(dim, cells[index].strip(), "") for dim, index in dims]),
                        cells[value_at].strip())
        for name, index in present:
            setattr(record, name, cells[index].strip())
        yield record


def read(text: str) -> Reading:
    first = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise FileRefused(_("Die Datei ist leer."))
    layout, roles = layout_of(header, "tidy_csv", decimal_comma=delimiter != ",")

    def numbered() -> Iterator[tuple[int, Sequence[str]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            raise FileRefused(_("Zeile %(line)s ist keine gültige CSV-Zeile (%(error)s).")
                              % {"line": reader.line_num, "error": exc}) from None

    return Reading(layout=layout, records=records_from_rows(numbered(), layout, roles))
