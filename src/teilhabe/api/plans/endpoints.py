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
teilhabe.plans.services, which check permissions, versions and record the history. What goes over the wire
is in teilhabe.api.plans.schemas; errors of the services become answers in teilhabe.api.main (400, 403, 404,
409, 422)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.plans.schemas import (
    EditionIdPath,
    EditionOut,
    EditionRefOut,
    EditionStatus,
    FieldChangeOut,
    GoalRefOut,
    HistoryEntryOut,
    LeadOut,
    LinkOut,
    MeasureCreateIn,
    MeasureIdPath,
    MeasureListItemOut,
    MeasureOut,
    MeasurePageOut,
    MeasurePatchIn,
    MeasurePermissionsOut,
    MeasureQuery,
    NormalisedValue,
    PlanOut,
    StatusOut,
    TreeFieldOut,
    TreeGoalOut,
    TreeMeasureOut,
    TreeOut,
    VersionQuery,
)
from teilhabe.api.schemas import ERRORS_READ, ERRORS_WRITE, RefOut, Slug, with_api_names
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.plans import rules, selectors, services
from teilhabe.plans.links import as_link, make_link
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


def status_out(status: StatusOption) -> StatusOut:
    """A status option as the API shows it (also in reporting answers)."""
    return StatusOut(id=status.pk, label=status.label, normalised=cast(NormalisedValue, status.normalised),
                     normalised_label=str(NormalisedStatus(status.normalised).label))


def _lead_ref(lead: OrgUnit | Organisation) -> LeadOut:
    if isinstance(lead, OrgUnit):
        return LeadOut(kind="org_unit", id=lead.pk, name=lead.name, key=f"u{lead.pk}")
    return LeadOut(kind="organisation", id=lead.pk, name=lead.name, key=f"o{lead.pk}")


def _lead_out(measure: Measure) -> LeadOut | None:
    return None if measure.lead is None else _lead_ref(measure.lead)


def _list_item(measure: Measure) -> MeasureListItemOut:
    return MeasureListItemOut(
        id=measure.pk, reference=measure.reference, title=measure.title,
        field=RefOut(id=measure.field_id, name=measure.field.title), status=status_out(measure.status),
        lead=_lead_out(measure), leads=[_lead_ref(lead) for lead in measure.leads],
        start_date=measure.start_date, end_date=measure.end_date,
        is_key_project=measure.is_key_project, version=measure.version,
    )


def _links(links: Any) -> list[LinkOut]:
    return [LinkOut(**as_link(link)) for link in links or []]


def _refs(objs: Iterable[Any], attr: str = "name") -> list[RefOut]:
    return [RefOut(id=o.pk, name=getattr(o, attr)) for o in objs]


