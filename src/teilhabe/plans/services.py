"""Every state change of a plan, one function each. Views, the API, imports and commands call these."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core import audit
from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited
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
from teilhabe.plans.relations import Relations, measure_relations, measure_snapshot
from teilhabe.plans.rules import require_measure_editable_in
from teilhabe.plans.search_documents import editions_changed, fields_changed, measures_changed

BATCH_SIZE = 500
PLAN_FIELDS = ["title", "description", "goal_level_names"]
EDITION_FIELDS = ["name", "status", "adopted_on", "council_reference"]
FIELD_FIELDS = ["title", "description", "colour"]
GOAL_FIELDS = ["title", "description", "parent"]
MEASURE_FIELDS = [
    "reference", "title", "description", "field", "goals", "lead_org_unit", "lead_organisation",
    "co_lead_org_units", "co_lead_organisations", "responsibility_note", "partner_org_units",
    "partner_organisations", "target_groups", "start_date", "end_date",
    "cost_estimate", "funding", "is_key_project", "status", "gender_diversity_note", "indicators", "links",
    "progress",
]
# Who is responsible for a measure is Koordination's decision, not the responsible office's own.
RESPONSIBILITY_FIELDS = frozenset(
    {"field", "lead_org_unit", "lead_organisation", "co_lead_org_units", "co_lead_organisations",
     "responsibility_note", "partner_org_units", "partner_organisations"}
)

DEFAULT_STATUS_SCHEME: list[tuple[str, str, str]] = [
    ("geplant", NormalisedStatus.PLANNED, "#6b7280"),
    ("in Umsetzung", NormalisedStatus.IN_PROGRESS, "#1d4ed8"),
    ("umgesetzt", NormalisedStatus.COMPLETED, "#15803d"),
    ("ins laufende Geschäft übergegangen", NormalisedStatus.ROUTINE, "#0f766e"),
    ("nicht weiter verfolgt", NormalisedStatus.DISCONTINUED, "#b91c1c"),
]


# --- guards -------------------------------------------------------------------------------------



def _editable(edition: Edition) -> None:
    if edition.status == Edition.Status.ARCHIVED:
        raise ServiceError(_("Diese Ausgabe ist archiviert und kann nicht mehr geändert werden."))


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


# --- status scheme and target groups -----------------------------------------------------------

def ensure_default_status_scheme(*, municipality: Municipality) -> list[StatusOption]:
    """A new municipality starts with a scheme it can rename; nothing to record, it is configuration."""
    existing = list(StatusOption.objects.of(municipality))
    if existing:
        return existing
    return StatusOption.objects.bulk_create(
        StatusOption(municipality=municipality, label=label, normalised=norm, colour=colour, position=i,
                     is_default=(i == 0))
        for i, (label, norm, colour) in enumerate(DEFAULT_STATUS_SCHEME)
    )


STATUS_OPTION_FIELDS = ["label", "normalised", "colour"]
TARGET_GROUP_FIELDS = ["name"]


def create_status_option(*, actor: Actor, municipality: Municipality, label: str, normalised: str,
                         colour: str = "#6b7280") -> StatusOption:
    authorize(actor, EDIT_PLAN, municipality)
    position = _next_position(StatusOption.objects.of(municipality))
    return create_audited(
        actor=actor, model=StatusOption,
        values={"municipality": municipality, "label": label, "normalised": normalised, "colour": colour,
                "position": position},
        audit_fields=STATUS_OPTION_FIELDS,
    )


def update_status_option(*, actor: Actor, option: StatusOption, expected_version: int, label: str,
                         normalised: str, colour: str) -> StatusOption:
    """Rename or re-map a status word; the new words apply to every measure with it."""
    authorize(actor, EDIT_PLAN, option)
    return update_audited(actor=actor, obj=option, expected_version=expected_version,
                          values={"label": label, "normalised": normalised, "colour": colour},
                          audit_fields=STATUS_OPTION_FIELDS)


def delete_status_option(*, actor: Actor, option: StatusOption, expected_version: int) -> None:
    authorize(actor, EDIT_PLAN, option)
    if Measure.objects.filter(status=option).exists():
        raise ServiceError(_("Der Status „%(label)s“ wird noch von Maßnahmen verwendet.") % {"label": option})
    delete_audited(actor=actor, obj=option, expected_version=expected_version, audit_fields=STATUS_OPTION_FIELDS)


def get_or_create_target_group(*, actor: Actor, municipality: Municipality, name: str) -> TargetGroup:
    authorize(actor, EDIT_PLAN, municipality)
    existing = TargetGroup.objects.of(municipality).filter(name__iexact=name.strip()).first()
    if existing:
        return existing
    return create_audited(actor=actor, model=TargetGroup,
                          values={"municipality": municipality, "name": name.strip()},
                          audit_fields=TARGET_GROUP_FIELDS)


def update_target_group(*, actor: Actor, group: TargetGroup, expected_version: int, name: str) -> TargetGroup:
    """Rename a target group everywhere it is used; a name another group has is refused."""
    authorize(actor, EDIT_PLAN, group)
    name = (name or "").strip()
    others = TargetGroup.objects.filter(municipality_id=group.municipality_id).exclude(pk=group.pk)
    # Compared in Python: SQLite's case-insensitive match only folds ASCII letters.
    if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("Die Zielgruppe „%(name)s“ gibt es bereits.") % {"name": name}})
    return update_audited(actor=actor, obj=group, expected_version=expected_version, values={"name": name},
                          audit_fields=TARGET_GROUP_FIELDS)


def delete_target_group(*, actor: Actor, group: TargetGroup, expected_version: int) -> None:
    """Only a target group no measure names."""
    authorize(actor, EDIT_PLAN, group)
    in_use = group.measures.count()
    if in_use:
        raise ServiceError(
            ngettext("Die Zielgruppe „%(name)s“ ist noch %(n)d Maßnahme zugeordnet.",
                     "Die Zielgruppe „%(name)s“ ist noch %(n)d Maßnahmen zugeordnet.", in_use)
            % {"name": group, "n": in_use})
    delete_audited(actor=actor, obj=group, expected_version=expected_version, audit_fields=TARGET_GROUP_FIELDS)


# --- plans and editions ---------------------------------------------------------------------------

def create_plan(*, actor: Actor, municipality: Municipality, title: str, description: str = "",
                goal_level_names: Sequence[str] | None = None, edition_name: str = "") -> Plan:
    """A plan always has an edition to work in: its first draft."""
    authorize(actor, EDIT_PLAN, municipality)
    with transaction.atomic():
        ensure_default_status_scheme(municipality=municipality)
        plan = create_audited(
            actor=actor, model=Plan,
            values={"municipality": municipality, "title": title, "description": description,
                    "goal_level_names": list(goal_level_names or DEFAULT_GOAL_LEVELS)},
            audit_fields=PLAN_FIELDS,
        )
        create_audited(
            actor=actor, model=Edition,
            values={"municipality": municipality, "plan": plan, "name": edition_name or _("Erste Ausgabe")},
            audit_fields=EDITION_FIELDS,
        )
    return plan


def update_plan(*, actor: Actor, plan: Plan, expected_version: int, values: Mapping[str, Any]) -> Plan:
    authorize(actor, EDIT_PLAN, plan)
    return update_audited(actor=actor, obj=plan, expected_version=expected_version, values=values,
                          audit_fields=PLAN_FIELDS)


def update_edition(*, actor: Actor, edition: Edition, expected_version: int, values: Mapping[str, Any]) -> Edition:
    """Adoption needs its date; only one edition of a plan is adopted at a time (the older is archived)."""
    authorize(actor, EDIT_PLAN, edition)
    if values.get("status") == Edition.Status.ADOPTED and not values.get("adopted_on", edition.adopted_on):
        raise ServiceError(_("Für einen Beschluss ist das Datum des Beschlusses anzugeben."))
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=edition, expected_version=expected_version, values=values,
                                 audit_fields=EDITION_FIELDS)
        if updated.status == Edition.Status.ADOPTED:
            for other in Edition.objects.filter(plan_id=edition.plan_id, status=Edition.Status.ADOPTED).exclude(
                pk=edition.pk
            ):
                update_audited(actor=actor, obj=other, expected_version=other.version,
                               values={"status": Edition.Status.ARCHIVED}, audit_fields=EDITION_FIELDS)
        if "status" in values or "adopted_on" in values:
            editions_changed(updated.municipality)
    return updated


# --- fields of action -----------------------------------------------------------------------------

def create_field(*, actor: Actor, edition: Edition, title: str, description: str = "",
                 colour: str = "#005a9c") -> FieldOfAction:
    authorize(actor, EDIT_PLAN, edition)
    _editable(edition)
    with transaction.atomic():
        field = create_audited(
            actor=actor, model=FieldOfAction,
            values={"municipality_id": edition.municipality_id, "edition": edition, "title": title,
                    "description": description, "colour": colour,
                    "position": _next_position(FieldOfAction.objects.filter(edition=edition))},
            audit_fields=FIELD_FIELDS,
        )
        fields_changed(edition, [field.pk])
    return field


def update_field(*, actor: Actor, field: FieldOfAction, expected_version: int,
                 values: Mapping[str, Any]) -> FieldOfAction:
    authorize(actor, EDIT_PLAN, field)
    _editable(field.edition)
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=field, expected_version=expected_version, values=values,
                                 audit_fields=FIELD_FIELDS)
        fields_changed(field.edition, [field.pk])
    return updated


def delete_field(*, actor: Actor, field: FieldOfAction, expected_version: int) -> None:
    authorize(actor, EDIT_PLAN, field)
    _editable(field.edition)
    if field.measures.exists():
        raise ServiceError(_("Das Handlungsfeld enthält noch Maßnahmen. Verschieben oder löschen Sie diese zuerst."))
    with transaction.atomic():
        pk = field.pk
        delete_audited(actor=actor, obj=field, expected_version=expected_version, audit_fields=FIELD_FIELDS)
        fields_changed(field.edition, [pk])


# --- goals ------------------------------------------------------------------------------------------

def _check_goal_parent(field: FieldOfAction, parent: Goal | None, goal: Goal | None = None) -> None:
    if parent is None:
        return
    if parent.field_id != field.pk:
        raise ServiceError(_("Das übergeordnete Ziel gehört zu einem anderen Handlungsfeld."))
    ancestor: Goal | None = parent
    while ancestor is not None:
        if goal is not None and ancestor.pk == goal.pk:
            raise ServiceError(_("Ein Ziel kann nicht unter sich selbst oder seine Unterziele gehängt werden."))
        ancestor = ancestor.parent


def create_goal(*, actor: Actor, field: FieldOfAction, title: str, parent: Goal | None = None,
                description: str = "") -> Goal:
    authorize(actor, EDIT_PLAN, field, parent)
    _editable(field.edition)
    _check_goal_parent(field, parent)
    siblings = Goal.objects.filter(field=field, parent=parent)
    with transaction.atomic():
        goal = create_audited(
            actor=actor, model=Goal,
            values={"municipality_id": field.municipality_id, "edition_id": field.edition_id, "field": field,
                    "parent": parent, "title": title, "description": description,
                    "position": _next_position(siblings)},
            audit_fields=GOAL_FIELDS,
        )
        fields_changed(field.edition, [field.pk])
    return goal


def update_goal(*, actor: Actor, goal: Goal, expected_version: int, values: Mapping[str, Any]) -> Goal:
    authorize(actor, EDIT_PLAN, goal, values.get("parent"))
    _editable(goal.edition)
    if "parent" in values:
        _check_goal_parent(goal.field, values["parent"], goal)
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=goal, expected_version=expected_version, values=values,
                                 audit_fields=GOAL_FIELDS)
        fields_changed(goal.edition, [goal.field_id])
    return updated


def delete_goal(*, actor: Actor, goal: Goal, expected_version: int) -> None:
    """Sub-goals go with their goal; measures stay and lose only the link."""
    authorize(actor, EDIT_PLAN, goal)
    _editable(goal.edition)
    with transaction.atomic():
        field_id = goal.field_id
        delete_audited(actor=actor, obj=goal, expected_version=expected_version, audit_fields=GOAL_FIELDS)
        fields_changed(goal.edition, [field_id])


# --- measures --------------------------------------------------------------------------------------

def _check_measure_values(edition: Edition, values: Mapping[str, Any]) -> None:
    """`values` holds every lead field whenever one of them is given (see _check_measure_update)."""
    if values.get("lead_org_unit") and values.get("lead_organisation"):
        raise ServiceError(
            _("Die erstgenannte Federführung liegt entweder bei einer Verwaltungseinheit oder bei einer Organisation.")
        )
    co_leads = [*(values.get("co_lead_org_units") or []), *(values.get("co_lead_organisations") or [])]
    contact = values.get("lead_org_unit") or values.get("lead_organisation")
    if co_leads and contact is None:
        raise ServiceError(
            _("Bei gemeinsamer Federführung nennen Sie bitte zuerst die Stelle, die Ansprechpartnerin ist.")
        )
    if contact is not None and contact in co_leads:
        raise ServiceError(_("„%(name)s“ ist schon als erstgenannte Federführung eingetragen.") % {"name": contact})
    field = values.get("field")
    if field is not None and field.edition_id != edition.pk:
        raise ServiceError(_("Das Handlungsfeld gehört zu einer anderen Ausgabe des Plans."))
    for goal in values.get("goals", []) or []:
        if goal.edition_id != edition.pk:
            raise ServiceError(_("Ein Ziel gehört zu einer anderen Ausgabe des Plans."))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ServiceError(_("Das Ende liegt vor dem Beginn."))




class RowsRefused(ServiceError):
    """Some of several measures break a rule; nothing was written. `errors` maps row index → messages."""

    def __init__(self, errors: dict[int, list[str]]) -> None:
        super().__init__("; ".join(" ".join(m) for m in errors.values()))
        self.errors = errors


def create_measure(*, actor: Actor, edition: Edition, values: Mapping[str, Any]) -> Measure:
    """One measure; without a status it gets the scheme's default, without a position it goes last."""
    data = dict(values)
    if data.get("status") is None:
        data["status"] = (
            StatusOption.objects.filter(municipality_id=edition.municipality_id).order_by("-is_default", "position")
            .first()
        )
        if data["status"] is None:
            raise ServiceError(_("Es ist noch kein Statusschema eingerichtet."))
    if not data.get("position") and data.get("field") is not None:
        data["position"] = _next_position(Measure.objects.filter(edition=edition, field=data["field"]))
    _require_measure_creation(actor, edition)
    measure, related = _validated_measure(actor, edition, data)
    return _insert_measures(actor, edition, [measure], [related])[0]


