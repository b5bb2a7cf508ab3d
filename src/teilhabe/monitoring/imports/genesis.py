"""The flat-file CSV ("ffcsv") that GENESIS-Online and the Regionaldatenbank Deutschland export.

Semicolon-separated, one value per line; German files write decimal commas. The classic layout has the
columns `Statistik_Code; …; Zeit_Code; Zeit_Label; Zeit; 1_Merkmal_Code; 1_Merkmal_Label;
1_Auspraegung_Code; 1_Auspraegung_Label; …` and one value column per value variable, named
`CODE__Label__Einheit`, with an optional quality column `CODE__Label__q`. The newer layout names the same
columns in English (`time`, `1_variable_code`, `1_variable_attribute_code`, …) and has one `value` column with
`value_unit` and `value_q`.

Attributes map to our dimensions by their code or label (GES → sex, NAT → nationality, …); the region
attribute (GEMEIN, KREISE, …) must be the municipality; a month attribute (MONAT) refines the year. Value cells
may hold the special values of official statistics (teilhabe.monitoring.imports.values)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from teilhabe.monitoring.categories import normalise
from teilhabe.monitoring.imports.problems import FileRefused
from teilhabe.monitoring.imports.records import Layout, Reading, Record
from teilhabe.monitoring.models import Dimension

ATTRIBUTE = re.compile(
    r"^(\d+)_(merkmal_code|merkmal_label|auspraegung_code|auspraegung_label|auspraegung_code|"
    r"variable_code|variable_label|variable_attribute_code|variable_attribute_label)$")
VALUE_COLUMN = re.compile(r"^([A-Z0-9]+)__(.+)$")
TIME_TITLES = ("zeit", "time")
REGION_CODES = ("DINSG", "DLAND", "REGBEZ", "KREISE", "GEMEIN", "GEMVB", "GEMVBJ", "GEM")
MONTH_CODES = ("MONAT",)
DIMENSION_BY_CODE: dict[str, str] = {
    "GES": Dimension.SEX, "GESCHL": Dimension.SEX, "NAT": Dimension.NATIONALITY, "NATEU1": Dimension.NATIONALITY,
    "STAAG": Dimension.NATIONALITY, "MIGHG": Dimension.MIGRATION, "MIGST": Dimension.MIGRATION,
}
DIMENSION_BY_LABEL: dict[str, str] = {
    "geschlecht": Dimension.SEX, "staatsangehörigkeit": Dimension.NATIONALITY, "nationalität": Dimension.NATIONALITY,
    "migrationshintergrund": Dimension.MIGRATION, "migrationsstatus": Dimension.MIGRATION,
    "altersgruppen": Dimension.AGE, "altersgruppe": Dimension.AGE, "alter": Dimension.AGE,
    "stadtteil": Dimension.DISTRICT, "stadtteile": Dimension.DISTRICT,
}
ROLE = {"merkmal_code": "code", "variable_code": "code", "merkmal_label": "label", "variable_label": "label",
        "auspraegung_code": "item_code", "variable_attribute_code": "item_code",
        "auspraegung_label": "item_label", "variable_attribute_label": "item_label"}


def looks_like_genesis(header_line: str) -> bool:
    titles = [normalise(t).strip('"') for t in header_line.split(";")]
    return any(t in TIME_TITLES for t in titles) and any(ATTRIBUTE.match(t) or t == "zeit_code" or t == "time_code"
                                                          for t in titles)


def _dimension_of(code: str, label: str) -> str | None:
    code = code.upper()
    if code in DIMENSION_BY_CODE:
        return DIMENSION_BY_CODE[code]
    if code.startswith("ALT"):
        return Dimension.AGE
    return DIMENSION_BY_LABEL.get(normalise(label))


def read(text: str) -> Reading:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [h.strip() for h in next(reader, [])]
    titles = [normalise(h) for h in header]
    if not looks_like_genesis(";".join(header)):
        raise FileRefused(_("Die Datei ist keine GENESIS-Flatfile-CSV: in der Kopfzeile fehlen die Spalten Zeit "
                            "und 1_Merkmal_Code (bzw. time und 1_variable_code)."))
    time_at = next(i for i, t in enumerate(titles) if t in TIME_TITLES)
    attributes: dict[int, dict[str, int]] = {}
    for index, title in enumerate(titles):
        if m := ATTRIBUTE.match(title):
            attributes.setdefault(int(m[1]), {})[ROLE[m[2]]] = index
    broken = [n for n, roles in attributes.items() if not {"code", "item_code"} <= roles.keys()]
    if broken:
        raise FileRefused(_("Zum Merkmal %(n)s fehlen Spalten (…_Merkmal_Code und …_Auspraegung_Code).")
                          % {"n": broken[0]})
    # Value columns: the new layout's `value`, or the classic CODE__Label__Unit (and CODE__Label__q).
    values = [i for i, t in enumerate(titles) if t == "value"]
    quality: int | None = next((i for i, t in enumerate(titles) if t == "value_q"), None)
    unit_at: int | None = next((i for i, t in enumerate(titles) if t == "value_unit"), None)
    unit_text = ""
    if not values:
        values = [i for i, h in enumerate(header) if VALUE_COLUMN.match(h) and not h.endswith("__q")]
        if len(values) == 1:
            code = VALUE_COLUMN.match(header[values[0]])[1]  # type: ignore[index]
            quality = next((i for i, h in enumerate(header) if h.startswith(f"{code}__") and h.endswith("__q")), None)
            unit_text = header[values[0]].rsplit("__", 1)[-1] if header[values[0]].count("__") >= 2 else ""
    if not values:
        raise FileRefused(_("Die GENESIS-Datei enthält keine Wertespalte (value oder CODE__Bezeichnung__Einheit)."))
    if len(values) > 1:
        raise FileRefused(_("Die GENESIS-Datei enthält mehrere Wertespalten (%(columns)s). Bitte laden Sie eine "
                            "Tabelle mit einem Wertmerkmal herunter, eine Datei je Indikator.")
                          % {"columns": ", ".join(header[i] for i in values)})
    layout = Layout(file_format="genesis", period_column=header[time_at], value_column=header[values[0]],
                    flag_column=header[quality] if quality is not None else "", genesis_flags=True,
                    unit_column=header[unit_at] if unit_at is not None else "", decimal_comma=True,
                    area_is_region=True)
    value_at = values[0]
    order = sorted(attributes)

    def records() -> Iterator[Record]:
        kinds: dict[tuple[str, str], str | None] = {}
        try:
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                cells = [c.strip() for c in cells]
                if len(cells) < len(header):
                    cells += [""] * (len(header) - len(cells))
                yield _record(reader.line_num, cells, order, attributes, kinds, time_at, value_at, quality, unit_at,
                              unit_text)
        except csv.Error as exc:
            raise FileRefused(_("Zeile %(line)s ist keine gültige CSV-Zeile (%(error)s).")
                              % {"line": reader.line_num, "error": exc}) from None

    return Reading(layout=layout, records=records())


def _record(line: int, cells: Sequence[str], order: list[int], attributes: dict[int, dict[str, int]],
            kinds: dict[tuple[str, str], str | None], time_at: int, value_at: int, quality: int | None,
            unit_at: int | None, unit_text: str) -> Record:
    period = cells[time_at]
    categories: list[tuple[str, str, str]] = []
    area = area_label = ""
    for n in order:
        roles = attributes[n]
        code = cells[roles["code"]]
        label = cells[roles["label"]] if "label" in roles else ""
        item_code = cells[roles["item_code"]]
        item_label = cells[roles["item_label"]] if "item_label" in roles else ""
        if not code:
            continue
        upper = code.upper()
        if upper in REGION_CODES or upper.startswith("GEM"):
            area, area_label = item_code, item_label
            continue
        if upper in MONTH_CODES:
            month = re.sub(r"\D", "", item_code)
            if month and re.fullmatch(r"\d{4}", period):
                period = f"{period}-{int(month):02d}"
            elif item_label:
                period = f"{item_label} {period}"
            continue
        kind = kinds.get((upper, label))
        if (upper, label) not in kinds:
            kind = kinds[(upper, label)] = _dimension_of(upper, label)
        # An attribute Teilhabe does not break down by: carried as "?CODE" so the check can name it.
        categories.append((kind or f"?{code} ({label})" if label else kind or f"?{code}", item_code, item_label))
    return Record(line=line, period=period, categories=tuple(categories), value=cells[value_at],
                  flag=cells[quality] if quality is not None else "", area=area, area_label=area_label,
                  unit=cells[unit_at] if unit_at is not None else unit_text)
