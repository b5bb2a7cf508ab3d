"""The JSON format of a whole plan ("teilhabe-plan", version 1), for handing a concept to another
municipality. Described by pydantic models; read into the same PlanDraft as an XLSX file, so the same
rules and messages apply. Documented in docs/plan-exchange.md."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from teilhabe.core.cleaning import find_problem, visible
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans.exchange.actors import match_kind
from teilhabe.plans.exchange.draft import ActorDraft, FieldDraft, GoalDraft, MeasureDraft, PlanDraft, StatusDraft
from teilhabe.plans.exchange.problems import ImportRefused, Problems, Ref
from teilhabe.plans.exchange.values import (
    CellError,
    checked_text,
    one_line,
    parse_colour,
    parse_cost,
    parse_date,
)
from teilhabe.plans.models import NormalisedStatus

FORMAT = "teilhabe-plan"
VERSION = 1
MAX_GOAL_DEPTH = 20


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class GoalNode(_Strict):
    title: str
    description: str = ""
    children: list[GoalNode] = Field(default_factory=list)


class FieldModel(_Strict):
    title: str
    description: str = ""
    colour: str | None = None
    goals: list[GoalNode] = Field(default_factory=list)


class OrgUnitModel(_Strict):
    name: str
    short_name: str = ""
    kind: str = OrgUnit.Kind.AMT.value
    parent: str | None = None


class OrganisationModel(_Strict):
    name: str
    kind: str = Organisation.Kind.OTHER.value
    website: str = ""


class StatusModel(_Strict):
    label: str
    normalised: str
    colour: str = "#6b7280"


class MeasureModel(_Strict):
    reference: str = ""
    field: str
    goals: list[list[str]] = Field(default_factory=list)
    title: str
    description: str = ""
    lead: str | None = None
    co_leads: list[str] = Field(default_factory=list)
    responsibility_note: str = ""
    partners: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    cost: str | int | float | None = None
    funding: str = ""
    key_project: bool = False
    status: str = ""
    indicators: list[str] = Field(default_factory=list)
    gender_diversity: str = ""
    links: list[str] = Field(default_factory=list)


class PlanModel(_Strict):
    title: str
    description: str = ""
    goal_level_names: list[str] = Field(default_factory=list)
    edition: str = ""


class SourceModel(BaseModel):
    """Informational only: where the file came from. Ignored on import."""

    model_config = ConfigDict(extra="allow")
    municipality: str = ""
    ags: str = ""


class PlanDocument(_Strict):
    format: str
    version: int
    exported_at: str | None = None
    source: SourceModel | None = None
    plan: PlanModel
    status_scheme: list[StatusModel] = Field(default_factory=list)
    org_units: list[OrgUnitModel] = Field(default_factory=list)
    organisations: list[OrganisationModel] = Field(default_factory=list)
    fields: list[FieldModel] = Field(default_factory=list)
    measures: list[MeasureModel] = Field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "Pflichtangabe fehlt.",
    "extra_forbidden": "Unbekannter Eintrag; bitte entfernen.",
    "string_type": "Hier wird Text erwartet.",
    "list_type": "Hier wird eine Liste erwartet.",
    "bool_type": "Hier wird true oder false erwartet.",
    "bool_parsing": "Hier wird true oder false erwartet.",
    "int_type": "Hier wird eine ganze Zahl erwartet.",
    "int_parsing": "Hier wird eine ganze Zahl erwartet.",
    "model_type": "Hier wird ein Objekt ({…}) erwartet.",
    "dict_type": "Hier wird ein Objekt ({…}) erwartet.",
}


def _loc_label(loc: Sequence[Any]) -> str:
    if len(loc) == 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        return Ref(sheet=loc[0], row=loc[1] + 1, is_json=True).where
    label = ""
    for part in loc:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _pydantic_problems(error: ValidationError) -> Problems:
    problems = Problems()
    seen: set[tuple[str, str]] = set()
    for item in error.errors():
        loc = [p for p in item["loc"] if not (isinstance(p, str) and p.startswith(("str", "int", "float")))
               or p in {"start", "end", "cost"}]
        column = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        where = _loc_label(loc[:-1] if column else loc)
        if (where, column) in seen:  # a union reports once per member type
            continue
        seen.add((where, column))
        message = _(_PYDANTIC_MESSAGES.get(item["type"], "Ungültiger Wert."))
        if not where and not column:
            message = _("Die Datei ist keine Teilhabe-Plandatei: %(message)s") % {"message": message}
        problems.add(message, Ref(sheet="", row=0, label=where) if where else None, column)
    return problems


def _checked(value: Any, loc: list[Any], problems: Problems) -> Any:
    """Every string of the document (keys too) through the input-cleaning layer (values.checked_text),
    before pydantic sees it; a forbidden character becomes a problem naming entry and key."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if find_problem(key, multiline=False):
                problems.add(_("Unbekannter Eintrag „%(key)s“; bitte entfernen.") % {"key": visible(key)},
                             _ref(loc))
                continue
            result[key] = _checked(item, [*loc, key], problems)
        return result
    if isinstance(value, list):
        return [_checked(item, [*loc, index], problems) for index, item in enumerate(value)]
    if isinstance(value, str):
        names = [part for part in loc if isinstance(part, str)]
        try:
            return checked_text(value, key=names[-1] if names else "")
        except CellError as error:
            where = loc
            while where and isinstance(where[-1], int):  # an item of a list: name the list
                where = where[:-1]
            column = str(where[-1]) if where else ""
            problems.add(str(error), _ref(where[:-1]), column)
    return value


