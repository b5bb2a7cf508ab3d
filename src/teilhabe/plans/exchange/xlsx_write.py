"""Writing the exchange workbook: the export of an edition and the empty template share one layout."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from teilhabe.plans.exchange import columns as cols
from teilhabe.plans.exchange.actors import kind_label
from teilhabe.plans.exchange.draft import MeasureDraft, PlanDraft
from teilhabe.plans.exchange.values import format_goal_path
from teilhabe.plans.models import NormalisedStatus

VALIDATION_ROWS = 5000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD.MM.YYYY"
COST_FORMAT = '#,##0.00 "€"'


def _put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one cell; text that starts with "=" stays text and never becomes a formula."""
    if value in ("", None, []):
        return
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be stored in XLSX
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.number_format = COST_FORMAT
    elif isinstance(value, str) and "\n" in value:
        cell.alignment = WRAP


def _header(ws: Worksheet, columns: Sequence[cols.Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"


def _measure_row(m: MeasureDraft) -> dict[str, Any]:
    return {
        "id": m.id, "version": m.version,
        "reference": m.reference, "field": m.field, "goals": "\n".join(format_goal_path(p) for p in m.goals),
        "title": m.title, "description": m.description,
        "lead": f"{cols.LIST_SEPARATOR} ".join(n for n in [m.lead, *m.co_leads] if n),
        "responsibility_note": m.responsibility_note,
        "partners": f"{cols.LIST_SEPARATOR} ".join(m.partners),
        "target_groups": f"{cols.LIST_SEPARATOR} ".join(m.target_groups),
        "start": m.start, "end": m.end if m.end or not m.start else "laufend", "cost": m.cost,
        "funding": m.funding, "key_project": "ja" if m.key_project else "nein", "status": m.status,
        "indicators": f"{cols.LIST_SEPARATOR} ".join(m.indicators), "gender_diversity": m.gender_diversity,
        "links": f"{cols.LIST_SEPARATOR} ".join(m.links),
    }


def write_xlsx(draft: PlanDraft, *, status_words: Sequence[tuple[str, str]]) -> bytes:
    """The workbook: Maßnahmen (one row each), Hinweise, and Handlungsfelder / Ziele / Beteiligte, which
    carry what a measure row cannot (order, descriptions, colours, goals without measures, kinds)."""
    with translation.override("de"):
        workbook = Workbook()
        ws = workbook.active
        assert ws is not None
        ws.title = cols.MEASURE_SHEET
        _header(ws, cols.MEASURE_COLUMNS)
        for row, measure in enumerate(draft.measures, start=2):
            values = _measure_row(measure)
            for index, column in enumerate(cols.MEASURE_COLUMNS, start=1):
                _put(ws, row, index, values[column.key])
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols.MEASURE_COLUMNS))}{max(len(draft.measures) + 1, 2)}"
        _hints(workbook, status_words)
        _validations(ws, len(status_words))
        _fields_sheet(workbook, draft)
        _goals_sheet(workbook, draft)
        _actors_sheet(workbook, draft)
        if draft.source == "export":
            _plan_sheet(workbook, draft)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _letter(key: str) -> str:
    index = next(i for i, c in enumerate(cols.MEASURE_COLUMNS, start=1) if c.key == key)
    return get_column_letter(index)


def _validations(ws: Worksheet, status_count: int) -> None:
    if status_count:
        status = DataValidation(
            type="list", formula1=f"'{cols.HINTS_SHEET}'!$E$2:$E${status_count + 1}", allow_blank=True,
            showErrorMessage=True, errorTitle=_("Unbekannter Status"),
            error=_("Bitte wählen Sie einen Statuswert Ihrer Kommune (siehe Blatt „Hinweise“)."),
        )
        status.add(f"{_letter('status')}2:{_letter('status')}{VALIDATION_ROWS}")
        ws.add_data_validation(status)
    key = DataValidation(type="list", formula1='"ja,nein"', allow_blank=True, showErrorMessage=True,
                         errorTitle=_("Schlüsselprojekt"), error=_("Bitte „ja“ oder „nein“."))
    key.add(f"{_letter('key_project')}2:{_letter('key_project')}{VALIDATION_ROWS}")
    ws.add_data_validation(key)


