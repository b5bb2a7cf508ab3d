"""Reading an XLSX measure list into a PlanDraft. Formulas are refused, every cell problem is collected."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from teilhabe.core.cleaning import find_problem, visible
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans.exchange import columns as cols
from teilhabe.plans.exchange.actors import (
    guess_org_unit_kind,
    guess_organisation_kind,
    kind_label,
    looks_like_office,
    match_kind,
    norm,
)
from teilhabe.plans.exchange.draft import ActorDraft, FieldDraft, GoalDraft, MeasureDraft, PlanDraft
from teilhabe.plans.exchange.problems import ImportRefused, Ref
from teilhabe.plans.exchange.values import (
    CellError,
    checked_text,
    clean_text,
    one_line,
    parse_colour,
    parse_cost,
    parse_date,
    parse_whole_number,
    parse_yes_no,
    split_goal_paths,
    split_leads,
    split_list,
)

MAX_DATA_ROWS = 20_000
HEADER_SEARCH_ROWS = 10

Cells = dict[str, Any]  # column key → raw cell value


def read_xlsx(data: bytes, filename: str = "") -> PlanDraft:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # whatever openpyxl trips over, the user gets one clear message
        raise ImportRefused(
            _("Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden.")
        ) from None
    try:
        return _read_workbook(workbook, filename)
    except ImportRefused:
        raise
    except Exception:  # malformed sheet XML surfaces only while iterating
        raise ImportRefused(
            _("Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden.")
        ) from None
    finally:
        workbook.close()


def _read_workbook(workbook: Any, filename: str) -> PlanDraft:
    draft = PlanDraft(source="xlsx", filename=filename)
    draft.column_names = {
        "measures": {c.key: c.header for c in cols.MEASURE_COLUMNS},
        "fields": {c.key: c.header for c in cols.FIELD_COLUMNS},
        "goals": {c.key: c.header for c in cols.GOAL_COLUMNS},
        "actors": {c.key: c.header for c in cols.ACTOR_COLUMNS},
        "plan": {key: label for key, label in cols.PLAN_KEYS},
    }
    by_name = {norm(name): name for name in workbook.sheetnames}
    aux = {norm(n) for n in (cols.HINTS_SHEET, cols.FIELDS_SHEET, cols.GOALS_SHEET, cols.ACTORS_SHEET,
                             cols.PLAN_SHEET)}
    measure_sheet = by_name.get(norm(cols.MEASURE_SHEET)) or by_name.get("massnahmen") or next(
        (name for name in workbook.sheetnames if norm(name) not in aux), None
    )
    if measure_sheet is None:
        raise ImportRefused(_("Die Arbeitsmappe enthält kein Tabellenblatt mit Maßnahmen."))

    if sheet := by_name.get(norm(cols.PLAN_SHEET)):
        for ref, cells in _rows(workbook[sheet], cols.PLAN_COLUMNS, draft, "plan_sheet", main=False):
            _read_plan_entry(ref, cells, draft)
    if sheet := by_name.get(norm(cols.FIELDS_SHEET)):
        for ref, cells in _rows(workbook[sheet], cols.FIELD_COLUMNS, draft, "fields", main=False):
            _read_field(ref, cells, draft)
    if sheet := by_name.get(norm(cols.GOALS_SHEET)):
        for ref, cells in _rows(workbook[sheet], cols.GOAL_COLUMNS, draft, "goals", main=False):
            _read_goal(ref, cells, draft)
    if sheet := by_name.get(norm(cols.ACTORS_SHEET)):
        for ref, cells in _rows(workbook[sheet], cols.ACTOR_COLUMNS, draft, "actors", main=False):
            _read_actor(ref, cells, draft)
    for ref, cells in _rows(workbook[measure_sheet], cols.MEASURE_COLUMNS, draft, "measures", main=True):
        _read_measure(ref, cells, draft)
    if not draft.measures and not draft.problems:
        draft.problems.add(_("Die Tabelle enthält keine Maßnahmen. Bitte tragen Sie ab der zweiten Zeile "
                             "unter der Kopfzeile je Maßnahme eine Zeile ein."))
    return draft


def _rows(sheet: Any, columns: tuple[cols.Column, ...], draft: PlanDraft, section: str,
          main: bool) -> Iterator[tuple[Ref, Cells]]:
    """Data rows below the header, as {key: value}; formulas are reported and left out."""
    index = cols.header_index(columns)
    header: dict[int, cols.Column] | None = None
    data_rows = 0
    seen_content = False
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if header is None:
            seen_content = seen_content or any(clean_text(c.value) for c in row)
            header = _header(row, index, number, columns, draft, sheet.title, main)
            if header is None and number >= HEADER_SEARCH_ROWS:
                _missing_header(columns, sheet.title, main, draft)
                return
            continue
        if not header:
            return
        cells: Cells = {}
        ref = Ref(sheet=sheet.title, row=number, main_sheet=main)
        for position, column in header.items():
            if position >= len(row):
                continue
            cell = row[position]
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
                draft.problems.add(
                    _("Formeln sind nicht erlaubt. Bitte ersetzen Sie die Formel durch ihren Wert "
                      "(Kopieren, Einfügen als Werte)."), ref, column.header)
                continue
            if isinstance(value, str):
                try:
                    value = checked_text(value, key=column.key)
                except CellError as error:
                    draft.problems.add(str(error), ref, column.header)
                    continue
            cells[column.key] = value
        if not cells:
            continue
        data_rows += 1
        if data_rows > MAX_DATA_ROWS:
            draft.problems.add(_("Die Tabelle hat mehr als %(n)s Zeilen. Bitte teilen Sie sie auf.")
                               % {"n": MAX_DATA_ROWS}, ref)
            return
        yield ref, cells
    if header is None and not seen_content:
        if main:
            draft.problems.add(_("Das Tabellenblatt „%(sheet)s“ ist leer.") % {"sheet": sheet.title})
    elif header is None:
        _missing_header(columns, sheet.title, main, draft)


def _header(row: tuple[Any, ...], index: dict[str, cols.Column], number: int, columns: tuple[cols.Column, ...],
            draft: PlanDraft, sheet_title: str, main: bool) -> dict[int, cols.Column] | None:
    """The header row is the first of the top rows that names every required column."""
    found: dict[int, cols.Column] = {}
    unknown: list[str] = []
    for position, cell in enumerate(row):
        text = clean_text(cell.value)
        if not text:
            continue
        if find_problem(text, multiline=False):  # never a known column; quoted in a warning, so made visible
            text = visible(text)
        column = index.get(cols.normalise_header(text))
        if column is None:
            unknown.append(text)
        elif column in found.values():
            ref = Ref(sheet=sheet_title, row=number, main_sheet=main)
            draft.problems.add(_("Die Spalte „%(col)s“ kommt in der Kopfzeile mehrfach vor.") % {"col": column.header},
                               ref, text)
        else:
            found[position] = column
    if not all(c in found.values() for c in columns if c.required):
        return None
    for text in unknown:
        draft.warnings.append(_("Die Spalte „%(col)s“ (Blatt „%(sheet)s“) ist unbekannt und wird nicht "
                                "eingelesen.") % {"col": text, "sheet": sheet_title})
    return found


def _missing_header(columns: tuple[cols.Column, ...], sheet_title: str, main: bool, draft: PlanDraft) -> None:
    required = ", ".join(f"„{c.header}“" for c in columns if c.required)
    draft.problems.add(
        _("Im Blatt „%(sheet)s“ wurde keine Kopfzeile gefunden. Die erste Zeile muss die Spaltennamen enthalten, "
          "mindestens %(required)s.") % {"sheet": sheet_title, "required": required},
        Ref(sheet=sheet_title, row=1, main_sheet=main),
    )


def _parse(draft: PlanDraft, ref: Ref, section: str, key: str, parse: Callable[[], Any], default: Any) -> Any:
    try:
        return parse()
    except CellError as error:
        draft.problems.add(str(error), ref, draft.column(section, key))
        return default


def _text(cells: Cells, key: str) -> str:
    return one_line(clean_text(cells.get(key)))


def _long_text(cells: Cells, key: str) -> str:
    return clean_text(cells.get(key)).replace("\r\n", "\n").replace("\r", "\n")


def _read_measure(ref: Ref, cells: Cells, draft: PlanDraft) -> None:
    p = lambda key, fn, default: _parse(draft, ref, "measures", key, fn, default)  # noqa: E731
    lead_parts, role_removed = split_leads(_long_text(cells, "lead"))
    measure_id = p("id", lambda: parse_whole_number(cells.get("id"), what=_("ID")), None)
    version = p("version", lambda: parse_whole_number(cells.get("version"), what=_("Version")), None)
    if measure_id is not None and version is None and "version" not in cells:
        draft.problems.add(_("Zur ID gehört die Version aus dem Export. Bitte übernehmen Sie die Spalte „Version“ "
                             "unverändert."), ref, draft.column("measures", "version"))
    draft.measures.append(MeasureDraft(
        ref=ref,
        id=measure_id,
        version=version,
        reference=_text(cells, "reference"),
        field=_text(cells, "field"),
        goals=p("goals", lambda: split_goal_paths(_long_text(cells, "goals")), []),
        title=_text(cells, "title"),
        description=_long_text(cells, "description"),
        lead=lead_parts[0].name if lead_parts else "",
        co_leads=[part.name for part in lead_parts[1:]],
        lead_parts=lead_parts,
        lead_cell="; ".join(line.strip() for line in _long_text(cells, "lead").splitlines() if line.strip()),
        lead_role_removed=role_removed,
        responsibility_note=_text(cells, "responsibility_note"),
        partners=split_list(_long_text(cells, "partners")),
        target_groups=split_list(_long_text(cells, "target_groups")),
        start=p("start", lambda: parse_date(cells.get("start"), is_end=False), None),
        end=p("end", lambda: parse_date(cells.get("end"), is_end=True), None),
        cost=p("cost", lambda: parse_cost(cells.get("cost")), None),
        funding=_long_text(cells, "funding"),
        key_project=p("key_project", lambda: parse_yes_no(cells.get("key_project")), False),
        status=_text(cells, "status"),
        indicators=split_list(_long_text(cells, "indicators")),
        gender_diversity=_long_text(cells, "gender_diversity"),
        links=split_list(_long_text(cells, "links")),
    ))


def _read_plan_entry(ref: Ref, cells: Cells, draft: PlanDraft) -> None:
    """One "Angabe | Wert" row of the sheet "Plan" (written by the export); unknown entries are ignored."""
    wanted = {cols.normalise_header(label): key for key, label in cols.PLAN_KEYS}
    key = wanted.get(cols.normalise_header(_text(cells, "key")))
    if key == "title":
        draft.title = _text(cells, "value")
    elif key == "description":
        draft.description = _long_text(cells, "value")
    elif key == "goal_level_names":
        draft.goal_level_names = [one_line(n) for n in _text(cells, "value").split(cols.PATH_SEPARATOR.strip())
                                  if one_line(n)]
    elif key == "edition":
        draft.edition_name = _text(cells, "value")


def _read_field(ref: Ref, cells: Cells, draft: PlanDraft) -> None:
    colour = _parse(draft, ref, "fields", "colour", lambda: parse_colour(cells.get("colour")), None)
    draft.fields.append(FieldDraft(title=_text(cells, "title"), description=_long_text(cells, "description"),
                                   colour=colour, ref=ref))


def _read_goal(ref: Ref, cells: Cells, draft: PlanDraft) -> None:
    paths = _parse(draft, ref, "goals", "path", lambda: split_goal_paths(_long_text(cells, "path")), [])
    if len(paths) > 1:
        draft.problems.add(_("Hier ist genau ein Zielpfad anzugeben."), ref, draft.column("goals", "path"))
        return
    draft.goals.append(GoalDraft(field=_text(cells, "field"), path=paths[0] if paths else (),
                                 description=_long_text(cells, "description"), ref=ref))


def _read_actor(ref: Ref, cells: Cells, draft: PlanDraft) -> None:
    name = _text(cells, "name")
    area = norm(_text(cells, "area"))
    kind_text = _text(cells, "kind")
    if area in {norm(cols.AREA_ORG_UNIT), "verwaltungseinheit", "org_unit"}:
        is_org_unit = True
    elif area in {norm(cols.AREA_ORGANISATION), "organisation", "organization"}:
        is_org_unit = False
    elif not area:
        is_org_unit = (match_kind(True, kind_text) is not None) if kind_text else looks_like_office(name)
    else:
        draft.problems.add(_("„%(value)s“ ist nicht erlaubt. Bitte „%(a)s“ oder „%(b)s“.") % {
            "value": _text(cells, "area"), "a": cols.AREA_ORG_UNIT, "b": cols.AREA_ORGANISATION},
            ref, draft.column("actors", "area"))
        return
    kind = match_kind(is_org_unit, kind_text) if kind_text else None
    if kind_text and kind is None:
        choices = OrgUnit.Kind if is_org_unit else Organisation.Kind
        allowed = ", ".join(f"„{kind_label(is_org_unit, c.value)}“" for c in choices)
        draft.problems.add(_("Die Art „%(value)s“ ist unbekannt. Erlaubt sind: %(allowed)s.")
                           % {"value": kind_text, "allowed": allowed}, ref, draft.column("actors", "kind"))
        return
    if kind is None:
        kind = guess_org_unit_kind(name) if is_org_unit else guess_organisation_kind(name)
    draft.actors.append(ActorDraft(
        name=name, is_org_unit=is_org_unit, kind=kind, parent=_text(cells, "parent"),
        short_name=_text(cells, "short_name"), website=_text(cells, "website"), ref=ref,
    ))