def _ref(loc: Sequence[Any]) -> Ref | None:
    label = _loc_label(loc)
    return Ref(sheet="", row=0, label=label) if label else None


def read_json(data: bytes, filename: str = "") -> PlanDraft:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRefused(_("Die JSON-Datei ist nicht UTF-8-kodiert.")) from None
    except (ValueError, RecursionError) as error:
        position = f" (Zeile {error.lineno}, Spalte {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise ImportRefused(_("Die JSON-Datei ist beschädigt%(position)s.") % {"position": position}) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ImportRefused(_("Die JSON-Datei ist keine Teilhabe-Plandatei (erwartet: \"format\": \"%(format)s\").")
                            % {"format": FORMAT})
    problems = Problems()
    try:
        raw = _checked(raw, [], problems)
    except RecursionError:
        raise ImportRefused(_("Der Zielbaum ist zu tief verschachtelt.")) from None
    if problems:  # nothing else is read: later messages quote values
        raise ImportRefused(problems)
    if raw.get("version") != VERSION:
        raise ImportRefused(
            _("Die Version %(version)s des Formats wird nicht unterstützt (unterstützt: %(supported)s).")
            % {"version": raw.get("version"), "supported": VERSION})
    try:
        document = PlanDocument.model_validate(raw)
    except ValidationError as error:
        raise ImportRefused(_pydantic_problems(error)) from None
    except RecursionError:
        raise ImportRefused(_("Der Zielbaum ist zu tief verschachtelt.")) from None
    return document_to_draft(document, filename)


