"""Named reads of reporting rounds for pages, the API, documents and mails. Each takes a fixed number of queries,
whatever the number of reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from teilhabe.core.models import Municipality
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, Success
from teilhabe.reporting.permissions import MANAGE_ROUNDS

OWED = (MeasureReport.State.PENDING, MeasureReport.State.DRAFT, MeasureReport.State.RETURNED)
IN = (MeasureReport.State.SUBMITTED, MeasureReport.State.ACCEPTED)


def rounds_of(municipality: Municipality) -> QuerySet[ReportingRound]:
    return ReportingRound.objects.filter(municipality=municipality).select_related("edition__plan")


def round_of(municipality: Municipality, pk: int) -> ReportingRound:
    return rounds_of(municipality).get(pk=pk)


def latest_closed_round(municipality: Municipality) -> ReportingRound | None:
    return (rounds_of(municipality).filter(state=ReportingRound.State.CLOSED)
            .order_by("-closed_at", "-pk").first())


def previous_round(round_: ReportingRound) -> ReportingRound | None:
    """The closed round of the same plan before this one (by the end of its reporting period)."""
    return (ReportingRound.objects.filter(edition__plan_id=round_.edition.plan_id, state=ReportingRound.State.CLOSED,
                                          period_end__lt=round_.period_end)
            .exclude(pk=round_.pk).order_by("-period_end", "-pk").first())


def published_rounds(municipality: Municipality) -> QuerySet[ReportingRound]:
    return rounds_of(municipality).filter(state=ReportingRound.State.CLOSED, published_at__isnull=False)


# --- an office's inbox ---------------------------------------------------------------------------------

@dataclass(slots=True)
class InboxRow:
    pk: int
    round_id: int
    round_title: str
    deadline: dt.date
    reference: str
    title: str
    field_title: str
    state: str
    state_label: str
    review_comment: str
    version: int

    @property
    def is_late(self) -> bool:
        return self.state in OWED and timezone.localdate() > self.deadline

    @property
    def is_owed(self) -> bool:
        """Still to be answered: open, in progress or returned."""
        return self.state in OWED


def addressed_to_q(actor: Actor) -> Q:
    """Reports addressed to one of the actor's org units (sub-units included) or organisations."""
    units = MeasureReport.addressed_org_units.through.objects.filter(orgunit_id__in=sorted(actor.org_unit_ids))
    organisations = MeasureReport.addressed_organisations.through.objects.filter(
        organisation_id__in=sorted(actor.organisation_ids))
    return Q(pk__in=units.values("measurereport_id")) | Q(pk__in=organisations.values("measurereport_id"))


def unaddressed_q() -> Q:
    units = MeasureReport.addressed_org_units.through.objects.filter(measurereport_id=OuterRef("pk"))
    organisations = MeasureReport.addressed_organisations.through.objects.filter(measurereport_id=OuterRef("pk"))
    return ~Q(Exists(units)) & ~Q(Exists(organisations))


def answerable_q(actor: Actor) -> Q:
    """Reports the actor answers: its own, and for Koordination those addressed to nobody."""
    q = addressed_to_q(actor)
    if actor.can(MANAGE_ROUNDS):
        q |= unaddressed_q()
    return q


def inbox(actor: Actor, *, include_done: bool = True) -> list[InboxRow]:
    """The reports of open rounds the actor answers, owed ones first (then by deadline and plan order).
    One query."""
    qs = MeasureReport.objects.filter(round__state=ReportingRound.State.OPEN).filter(answerable_q(actor))
    if not include_done:
        qs = qs.filter(state__in=OWED)
    rows = qs.order_by().values_list(
        "pk", "round_id", "round__title", "round__deadline", "reference", "title", "field_title", "state",
        "review_comment", "version", "field_position", "position")
    labels = dict(MeasureReport.State.choices)
    result = [
        InboxRow(pk=pk, round_id=round_id, round_title=title_r, deadline=deadline, reference=ref, title=title,
                 field_title=field_title, state=state, state_label=str(labels[state]), review_comment=comment,
                 version=version)
        for (pk, round_id, title_r, deadline, ref, title, field_title, state, comment, version, _fp, _p)
        in sorted(rows, key=lambda r: (r[7] not in OWED, r[3], r[1], r[10], r[11], r[0]))
    ]
    return result


def partner_reports(link: PartnerLink) -> QuerySet[MeasureReport]:
    return MeasureReport.objects.filter(round_id=link.round_id, addressed_organisations=link.organisation_id)


# --- a round's progress --------------------------------------------------------------------------------

