"""Plans, editions, the plan tree and measures in the REST API, for members of a municipality.

GET    /api/v1/{municipality}/plans                        plans with their editions
GET    /api/v1/{municipality}/editions/{edition_id}/tree   fields → goals → measures of an edition
GET    /api/v1/{municipality}/measures                     filtered, sorted, paginated measure list
POST   /api/v1/{municipality}/measures                     create (Koordination)
GET    /api/v1/{municipality}/measures/{measure_id}        one measure with everything
PATCH  /api/v1/{municipality}/measures/{measure_id}        change some fields (needs `version`)
DELETE /api/v1/{municipality}/measures/{measure_id}        delete (Koordination, needs ?version=)
GET    /api/v1/{municipality}/measures/{measure_id}/history  the recorded changes

The endpoints only translate: reads go through teilhabe.plans.selectors, writes through
teilhabe.plans.services, which check permissions, versions and record the history. Errors of the services
become answers in teilhabe.api.main (400, 403, 404, 409, 422)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any, Literal, cast

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict, model_validator

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.schemas import ERRORS_READ, ERRORS_WRITE, MAX_ID, MAX_VERSION, Id, Out, PlainText, RefOut
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.plans import selectors, services
from teilhabe.plans.editions import plans_with_editions
from teilhabe.plans.links import as_link
from teilhabe.plans.models import (
    DEFAULT_GOAL_LEVELS,
    Edition,
    FieldOfAction,
    Goal,
    Measure,
    NormalisedStatus,
    Plan,
    StatusOption,
    TargetGroup,
)
from teilhabe.plans.permissions import EDIT_MEASURE, EDIT_PLAN
from teilhabe.plans.selectors import MeasureDetail, MeasureFilters, TreeField, TreeGoal, TreeMeasure

router = Router(tags=["Pläne und Maßnahmen"], auth=MemberSessionAuth())

MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000
MAX_LIST_ITEMS = 200
MAX_LINES = 50
MAX_LONG_TEXT = 20_000

NormalisedValue = Literal["planned", "in_progress", "completed", "routine", "discontinued"]
EditionStatus = Literal["draft", "adopted", "archived"]
# The sort keys of plans.selectors.SORT_KEYS, ascending or descending (a test keeps them in step).
MeasureOrdering = Literal[
    "reference", "-reference", "title", "-title", "field", "-field", "status", "-status",
    "lead", "-lead", "start", "-start", "end", "-end",
]
Slug = Annotated[str, Path(description="Kurzbezeichnung der Kommune, z. B. heidelberg / the municipality's slug")]
MeasureIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id der Maßnahme / measure id")]


# --- output schemas ----------------------------------------------------------------------------------------


class EditionOut(Out):
    id: int
    name: str = Field(description="Bezeichnung der Ausgabe, z. B. „Fortschreibung 2025“ / edition name")
    status: EditionStatus = Field(description="Entwurf, beschlossen, archiviert / draft, adopted, archived")
    status_label: str = Field(description="Status auf Deutsch / status in German")
    adopted_on: dt.date | None = Field(description="Datum des Ratsbeschlusses / date of the council decision")
    council_reference: str = Field(description="Drucksache des Beschlusses / reference of the council decision")
    predecessor_id: int | None = Field(description="Ausgabe, aus der diese fortgeschrieben wurde / "
                                                   "edition this one was copied from (Fortschreibung)")
    measure_count: int = Field(description="Zahl der Maßnahmen / number of measures")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")


class PlanOut(Out):
    id: int
    title: str = Field(description="Titel, z. B. „Kommunaler Integrationsplan“ / title")
    description: str = Field(description="Beschreibung / description")
    goal_level_names: list[str] = Field(description="Namen der Zielebenen von oben nach unten / "
                                                    "names of the goal levels, top down")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")
    editions: list[EditionOut] = Field(description="Ausgaben, älteste zuerst / editions, oldest first")


class EditionRefOut(Out):
    id: int
    name: str = Field(description="Bezeichnung der Ausgabe / edition name")
    status: EditionStatus = Field(description="Entwurf, beschlossen, archiviert / draft, adopted, archived")
    plan_id: int = Field(description="Id des Plans / plan id")
    plan_title: str = Field(description="Titel des Plans / plan title")


class TreeMeasureOut(Out):
    id: int
    title: str = Field(description="Titel der Maßnahme / title of the measure")
    reference: str = Field(description="Nummer der Maßnahme / measure number")
    status_label: str = Field(description="Status im Schema der Kommune / status in the municipality's words")
    status: NormalisedValue = Field(description="Vereinheitlichter Status / normalised status")
    lead: str = Field(description="Federführung (Name) / lead (name)")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")


class TreeGoalOut(Out):
    id: int
    title: str = Field(description="Titel des Ziels / title of the goal")
    depth: int = Field(description="Ebene, 0 = oberste / level, 0 = top")
    level_name: str = Field(description="Name der Ebene, z. B. Leitziel / name of the level")
    children: list[TreeGoalOut] = Field(description="Unterziele / sub-goals")
    measures: list[TreeMeasureOut] = Field(description="Maßnahmen zu diesem Ziel / measures linked to this goal")


class TreeFieldOut(Out):
    id: int
    title: str = Field(description="Titel des Handlungsfelds / title of the field of action")
    description: str = Field(description="Beschreibung / description")
    colour: str = Field(description="Farbe (#rrggbb) / colour")
    measure_count: int = Field(description="Maßnahmen im Handlungsfeld / measures in this field")
    goals: list[TreeGoalOut] = Field(description="Zielbaum / goal tree")
    measures: list[TreeMeasureOut] = Field(description="Maßnahmen ohne Ziel in diesem Feld / "
                                                       "measures without a goal in this field")


class TreeOut(Out):
    edition: EditionRefOut
    goal_level_names: list[str] = Field(description="Namen der Zielebenen / names of the goal levels")
    measure_count: int = Field(description="Maßnahmen der Ausgabe / measures of the edition")
    fields: list[TreeFieldOut] = Field(description="Handlungsfelder in ihrer Reihenfolge / fields of action")


class StatusOut(Out):
    id: int = Field(description="Id der Statusoption (für status_id) / id of the status option")
    label: str = Field(description="Status im Schema der Kommune / status in the municipality's words")
    normalised: NormalisedValue = Field(description="Vereinheitlichter Status / normalised status")
    normalised_label: str = Field(description="Vereinheitlichter Status auf Deutsch / normalised status in German")


class LeadOut(Out):
    kind: Literal["org_unit", "organisation"] = Field(description="Verwaltungseinheit oder Organisation / "
                                                                  "org unit or organisation")
    id: int
    name: str = Field(description="Name / name")
    key: str = Field(description="Filterwert für ?lead=: u<id> oder o<id> / value for the lead filter")


class MeasureListItemOut(Out):
    id: int
    reference: str = Field(description="Nr. / number")
    title: str = Field(description="Titel / title")
    field: RefOut = Field(description="Handlungsfeld / field of action")
    status: StatusOut
    lead: LeadOut | None = Field(description="Federführung / lead")
    start_date: dt.date | None = Field(description="Beginn / start")
    end_date: dt.date | None = Field(description="Ende; null = laufend / end, null = ongoing")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")


class MeasurePageOut(Out):
    edition_id: int | None = Field(description="Ausgabe der Liste; null, wenn es noch keinen Plan gibt / "
                                               "edition listed, null if there is no plan yet")
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite (eine Seite hinter dem Ende ergibt die letzte) / this page "
                                  "(a page past the end gives the last one)")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    next_page: int | None = Field(description="Nächste Seite oder null / next page or null")
    previous_page: int | None = Field(description="Vorige Seite oder null / previous page or null")
    items: list[MeasureListItemOut] = Field(description="Die Maßnahmen dieser Seite / the measures of this page")


class GoalRefOut(Out):
    id: int
    title: str = Field(description="Titel des Ziels / title of the goal")
    field_id: int = Field(description="Handlungsfeld (Id) / field of action")
    parent_id: int | None = Field(description="Übergeordnetes Ziel (Id), null = oberste Ebene / parent goal")
    depth: int = Field(description="Ebene, 0 = oberste / level, 0 = top")
    level_name: str = Field(description="Name der Ebene, z. B. Handlungsziel / name of the level")


class LinkOut(Out):
    title: str = Field(description="Titel (sonst die Adresse) / title (else the address)")
    url: str = Field(description="Adresse / address")


class MeasurePermissionsOut(Out):
    edit: bool = Field(description="Darf die Maßnahme ändern / may change the measure")
    edit_responsibility: bool = Field(description="Darf Handlungsfeld, Federführung und Partner ändern / "
                                                  "may change field, lead and partners")
    delete: bool = Field(description="Darf die Maßnahme löschen / may delete the measure")


class MeasureOut(Out):
    id: int
    plan_id: int = Field(description="Plan (Id) / plan")
    edition_id: int = Field(description="Ausgabe (Id) / edition")
    reference: str = Field(description="Nr. / number")
    title: str = Field(description="Titel / title")
    description: str = Field(description="Beschreibung / description")
    field: RefOut = Field(description="Handlungsfeld / field of action")
    goals: list[GoalRefOut] = Field(description="Ziele mit ihrer Ebene / goals with their level")
    lead: LeadOut | None = Field(description="Federführung / lead")
    lead_org_unit_id: int | None = Field(description="Federführende Verwaltungseinheit / leading org unit")
    lead_organisation_id: int | None = Field(description="Federführende Organisation / leading organisation")
    partner_org_units: list[RefOut] = Field(description="Partner in der Verwaltung / partner org units")
    partner_organisations: list[RefOut] = Field(description="Partnerorganisationen / partner organisations")
    target_groups: list[RefOut] = Field(description="Zielgruppen / target groups")
    start_date: dt.date | None = Field(description="Beginn / start")
    end_date: dt.date | None = Field(description="Ende; null = laufend / end, null = ongoing")
    cost_estimate: str | None = Field(description="Geschätzte Kosten in EUR als Dezimalzahl, z. B. \"12500.00\" / "
                                                  "estimated cost in EUR")
    funding: str = Field(description="Finanzierung / funding sources")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    status: StatusOut
    gender_diversity_note: str = Field(description="Gender- und Diversity-Aspekte / gender and diversity note")
    indicators: list[str] = Field(description="Erfolgsindikatoren / success indicators")
    links: list[LinkOut] = Field(description="Links")
    predecessor_id: int | None = Field(description="Maßnahme der vorigen Ausgabe / measure in the previous edition")
    created_at: dt.datetime = Field(description="Angelegt / created")
    updated_at: dt.datetime = Field(description="Zuletzt geändert / last changed")
    version: int = Field(description="Für PATCH und DELETE mitzusenden / send with PATCH and DELETE")
    permissions: MeasurePermissionsOut = Field(description="Was die angemeldete Person darf / "
                                                           "what the signed-in user may do")


class FieldChangeOut(Out):
    field: str = Field(description="Feldname / field name")
    label: str = Field(description="Feldbezeichnung auf Deutsch / field label in German")
    old: Any = Field(description="Alter Wert (lesbar) / old value (readable)")
    new: Any = Field(description="Neuer Wert (lesbar) / new value (readable)")


class HistoryEntryOut(Out):
    id: int
    at: dt.datetime = Field(description="Zeitpunkt / time")
    action: str = Field(description="create, update, delete, import, move")
    action_label: str = Field(description="Aktion auf Deutsch / action in German")
    by: str | None = Field(description="Wer (Name); null = System / who; null = the system")
    version: int | None = Field(description="Version nach der Änderung / version after the change")
    changes: list[FieldChangeOut] = Field(description="Geänderte Felder / changed fields")


# --- input schemas ------------------------------------------------------------------------------------------


def _http_url(value: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValueError(_("Keine gültige Adresse (http:// oder https://).")) from None
    return value


class LinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: PlainText = Field("", max_length=200, description="Titel; leer = Adresse / title, empty = the address")
    url: Annotated[str, AfterValidator(_http_url)] = Field(max_length=500, description="http(s)-Adresse / address")


Indicator = Annotated[PlainText, Field(min_length=1, max_length=500)]
# Fields not sent are left alone (see _sent); typed Any so that a field whose type refuses null may default to it.
NOT_SENT: Any = None


class MeasureFields(Schema):
    """Bearbeitbare Felder einer Maßnahme. Beziehungen als Ids; sie müssen zur Kommune gehören (Ziele und
    Handlungsfeld zur Ausgabe der Maßnahme), sonst 422. / The editable fields of a measure; related objects by
    id, which must belong to the municipality (goals and field: to the measure's edition), else 422."""

    model_config = ConfigDict(extra="forbid")

    reference: PlainText = Field(NOT_SENT, max_length=30, description="Nr. / number")
    title: PlainText = Field(NOT_SENT, min_length=1, max_length=300, description="Titel / title")
    description: PlainText = Field(NOT_SENT, max_length=MAX_LONG_TEXT, description="Beschreibung / description")
    field_id: Id = Field(NOT_SENT, description="Handlungsfeld (Id) / field of action")
    goal_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS, description="Ziele (Ids) / goals")
    lead_org_unit_id: Id | None = Field(
        NOT_SENT, description="Federführende Verwaltungseinheit (Id); setzt lead_organisation_id auf null, wenn jene "
                          "nicht mitgesendet wird / leading org unit; clears lead_organisation_id unless sent too")
    lead_organisation_id: Id | None = Field(
        NOT_SENT, description="Federführende Organisation (Id); setzt lead_org_unit_id auf null, wenn jene nicht "
                          "mitgesendet wird / leading organisation; clears lead_org_unit_id unless sent too")
    partner_org_unit_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS,
                                           description="Partner in der Verwaltung (Ids) / partner org units")
    partner_organisation_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS,
                                               description="Partnerorganisationen (Ids) / partner organisations")
    target_group_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS, description="Zielgruppen (Ids) / "
                                                                                     "target groups")
    start_date: dt.date | None = Field(NOT_SENT, description="Beginn (JJJJ-MM-TT) / start")
    end_date: dt.date | None = Field(NOT_SENT, description="Ende (JJJJ-MM-TT); null = laufend / end, null = ongoing")
    cost_estimate: Decimal | None = Field(NOT_SENT, ge=0, max_digits=14, decimal_places=2,
                                          description="Geschätzte Kosten in EUR / estimated cost in EUR")
    funding: PlainText = Field(NOT_SENT, max_length=500, description="Finanzierung / funding")
    is_key_project: bool = Field(NOT_SENT, description="Schlüsselprojekt / key project")
    status_id: Id = Field(NOT_SENT, description="Status: Id einer Statusoption der Kommune / id of a status option")
    gender_diversity_note: PlainText = Field(NOT_SENT, max_length=MAX_LONG_TEXT,
                                             description="Gender- und Diversity-Aspekte / gender and diversity note")
    indicators: list[Indicator] = Field(NOT_SENT, max_length=MAX_LINES,
                                        description="Erfolgsindikatoren, je einer ein Text / success indicators")
    links: list[LinkIn] = Field(NOT_SENT, max_length=MAX_LINES, description="Links")

    @model_validator(mode="after")
    def _one_lead(self) -> MeasureFields:
        if self.lead_org_unit_id is not None and self.lead_organisation_id is not None:
            raise ValueError(_("Die Federführung liegt entweder bei einer Verwaltungseinheit oder bei einer "
                               "Organisation."))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(_("Das Ende liegt vor dem Beginn."))
        return self