def _hints(workbook: Workbook, status_words: Sequence[tuple[str, str]]) -> None:
    ws = workbook.create_sheet(cols.HINTS_SHEET)
    for index, (title, width) in enumerate([(_("Spalte"), 22), (_("Pflicht"), 10), (_("Erläuterung"), 90),
                                            ("", 3), (_("Statuswerte"), 36), (_("entspricht"), 32)], start=1):
        cell = ws.cell(row=1, column=index, value=title or None)
        cell.font = HEADER_FONT
        ws.column_dimensions[get_column_letter(index)].width = width
    row = 2
    for column in cols.MEASURE_COLUMNS:
        ws.cell(row=row, column=1, value=column.header)
        ws.cell(row=row, column=2, value=_("ja") if column.required else _("nein"))
        ws.cell(row=row, column=3, value=str(column.hint)).alignment = WRAP
        row += 1
    notes = [
        _("Eine Zeile je Maßnahme. Die Kopfzeile muss erhalten bleiben; die Reihenfolge der Spalten ist beliebig. "
          "Formeln und HTML sind nicht erlaubt."),
        _("Der Import ist vollständig oder gar nicht: Enthält die Datei einen Fehler, wird nichts übernommen, und "
          "jede fehlerhafte Zelle wird mit Zeile und Spalte genannt. Vor dem Übernehmen zeigt eine Vorschau, "
          "was neu angelegt wird."),
        _("Die Blätter „%(fields)s“, „%(goals)s“ und „%(actors)s“ sind optional: Sie legen Reihenfolge, "
          "Beschreibung und Farbe der Handlungsfelder fest, Ziele mit Beschreibung (auch ohne Maßnahmen) und "
          "die Art der Beteiligten (Bereich „%(unit)s“ oder „%(org)s“, übergeordnete Einheit).") % {
            "fields": cols.FIELDS_SHEET, "goals": cols.GOALS_SHEET, "actors": cols.ACTORS_SHEET,
            "unit": cols.AREA_ORG_UNIT, "org": cols.AREA_ORGANISATION},
    ]
    row += 1
    for note in notes:
        ws.cell(row=row, column=3, value=note).alignment = WRAP
        row += 1
    labels = dict(NormalisedStatus.choices)
    for index, (label, normalised) in enumerate(status_words, start=2):
        ws.cell(row=index, column=5, value=label)
        ws.cell(row=index, column=6, value=str(labels.get(normalised, normalised)))


def _fields_sheet(workbook: Workbook, draft: PlanDraft) -> None:
    ws = workbook.create_sheet(cols.FIELDS_SHEET)
    _header(ws, cols.FIELD_COLUMNS)
    for row, field in enumerate(draft.fields, start=2):
        for index, value in enumerate([field.title, field.description, field.colour], start=1):
            _put(ws, row, index, value)


def _goals_sheet(workbook: Workbook, draft: PlanDraft) -> None:
    ws = workbook.create_sheet(cols.GOALS_SHEET)
    _header(ws, cols.GOAL_COLUMNS)
    for row, goal in enumerate(draft.goals, start=2):
        for index, value in enumerate([goal.field, format_goal_path(goal.path), goal.description], start=1):
            _put(ws, row, index, value)


def _plan_sheet(workbook: Workbook, draft: PlanDraft) -> None:
    """The plan's name, description and goal levels, so that an import into another municipality (or a new
    plan) is named as the plan it came from; "Ausgabe" names the edition the IDs belong to."""
    ws = workbook.create_sheet(cols.PLAN_SHEET)
    _header(ws, cols.PLAN_COLUMNS)
    values = {"title": draft.title, "description": draft.description,
              "goal_level_names": cols.PATH_SEPARATOR.join(draft.goal_level_names), "edition": draft.edition_name}
    for row, (key, label) in enumerate(cols.PLAN_KEYS, start=2):
        _put(ws, row, 1, label)
        _put(ws, row, 2, values[key])


def _actors_sheet(workbook: Workbook, draft: PlanDraft) -> None:
    ws = workbook.create_sheet(cols.ACTORS_SHEET)
    _header(ws, cols.ACTOR_COLUMNS)
    for row, actor in enumerate(draft.actors, start=2):
        area = cols.AREA_ORG_UNIT if actor.is_org_unit else cols.AREA_ORGANISATION
        values = [actor.name, area, kind_label(actor.is_org_unit, actor.kind), actor.parent, actor.short_name,
                  actor.website]
        for index, value in enumerate(values, start=1):
            _put(ws, row, index, value)