@dataclass
class StateCounts:
    total: int = 0
    pending: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0
    late: int = 0

    def add(self, state: str, late: bool, n: int = 1) -> None:
        """Count `n` reports in `state` (and as late)."""
        self.total += n
        setattr(self, state, getattr(self, state) + n)
        if late:
            self.late += n

    @property
    def missing(self) -> int:
        """Not handed in (yet): open, in progress, or returned."""
        return self.pending + self.draft + self.returned

    @property
    def percent_in(self) -> int:
        return round(100 * (self.submitted + self.accepted) / self.total) if self.total else 0


@dataclass
class RoundProgress:
    round: ReportingRound
    overall: StateCounts
    by_office: list[tuple[str, StateCounts]]  # office or organisation name → counts, by name
    by_field: list[tuple[str, StateCounts]]  # in plan order


def round_progress(round_: ReportingRound, today: dt.date | None = None) -> RoundProgress:
    """Submitted, accepted, returned, missing and late reports, overall, per office and per field of action.
    Three queries. A report addressed to several offices counts for each of them."""
    late_now = round_.is_late(today) and round_.is_open
    rows = list(MeasureReport.objects.filter(round=round_).order_by("field_position", "position", "pk")
                .values_list("pk", "state", "field_title"))
    offices: dict[int, list[str]] = defaultdict(list)
    units = MeasureReport.addressed_org_units.through.objects.filter(measurereport__round=round_)
    for report_id, name in units.values_list("measurereport_id", "orgunit__name"):
        offices[report_id].append(name)
    for report_id, name in MeasureReport.addressed_organisations.through.objects.filter(
            measurereport__round=round_).values_list("measurereport_id", "organisation__name"):
        offices[report_id].append(name)
    overall = StateCounts()
    by_office: dict[str, StateCounts] = defaultdict(StateCounts)
    by_field: dict[str, StateCounts] = {}
    for pk, state, field_title in rows:
        late = late_now and state in OWED
        overall.add(state, late)
        by_field.setdefault(field_title, StateCounts()).add(state, late)
        for office in offices.get(pk) or [""]:
            by_office[office].add(state, late)
    return RoundProgress(round=round_, overall=overall, by_office=sorted(by_office.items(), key=lambda i: i[0].lower()),
                         by_field=list(by_field.items()))


# --- counts of a round, for the report and comparisons ----------------------------------------------------

@dataclass
class RoundCounts:
    round: ReportingRound
    total: int
    accepted: int
    by_status: Counter[str] = field(default_factory=Counter)  # normalised status → accepted reports
    by_success: Counter[str] = field(default_factory=Counter)  # Success → accepted reports

    @property
    def successful(self) -> int:
        return self.by_success.get(Success.SUCCESSFUL, 0)


def round_counts(rounds: Sequence[ReportingRound]) -> list[RoundCounts]:
    """Per round: reports, accepted reports, accepted by normalised status and by success. One query."""
    result = {r.pk: RoundCounts(round=r, total=0, accepted=0) for r in rounds}
    rows = (MeasureReport.objects.filter(round__in=list(result)).order_by()
            .values_list("round_id", "state", "status_normalised", "success").annotate(n=Count("pk")))
    for round_id, state, normalised, success, n in rows:
        counts = result[round_id]
        counts.total += n
        if state == MeasureReport.State.ACCEPTED:
            counts.accepted += n
            counts.by_status[normalised] += n
            if success:
                counts.by_success[success] += n
    return [result[r.pk] for r in rounds]


def plan_round_history(round_: ReportingRound) -> list[RoundCounts]:
    """The closed rounds of the round's plan, oldest first, with this round at the end if it is open."""
    rounds = list(ReportingRound.objects.filter(edition__plan_id=round_.edition.plan_id)
                  .filter(Q(state=ReportingRound.State.CLOSED) | Q(pk=round_.pk))
                  .select_related("edition").order_by("period_end", "pk"))
    return round_counts(rounds)


# --- a measure across rounds ---------------------------------------------------------------------------

@dataclass(slots=True)
class MeasureRound:
    round_id: int
    round_title: str
    period_start: dt.date
    period_end: dt.date
    round_closed: bool
    state: str
    state_label: str
    status: str
    success: str
    success_label: str
    progress: str