class MeasurePatchIn(MeasureFields):
    """Nur die mitgesendeten Felder werden geändert. `version` ist die gelesene Version; hat jemand anderes
    seither gespeichert, antwortet die API mit 409 und dessen Änderungen. / Only the fields sent are changed;
    `version` is the version you read (409 with the other person's changes if someone saved since)."""

    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class MeasureCreateIn(MeasureFields):
    """Eine neue Maßnahme: Ausgabe, Titel und Handlungsfeld sind Pflicht. / A new measure: edition, title and
    field of action are required."""

    edition_id: Id = Field(description="Ausgabe, in die die Maßnahme kommt / edition of the new measure")
    title: PlainText = Field(min_length=1, max_length=300, description="Titel / title")
    field_id: Id = Field(description="Handlungsfeld (Id) / field of action")


class MeasureQuery(Schema):
    edition: Id | None = Field(None, description="Ausgabe (Id); sonst die aktuelle Arbeitsausgabe / "
                                                 "edition; default: the current working edition")
    field: Id | None = Field(None, description="Handlungsfeld (Id) / field of action")
    goal: Id | None = Field(None, description="Ziel (Id), mit seinen Unterzielen / goal, with its sub-goals")
    lead: str | None = Field(None, pattern=r"^[uo][0-9]{1,10}$",
                             description="Federführung: u<Id> (Verwaltungseinheit) oder o<Id> (Organisation) / "
                                         "lead: u<id> org unit, o<id> organisation")
    status: Id | None = Field(None, description="Statusoption (Id) / status option")
    key_project: bool | None = Field(None, description="Nur Schlüsselprojekte (true) oder keine (false) / "
                                                       "key projects only, or none")
    q: str | None = Field(None, max_length=200, description="Freitext in Nr., Titel und Beschreibung / "
                                                            "free text in number, title, description")
    ordering: MeasureOrdering = Field("field", description="Sortierung; „-“ davor = absteigend / "
                                                           "sort key, '-' = descending")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(selectors.PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 200) / items per page (at most 200)")


