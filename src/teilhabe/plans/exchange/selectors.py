"""Reads for the exchange: editions to choose from, and a whole edition as a PlanDraft (fixed queries)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.plans.exchange.draft import ActorDraft, FieldDraft, GoalDraft, MeasureDraft, PlanDraft, StatusDraft
from teilhabe.plans.links import format_links
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption
from teilhabe.plans.relations import measure_relations


def editions_of(municipality: Municipality) -> QuerySet[Edition]:
    return Edition.objects.of(municipality).select_related("plan").order_by("plan__title", "created_at", "pk")


def importable_editions(municipality: Municipality) -> QuerySet[Edition]:
    """Editions an import may write into: not archived."""
    return editions_of(municipality).exclude(status=Edition.Status.ARCHIVED)


def plan_draft(edition: Edition) -> PlanDraft:
    """Everything of an edition in the exchange shape, in display order."""
    municipality_id = edition.municipality_id
    plan = edition.plan
    fields = list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk"))
    goals = list(Goal.objects.filter(edition=edition).order_by("position", "pk"))
    measures = list(
        Measure.objects.filter(edition=edition).select_related("status", "lead_org_unit", "lead_organisation")
    )
    relations = measure_relations((m.pk for m in measures),
                                  ["goals", "partner_org_units", "partner_organisations", "target_groups",
                                   "co_lead_org_units", "co_lead_organisations"])
    statuses = list(StatusOption.objects.filter(municipality_id=municipality_id).order_by("position", "pk"))
    units = {u.pk: u for u in OrgUnit.objects.filter(municipality_id=municipality_id)}

    field_by_id = {f.pk: f for f in fields}
    field_order = {f.pk: i for i, f in enumerate(fields)}
    children: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        children[goal.parent_id].append(goal)

    paths: dict[int, tuple[str, ...]] = {}
    tree_order: dict[int, int] = {}
    draft = PlanDraft(source="export", title=plan.title, description=plan.description,
                      goal_level_names=list(plan.goal_level_names or []), edition_name=edition.name)
    draft.statuses = [StatusDraft(label=s.label, normalised=s.normalised, colour=s.colour) for s in statuses]
    draft.fields = [FieldDraft(title=f.title, description=f.description, colour=f.colour) for f in fields]

    def walk(parent: Goal | None, prefix: tuple[str, ...], field_id: int) -> None:
        for goal in children[parent.pk if parent else None]:
            if goal.field_id != field_id:
                continue
            paths[goal.pk] = (*prefix, goal.title)
            tree_order[goal.pk] = len(tree_order)
            draft.goals.append(GoalDraft(field=field_by_id[field_id].title, path=paths[goal.pk],
                                         description=goal.description))
            walk(goal, paths[goal.pk], field_id)

    for field in fields:
        walk(None, (), field.pk)

    measures.sort(key=lambda m: (field_order.get(m.field_id, 0), m.position, m.pk))
    used_units: set[int] = set()
    used_organisations: dict[int, Organisation] = {}
    for m in measures:
        partner_units = relations["partner_org_units"].get(m.pk, [])
        partner_orgs = relations["partner_organisations"].get(m.pk, [])
        # as Measure.co_leads orders them: administration first, each by name
        co_units = sorted(relations["co_lead_org_units"].get(m.pk, []), key=lambda u: u.name)
        co_orgs = sorted(relations["co_lead_organisations"].get(m.pk, []), key=lambda o: o.name)
        used_units.update(u.pk for u in co_units)
        used_organisations.update({o.pk: o for o in co_orgs})
        used_units.update(u.pk for u in partner_units)
        used_organisations.update({o.pk: o for o in partner_orgs})
        if m.lead_org_unit_id:
            used_units.add(m.lead_org_unit_id)
        if m.lead_organisation:
            used_organisations[m.lead_organisation.pk] = m.lead_organisation
        measure_goals = sorted((g for g in relations["goals"].get(m.pk, []) if g.pk in paths),
                               key=lambda g: tree_order[g.pk])
        draft.measures.append(MeasureDraft(
            id=m.pk, version=m.version, reference=m.reference, field=field_by_id[m.field_id].title,
            goals=[paths[g.pk] for g in measure_goals], title=m.title, description=m.description,
            lead=m.lead.name if m.lead else "",
            co_leads=[x.name for x in [*co_units, *co_orgs] if x != m.lead],
            responsibility_note=m.responsibility_note,
            partners=sorted([x.name for x in partner_units] + [x.name for x in partner_orgs], key=str.casefold),
            target_groups=sorted((t.name for t in relations["target_groups"].get(m.pk, [])), key=str.casefold),
            start=m.start_date, end=m.end_date, cost=m.cost_estimate, funding=m.funding,
            key_project=m.is_key_project, status=m.status.label, indicators=[str(i) for i in m.indicators or []],
            gender_diversity=m.gender_diversity_note, links=format_links(m.links),
        ))
    draft.actors = _unit_drafts(units, used_units) + [
        ActorDraft(name=o.name, is_org_unit=False, kind=o.kind, website=o.website)
        for o in sorted(used_organisations.values(), key=lambda o: o.name.casefold())
    ]
    return draft


def _unit_drafts(units: dict[int, OrgUnit], used: set[int]) -> list[ActorDraft]:
    """The org units named in the plan with their ancestors, parents before children."""
    wanted: set[int] = set()
    depth: dict[int, int] = {}
    for unit_id in used:
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current in units and current not in chain:
            chain.append(current)
            current = units[current].parent_id
        wanted.update(chain)
        for level, ancestor in enumerate(reversed(chain)):
            depth[ancestor] = max(depth.get(ancestor, 0), level)
    ordered = sorted(wanted, key=lambda pk: (depth[pk], units[pk].name.casefold()))
    drafts = []
    for pk in ordered:
        unit = units[pk]
        parent = units.get(unit.parent_id) if unit.parent_id else None
        drafts.append(ActorDraft(name=unit.name, is_org_unit=True, kind=unit.kind, short_name=unit.short_name,
                                 parent=parent.name if parent else ""))
    return drafts