def create_measures(*, actor: Actor, edition: Edition, rows: Sequence[Mapping[str, Any]]) -> list[Measure]:
    """Many measures at once (imports), all or none, in a fixed number of queries: the same rules and the
    same audit entry per measure as create_measure. Every row needs its status; problems of all rows are
    collected and raised together as RowsRefused."""
    _require_measure_creation(actor, edition)
    measures: list[Measure] = []
    relations: list[dict[str, list[Any]]] = []
    errors: dict[int, list[str]] = {}
    for index, values in enumerate(rows):
        try:
            measure, related = _validated_measure(actor, edition, values)
        except ServiceError as error:
            errors[index] = [error.message]
            continue
        except ValidationError as error:
            errors[index] = error.messages
            continue
        measures.append(measure)
        relations.append(related)
    if errors:
        raise RowsRefused(errors)
    return _insert_measures(actor, edition, measures, relations)


def _require_measure_creation(actor: Actor, edition: Edition) -> None:
    authorize(actor, EDIT_PLAN, edition)
    _editable(edition)


def _validated_measure(
    actor: Actor, edition: Edition, values: Mapping[str, Any]
) -> tuple[Measure, dict[str, list[Any]]]:
    """An unsaved, checked measure and its many-to-many values."""
    m2m_names = {f.name for f in Measure._meta.many_to_many}
    authorize(actor, EDIT_PLAN, edition, list(values.values()))
    _check_measure_values(edition, values)
    plain = {k: v for k, v in values.items() if k not in m2m_names}
    measure = Measure(municipality_id=edition.municipality_id, edition=edition, **plain)
    # Related objects are instances of this municipality (checked above), so full_clean's foreign-key
    # existence queries are left out; every other field rule and the model's constraints apply.
    measure.clean_fields(exclude=[f.name for f in Measure._meta.concrete_fields if f.is_relation])
    measure.clean()
    return measure, {k: list(v) for k, v in values.items() if k in m2m_names}