# --- building the answers -------------------------------------------------------------------------------------


def _level_names(plan: Plan) -> list[str]:
    return list(plan.goal_level_names or DEFAULT_GOAL_LEVELS)


def _edition_out(edition: Edition) -> EditionOut:
    return EditionOut(
        id=edition.pk, name=edition.name, status=cast(EditionStatus, edition.status),
        status_label=edition.get_status_display(),
        adopted_on=edition.adopted_on, council_reference=edition.council_reference,
        predecessor_id=edition.predecessor_id, measure_count=getattr(edition, "measure_count", 0),
        version=edition.version,
    )


def _tree_measure(m: TreeMeasure) -> TreeMeasureOut:
    return TreeMeasureOut(id=m.id, title=m.title, reference=m.reference, status_label=m.status_label,
                          status=cast(NormalisedValue, m.status_normalised), lead=m.lead,
                          is_key_project=m.is_key_project)


def _tree_goal(g: TreeGoal) -> TreeGoalOut:
    return TreeGoalOut(id=g.id, title=g.title, depth=g.depth, level_name=g.level_name,
                       children=[_tree_goal(c) for c in g.children],
                       measures=[_tree_measure(m) for m in g.measures])


def _tree_field(f: TreeField) -> TreeFieldOut:
    return TreeFieldOut(id=f.id, title=f.title, description=f.description, colour=f.colour,
                        measure_count=f.measure_count, goals=[_tree_goal(g) for g in f.goals],
                        measures=[_tree_measure(m) for m in f.measures])