def measure_rounds(measure: Measure, *, accepted_only: bool = False) -> list[MeasureRound]:
    """The measure's reports in every round, oldest first, along its lineage (a Fortschreibung copies a measure
    into a new edition; the reports of its predecessors belong to its story). Two queries. Drafts are not
    shown: a report shows its answer once it has been submitted."""
    lineage = [measure.pk]
    current: int | None = measure.predecessor_id
    chain = dict(Measure.objects.filter(edition__plan_id=measure.edition.plan_id).values_list("pk", "predecessor_id"))
    while current is not None and current not in lineage:
        lineage.append(current)
        current = chain.get(current)
    qs = MeasureReport.objects.filter(measure_id__in=lineage)
    qs = qs.filter(state=MeasureReport.State.ACCEPTED) if accepted_only else qs.filter(state__in=IN)
    success_labels = dict(Success.choices)
    state_labels = dict(MeasureReport.State.choices)
    rows = qs.select_related("round", "status").order_by("round__period_end", "round_id")
    return [
        MeasureRound(
            round_id=r.round_id, round_title=r.round.title, period_start=r.round.period_start,
            period_end=r.round.period_end, round_closed=r.round.state == ReportingRound.State.CLOSED,
            state=r.state, state_label=str(state_labels[r.state]),
            status=r.status_label or (r.status.label if r.status else ""), success=r.success,
            success_label=str(success_labels.get(r.success, "")), progress=r.progress)
        for r in rows
    ]


def report_detail(municipality: Municipality, pk: int) -> MeasureReport:
    return (MeasureReport.objects.filter(municipality=municipality).select_related("round__edition__plan", "status",
                                                                            "measure")
            .prefetch_related("addressed_org_units", "addressed_organisations", "attachments", "steps__actor",
                              "steps__partner_link__organisation")
            .get(pk=pk))


def _reports_filtered(round_: ReportingRound, state: str, field_title: str) -> QuerySet[MeasureReport]:
    qs = MeasureReport.objects.filter(round=round_)
    if state == "late":
        qs = qs.filter(state__in=OWED) if round_.is_late() and round_.is_open else qs.none()
    elif state == "missing":
        qs = qs.filter(state__in=OWED)
    elif state:
        qs = qs.filter(state=state)
    if field_title:
        qs = qs.filter(field_title=field_title)
    return qs


def measure_open_rounds(measure: Measure) -> list[MeasureRound]:
    """The measure's reports in rounds still open, in whatever state (drafts included, their answer not):
    what Koordination sees of the current round on the measure page. One query."""
    state_labels = dict(MeasureReport.State.choices)
    success_labels = dict(Success.choices)
    rows = (MeasureReport.objects.filter(measure_id=measure.pk, round__state=ReportingRound.State.OPEN)
            .select_related("round", "status").order_by("round__period_end", "round_id"))
    return [
        MeasureRound(
            round_id=r.round_id, round_title=r.round.title, period_start=r.round.period_start,
            period_end=r.round.period_end, round_closed=False, state=r.state, state_label=str(state_labels[r.state]),
            status=(r.status_label or (r.status.label if r.status else "")) if r.state in IN else "",
            success=r.success if r.state in IN else "",
            success_label=str(success_labels.get(r.success, "")) if r.state in IN else "",
            progress=r.progress if r.state in IN else "")
        for r in rows
    ]


def rounds_progress(rounds: Sequence[ReportingRound], today: dt.date | None = None) -> dict[int, StateCounts]:
    """Per round: its reports by state, and late ones (owed after the deadline of an open round). One query."""
    result = {r.pk: StateCounts() for r in rounds}
    late_now = {r.pk for r in rounds if r.is_open and r.is_late(today)}
    rows = (MeasureReport.objects.filter(round__in=list(result)).order_by().values_list("round_id", "state")
            .annotate(n=Count("pk")))
    for round_id, state, n in rows:
        result[round_id].add(state, round_id in late_now and state in OWED, n)
    return result


def reports_with_answers(round_: ReportingRound, *, state: str = "") -> list[MeasureReport]:
    """The round's reports with their answers, status and addressees (for the API's review list; the caller
    leaves out the answers of reports not handed in). Four queries."""
    qs = _reports_filtered(round_, state, "")
    return list(qs.select_related("status").prefetch_related("addressed_org_units", "addressed_organisations")
                .order_by("field_position", "position", "pk"))


def report_ids_of_round(round_: ReportingRound, *, state: str = "", field_title: str = "") -> list[int]:
    """The ids of the review list (reports_page) with the same filters, in the same order (previous / next on
    the review page). One query."""
    return list(_reports_filtered(round_, state, field_title).order_by("field_position", "position", "pk")
                .values_list("pk", flat=True))


# --- Koordination's overview of rounds ------------------------------------------------------------------

def rounds_overview(municipality: Municipality, today: dt.date | None = None) -> list[tuple[ReportingRound,
                                                                                             StateCounts]]:
    """Every round of the municipality with its counts by state (rounds_progress). Two queries."""
    rounds = list(rounds_of(municipality))
    counts = rounds_progress(rounds, today) if rounds else {}
    return [(r, counts[r.pk]) for r in rounds]