def _insert_measures(
    actor: Actor, edition: Edition, measures: list[Measure], relations: list[dict[str, list[Any]]]
) -> list[Measure]:
    with transaction.atomic():
        created = Measure.objects.bulk_create(measures, batch_size=BATCH_SIZE)
        for m2m in Measure._meta.many_to_many:
            through: Any = m2m.remote_field.through
            links = [
                through(**{m2m.m2m_column_name(): measure.pk, m2m.m2m_reverse_name(): target.pk})  # type: ignore[attr-defined]
                for measure, related in zip(created, relations, strict=True) for target in related.get(m2m.name, [])
            ]
            through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        AuditEntry.objects.bulk_create([
            AuditEntry(
                municipality_id=edition.municipality_id, actor_id=actor.user_id, action=AuditEntry.Action.CREATE,
                object_type=Measure._meta.label_lower, object_id=measure.pk, object_label=str(measure)[:300],
                version=measure.version,
                changes={k: [None, v] for k, v in _creation_snapshot(measure, related).items()
                         if v not in (None, "", [], False)},
            )
            for measure, related in zip(created, relations, strict=True)
        ], batch_size=BATCH_SIZE)
        measures_changed(edition, [m.pk for m in created])
    return created


def _creation_snapshot(measure: Measure, related: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """What audit.snapshot would read back from the database, taken from the values in hand."""
    m2m_names = {f.name for f in Measure._meta.many_to_many}
    return {
        name: sorted(str(o) for o in related.get(name, [])) if name in m2m_names
        else audit.plain_value(getattr(measure, name))
        for name in MEASURE_FIELDS
    }


LEAD_FIELDS = frozenset({"lead_org_unit", "lead_organisation", "co_lead_org_units", "co_lead_organisations"})


def _check_measure_update(actor: Actor, measure: Measure, values: Mapping[str, Any], *,
                          stored: Callable[[list[str]], Mapping[str, Any]],
                          stored_co_leads: Callable[[], Mapping[str, list[Any]]]) -> None:
    """The rules of changing one measure, for update_measure and update_measures alike: a Fachstelle does not
    change who is responsible; the new values must fit the stored ones. The lead rules concern the leads
    together, so when an update names some, they are checked with the rest. `stored(names)` gives the
    audit trail's plain values of the measure as saved; `stored_co_leads()` its co-leads by relation."""
    if not actor.can(EDIT_PLAN):
        names = sorted(RESPONSIBILITY_FIELDS & values.keys())
        before = stored(names) if names else {}
        if any(audit.plain_value(values[k]) != before[k] for k in names):
            raise NotAllowed(_("Federführung, Partner und Handlungsfeld ändert die Koordinierungsstelle."))
    merged: dict[str, Any] = {name: values.get(name, getattr(measure, name))
                              for name in ("field", "start_date", "end_date")}
    if LEAD_FIELDS & values.keys():
        merged.update({"lead_org_unit": measure.lead_org_unit, "lead_organisation": measure.lead_organisation,
                       **stored_co_leads()})
    _check_measure_values(measure.edition, {**merged, **values})


def _read_from(snapshot: Mapping[str, Any]) -> Callable[[list[str]], Mapping[str, Any]]:
    """`stored` for _check_measure_update from a snapshot already in hand."""
    return lambda _names: snapshot


def _co_leads_in(relations: Relations, pk: int) -> Callable[[], Mapping[str, list[Any]]]:
    """`stored_co_leads` for _check_measure_update from relations already read (plans.relations)."""
    return lambda: {name: relations[name].get(pk, []) for name in ("co_lead_org_units", "co_lead_organisations")}


def update_measure(*, actor: Actor, measure: Measure, expected_version: int, values: Mapping[str, Any]) -> Measure:
    """Fachstelle may update its own measures, but not who is responsible for them."""
    authorize(actor, EDIT_MEASURE, measure, list(values.values()))
    _editable(measure.edition)
    require_measure_editable_in(actor, measure.edition)  # a Fachstelle edits in the edition in force only
    _check_measure_update(
        actor, measure, values, stored=lambda names: audit.snapshot(measure, names),
        stored_co_leads=lambda: {"co_lead_org_units": list(measure.co_lead_org_units.all()),
                                 "co_lead_organisations": list(measure.co_lead_organisations.all())},
    )
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=measure, expected_version=expected_version, values=values,
                                 audit_fields=MEASURE_FIELDS)
        measures_changed(measure.edition, [measure.pk])
    return updated