def _status_out(status: StatusOption) -> StatusOut:
    return StatusOut(id=status.pk, label=status.label, normalised=cast(NormalisedValue, status.normalised),
                     normalised_label=str(NormalisedStatus(status.normalised).label))


def _lead_out(measure: Measure) -> LeadOut | None:
    if measure.lead_org_unit is not None:
        unit = measure.lead_org_unit
        return LeadOut(kind="org_unit", id=unit.pk, name=unit.name, key=f"u{unit.pk}")
    if measure.lead_organisation is not None:
        org = measure.lead_organisation
        return LeadOut(kind="organisation", id=org.pk, name=org.name, key=f"o{org.pk}")
    return None


def _list_item(measure: Measure) -> MeasureListItemOut:
    return MeasureListItemOut(
        id=measure.pk, reference=measure.reference, title=measure.title,
        field=RefOut(id=measure.field_id, name=measure.field.title), status=_status_out(measure.status),
        lead=_lead_out(measure), start_date=measure.start_date, end_date=measure.end_date,
        is_key_project=measure.is_key_project, version=measure.version,
    )


def _links(links: Any) -> list[LinkOut]:
    return [LinkOut(**as_link(link)) for link in links or []]


def _refs(objs: Iterable[Any], attr: str = "name") -> list[RefOut]:
    return [RefOut(id=o.pk, name=getattr(o, attr)) for o in objs]


