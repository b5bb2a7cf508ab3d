"""Named, tenant-aware reads of the plan. Every list read runs a fixed number of queries, whatever the
size of the plan: rows are fetched flat (values, joins) and assembled in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.db.models import BigIntegerField, BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce

from teilhabe.core.audit import history_of
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.plans import rules
from teilhabe.plans.models import (
    Edition,
    FieldOfAction,
    Goal,
    Measure,
    NormalisedStatus,
    Plan,
    StatusOption,
    TargetGroup,
)

PAGE_SIZE = 50

# --- editions: which edition a person sees (the rule is in plans.rules) ---------------------------------


def editions_of(municipality: Municipality) -> list[Edition]:
    """All editions of all plans of a municipality, newest first, with their plan (one query). For
    administration only: what a person may open is `editions_visible_to` / `visible_editions_of`."""
    return list(
        Edition.objects.of(municipality).select_related("plan").order_by("-created_at", "-pk")
    )


def visible_editions_of(actor: Actor, municipality: Municipality) -> list[Edition]:
    """Every edition of every plan of the municipality that `actor` may open, newest first (one query)."""
    if actor.municipality_id != municipality.pk:
        return []
    return [edition for edition in editions_of(municipality) if rules.can_see_edition(actor, edition)]


def editions_visible_to(actor: Actor, plan: Plan) -> list[Edition]:
    """The editions of `plan` that `actor` may open, newest first: the edition switcher (one query).
    Whoever edits the plan sees all; Fachstelle and Lesend see the adopted and archived editions and the
    drafts opened for comment to their role."""
    editions = (
        Edition.objects.filter(municipality_id=actor.municipality_id, plan_id=plan.pk)
        .select_related("plan").order_by("-created_at", "-pk")
    )
    return [edition for edition in editions if rules.can_see_edition(actor, edition)]


def _requested(editions: Sequence[Edition], requested_id: str | int | None) -> Edition | None:
    """The edition asked for by id among `editions`; None if none was asked for. An id that is not among
    them (another municipality's, or a draft not opened to the actor) raises Edition.DoesNotExist."""
    if requested_id is None or requested_id == "":
        return None
    wanted = str(requested_id).strip()
    for edition in editions:
        if str(edition.pk) == wanted:
            return edition
    raise Edition.DoesNotExist


def _default_edition(actor: Actor, editions: Sequence[Edition]) -> Edition | None:
    """The edition that opens without asking, among the visible `editions` (newest first): the adopted
    one, except that the coordination office opens its draft; a plan without an adopted edition shows
    others a draft only if it is open for comment to them. Archived editions only when nothing else is left."""
    by_status: dict[str, Edition] = {}
    for edition in editions:  # newest first: keep the newest of each status
        by_status.setdefault(edition.status, edition)
    order = (
        (Edition.Status.DRAFT, Edition.Status.ADOPTED) if rules.sees_drafts(actor)
        else (Edition.Status.ADOPTED, Edition.Status.DRAFT)
    )
    for status in (*order, Edition.Status.ARCHIVED):
        if status in by_status:
            return by_status[status]
    return None


def edition_for(
    actor: Actor, plan: Plan, requested_id: str | int | None = None, *, editions: Sequence[Edition] | None = None
) -> Edition | None:
    """The edition of `plan` that `actor` sees: the one asked for (?ausgabe=<id>) if the actor may open it,
    else the default of the rule (see plans.rules). None when there is nothing the actor may see yet
    („Noch keine beschlossene Ausgabe“). An id the actor may not open raises Edition.DoesNotExist (404).
    One query; none when the visible `editions` of the plan are passed in."""
    visible = list(editions) if editions is not None else editions_visible_to(actor, plan)
    requested = _requested(visible, requested_id)
    return requested if requested is not None else _default_edition(actor, visible)


def edition_shown(
    actor: Actor, municipality: Municipality, requested_id: str | int | None = None,
    *, editions: Sequence[Edition] | None = None,
) -> Edition | None:
    """`edition_for` when the page names no plan (dashboard, tree, measure list): the edition asked for, of
    whichever plan; else the default edition of each plan, the newest of them. `editions` are the
    municipality's editions visible to the actor (`visible_editions_of`), newest first."""
    visible = list(editions) if editions is not None else visible_editions_of(actor, municipality)
    requested = _requested(visible, requested_id)
    if requested is not None:
        return requested
    by_plan: dict[int, list[Edition]] = defaultdict(list)
    for edition in visible:
        by_plan[edition.plan_id].append(edition)
    defaults = [d for plan_editions in by_plan.values() if (d := _default_edition(actor, plan_editions))]
    return max(defaults, key=lambda e: (e.created_at, e.pk), default=None)


def has_plans(municipality: Municipality) -> bool:
    """Whether the municipality has a plan at all (one query): with none visible to a person, the pages say
    „Noch keine beschlossene Ausgabe“ rather than „Es gibt noch keinen Plan“."""
    return Plan.objects.of(municipality).exists()


def _visible_q(actor: Actor, municipality: Municipality) -> Q:
    """A filter for the editions `actor` may open (one small query for the municipality's drafts)."""
    if rules.sees_drafts(actor):
        return Q()
    drafts = Edition.objects.of(municipality).filter(status=Edition.Status.DRAFT).only(
        "pk", "status", "open_for_comment_roles"
    )
    opened = [d.pk for d in drafts if rules.is_open_for_comment_to(d, actor.role)]
    return ~Q(status=Edition.Status.DRAFT) | Q(pk__in=opened)


def plans_with_editions(municipality: Municipality, actor: Actor | None = None) -> list[Plan]:
    """Every plan of a municipality with its editions (and their predecessor and measure count)
    prefetched, oldest edition first: two queries whatever the number of plans and editions (three with
    an `actor`, whose plans then carry only the editions the actor may open)."""
    editions = (
        Edition.objects.of(municipality)
        .select_related("predecessor")
        .annotate(measure_count=Count("measures"))
        .order_by("created_at", "pk")
    )
    if actor is not None:
        editions = editions.filter(_visible_q(actor, municipality))
    return list(
        Plan.objects.of(municipality).order_by("title", "pk").prefetch_related(
            Prefetch("editions", queryset=editions)
        )
    )


def editions_for_choice(municipality: Municipality, actor: Actor | None = None) -> QuerySet[Edition]:
    """Editions to choose from in a form, by plan and age; with an `actor`, only those it may open."""
    editions = Edition.objects.of(municipality).select_related("plan").order_by("plan__title", "created_at", "pk")
    return editions.filter(_visible_q(actor, municipality)) if actor is not None else editions


# --- configuration: status scheme and target groups --------------------------------------------------------


def status_scheme(municipality: Municipality) -> list[StatusOption]:
    """The municipality's status words in order, each with the number of measures using it: one query."""
    return list(
        StatusOption.objects.of(municipality).annotate(measure_count=Count("measure")).order_by("position", "pk")
    )


def target_groups(municipality: Municipality) -> list[TargetGroup]:
    """The municipality's target groups by name, each with the number of measures naming it: one query."""
    return list(
        TargetGroup.objects.of(municipality).annotate(measure_count=Count("measures")).order_by("name", "pk")
    )


# --- outline: fields and the goal tree ------------------------------------------------------------------


@dataclass(slots=True)
class TreeMeasure:
    id: int
    title: str
    reference: str
    status_label: str
    status_normalised: str
    lead: str
    is_key_project: bool


@dataclass(slots=True)
class TreeGoal:
    id: int
    field_id: int
    parent_id: int | None
    title: str
    position: int
    depth: int = 0
    level_name: str = ""
    children: list[TreeGoal] = field(default_factory=list)
    measures: list[TreeMeasure] = field(default_factory=list)


class HasChildren(Protocol):
    @property
    def children(self) -> Sequence[Any]: ...


Node = TypeVar("Node", bound=HasChildren)


def depth_first(roots: Iterable[Node]) -> list[Node]:
    """Every node of a goal tree (or a tree built on it, like the monitoring's roll-up), each before its
    children, siblings in order."""
    result: list[Node] = []
    stack = list(roots)[::-1]
    while stack:
        node = stack.pop()
        result.append(node)
        stack.extend(reversed(node.children))
    return result


@dataclass(slots=True)
class TreeField:
    id: int
    title: str
    description: str
    colour: str
    goals: list[TreeGoal] = field(default_factory=list)
    measures: list[TreeMeasure] = field(default_factory=list)  # measures linked to no goal of this field
    measure_count: int = 0


@dataclass
class PlanOutline:
    """Fields of action with their goal trees (no measures): for the tree, filters and forms."""

    edition: Edition
    fields: list[TreeField]
    goals: dict[int, TreeGoal]

    def goals_in_order(self) -> list[TreeGoal]:
        """Depth-first, field by field: the order in which the tree shows them."""
        return depth_first(goal for f in self.fields for goal in f.goals)

    def descendants(self, goal_id: int) -> set[int]:
        """A goal and all goals below it."""
        root = self.goals.get(goal_id)
        if root is None:
            return set()
        found: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            found.add(node.id)
            stack.extend(node.children)
        return found


def plan_outline(edition: Edition) -> PlanOutline:
    """Fields and goals of an edition in one query (fields LEFT JOIN goals)."""
    rows = (
        FieldOfAction.objects.filter(edition=edition)
        .order_by("position", "pk")
        .values_list("pk", "title", "description", "colour", "position", "goals__id", "goals__parent_id",
                     "goals__title", "goals__position")
    )
    field_rows: dict[int, tuple[int, str, str, str, int]] = {}
    goal_rows = []
    for fid, title, description, colour, fposition, gid, parent_id, gtitle, gposition in rows:
        field_rows.setdefault(fid, (fid, title, description, colour, fposition))
        if gid is not None:
            goal_rows.append((gid, fid, parent_id, gtitle, gposition))
    return _assemble_outline(edition, list(field_rows.values()), goal_rows)


def _assemble_outline(
    edition: Edition, field_rows: Sequence[tuple[int, str, str, str, int]],
    goal_rows: Sequence[tuple[int, int, int | None, str, int]],
) -> PlanOutline:
    """Build the goal trees from flat rows: fields (id, title, description, colour, position) and goals
    (id, field id, parent id, title, position)."""
    fields = {
        fid: TreeField(id=fid, title=title, description=description, colour=colour)
        for fid, title, description, colour, _pos in sorted(field_rows, key=lambda r: (r[4], r[0]))
    }
    goals = {
        gid: TreeGoal(id=gid, field_id=fid, parent_id=parent_id, title=title, position=position)
        for gid, fid, parent_id, title, position in goal_rows if fid in fields
    }
    for goal in sorted(goals.values(), key=lambda g: (g.position, g.id)):
        parent = goals.get(goal.parent_id) if goal.parent_id is not None else None
        (parent.children if parent is not None else fields[goal.field_id].goals).append(goal)
    plan = edition.plan
    level_names: dict[int, str] = {}

    def set_depth(nodes: list[TreeGoal], depth: int) -> None:
        if depth not in level_names:
            level_names[depth] = plan.level_name(depth)
        for node in nodes:
            node.depth, node.level_name = depth, level_names[depth]
            set_depth(node.children, depth + 1)

    for f in fields.values():
        set_depth(f.goals, 0)
    return PlanOutline(edition=edition, fields=list(fields.values()), goals=goals)


# --- the plan as a tree ------------------------------------------------------------------------------------


@dataclass
class PlanTree:
    edition: Edition
    fields: list[TreeField]
    measure_count: int


def plan_tree(edition: Edition) -> PlanTree:
    """Fields → nested goals → measures. A measure with several goals appears under each; one without a
    goal directly under its field. Two queries, whatever the size: the outline, and the measures joined
    with their goal links, status and lead."""
    outline = plan_outline(edition)
    fields = {f.id: f for f in outline.fields}
    rows = (
        Measure.objects.filter(edition=edition)
        .order_by("position", "pk")
        .values_list("pk", "field_id", "title", "reference", "is_key_project", "status__label",
                     "status__normalised", "lead_org_unit__name", "lead_organisation__name", "goals__id")
    )
    # The hot loop (once per measure and goal link): positional construction and local names only.
    seen: dict[int, TreeMeasure] = {}
    seen_get = seen.get
    goal_get = outline.goals.get
    field_get = fields.get
    make = TreeMeasure
    for mid, fid, title, reference, key, status_label, status_norm, unit, org, gid in rows:
        item = seen_get(mid)
        if item is None:
            item = seen[mid] = make(mid, title, reference, status_label, status_norm, unit or org or "", key)
            field = field_get(fid)
            if field is None:
                continue
            field.measure_count += 1
            goal = goal_get(gid) if gid is not None else None
            (goal.measures if goal is not None else field.measures).append(item)
        elif gid is not None:
            goal = goal_get(gid)
            if goal is not None:
                goal.measures.append(item)
    return PlanTree(edition=edition, fields=outline.fields, measure_count=len(seen))


# --- choices for filters and forms ----------------------------------------------------------------------


@dataclass
class ActorChoices:
    """Org units, organisations and status options of a municipality, for selects (one query)."""

    org_units: list[tuple[int, str]]
    organisations: list[tuple[int, str]]
    statuses: list[tuple[int, str]]


def actor_choices(municipality: Municipality) -> ActorChoices:
    """Who can lead a measure, and which status words exist: one query."""
    return _choices_query(municipality.pk, None)[0]


def list_choices(edition: Edition) -> tuple[ActorChoices, PlanOutline]:
    """Everything the measure list's filters offer, in ONE query: org units, organisations, status words,
    and the edition's fields and goals (the outline, without descriptions)."""
    actors, outline = _choices_query(edition.municipality_id, edition)
    assert outline is not None
    return actors, outline


def _choices_query(municipality_id: int, edition: Edition | None) -> tuple[ActorChoices, PlanOutline | None]:
    none = Cast(Value(None), BigIntegerField())  # typed, so that PostgreSQL can match the UNION's columns

    def part(qs: QuerySet[Any], kind: str, label: str, order: str, parent: Any = none, owner: Any = none
             ) -> QuerySet[Any]:
        # Every column is an annotation, in the same order in every part, so that the UNION lines up.
        return qs.order_by().annotate(
            k=Value(kind), i=F("pk"), lbl=F(label), o=F(order), p=parent, f=owner
        ).values_list("k", "i", "lbl", "o", "p", "f")

    parts = [
        part(OrgUnit.objects.filter(municipality_id=municipality_id), "u", "name", "pk"),
        part(Organisation.objects.filter(municipality_id=municipality_id), "o", "name", "pk"),
        part(StatusOption.objects.filter(municipality_id=municipality_id), "s", "label", "position"),
    ]
    if edition is not None:
        parts.append(part(FieldOfAction.objects.filter(edition=edition), "f", "title", "position"))
        parts.append(part(Goal.objects.filter(edition=edition), "g", "title", "position", F("parent_id"),
                          F("field_id")))
    result: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in parts[0].union(*parts[1:], all=True):
        result[row[0]].append(row[1:])

    def by_name(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
        return [(pk, label) for pk, label, *_rest in sorted(rows, key=lambda r: (r[1].casefold(), r[0]))]

    actors = ActorChoices(
        org_units=by_name(result["u"]),
        organisations=by_name(result["o"]),
        statuses=[(pk, label) for pk, label, *_rest in sorted(result["s"], key=lambda r: (r[2], r[0]))],
    )
    if edition is None:
        return actors, None
    outline = _assemble_outline(
        edition,
        [(pk, title, "", "", position) for pk, title, position, _p, _f in result["f"]],
        [(pk, field_id, parent_id, title, position) for pk, title, position, parent_id, field_id in result["g"]],
    )
    return actors, outline


def lead_key(measure: Measure) -> str:
    """The combined lead value of a measure: "u<id>" for an org unit, "o<id>" for an organisation."""
    if measure.lead_org_unit_id:
        return f"u{measure.lead_org_unit_id}"
    if measure.lead_organisation_id:
        return f"o{measure.lead_organisation_id}"
    return ""


def parse_actor_key(value: str) -> tuple[str, int] | None:
    """ "u12" → ("u", 12); anything else → None."""
    if len(value) < 2 or value[0] not in "uo" or not value[1:].isdigit():
        return None
    return value[0], int(value[1:])


# --- the measure list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureFilters:
    field: int | None = None
    goal: int | None = None  # includes its sub-goals
    lead: str = ""  # "u<id>" or "o<id>"
    with_partners: bool = False  # lead also matches measures it partners in („Federführung oder Partner“)
    status: int | None = None
    key_project: bool | None = None
    text: str = ""


SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "title": ("title",),
    "reference": ("reference",),
    "field": ("field__position", "field__title"),
    "status": ("status__position", "status__label"),
    "lead": ("lead_name",),
    "start": ("start_date",),
    "end": ("end_date",),
}
DEFAULT_ORDERING = "field"




def _text_query(text: str) -> Q:
    """Case-insensitive on both databases. SQLite's LIKE folds ASCII only, so the usual case variants of the
    text are tried as well ("über" also finds "Über")."""
    variants = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
    query = Q()
    for variant in variants:
        for name in ("title", "description", "reference"):
            query |= Q(**{f"{name}__icontains": variant})
    return query


def filtered_measures(
    edition: Edition, filters: MeasureFilters, outline: PlanOutline | None = None
) -> QuerySet[Measure]:
    qs = Measure.objects.filter(edition=edition)
    if filters.field is not None:
        qs = qs.filter(field_id=filters.field)
    if filters.goal is not None:
        if outline is not None:
            goal_ids: Iterable[int] = outline.descendants(filters.goal)
        else:
            goal_ids = plan_outline(edition).descendants(filters.goal)
        links = Measure.goals.through.objects.filter(goal_id__in=list(goal_ids)).values("measure_id")
        qs = qs.filter(pk__in=links)
    if filters.lead:
        parsed = parse_actor_key(filters.lead)
        qs = qs.none() if parsed is None else qs.filter(_led_by_q(parsed, with_partners=filters.with_partners))
    if filters.status is not None:
        qs = qs.filter(status_id=filters.status)
    if filters.key_project is not None:
        qs = qs.filter(is_key_project=filters.key_project)
    text = filters.text.strip()
    if text:
        qs = qs.filter(_text_query(text))
    return qs


def _led_by_q(actor_key: tuple[str, int], *, with_partners: bool) -> Q:
    """Measures that an org unit ("u") or organisation ("o") leads — first named or jointly — and, with
    `with_partners`, partners in."""
    kind, pk = actor_key
    relations: list[Any]
    if kind == "u":
        relations = [Measure.co_lead_org_units] + ([Measure.partner_org_units] if with_partners else [])
        wanted = Q(lead_org_unit_id=pk)
        column = "orgunit_id"
    else:
        relations = [Measure.co_lead_organisations] + ([Measure.partner_organisations] if with_partners else [])
        wanted = Q(lead_organisation_id=pk)
        column = "organisation_id"
    for relation in relations:
        wanted |= Q(pk__in=relation.through.objects.filter(**{column: pk}).values("measure_id"))
    return wanted


def order_measures(qs: QuerySet[Measure], ordering: str) -> QuerySet[Measure]:
    descending = ordering.startswith("-")
    key = ordering.lstrip("-")
    if key not in SORT_KEYS:
        key, descending = DEFAULT_ORDERING, False
    if key == "lead":
        qs = qs.annotate(lead_name=Coalesce("lead_org_unit__name", "lead_organisation__name"))
    exprs = [
        F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True) for name in SORT_KEYS[key]
    ]
    tie_break = ["-position", "-pk"] if descending else ["position", "pk"]
    return qs.order_by(*exprs, *tie_break)