def update_measures(*, actor: Actor, edition: Edition,
                    updates: Sequence[tuple[Measure, int, Mapping[str, Any]]]) -> list[Measure]:
    """Many measures of one edition at once (the Excel round trip), each with the version it was read at and
    its new values: the rules of update_measure (guard, edition, responsibility, field and dates), its version
    claim and its history entry per measure, all or none, in few queries whatever the number of measures:
    one claim per distinct version, one UPDATE per distinct set of new values, two per changed relation.
    A measure saved by someone else since raises ConcurrentEdit and nothing is written; a measure whose
    values do not change keeps its version and gets no entry."""
    if not updates:
        return []
    measures = [m for m, _v, _values in updates]
    authorize(actor, EDIT_MEASURE, measures, [v for _m, _v, values in updates for v in values.values()])
    _editable(edition)
    require_measure_editable_in(actor, edition)
    if any(m.edition_id != edition.pk for m in measures):
        raise ServiceError(_("Eine Maßnahme gehört zu einer anderen Ausgabe des Plans."))
    m2m_names = {f.name for f in Measure._meta.many_to_many}
    by_version: dict[int, list[int]] = {}
    for measure, version, _values in updates:
        by_version.setdefault(version, []).append(measure.pk)
    with transaction.atomic():
        current = dict(Measure.objects.filter(pk__in=[m.pk for m in measures]).values_list("pk", "version"))
        for measure, version, _values in updates:
            if current.get(measure.pk) != version:  # raises ConcurrentEdit with the other person's entries
                update_audited(actor=actor, obj=measure, expected_version=version, values={},
                               audit_fields=MEASURE_FIELDS)
        for version, ids in by_version.items():
            if Measure.objects.filter(pk__in=ids, version=version).update(version=version + 1) != len(ids):
                raise ConcurrentEdit(_("Eine Maßnahme wurde gerade von jemand anderem geändert. Es wurde nichts "
                                       "gespeichert; bitte versuchen Sie es erneut."), entries=[], current_version=0)
        fresh = {m.pk: m for m in Measure.objects.filter(pk__in=[m.pk for m in measures])
                 .select_related("edition", "field", "status", "lead_org_unit", "lead_organisation")}
        relations = measure_relations(fresh)
        audits: list[AuditEntry] = []
        changed_ids: set[int] = set()
        m2m_sets: dict[str, dict[int, list[Any]]] = {}
        for measure, version, values in updates:
            obj = fresh[measure.pk]
            before = measure_snapshot(obj, relations, MEASURE_FIELDS)
            _check_measure_update(actor, obj, values, stored=_read_from(before),
                                  stored_co_leads=_co_leads_in(relations, obj.pk))
            for name, value in values.items():
                if name in m2m_names:
                    m2m_sets.setdefault(name, {})[obj.pk] = list(value)
                else:
                    setattr(obj, name, value)
            obj.clean_fields(exclude=[f.name for f in Measure._meta.concrete_fields if f.is_relation])
            obj.clean()
            after = {**before, **_creation_snapshot(obj, {k: v for k, v in values.items() if k in m2m_names})}
            after = {k: after[k] if k in values or k not in m2m_names else before[k] for k in MEASURE_FIELDS}
            changes = audit.diff(before, after)
            if not changes:  # nothing changed: the version goes back, as in update_audited
                obj.version = version
                continue
            changed_ids.add(obj.pk)
            obj.version = version + 1
            audits.append(AuditEntry(
                municipality_id=edition.municipality_id, actor_id=actor.user_id, action=AuditEntry.Action.UPDATE,
                object_type=Measure._meta.label_lower, object_id=obj.pk, object_label=str(obj)[:300],
                version=obj.version, changes=changes))
        # One UPDATE per distinct set of new values (a status change of 1,000 measures is a handful of
        # statements); Django's bulk_update builds a CASE per field and row and takes seconds for that.
        groups: dict[tuple[Any, ...], tuple[dict[str, Any], list[int]]] = {}
        now = timezone.now()
        for measure, _version, values in updates:
            obj = fresh[measure.pk]
            row: dict[str, Any] = {"version": obj.version}
            if obj.pk in changed_ids:
                row.update({name: getattr(obj, name) for name in values if name not in m2m_names}, updated_at=now)
            key = tuple(sorted((name, _value_key(value)) for name, value in row.items()))
            groups.setdefault(key, (row, []))[1].append(obj.pk)
        for row, ids in groups.values():
            Measure.objects.filter(pk__in=ids).update(**row)
        for m2m in Measure._meta.many_to_many:
            targets = m2m_sets.get(m2m.name)
            if not targets:
                continue
            through: Any = m2m.remote_field.through
            source = m2m.m2m_column_name()  # type: ignore[attr-defined]
            through.objects.filter(**{f"{source}__in": list(targets)}).delete()
            through.objects.bulk_create([
                through(**{source: pk, m2m.m2m_reverse_name(): target.pk})  # type: ignore[attr-defined]
                for pk, related in targets.items() for target in related
            ], batch_size=BATCH_SIZE)
        AuditEntry.objects.bulk_create(audits, batch_size=BATCH_SIZE)
        measures_changed(edition, changed_ids)
    return [fresh[m.pk] for m in measures]