def document_to_draft(document: PlanDocument, filename: str = "") -> PlanDraft:
    draft = PlanDraft(
        source="json", filename=filename, title=one_line(document.plan.title),
        description=document.plan.description, goal_level_names=[one_line(n) for n in document.plan.goal_level_names],
        edition_name=one_line(document.plan.edition),
    )
    keys = {k: k for k in MeasureModel.model_fields}
    draft.column_names = {"measures": keys, "fields": {k: k for k in FieldModel.model_fields},
                          "goals": {"path": "title", "field": "title", "description": "description"},
                          "actors": {"name": "name", "kind": "kind", "parent": "parent", "website": "website",
                                     "short_name": "short_name"},
                          "statuses": {k: k for k in StatusModel.model_fields},
                          "plan": {k: k for k in PlanModel.model_fields}}
    _read_statuses(document, draft)
    _read_actors(document, draft)
    for index, field in enumerate(document.fields):
        ref = Ref(sheet="fields", row=index + 1, is_json=True)
        colour = _cell(draft, ref, "fields", "colour", lambda f=field: parse_colour(f.colour), None)  # type: ignore[misc]
        draft.fields.append(FieldDraft(title=one_line(field.title), description=field.description,
                                       colour=colour, ref=ref))
        _flatten_goals(field.goals, one_line(field.title), (), f"fields[{index}]", draft)
    for index, measure in enumerate(document.measures):
        _read_measure(measure, Ref(sheet="measures", row=index + 1, is_json=True), draft)
    return draft


def _cell(draft: PlanDraft, ref: Ref, section: str, key: str, parse: Any, default: Any) -> Any:
    try:
        return parse()
    except CellError as error:
        draft.problems.add(str(error), ref, draft.column(section, key))
        return default


def _read_statuses(document: PlanDocument, draft: PlanDraft) -> None:
    allowed = {choice.value for choice in NormalisedStatus}
    for index, status in enumerate(document.status_scheme):
        ref = Ref(sheet="status_scheme", row=index + 1, is_json=True)
        if status.normalised not in allowed:
            draft.problems.add(_("„%(value)s“ ist nicht erlaubt. Erlaubt sind: %(allowed)s.")
                               % {"value": status.normalised, "allowed": ", ".join(sorted(allowed))}, ref, "normalised")
            continue
        colour = _cell(draft, ref, "statuses", "colour", lambda s=status: parse_colour(s.colour), None)
        draft.statuses.append(StatusDraft(label=one_line(status.label), normalised=status.normalised,
                                          colour=colour or "#6b7280", ref=ref))


def _read_actors(document: PlanDocument, draft: PlanDraft) -> None:
    sections: list[tuple[bool, str, list[Any]]] = [(True, "org_units", document.org_units),
                                                   (False, "organisations", document.organisations)]
    for is_org_unit, section, entries in sections:
        for index, entry in enumerate(entries):
            ref = Ref(sheet=section, row=index + 1, is_json=True)
            kind = match_kind(is_org_unit, entry.kind)
            if kind is None:
                choices = OrgUnit.Kind if is_org_unit else Organisation.Kind
                allowed = ", ".join(c.value for c in choices)
                draft.problems.add(_("Die Art „%(value)s“ ist unbekannt. Erlaubt sind: %(allowed)s.")
                                   % {"value": entry.kind, "allowed": allowed}, ref, "kind")
                continue
            draft.actors.append(ActorDraft(
                name=one_line(entry.name), is_org_unit=is_org_unit, kind=kind,
                parent=one_line(getattr(entry, "parent", None) or ""),
                short_name=one_line(getattr(entry, "short_name", "")), website=getattr(entry, "website", ""), ref=ref,
            ))


def _flatten_goals(nodes: list[GoalNode], field: str, parent: tuple[str, ...], loc: str, draft: PlanDraft) -> None:
    for index, node in enumerate(nodes):
        node_loc = f"{loc}.goals[{index}]" if not parent else f"{loc}.children[{index}]"
        ref = Ref(sheet="", row=0, label=node_loc)
        if len(parent) >= MAX_GOAL_DEPTH:
            draft.problems.add(_("Der Zielbaum ist tiefer als %(n)s Ebenen.") % {"n": MAX_GOAL_DEPTH}, ref, "title")
            return
        path = (*parent, one_line(node.title))
        draft.goals.append(GoalDraft(field=field, path=path, description=node.description, ref=ref))
        _flatten_goals(node.children, field, path, node_loc, draft)