def measure_list(
    edition: Edition, filters: MeasureFilters, ordering: str = DEFAULT_ORDERING, page: int = 1,
    *, outline: PlanOutline | None = None, per_page: int = PAGE_SIZE,
) -> Page[Measure]:
    """One page of measures with field, status and lead joined: two queries (the count and the page),
    whatever the size. The page's ids are chosen in a narrow subquery, so that only its 50 rows are joined
    (a database would otherwise join every row before sorting). A page past the end gives the last page."""
    filtered = filtered_measures(edition, filters, outline)
    total = filtered.count()
    num_pages = max(1, (total + per_page - 1) // per_page)
    number = min(max(page, 1), num_pages)
    items: list[Measure] = []
    if total:
        page_ids = order_measures(filtered, ordering).values("pk")[(number - 1) * per_page:number * per_page]
        items = list(
            order_measures(Measure.objects.filter(pk__in=page_ids), ordering)
            .select_related("field", "status", "lead_org_unit", "lead_organisation")
            .prefetch_related("co_lead_org_units", "co_lead_organisations")
            .defer("description", "gender_diversity_note", "indicators", "links", "funding", "field__description")
        )
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


# --- the dashboard ------------------------------------------------------------------------------------------


@dataclass
class FieldCounts:
    id: int
    title: str
    colour: str
    by_status: list[int]  # in the order of NormalisedStatus
    total: int

    @property
    def segments(self) -> list[dict[str, Any]]:
        """Stacked bar pieces: (normalised status, offset, width) in measure counts."""
        result, offset = [], 0
        for (value, _label), n in zip(NormalisedStatus.choices, self.by_status, strict=True):
            if n:
                result.append({"status": value, "x": offset, "width": n})
                offset += n
        return result


@dataclass
class StatusCount:
    id: int
    label: str
    normalised: str
    count: int

    @property
    def normalised_label(self) -> str:
        return str(NormalisedStatus(self.normalised).label)


@dataclass
class DashboardCounts:
    total: int
    key_projects: int
    by_field: list[FieldCounts]
    by_status: list[StatusCount]  # the municipality's own status words
    by_normalised: list[tuple[str, str, int]]  # (value, label, count)

    @property
    def max_field_total(self) -> int:
        return max((f.total for f in self.by_field), default=0)


def dashboard_counts(edition: Edition) -> DashboardCounts:
    """Measures by field × normalised status and by status, and the number of key projects (3 queries)."""
    normalised = [value for value, _label in NormalisedStatus.choices]
    index = {value: i for i, value in enumerate(normalised)}
    statuses = list(StatusOption.objects.filter(municipality_id=edition.municipality_id).order_by("position", "pk"))
    norm_of = {s.pk: s.normalised for s in statuses}
    fields = [
        FieldCounts(id=pk, title=title, colour=colour, by_status=[0] * len(normalised), total=0)
        for pk, title, colour in FieldOfAction.objects.filter(edition=edition)
        .order_by("position", "pk").values_list("pk", "title", "colour")
    ]
    field_by_id = {f.id: f for f in fields}
    by_status: dict[int, int] = defaultdict(int)
    total = key_projects = 0
    rows = (
        Measure.objects.filter(edition=edition).order_by()
        .values_list("field_id", "status_id", "is_key_project").annotate(n=Count("pk"))
    )
    for field_id, status_id, is_key, n in rows:
        total += n
        key_projects += n if is_key else 0
        by_status[status_id] += n
        f = field_by_id.get(field_id)
        if f is not None:
            f.total += n
            f.by_status[index[norm_of.get(status_id, NormalisedStatus.PLANNED)]] += n
    by_normalised = [
        (value, str(label), sum(f.by_status[index[value]] for f in fields))
        for value, label in NormalisedStatus.choices
    ]
    return DashboardCounts(
        total=total, key_projects=key_projects, by_field=fields,
        by_status=[StatusCount(id=s.pk, label=s.label, normalised=s.normalised, count=by_status.get(s.pk, 0))
                   for s in statuses],
        by_normalised=by_normalised,
    )


# --- one measure -----------------------------------------------------------------------------------------------


def measures_of(municipality: Municipality) -> QuerySet[Measure]:
    """Measures of a municipality with everything a measure page or a permission check needs."""
    return (
        Measure.objects.of(municipality)
        .select_related("edition__plan", "field", "status", "lead_org_unit", "lead_organisation")
        .prefetch_related("goals", "co_lead_org_units", "co_lead_organisations", "partner_org_units",
                          "partner_organisations", "target_groups")
    )


@dataclass
class MeasureDetail:
    measure: Measure
    history: list[AuditEntry]
    goals: list[TreeGoal]  # the measure's goals with their level names


def measure_detail(municipality: Municipality, pk: int, actor: Actor | None = None) -> MeasureDetail:
    """A measure with its partners, goals and history. Raises Measure.DoesNotExist for a foreign id, and
    for a measure of an edition `actor` may not open (a draft not opened for comment to its role)."""
    measure = measures_of(municipality).get(pk=pk)
    if actor is not None and not rules.can_see_edition(actor, measure.edition):
        raise Measure.DoesNotExist
    history = list(history_of(measure).order_by("-at", "-id"))
    plan = measure.edition.plan
    parents = dict(Goal.objects.filter(edition_id=measure.edition_id).values_list("pk", "parent_id"))
    goals = []
    for goal in measure.goals.all():
        depth, parent, seen = 0, parents.get(goal.pk), set()
        while parent is not None and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parents.get(parent)
        goals.append(TreeGoal(id=goal.pk, field_id=goal.field_id, parent_id=goal.parent_id, title=goal.title,
                              position=goal.position, depth=depth, level_name=plan.level_name(depth)))
    return MeasureDetail(measure=measure, history=history, goals=goals)


def target_groups_of(municipality: Municipality) -> list[TargetGroup]:
    return list(TargetGroup.objects.of(municipality).order_by("name"))


def fields_of_municipality(municipality: Municipality) -> QuerySet[FieldOfAction]:
    return FieldOfAction.objects.of(municipality).select_related("edition__plan")


def goals_of_municipality(municipality: Municipality) -> QuerySet[Goal]:
    return Goal.objects.of(municipality).select_related("field", "edition__plan", "parent")


def audit_entries(municipality: Municipality) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.of(municipality).select_related("actor").order_by("-at", "-id")


def org_units_of(municipality: Municipality) -> list[OrgUnit]:
    return list(OrgUnit.objects.of(municipality).order_by("name"))


def organisations_of(municipality: Municipality) -> list[Organisation]:
    return list(Organisation.objects.of(municipality).order_by("name"))


def status_options_of(municipality: Municipality) -> list[StatusOption]:
    return list(StatusOption.objects.of(municipality).order_by("position", "pk"))


def edition_fields(edition: Edition) -> list[FieldOfAction]:
    return list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk"))


def edition_goals(edition: Edition) -> list[Goal]:
    return list(Goal.objects.filter(edition=edition).order_by("position", "pk"))


# --- "Meine Maßnahmen": what a Fachstelle leads or partners in, and what needs its attention ---------------

STALE_AFTER_MONTHS = 6  # a status unchanged for longer than this needs a look
# Statuses that are done with: an old status is expected there, not a reason for attention.
SETTLED_STATUSES = frozenset({NormalisedStatus.COMPLETED, NormalisedStatus.ROUTINE, NormalisedStatus.DISCONTINUED})
PREDECESSOR_DEPTH = 3  # editions back whose history counts for a copied measure


class Attention:
    """Why a measure of "Meine Maßnahmen" needs attention: a key and its readable German label."""

    STALE = "stale"
    NO_END_DATE = "no_end_date"
    NO_INDICATORS = "no_indicators"


def attention_label(reason: str) -> str:
    from django.utils.translation import gettext, ngettext

    if reason == Attention.STALE:
        return ngettext(
            "Status seit über %(months)d Monat nicht aktualisiert",
            "Status seit über %(months)d Monaten nicht aktualisiert", STALE_AFTER_MONTHS,
        ) % {"months": STALE_AFTER_MONTHS}
    if reason == Attention.NO_END_DATE:
        return gettext("Kein Enddatum")
    return gettext("Keine Erfolgsindikatoren")


@dataclass(slots=True)
class MyMeasureRow:
    pk: int
    reference: str
    title: str
    field_title: str
    status: str
    status_normalised: str
    is_lead: bool  # False: the actor's unit or organisation is a partner
    lead: str
    end_date: Any  # datetime.date | None
    status_changed_at: Any  # datetime.datetime | None: the last recorded status change (or change at all)
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_labels(self) -> list[str]:
        return [attention_label(reason) for reason in self.reasons]


@dataclass
class MyMeasures:
    attention: list[MyMeasureRow]  # at least one reason, in plan order
    others: list[MyMeasureRow]

    @property
    def total(self) -> int:
        return len(self.attention) + len(self.others)


def months_before(moment: Any, months: int) -> Any:
    """The same day and time `months` calendar months earlier (the last day of a shorter month)."""
    import calendar

    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def my_measures_q(actor: Actor) -> Q:
    """Measures that one of the actor's org units (sub-units included: Actor.org_unit_ids carries them) or
    organisations leads (first named or jointly) or partners in."""
    units, organisations = sorted(actor.org_unit_ids), sorted(actor.organisation_ids)
    partner_units = Measure.partner_org_units.through.objects.filter(orgunit_id__in=units).values("measure_id")
    partner_orgs = Measure.partner_organisations.through.objects.filter(
        organisation_id__in=organisations).values("measure_id")
    return _co_led_q(actor) | Q(pk__in=partner_units) | Q(pk__in=partner_orgs)


def _co_led_q(actor: Actor) -> Q:
    """Measures the actor's org units or organisations lead, first named or jointly."""
    units, organisations = sorted(actor.org_unit_ids), sorted(actor.organisation_ids)
    co_led_units = Measure.co_lead_org_units.through.objects.filter(orgunit_id__in=units).values("measure_id")
    co_led_orgs = Measure.co_lead_organisations.through.objects.filter(
        organisation_id__in=organisations).values("measure_id")
    return (
        Q(lead_org_unit_id__in=units) | Q(lead_organisation_id__in=organisations)
        | Q(pk__in=co_led_units) | Q(pk__in=co_led_orgs)
    )


def my_measures(actor: Actor, edition: Edition, *, now: Any = None) -> MyMeasures:
    """The measures of `edition` that the actor's org units or organisations lead or partner in, those
    needing attention first: a status not changed for more than STALE_AFTER_MONTHS (by the audit trail,
    counting the history of the measure it was copied from in earlier editions; a settled status is
    exempt), no end date, no success indicators. Two queries whatever the size (none without units or
    organisations): the measures (with whether the actor leads them), and one aggregate over their audit
    entries."""
    from django.db.models import Max
    from django.utils import timezone

    if not actor.org_unit_ids and not actor.organisation_ids:
        return MyMeasures(attention=[], others=[])
    mine = Measure.objects.filter(edition=edition).filter(my_measures_q(actor)).order_by()
    chain = ["predecessor_id", "predecessor__predecessor_id", "predecessor__predecessor__predecessor_id"]
    chain = chain[:PREDECESSOR_DEPTH]
    rows = list(
        mine.order_by("field__position", "field_id", "position", "pk").values_list(
            "pk", "reference", "title", "field__title", "status__label", "status__normalised",
            "lead_org_unit__name", "lead_organisation__name", "end_date", "indicators", "created_at",
            ExpressionWrapper(_co_led_q(actor), output_field=BooleanField()), *chain,
        )
    )
    if not rows:
        return MyMeasures(attention=[], others=[])
    measure_type = Measure._meta.label_lower
    traced = Q(object_id__in=mine.values("pk"))
    for link in chain:
        traced |= Q(object_id__in=mine.filter(**{f"{link}__isnull": False}).values(link))
    changes = (
        AuditEntry.objects.filter(municipality_id=edition.municipality_id, object_type=measure_type)
        .filter(traced).order_by().values("object_id")
        .annotate(status_at=Max("at", filter=Q(changes__has_key="status")), any_at=Max("at"))
        .values_list("object_id", "status_at", "any_at")
    )
    status_at: dict[int, Any] = {}
    any_at: dict[int, Any] = {}
    for object_id, status_changed, changed in changes:
        if status_changed is not None:
            status_at[object_id] = status_changed
        any_at[object_id] = changed
    cutoff = months_before(now or timezone.now(), STALE_AFTER_MONTHS)
    result = MyMeasures(attention=[], others=[])
    for (pk, reference, title, field_title, status, normalised, unit, organisation,
         end_date, indicators, created_at, is_lead, *earlier) in rows:
        lineage = [pk, *(p for p in earlier if p is not None)]
        # The newest status change along the lineage; else the newest change at all; else the creation.
        changed = (
            max((status_at[i] for i in lineage if i in status_at), default=None)
            or max((any_at[i] for i in lineage if i in any_at), default=None)
            or created_at
        )
        row = MyMeasureRow(
            pk=pk, reference=reference, title=title, field_title=field_title, status=status,
            status_normalised=normalised,
            is_lead=bool(is_lead),
            lead=unit or organisation or "", end_date=end_date, status_changed_at=changed,
        )
        if normalised not in SETTLED_STATUSES and changed is not None and changed < cutoff:
            row.reasons.append(Attention.STALE)
        if end_date is None:
            row.reasons.append(Attention.NO_END_DATE)
        if not any(str(item).strip() for item in (indicators or [])):
            row.reasons.append(Attention.NO_INDICATORS)
        (result.attention if row.reasons else result.others).append(row)
    return result