def _measure_out(detail: MeasureDetail, actor: Actor) -> MeasureOut:
    m = detail.measure
    open_edition = m.edition.status != Edition.Status.ARCHIVED
    can_edit = open_edition and actor.can(EDIT_MEASURE, m)
    can_plan = open_edition and actor.can(EDIT_PLAN)
    return MeasureOut(
        id=m.pk, plan_id=m.edition.plan_id, edition_id=m.edition_id, reference=m.reference, title=m.title,
        description=m.description, field=RefOut(id=m.field_id, name=m.field.title),
        goals=[GoalRefOut(id=g.id, title=g.title, field_id=g.field_id, parent_id=g.parent_id, depth=g.depth,
                          level_name=g.level_name) for g in detail.goals],
        lead=_lead_out(m), lead_org_unit_id=m.lead_org_unit_id, lead_organisation_id=m.lead_organisation_id,
        partner_org_units=_refs(m.partner_org_units.all()),
        partner_organisations=_refs(m.partner_organisations.all()),
        target_groups=_refs(m.target_groups.all()),
        start_date=m.start_date, end_date=m.end_date,
        cost_estimate=None if m.cost_estimate is None else str(m.cost_estimate),
        funding=m.funding, is_key_project=m.is_key_project, status=_status_out(m.status),
        gender_diversity_note=m.gender_diversity_note, indicators=[str(i) for i in m.indicators or []],
        links=_links(m.links), predecessor_id=m.predecessor_id, created_at=m.created_at, updated_at=m.updated_at,
        version=m.version,
        permissions=MeasurePermissionsOut(edit=can_edit, edit_responsibility=can_edit and can_plan,
                                          delete=can_plan),
    )