def _measure_out(detail: MeasureDetail, actor: Actor) -> MeasureOut:
    m = detail.measure
    open_edition = m.edition.status != Edition.Status.ARCHIVED
    can_edit = rules.may_edit_measures_in(actor, m.edition) and actor.can(EDIT_MEASURE, m)
    can_plan = open_edition and actor.can(EDIT_PLAN)
    return MeasureOut(
        id=m.pk, plan_id=m.edition.plan_id, edition_id=m.edition_id, reference=m.reference, title=m.title,
        description=m.description, field=RefOut(id=m.field_id, name=m.field.title),
        goals=[GoalRefOut(id=g.id, title=g.title, field_id=g.field_id, parent_id=g.parent_id, depth=g.depth,
                          level_name=g.level_name) for g in detail.goals],
        lead=_lead_out(m), leads=[_lead_ref(lead) for lead in m.leads],
        lead_org_unit_id=m.lead_org_unit_id, lead_organisation_id=m.lead_organisation_id,
        co_lead_org_units=_refs(m.co_lead_org_units.all()),
        co_lead_organisations=_refs(m.co_lead_organisations.all()), responsibility_note=m.responsibility_note,
        partner_org_units=_refs(m.partner_org_units.all()),
        partner_organisations=_refs(m.partner_organisations.all()),
        target_groups=_refs(m.target_groups.all()),
        start_date=m.start_date, end_date=m.end_date,
        cost_estimate=None if m.cost_estimate is None else str(m.cost_estimate),
        funding=m.funding, is_key_project=m.is_key_project, status=status_out(m.status),
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


def _detail(municipality: Municipality, measure_id: int, actor: Actor) -> MeasureDetail:
    """A measure the actor may read: a foreign id, or one in a draft not open to the actor, is a 404."""
    try:
        return selectors.measure_detail(municipality, measure_id, actor)
    except Measure.DoesNotExist:
        raise Http404 from None


def _measure(municipality: Municipality, measure_id: int, actor: Actor) -> Measure:
    """A measure the actor may read, with what permission checks need (404 as in `_detail`)."""
    measure = selectors.measures_of(municipality).filter(pk=measure_id).first()
    if measure is None or not rules.can_see_edition(actor, measure.edition):
        raise Http404
    return measure


def _edition(municipality: Municipality, actor: Actor, edition_id: int | None) -> Edition | None:
    """The edition asked for, or the one the rule of plans.rules shows the actor; an edition the actor may not
    open is a 404. None: nothing to show yet."""
    try:
        return selectors.edition_shown(actor, municipality, edition_id)
    except Edition.DoesNotExist:
        raise Http404 from None


# --- translating input into service values -----------------------------------------------------------------

# Model field → the API field that carries it, so that errors name what the client sent.
API_NAMES = {
    "field": "field_id", "goals": "goal_ids", "lead_org_unit": "lead_org_unit_id",
    "lead_organisation": "lead_organisation_id", "co_lead_org_units": "co_lead_org_unit_ids",
    "co_lead_organisations": "co_lead_organisation_ids", "partner_org_units": "partner_org_unit_ids",
    "partner_organisations": "partner_organisation_ids", "target_groups": "target_group_ids", "status": "status_id",
}
PLAIN_FIELDS = ("reference", "title", "description", "start_date", "end_date", "cost_estimate", "funding",
                "is_key_project", "gender_diversity_note", "indicators", "responsibility_note")


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
            values["links"] = self.links(data["links"])
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
            ("co_lead_org_unit_ids", "co_lead_org_units", OrgUnit.objects.of(m)),
            ("co_lead_organisation_ids", "co_lead_organisations", Organisation.objects.of(m)),
            ("partner_org_unit_ids", "partner_org_units", OrgUnit.objects.of(m)),
            ("partner_organisation_ids", "partner_organisations", Organisation.objects.of(m)),
            ("target_group_ids", "target_groups", TargetGroup.objects.of(m)),
        ):
            if key in data:
                values[name] = self.many(key, queryset, data[key])
        self.check_lead_and_dates(data)
        if self.errors:
            raise ValidationError(self.errors)
        return values

    def links(self, links: list[dict[str, str]]) -> list[dict[str, str]]:
        """Through the one link validator of forms and imports (teilhabe.plans.links.make_link)."""
        result = []
        for position, link in enumerate(links, start=1):
            try:
                result.append(make_link(link.get("title") or "", link["url"]))
            except ValidationError as error:
                self.errors.setdefault("links", []).extend(
                    _("Link %(n)s: %(problem)s") % {"n": position, "problem": message} for message in error.messages)
        return result

    def check_lead_and_dates(self, data: dict[str, Any]) -> None:
        """What involves two fields of the request (the stored values are checked by the service)."""
        if data.get("lead_org_unit_id") is not None and data.get("lead_organisation_id") is not None:
            self.errors.setdefault("lead_organisation_id", []).append(
                _("Die Federführung liegt entweder bei einer Verwaltungseinheit oder bei einer Organisation."))
        start, end = data.get("start_date"), data.get("end_date")
        if start is not None and end is not None and end < start:
            self.errors.setdefault("end_date", []).append(_("Das Ende liegt vor dem Beginn."))


def _sent(payload: Schema, *, without: Iterable[str] = ()) -> dict[str, Any]:
    """The fields the client sent (null only where the schema allows it)."""
    data = payload.model_dump(exclude_unset=True)
    for name in without:
        data.pop(name, None)
    return data




# --- endpoints ------------------------------------------------------------------------------------------------


@router.get("/{slug:municipality}/plans", response={200: list[PlanOut], **ERRORS_READ},
            operation_id="plans_list", summary="Pläne mit ihren Ausgaben / plans with their editions")
def plans_list(request: HttpRequest, municipality: Slug) -> list[PlanOut]:
    """Alle Pläne der Kommune (z. B. Kommunaler Integrationsplan) mit ihren Ausgaben (Fortschreibungen):
    Status, Beschlussdatum, Drucksache und Vorgängerausgabe.

    All plans of the municipality with their editions."""
    return [
        PlanOut(id=plan.pk, title=plan.title, description=plan.description, goal_level_names=_level_names(plan),
                version=plan.version, editions=[_edition_out(e) for e in plan.editions.all()])
        for plan in selectors.plans_with_editions(municipality_of(request), actor_of(request))
    ]


@router.get("/{slug:municipality}/editions/{edition_id}/tree", response={200: TreeOut, **ERRORS_READ},
            operation_id="edition_tree", summary="Plan als Baum / the plan as a tree")
def edition_tree(request: HttpRequest, municipality: Slug,
                 edition_id: EditionIdPath) -> TreeOut:
    """Handlungsfelder → Ziele (verschachtelt, mit Ebenennamen) → Maßnahmen einer Ausgabe, in einem Aufruf
    mit fester Zahl von Datenbankabfragen. Eine Maßnahme mit mehreren Zielen steht unter jedem davon; eine
    ohne Ziel direkt unter ihrem Handlungsfeld.

    Fields of action → nested goals → measures of an edition, in one call."""
    edition = _edition(municipality_of(request), actor_of(request), edition_id)
    assert edition is not None  # an id was asked for: found or 404
    tree = selectors.plan_tree(edition)
    return TreeOut(
        edition=EditionRefOut(id=edition.pk, name=edition.name, status=cast(EditionStatus, edition.status),
                              plan_id=edition.plan_id, plan_title=edition.plan.title),
        goal_level_names=_level_names(edition.plan), measure_count=tree.measure_count,
        fields=[_tree_field(f) for f in tree.fields],
    )