def _value_key(value: Any) -> Any:
    """A hashable key of a field value, telling apart what plain_value would not (two offices of one name)."""
    if isinstance(value, models.Model):
        return ("model", value._meta.label_lower, value.pk)
    if isinstance(value, list | dict):
        return ("json", json.dumps(value, sort_keys=True, default=str))
    return (type(value).__name__, value)


def delete_measure(*, actor: Actor, measure: Measure, expected_version: int) -> None:
    authorize(actor, EDIT_PLAN, measure)
    _editable(measure.edition)
    with transaction.atomic():
        pk = measure.pk
        delete_audited(actor=actor, obj=measure, expected_version=expected_version, audit_fields=MEASURE_FIELDS)
        measures_changed(measure.edition, [pk])


# --- order ---------------------------------------------------------------------------------------------

def move(*, actor: Actor, obj: FieldOfAction | Goal | Measure, direction: int) -> None:
    """Swap an item with its neighbour (direction -1 = up, +1 = down) among its siblings."""
    authorize(actor, EDIT_PLAN, obj)
    _editable(obj.edition)
    siblings = _siblings(obj)
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, o in enumerate(ordered) if o.pk == obj.pk)
    target = index + (1 if direction > 0 else -1)
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    with transaction.atomic():
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                type(item).objects.filter(pk=item.pk).update(position=position)
        audit.record(actor=actor, municipality=obj.municipality_id, action=AuditEntry.Action.MOVE, obj=obj,
                     changes={"position": [index + 1, target + 1]})


def _siblings(obj: FieldOfAction | Goal | Measure) -> Any:
    if isinstance(obj, FieldOfAction):
        return FieldOfAction.objects.filter(edition_id=obj.edition_id)
    if isinstance(obj, Goal):
        return Goal.objects.filter(field_id=obj.field_id, parent_id=obj.parent_id)
    return Measure.objects.filter(edition_id=obj.edition_id, field_id=obj.field_id)
