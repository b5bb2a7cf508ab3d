"""XLSX in the tidy layout: the first sheet, a header row (Year, dimension columns, Value, …) and one value per
row, read with openpyxl in read-only mode after the package checks (size, zip bomb, password)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.monitoring.imports import tidy
from teilhabe.monitoring.imports.problems import FileRefused
from teilhabe.monitoring.imports.records import Reading
from teilhabe.plans.exchange.filecheck import check_zip
from teilhabe.plans.exchange.problems import ImportRefused

MAX_ROWS = 1_100_000


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    return str(value)


def read(data: bytes) -> Reading:
    try:
        check_zip(data)
    except ImportRefused as refusal:
        raise FileRefused(refusal.problems.items[0].message if refusal.problems.items else str(refusal)) from None
    import openpyxl  # imported here: only XLSX imports need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken workbook; each gets the same answer
        raise FileRefused(_("Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden.")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise FileRefused(_("Das erste Tabellenblatt ist leer."))
    layout, roles = tidy.layout_of([cell_text(v) for v in header], "xlsx", decimal_comma=False)

    def numbered() -> Iterator[tuple[int, Sequence[str]]]:
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS:
                raise FileRefused(_("Das Tabellenblatt hat mehr als %(n)s Zeilen.") % {"n": MAX_ROWS})
            yield number, [cell_text(v) for v in values]
        workbook.close()

    return Reading(layout=layout, records=tidy.records_from_rows(numbered(), layout, roles))