def _read_measure(measure: MeasureModel, ref: Ref, draft: PlanDraft) -> None:
    paths: list[tuple[str, ...]] = []
    for path in measure.goals:
        levels = tuple(one_line(level) for level in path)
        if not levels or any(not level for level in levels):
            draft.problems.add(_("Ein Zielpfad ist leer oder enthält eine leere Ebene."), ref, "goals")
        elif levels not in paths:
            paths.append(levels)
    cell = lambda key, fn, default: _cell(draft, ref, "measures", key, fn, default)  # noqa: E731
    draft.measures.append(MeasureDraft(
        ref=ref, reference=one_line(measure.reference), field=one_line(measure.field), goals=paths,
        title=one_line(measure.title), description=measure.description, lead=one_line(measure.lead or ""),
        co_leads=_unique(measure.co_leads), responsibility_note=one_line(measure.responsibility_note),
        partners=_unique(measure.partners), target_groups=_unique(measure.target_groups),
        start=cell("start", lambda: parse_date(measure.start, is_end=False), None),
        end=cell("end", lambda: parse_date(measure.end, is_end=True), None),
        cost=cell("cost", lambda: parse_cost(measure.cost), None),
        funding=measure.funding, key_project=measure.key_project, status=one_line(measure.status),
        indicators=_unique(measure.indicators), gender_diversity=measure.gender_diversity,
        links=_unique(measure.links),
    ))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        text = one_line(item)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            result.append(text)
    return result


# --- writing ---------------------------------------------------------------------------------------

def draft_to_document(draft: PlanDraft) -> PlanDocument:
    return PlanDocument(
        format=FORMAT, version=VERSION,
        plan=PlanModel(title=draft.title, description=draft.description,
                       goal_level_names=list(draft.goal_level_names), edition=draft.edition_name),
        status_scheme=[StatusModel(label=s.label, normalised=s.normalised, colour=s.colour) for s in draft.statuses],
        org_units=[OrgUnitModel(name=a.name, short_name=a.short_name, kind=a.kind, parent=a.parent or None)
                   for a in draft.actors if a.is_org_unit],
        organisations=[OrganisationModel(name=a.name, kind=a.kind, website=a.website)
                       for a in draft.actors if not a.is_org_unit],
        fields=[FieldModel(title=f.title, description=f.description, colour=f.colour,
                           goals=_goal_tree(draft, f.title)) for f in draft.fields],
        measures=[_measure_model(m) for m in draft.measures],
    )


def _goal_tree(draft: PlanDraft, field: str) -> list[GoalNode]:
    roots: list[GoalNode] = []
    nodes: dict[tuple[str, ...], GoalNode] = {}
    for goal in draft.goals:
        if goal.field != field:
            continue
        node = GoalNode(title=goal.path[-1], description=goal.description)
        nodes[goal.path] = node
        parent = nodes.get(goal.path[:-1])
        (parent.children if parent else roots).append(node)
    return roots


def _measure_model(m: MeasureDraft) -> MeasureModel:
    return MeasureModel(
        reference=m.reference, field=m.field, goals=[list(p) for p in m.goals], title=m.title,
        description=m.description, lead=m.lead or None, co_leads=m.co_leads,
        responsibility_note=m.responsibility_note, partners=m.partners, target_groups=m.target_groups,
        start=m.start.isoformat() if m.start else None, end=m.end.isoformat() if m.end else None,
        cost=f"{m.cost:.2f}" if m.cost is not None else None, funding=m.funding, key_project=m.key_project,
        status=m.status, indicators=m.indicators, gender_diversity=m.gender_diversity, links=m.links,
    )


def write_json(draft: PlanDraft, *, municipality_name: str = "", ags: str = "",
               now: dt.datetime | None = None) -> bytes:
    document = draft_to_document(draft)
    document.exported_at = (now or timezone.now()).isoformat(timespec="seconds")
    document.source = SourceModel(municipality=municipality_name, ags=ags)
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8")


__all__ = ["FORMAT", "VERSION", "PlanDocument", "read_json", "write_json"]
