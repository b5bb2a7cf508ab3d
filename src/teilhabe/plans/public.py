"""Reads for the public plan pages: only the plans in force (adopted editions), only what is meant for the
public. A field, goal or measure of a draft or an archived edition does not exist here (DoesNotExist → 404).

Shown: fields of action, the goal tree, measures with their number, title, description, status (the
municipality's word and the normalised one), leads and partners, target groups, time frame, key project,
success indicators and links. Never shown: the note on responsibility, cost estimate, funding, gender and
diversity notes, the Sachstand, the history and anything about who edited what."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from teilhabe.core.models import Municipality
from teilhabe.plans.links import as_link
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, NormalisedStatus
from teilhabe.plans.selectors import TreeGoal, _assemble_outline, depth_first

PUBLIC = Edition.Status.ADOPTED


def status_text(label: str, normalised: str) -> str:
    """The municipality's status word, with the normalised meaning when it says something else."""
    meaning = str(NormalisedStatus(normalised).label) if normalised in NormalisedStatus.values else ""
    return label if not meaning or meaning.casefold() == label.casefold() else f"{label} ({meaning})"


@dataclass
class PublicField:
    id: int
    title: str
    description: str
    colour: str
    measure_count: int
    by_status: list[tuple[str, str, int]]  # (normalised key, label, count)


@dataclass
class PublicEdition:
    edition: Edition
    fields: list[PublicField]

    @property
    def measure_count(self) -> int:
        return sum(f.measure_count for f in self.fields)


def plans_in_force(municipality: Municipality) -> list[PublicEdition]:
    """Every adopted edition with its fields and each field's measures by normalised status: three queries."""
    editions = list(Edition.objects.of(municipality).filter(status=PUBLIC).select_related("plan")
                    .order_by("plan__title", "pk"))
    fields = list(FieldOfAction.objects.of(municipality).filter(edition__in=editions).order_by("position", "pk")
                  .values_list("pk", "edition_id", "title", "description", "colour"))
    counts: dict[int, Counter[str]] = {}
    for field_id, normalised, n in (Measure.objects.of(municipality).filter(edition__in=editions)
                                    .values_list("field_id", "status__normalised").annotate(n=Count("pk"))
                                    .order_by()):
        counts.setdefault(field_id, Counter())[normalised] += n
    by_edition: dict[int, list[PublicField]] = {e.pk: [] for e in editions}
    for pk, edition_id, title, description, colour in fields:
        c = counts.get(pk, Counter())
        by_edition[edition_id].append(PublicField(
            id=pk, title=title, description=description, colour=colour, measure_count=sum(c.values()),
            by_status=[(s.value, str(s.label), c[s.value]) for s in NormalisedStatus if c[s.value]]))
    return [PublicEdition(edition=e, fields=by_edition[e.pk]) for e in editions]


@dataclass(slots=True)
class PublicMeasureRow:
    id: int
    reference: str
    title: str
    status: str
    normalised: str
    lead: str
    is_key_project: bool


@dataclass
class PublicGoal:
    id: int
    title: str
    level_name: str
    depth: int
    children: list[PublicGoal]
    measures: list[PublicMeasureRow]


@dataclass
class FieldPage:
    field: FieldOfAction
    goals: list[PublicGoal]  # the roots of the field's goal tree, each with its sub-goals and measures
    unlinked: list[PublicMeasureRow]  # measures linked to no goal of the field
    measure_count: int
    goal_count: int


def _public_goals(goals: list[TreeGoal], by_goal: dict[int, list[PublicMeasureRow]]) -> list[PublicGoal]:
    return [PublicGoal(id=g.id, title=g.title, level_name=g.level_name, depth=g.depth,
                       children=_public_goals(g.children, by_goal), measures=by_goal.get(g.id, []))
            for g in goals]


def field_page(municipality: Municipality, pk: int) -> FieldPage:
    """A field of a plan in force with its goal tree and measures: three queries whatever the size."""
    fieldobj = FieldOfAction.objects.of(municipality).select_related("edition__plan").get(pk=pk, edition__status=PUBLIC)
    goal_rows = list(Goal.objects.of(municipality).filter(field=fieldobj)
                     .values_list("pk", "field_id", "parent_id", "title", "position"))
    outline = _assemble_outline(fieldobj.edition, [(fieldobj.pk, fieldobj.title, fieldobj.description,
                                                     fieldobj.colour, fieldobj.position)], goal_rows)
    tree = outline.fields[0]
    rows = (Measure.objects.of(municipality).filter(field=fieldobj).order_by("position", "pk")
            .values_list("pk", "reference", "title", "status__label", "status__normalised", "lead_org_unit__name",
                         "lead_organisation__name", "is_key_project", "goals__id"))
    seen: dict[int, PublicMeasureRow] = {}
    by_goal: dict[int, list[PublicMeasureRow]] = {}
    linked: set[int] = set()
    for mid, ref, title, label, normalised, unit, org, key, gid in rows:
        row = seen.get(mid)
        if row is None:
            row = seen[mid] = PublicMeasureRow(mid, ref, title, status_text(label, normalised), normalised,
                                               unit or org or "", key)
        if gid is not None and gid in outline.goals:
            by_goal.setdefault(gid, []).append(row)
            linked.add(mid)
    unlinked = [row for mid, row in seen.items() if mid not in linked]
    return FieldPage(field=fieldobj, goals=_public_goals(tree.goals, by_goal), unlinked=unlinked,
                     measure_count=len(seen), goal_count=len(depth_first(tree.goals)))


@dataclass
class MeasurePage:
    measure: Measure
    status: str
    goals: list[TreeGoal]
    partners: list[str]
    target_groups: list[str]
    indicators: list[str]
    links: list[dict[str, str]]
    start: dt.date | None = None
    end: dt.date | None = None


def measure_page(municipality: Municipality, pk: int) -> MeasurePage:
    """A measure of a plan in force, with what the public may see: a fixed number of queries."""
    measure = (
        Measure.objects.of(municipality).filter(edition__status=PUBLIC)
        .select_related("edition__plan", "field", "status", "lead_org_unit", "lead_organisation")
        .prefetch_related("goals", "co_lead_org_units", "co_lead_organisations", "partner_org_units",
                          "partner_organisations", "target_groups")
        .defer("responsibility_note", "cost_estimate", "funding", "gender_diversity_note", "progress")
        .get(pk=pk)
    )
    plan = measure.edition.plan
    parents = dict(Goal.objects.filter(edition_id=measure.edition_id).values_list("pk", "parent_id"))
    goals = []
    for goal in sorted(measure.goals.all(), key=lambda g: (g.position, g.pk)):
        depth, parent, seen = 0, parents.get(goal.pk), set()
        while parent is not None and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parents.get(parent)
        goals.append(TreeGoal(id=goal.pk, field_id=goal.field_id, parent_id=goal.parent_id, title=goal.title,
                              position=goal.position, depth=depth, level_name=plan.level_name(depth)))
    partners = sorted(u.name for u in measure.partner_org_units.all()) + sorted(
        o.name for o in measure.partner_organisations.all())
    return MeasurePage(
        measure=measure, status=status_text(measure.status.label, measure.status.normalised), goals=goals,
        partners=partners, target_groups=sorted(t.name for t in measure.target_groups.all()),
        indicators=[str(i) for i in measure.indicators or [] if str(i).strip()],
        links=[as_link(link) for link in measure.links or []],
        start=measure.start_date, end=measure.end_date,
    )
