"""The data of a reporting round as tables: XLSX (openpyxl, a bold header row, frozen below it, filters) and
CSV as German Excel opens it by double-click (UTF-8 with byte order mark, ";" between fields, CRLF at the
end of each line, text Excel would run as a formula prefixed with "'"). One row per report with every answer
field, from the MeasureReport rows only (the snapshot of a closed round). As in the report, the answer of a report
that is not accepted stays empty: nobody reads another office's draft or an answer Koordination has not
accepted. One query."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from teilhabe.plans.models import NormalisedStatus
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success

FIELDS = (
    "reference", "title", "field_title", "is_key_project", "lead_names", "state", "status_before_label",
    "status_label", "status_normalised", "success", "success_reason", "progress", "indicators", "indicator_values",
    "obstacles", "next_steps", "reached_total", "reached_women", "reached_men", "reached_diverse", "submitted_at",
    "reviewed_at",
)
ANSWER = frozenset({"status_label", "status_normalised", "success", "success_reason", "progress",
                    "indicator_values", "obstacles", "next_steps", "reached_total", "reached_women", "reached_men",
                    "reached_diverse"})
COLUMN_WIDTHS = (8, 40, 28, 10, 30, 14, 18, 18, 18, 18, 30, 60, 30, 30, 30, 30, 10, 10, 10, 10, 12, 12)


def header() -> list[str]:
    return [_("Nr."), _("Maßnahme"), _("Handlungsfeld"), _("Schlüsselprojekt"), _("Federführung"),
            _("Stand des Berichts"), _("Status bei Eröffnung der Runde"), _("Status"), _("Status (vergleichbar)"),
            _("Erfolg"), _("Begründung der Erfolgsbewertung"), _("Sachstand"), _("Erfolgsindikatoren"),
            _("Erreichte Werte der Erfolgsindikatoren"), _("Hindernisse"), _("Nächste Schritte"),
            _("Erreichte Personen insgesamt"), _("davon Frauen"), _("davon Männer"), _("davon divers"),
            _("eingereicht am"), _("angenommen am")]


def rows(round_: ReportingRound) -> Iterator[list[Any]]:
    """One row per report in plan order; numbers stay numbers, dates are dates."""
    states = {k: str(v) for k, v in MeasureReport.State.choices}
    successes = {k: str(v) for k, v in Success.choices}
    normalised = {k: str(v) for k, v in NormalisedStatus.choices}
    yes, no = _("ja"), _("nein")
    for values in (MeasureReport.objects.filter(round_id=round_.pk).order_by("field_position", "position", "pk")
                   .values(*FIELDS).iterator(chunk_size=1000)):
        accepted = values["state"] == MeasureReport.State.ACCEPTED
        if not accepted:
            values.update({name: None for name in ANSWER})
        yield [
            values["reference"], values["title"], values["field_title"], yes if values["is_key_project"] else no,
            values["lead_names"], states[values["state"]], values["status_before_label"],
            values["status_label"] or "", normalised.get(values["status_normalised"] or "", ""),
            successes.get(values["success"] or "", ""), values["success_reason"] or "", values["progress"] or "",
            "\n".join(str(i) for i in values["indicators"] or []),
            "\n".join(f"{i.get('indicator', '')}: {i.get('value', '')}" for i in values["indicator_values"] or []),
            values["obstacles"] or "", values["next_steps"] or "", values["reached_total"], values["reached_women"],
            values["reached_men"], values["reached_diverse"], _day(values["submitted_at"]) if accepted else None,
            _day(values["reviewed_at"]) if accepted else None,
        ]


def _day(moment: Any) -> Any:
    return timezone.localdate(moment) if moment is not None else None


def report_xlsx(round_: ReportingRound) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Berichte")[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[_column(index)].width = width
    bold = Font(bold=True)
    titles = []
    for text in header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    count = 0
    for row in rows(round_):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{_column(len(COLUMN_WIDTHS) - 1)}{count + 1}"
    workbook.properties.title = round_.title
    workbook.properties.language = "de-DE"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """Text that starts with "=" stays text (never a formula); dates read as German dates."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    return value


def _csv_value(value: Any) -> Any:
    """A CSV field as German Excel shows it: dates as 31.12.2025, nothing for an empty value, and text that
    Excel would run as a formula ("=", "+", "@", "-" followed by no number) kept as text by a leading "'"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and value and (value[0] in "=+@\t\r" or (
            value[0] == "-" and not value[1:2].isdigit() and value[1:2] != " ")):
        return "'" + value
    return value


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def report_csv(round_: ReportingRound) -> bytes:
    """UTF-8 with BOM and ";" as delimiter: what German Excel expects when the file is opened by double-click."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    for row in rows(round_):
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