def _field_label(name: str) -> str:
    try:
        return str(getattr(Measure._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return {"position": _("Reihenfolge")}.get(name, name)


def _history_out(entry: AuditEntry) -> HistoryEntryOut:
    changes = []
    for name, pair in (entry.changes or {}).items():
        old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        changes.append(FieldChangeOut(field=name, label=_field_label(name), old=old, new=new))
    actor = entry.actor
    return HistoryEntryOut(
        id=entry.pk, at=entry.at, action=entry.action, action_label=entry.get_action_display(),
        by=(actor.get_full_name() or actor.get_username()) if actor else None, version=entry.version,
        changes=changes,
    )


def _detail(municipality: Municipality, measure_id: int) -> MeasureDetail:
    try:
        return selectors.measure_detail(municipality, measure_id)
    except Measure.DoesNotExist:
        raise Http404 from None


def _measure(municipality: Municipality, measure_id: int) -> Measure:
    """A measure of this municipality with what permission checks need; a foreign id is a 404."""
    measure = selectors.measures_of(municipality).filter(pk=measure_id).first()
    if measure is None:
        raise Http404
    return measure


def _edition(municipality: Municipality, edition_id: int | None) -> Edition | None:
    try:
        return selectors.working_edition(municipality, edition_id)
    except Edition.DoesNotExist:
        raise Http404 from None


# --- translating input into service values -----------------------------------------------------------------

# Model field → the API field that carries it, so that errors name what the client sent.
API_NAMES = {
    "field": "field_id", "goals": "goal_ids", "lead_org_unit": "lead_org_unit_id",
    "lead_organisation": "lead_organisation_id", "partner_org_units": "partner_org_unit_ids",
    "partner_organisations": "partner_organisation_ids", "target_groups": "target_group_ids", "status": "status_id",
}
PLAIN_FIELDS = ("reference", "title", "description", "start_date", "end_date", "cost_estimate", "funding",
                "is_key_project", "gender_diversity_note", "indicators")


class _Resolver:
    """Looks ids up in the municipality (goals and field: in the edition) and collects what is unknown."""

    def __init__(self, municipality: Municipality, edition: Edition) -> None:
        self.municipality = municipality
        self.edition = edition
        self.errors: dict[str, list[str]] = {}

    def many(self, name: str, queryset: models.QuerySet[Any], ids: list[int]) -> list[Any]:
        wanted = set(ids)
        found = list(queryset.filter(pk__in=wanted))
        missing = sorted(wanted - {o.pk for o in found})
        if missing:
            self.errors[name] = [_("Unbekannt oder nicht zulässig: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]
        return sorted(found, key=lambda o: (str(o), o.pk))  # services compare lists by their labels

    def one(self, name: str, queryset: models.QuerySet[Any], pk: int | None) -> Any:
        if pk is None:
            return None
        found = self.many(name, queryset, [pk])
        return found[0] if found else None

    def values(self, data: dict[str, Any]) -> dict[str, Any]:
        m, edition = self.municipality, self.edition
        values: dict[str, Any] = {k: data[k] for k in PLAIN_FIELDS if k in data}
        if "links" in data:
            values["links"] = [{"title": x.get("title") or x["url"], "url": x["url"]} for x in data["links"]]
        if "field_id" in data:
            values["field"] = self.one("field_id", FieldOfAction.objects.of(m).filter(edition=edition),
                                       data["field_id"])
        if "goal_ids" in data:
            values["goals"] = self.many("goal_ids", Goal.objects.of(m).filter(edition=edition), data["goal_ids"])
        if "status_id" in data:
            values["status"] = self.one("status_id", StatusOption.objects.of(m), data["status_id"])
        for key, name, model in (("lead_org_unit_id", "lead_org_unit", OrgUnit),
                                 ("lead_organisation_id", "lead_organisation", Organisation)):
            if key in data:
                values[name] = self.one(key, model.objects.of(m), data[key])
        # One lead only: naming one clears the other unless the client sent both.
        if values.get("lead_org_unit") is not None and "lead_organisation_id" not in data:
            values["lead_organisation"] = None
        if values.get("lead_organisation") is not None and "lead_org_unit_id" not in data:
            values["lead_org_unit"] = None
        for key, name, queryset in (
            ("partner_org_unit_ids", "partner_org_units", OrgUnit.objects.of(m)),
            ("partner_organisation_ids", "partner_organisations", Organisation.objects.of(m)),
            ("target_group_ids", "target_groups", TargetGroup.objects.of(m)),
        ):
            if key in data:
                values[name] = self.many(key, queryset, data[key])
        if self.errors:
            raise ValidationError(self.errors)
        return values


def _sent(payload: Schema, *, without: Iterable[str] = ()) -> dict[str, Any]:
    """The fields the client sent (null only where the schema allows it)."""
    data = payload.model_dump(exclude_unset=True)
    for name in without:
        data.pop(name, None)
    return data


def _api_errors(exc: ValidationError) -> ValidationError:
    """A model's ValidationError with the field names of the API."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({API_NAMES.get(name, name): errors for name, errors in exc.error_dict.items()})


# --- endpoints ------------------------------------------------------------------------------------------------


@router.get("/{municipality}/plans", response={200: list[PlanOut], **ERRORS_READ}, operation_id="plans_list",
            summary="Pläne mit ihren Ausgaben / plans with their editions")
def plans_list(request: HttpRequest, municipality: Slug) -> list[PlanOut]:
    """Alle Pläne der Kommune (z. B. Kommunaler Integrationsplan) mit ihren Ausgaben (Fortschreibungen):
    Status, Beschlussdatum, Drucksache und Vorgängerausgabe.

    All plans of the municipality with their editions."""
    return [
        PlanOut(id=plan.pk, title=plan.title, description=plan.description, goal_level_names=_level_names(plan),
                version=plan.version, editions=[_edition_out(e) for e in plan.editions.all()])
        for plan in plans_with_editions(municipality_of(request))
    ]


@router.get("/{municipality}/editions/{edition_id}/tree", response={200: TreeOut, **ERRORS_READ},
            operation_id="edition_tree", summary="Plan als Baum / the plan as a tree")
def edition_tree(request: HttpRequest, municipality: Slug,
                 edition_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id der Ausgabe / edition id")]
                 ) -> TreeOut:
    """Handlungsfelder → Ziele (verschachtelt, mit Ebenennamen) → Maßnahmen einer Ausgabe, in einem Aufruf
    mit fester Zahl von Datenbankabfragen. Eine Maßnahme mit mehreren Zielen steht unter jedem davon; eine
    ohne Ziel direkt unter ihrem Handlungsfeld.

    Fields of action → nested goals → measures of an edition, in one call."""
    edition = _edition(municipality_of(request), edition_id)
    assert edition is not None  # an id was asked for: found or 404
    tree = selectors.plan_tree(edition)
    return TreeOut(
        edition=EditionRefOut(id=edition.pk, name=edition.name, status=cast(EditionStatus, edition.status),
                              plan_id=edition.plan_id, plan_title=edition.plan.title),
        goal_level_names=_level_names(edition.plan), measure_count=tree.measure_count,
        fields=[_tree_field(f) for f in tree.fields],
    )


@router.get("/{municipality}/measures", response={200: MeasurePageOut, **ERRORS_READ},
            operation_id="measures_list", summary="Maßnahmen filtern und blättern / list measures")
def measures_list(request: HttpRequest, municipality: Slug, query: Query[MeasureQuery]) -> MeasurePageOut:
    """Die Maßnahmen einer Ausgabe, gefiltert wie in der Maßnahmenliste des Backoffice, sortiert und
    seitenweise (`page`, `page_size` ≤ 200). Feste Zahl von Datenbankabfragen, gleich wie groß die Seite ist.

    Measures of an edition: filters as in the back office list, sorting, pagination by page and page_size."""
    edition = _edition(municipality_of(request), query.edition)
    if edition is None:
        return MeasurePageOut(edition_id=None, count=0, page=1, pages=1, page_size=query.page_size,
                              next_page=None, previous_page=None, items=[])
    filters = MeasureFilters(field=query.field, goal=query.goal, lead=query.lead or "", status=query.status,
                             key_project=query.key_project, text=query.q or "")
    outline = selectors.plan_outline(edition) if query.goal is not None else None
    page = selectors.measure_list(edition, filters, query.ordering, query.page, outline=outline,
                                  per_page=query.page_size)
    return MeasurePageOut(
        edition_id=edition.pk, count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
        next_page=page.number + 1 if page.has_next else None,
        previous_page=page.number - 1 if page.has_previous else None,
        items=[_list_item(m) for m in page.items],
    )


@router.post("/{municipality}/measures", response={201: MeasureOut, **ERRORS_WRITE}, operation_id="measure_create",
             summary="Maßnahme anlegen (Koordination) / create a measure")
def measure_create(request: HttpRequest, municipality: Slug, payload: MeasureCreateIn) -> Status[MeasureOut]:
    """Legt eine Maßnahme in einer Ausgabe an. Nur Koordination. Ohne `status_id` gilt der voreingestellte
    Status der Kommune.

    Creates a measure in an edition (Koordination only)."""
    actor = require(request, EDIT_PLAN)
    place = municipality_of(request)
    try:
        edition = selectors.working_edition(place, payload.edition_id)
    except Edition.DoesNotExist:
        raise ValidationError({"edition_id": [_("Unbekannte Ausgabe.")]}) from None
    assert edition is not None
    values = _Resolver(place, edition).values(_sent(payload, without=("edition_id",)))
    try:
        measure = services.create_measure(actor=actor, edition=edition, values=values)
    except ValidationError as exc:
        raise _api_errors(exc) from None
    return Status(201, _measure_out(_detail(place, measure.pk), actor))


@router.get("/{municipality}/measures/{measure_id}", response={200: MeasureOut, **ERRORS_READ},
            operation_id="measure_get", summary="Eine Maßnahme / one measure")
def measure_get(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath) -> MeasureOut:
    """Alle Angaben einer Maßnahme: Federführung, Partner, Zielgruppen, Ziele mit Ebene, Status (eigenes Wort
    und vereinheitlicht), Indikatoren, Links, Version und was die angemeldete Person damit darf.

    Everything about one measure."""
    return _measure_out(_detail(municipality_of(request), measure_id), actor_of(request))


@router.patch("/{municipality}/measures/{measure_id}", response={200: MeasureOut, **ERRORS_WRITE},
              operation_id="measure_update", summary="Maßnahme ändern / change a measure")
def measure_update(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath,
                   payload: MeasurePatchIn) -> MeasureOut:
    """Ändert die mitgesendeten Felder. `version` ist Pflicht: hat jemand anderes inzwischen gespeichert,
    antwortet die API mit 409 und dessen Änderungen, und nichts wird geschrieben. Fachstellen ändern nur
    Maßnahmen, für die sie federführend oder Partner sind, und nicht Handlungsfeld, Federführung und Partner
    (403).

    Changes the fields sent; `version` is required (409 on a concurrent edit)."""
    place = municipality_of(request)
    measure = _measure(place, measure_id)
    actor = require(request, EDIT_MEASURE, measure)
    values = _Resolver(place, measure.edition).values(_sent(payload, without=("version",)))
    try:
        services.update_measure(actor=actor, measure=measure, expected_version=payload.version, values=values)
    except ValidationError as exc:
        raise _api_errors(exc) from None
    return _measure_out(_detail(place, measure_id), actor)


@router.delete("/{municipality}/measures/{measure_id}", response={204: None, **ERRORS_WRITE},
               operation_id="measure_delete", summary="Maßnahme löschen (Koordination) / delete a measure")
def measure_delete(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath,
                   version: Annotated[int, Query(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / "
                                                                              "the version you read")]
                   ) -> Status[None]:
    """Löscht eine Maßnahme. Nur Koordination; `version` ist Pflicht (409, wenn inzwischen geändert).
    Der Verlauf bleibt im Protokoll.

    Deletes a measure (Koordination only); its history stays in the audit log."""
    place = municipality_of(request)
    measure = _measure(place, measure_id)
    actor = require(request, EDIT_PLAN)
    services.delete_measure(actor=actor, measure=measure, expected_version=version)
    return Status(204, None)


@router.get("/{municipality}/measures/{measure_id}/history", response={200: list[HistoryEntryOut], **ERRORS_READ},
            operation_id="measure_history", summary="Verlauf einer Maßnahme / history of a measure")
def measure_history(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath) -> list[HistoryEntryOut]:
    """Jede Änderung der Maßnahme (wer, wann, welches Feld, alt → neu), neueste zuerst.

    Every recorded change of the measure, newest first."""
    return [_history_out(e) for e in _detail(municipality_of(request), measure_id).history]