@dataclass
class ScopeCounts:
    """How many measures a round over an edition would ask about, per scope and per field of action."""

    total: int = 0
    key_projects: int = 0
    by_field: dict[int, int] = field(default_factory=dict)


def scope_counts(edition_ids: Sequence[int]) -> dict[int, ScopeCounts]:
    """Per edition: its measures, its key projects and its measures per field of action. One query."""
    result = {pk: ScopeCounts() for pk in edition_ids}
    rows = (Measure.objects.filter(edition_id__in=list(edition_ids)).order_by()
            .values_list("edition_id", "field_id", "is_key_project").annotate(n=Count("pk")))
    for edition_id, field_id, key, n in rows:
        counts = result[edition_id]
        counts.total += n
        counts.key_projects += n if key else 0
        counts.by_field[field_id] = counts.by_field.get(field_id, 0) + n
    return result


@dataclass
class PartnerRow:
    """An organisation with reports in a round and its current partner link (the newest; None: never sent)."""

    organisation_id: int
    name: str
    reports: int
    owed: int
    link: PartnerLink | None


def partner_overview(round_: ReportingRound) -> list[PartnerRow]:
    """The organisations a round's reports are addressed to, by name, with their newest link. Two queries."""
    through = MeasureReport.addressed_organisations.through
    rows = (through.objects.filter(measurereport__round=round_).order_by()
            .values_list("organisation_id", "organisation__name")
            .annotate(n=Count("measurereport_id"),
                      owed=Count("measurereport_id", filter=Q(measurereport__state__in=OWED))))
    links: dict[int, PartnerLink] = {}
    for link in PartnerLink.objects.filter(round=round_).order_by("-created_at", "-pk"):
        links.setdefault(link.organisation_id, link)
    return sorted((PartnerRow(organisation_id=pk, name=name, reports=n, owed=owed, link=links.get(pk))
                   for pk, name, n, owed in rows), key=lambda r: r.name.lower())


def round_editions(municipality: Municipality) -> list[Edition]:
    """The editions a round can be opened on: the adopted ones (the plans in force), with their plans."""
    return list(Edition.objects.filter(municipality=municipality, status=Edition.Status.ADOPTED)
                .select_related("plan").order_by("plan__title", "plan_id"))


def fields_of_editions(editions: Sequence[Edition]) -> list[FieldOfAction]:
    return list(FieldOfAction.objects.filter(edition__in=list(editions)).order_by("edition_id", "position", "pk"))


REVIEW_PAGE_SIZE = 100


def reports_page(round_: ReportingRound, *, state: str = "", field_title: str = "", page: int = 1,
                 per_page: int = REVIEW_PAGE_SIZE) -> Page[MeasureReport]:
    """A page of the round's reports for Koordination's review list, with their addressees. Four queries at
    most (count, page, two prefetches), whatever the size of the round."""
    qs = _reports_filtered(round_, state, field_title)
    total = qs.count()
    num_pages = max(1, (total + per_page - 1) // per_page)
    number = min(max(page, 1), num_pages)
    start = (number - 1) * per_page
    items = list(qs.defer("progress", "success_reason", "obstacles", "next_steps", "indicator_values", "indicators")
                 .prefetch_related("addressed_org_units", "addressed_organisations")
                 .order_by("field_position", "position", "pk")[start:start + per_page]) if total else []
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


# --- a published round on the public pages --------------------------------------------------------------

@dataclass(slots=True)
class PublicStatus:
    reference: str
    title: str
    status: str  # the accepted status as words; "" when the report was not accepted
    status_normalised: str
    is_key_project: bool


def accepted_statuses(round_: ReportingRound) -> list[tuple[str, list[PublicStatus]]]:
    """The round's measures by field of action in plan order, each with its accepted status (what a published
    round shows the public: no answers, no offices' drafts). One query."""
    rows = (MeasureReport.objects.filter(round_id=round_.pk).order_by("field_position", "position", "pk")
            .values_list("field_title", "reference", "title", "state", "status_label", "status_normalised",
                         "is_key_project"))
    fields: dict[str, list[PublicStatus]] = {}
    for field_title, reference, title, state, label, normalised, key_project in rows:
        accepted = state == MeasureReport.State.ACCEPTED
        fields.setdefault(field_title, []).append(PublicStatus(
            reference=reference, title=title, status=label if accepted else "",
            status_normalised=normalised if accepted else "", is_key_project=key_project))
    return list(fields.items())


def published_rounds_with_measure(municipality: Municipality, measure_id: int) -> list[ReportingRound]:
    """The published rounds that reported on a measure, newest first (one query): the public measure page
    links their reports."""
    return list(published_rounds(municipality).filter(reports__measure_id=measure_id).distinct()
                .order_by("-period_end", "-pk"))