@router.get("/{slug:municipality}/measures", response={200: MeasurePageOut, **ERRORS_READ},
            operation_id="measures_list", summary="Maßnahmen filtern und blättern / list measures")
def measures_list(request: HttpRequest, municipality: Slug, query: Query[MeasureQuery]) -> MeasurePageOut:
    """Die Maßnahmen einer Ausgabe, gefiltert wie in der Maßnahmenliste des Backoffice, sortiert und
    seitenweise (`page`, `page_size` ≤ 200). Feste Zahl von Datenbankabfragen, gleich wie groß die Seite ist.

    Measures of an edition: filters as in the back office list, sorting, pagination by page and page_size."""
    edition = _edition(municipality_of(request), actor_of(request), query.edition)
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


@router.post("/{slug:municipality}/measures", response={201: MeasureOut, **ERRORS_WRITE},
             operation_id="measure_create", summary="Maßnahme anlegen (Koordination) / create a measure")
def measure_create(request: HttpRequest, municipality: Slug, payload: MeasureCreateIn) -> Status[MeasureOut]:
    """Legt eine Maßnahme in einer Ausgabe an. Nur Koordination. Ohne `status_id` gilt der voreingestellte
    Status der Kommune.

    Creates a measure in an edition (Koordination only)."""
    actor = require(request, EDIT_PLAN)
    place = municipality_of(request)
    try:
        edition = selectors.edition_shown(actor, place, payload.edition_id)
    except Edition.DoesNotExist:
        raise ValidationError({"edition_id": [_("Unbekannte Ausgabe.")]}) from None
    assert edition is not None  # an id was given: found or refused
    values = _Resolver(place, edition).values(_sent(payload, without=("edition_id",)))
    try:
        measure = services.create_measure(actor=actor, edition=edition, values=values)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return Status(201, _measure_out(_detail(place, measure.pk, actor), actor))


@router.get("/{slug:municipality}/measures/{measure_id}", response={200: MeasureOut, **ERRORS_READ},
            operation_id="measure_get", summary="Eine Maßnahme / one measure")
def measure_get(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath) -> MeasureOut:
    """Alle Angaben einer Maßnahme: Federführung, Partner, Zielgruppen, Ziele mit Ebene, Status (eigenes Wort
    und vereinheitlicht), Indikatoren, Links, Version und was die angemeldete Person damit darf.

    Everything about one measure."""
    actor = actor_of(request)
    return _measure_out(_detail(municipality_of(request), measure_id, actor), actor)


@router.patch("/{slug:municipality}/measures/{measure_id}", response={200: MeasureOut, **ERRORS_WRITE},
              operation_id="measure_update", summary="Maßnahme ändern / change a measure")
def measure_update(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath,
                   payload: MeasurePatchIn) -> MeasureOut:
    """Ändert die mitgesendeten Felder. `version` ist Pflicht: hat jemand anderes inzwischen gespeichert,
    antwortet die API mit 409 und dessen Änderungen, und nichts wird geschrieben. Fachstellen ändern nur
    Maßnahmen, für die sie federführend oder Partner sind, und nicht Handlungsfeld, Federführung und Partner
    (403).

    Changes the fields sent; `version` is required (409 on a concurrent edit)."""
    place = municipality_of(request)
    measure = _measure(place, measure_id, actor_of(request))
    actor = require(request, EDIT_MEASURE, measure)
    values = _Resolver(place, measure.edition).values(_sent(payload, without=("version",)))
    try:
        services.update_measure(actor=actor, measure=measure, expected_version=payload.version, values=values)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return _measure_out(_detail(place, measure_id, actor), actor)


@router.delete("/{slug:municipality}/measures/{measure_id}", response={204: None, **ERRORS_WRITE},
               operation_id="measure_delete", summary="Maßnahme löschen (Koordination) / delete a measure")
def measure_delete(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath,
                   query: Query[VersionQuery]) -> Status[None]:
    """Löscht eine Maßnahme. Nur Koordination; `version` ist Pflicht (409, wenn inzwischen geändert).
    Der Verlauf bleibt im Protokoll.

    Deletes a measure (Koordination only); its history stays in the audit log."""
    place = municipality_of(request)
    measure = _measure(place, measure_id, actor_of(request))
    actor = require(request, EDIT_PLAN)
    services.delete_measure(actor=actor, measure=measure, expected_version=query.version)
    return Status(204, None)


@router.get("/{slug:municipality}/measures/{measure_id}/history",
            response={200: list[HistoryEntryOut], **ERRORS_READ}, operation_id="measure_history",
            summary="Verlauf einer Maßnahme / history of a measure")
def measure_history(request: HttpRequest, municipality: Slug, measure_id: MeasureIdPath) -> list[HistoryEntryOut]:
    """Jede Änderung der Maßnahme (wer, wann, welches Feld, alt → neu), neueste zuerst.

    Every recorded change of the measure, newest first."""
    return [_history_out(e) for e in _detail(municipality_of(request), measure_id, actor_of(request)).history]
