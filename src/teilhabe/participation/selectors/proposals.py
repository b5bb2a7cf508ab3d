"""Reads of proposals: the filtered, paged list (back office, portal, API) in a fixed number of queries, one
proposal with what became of it, the moderation queue, the proposals a measure came from, and the latest
published reporting state of the measures a proposal became."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from teilhabe.core.audit import history_of
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, BodyMember, Meeting, Proposal, ProposalMeasure
from teilhabe.participation.permissions import VIEW
from teilhabe.plans.models import FieldOfAction, Measure
from teilhabe.reporting.models import MeasureReport, ReportingRound

MAX_PER_PAGE = 1000
TEXT_MAX = 200


@dataclass(frozen=True)
class ProposalFilters:
    field: int | None = None  # FieldOfAction id
    status: str = ""
    body: int | None = None  # the meeting's body or the proposing body
    meeting: int | None = None
    text: str = ""
    moderation: str = ""  # back office and API only; the public sees published ones

    @property
    def active(self) -> bool:
        return bool(self.field or self.status or self.body or self.meeting or self.text or self.moderation)


def _base(municipality: Municipality) -> QuerySet[Proposal]:
    return Proposal.objects.filter(municipality=municipality)


def _list_related(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return qs.select_related("field_of_action", "meeting", "proposer_organisation", "proposer_body",
                             "merged_into")


def visible_to(actor: Actor | None, qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """What `actor` may see: everything with VIEW for all; with VIEW for their own (moderation, body members)
    the published ones plus those of their bodies; anonymous (None) and everyone else the published ones."""
    published = Q(moderation=Proposal.Moderation.PUBLISHED)
    if actor is None or not actor.can(VIEW):
        return qs.filter(published)
    if actor.holds_fully(VIEW):
        return qs
    mine = BodyMember.objects.filter(user_id=actor.user_id)
    return qs.filter(
        published
        | Exists(mine.filter(body_id=OuterRef("meeting__body_id")))
        | Exists(mine.filter(body_id=OuterRef("proposer_body_id"))))


def filtered(municipality: Municipality, filters: ProposalFilters, *, actor: Actor | None) -> QuerySet[Proposal]:
    qs = visible_to(actor, _base(municipality))
    if filters.field:
        qs = qs.filter(field_of_action_id=filters.field)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.body:
        meetings = Meeting.objects.filter(municipality=municipality, body_id=filters.body).values("pk")
        qs = qs.filter(Q(meeting_id__in=meetings) | Q(proposer_body_id=filters.body))
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.moderation:
        qs = qs.filter(moderation=filters.moderation)
    text = " ".join(filters.text.split())[:TEXT_MAX]
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(text__icontains=text) | Q(answer__icontains=text))
    return qs


def proposal_page(municipality: Municipality, filters: ProposalFilters, number: int, *, actor: Actor | None,
                  per_page: int = 25) -> Page[Proposal]:
    """One page of the filtered list, newest first: two queries (count, page) whatever the data."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    qs = filtered(municipality, filters, actor=actor)
    total = qs.count()
    num_pages = max(1, -(-total // per_page))
    number = max(1, min(number, num_pages))
    start = (number - 1) * per_page
    items = list(_list_related(qs).order_by("-created_at", "-pk")[start:start + per_page])
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


def moderation_queue(municipality: Municipality) -> list[Proposal]:
    """Online submissions waiting for moderation, oldest first (one query)."""
    return list(_list_related(_base(municipality).filter(moderation=Proposal.Moderation.PENDING))
                .order_by("created_at", "pk"))


def _detail_related(qs: QuerySet[Proposal], *, public: bool) -> QuerySet[Proposal]:
    merged_from = Proposal.objects.order_by("created_at", "pk")
    if public:
        merged_from = merged_from.filter(moderation=Proposal.Moderation.PUBLISHED)
    links = ProposalMeasure.objects.select_related(
        "measure", "measure__status", "measure__edition", "measure__edition__plan", "measure__field",
    ).order_by("linked_at", "pk")
    return (_list_related(qs).select_related("session", "meeting__body", "merged_into__meeting")
            .prefetch_related(Prefetch("merged_from", queryset=merged_from),
                              Prefetch("measure_links", queryset=links)))


def proposal_detail(municipality: Municipality, pk: int, *, actor: Actor | None) -> Proposal:
    """One proposal the actor may see, with its merged ones and measures (three queries). Raises
    Proposal.DoesNotExist for an id of another municipality or one the actor may not see."""
    qs = visible_to(actor, _base(municipality))
    return _detail_related(qs, public=actor is None or not actor.can(VIEW)).get(pk=pk)


def public_proposal(municipality: Municipality, pk: int) -> Proposal:
    """A published proposal for the portal (three queries)."""
    return _detail_related(_base(municipality).filter(moderation=Proposal.Moderation.PUBLISHED), public=True).get(
        pk=pk)


def history(proposal: Proposal) -> list[AuditEntry]:
    """The proposal's audit trail, newest first (one query)."""
    return list(history_of(proposal).order_by("-at", "-id"))


def meeting_is_public(meeting: Meeting | None) -> bool:
    """Whether the portal shows the meeting's page (a public meeting of no body or of a public body)."""
    return meeting is not None and meeting.is_public and (meeting.body is None or meeting.body.is_public)


def proposals_of_measure(measure: Measure, *, public: bool) -> list[Proposal]:
    """The proposals a measure came from, with their meetings (one query); each carries `meeting_public`."""
    qs = Proposal.objects.filter(municipality_id=measure.municipality_id, measure_links__measure=measure)
    if public:
        qs = qs.filter(moderation=Proposal.Moderation.PUBLISHED)
    proposals = list(qs.select_related("meeting", "meeting__body", "session", "proposer_body",
                                       "proposer_organisation").order_by("created_at", "pk"))
    for proposal in proposals:
        proposal.meeting_public = meeting_is_public(proposal.meeting)  # type: ignore[attr-defined]
    return proposals


@dataclass(frozen=True)
class ReportState:
    """What the latest published implementation report says of a measure."""

    round_id: int
    round_title: str
    period_end: Any
    status: str
    success: str


def latest_published_reports(measure_ids: Iterable[int]) -> dict[int, ReportState]:
    """For each measure, its accepted report in the newest published round (one query)."""
    ids = list(measure_ids)
    if not ids:
        return {}
    rows = (MeasureReport.objects.filter(measure_id__in=ids, state=MeasureReport.State.ACCEPTED,
                                         round__state=ReportingRound.State.CLOSED,
                                         round__published_at__isnull=False)
            .select_related("round", "status").order_by("measure_id", "-round__period_end", "-round_id"))
    states: dict[int, ReportState] = {}
    for report in rows:
        if report.measure_id in states or report.measure_id is None:
            continue
        states[report.measure_id] = ReportState(
            round_id=report.round_id, round_title=report.round.title, period_end=report.round.period_end,
            status=report.status_label or (report.status.label if report.status else ""),
            success=report.get_success_display() if report.success else "")
    return states


# --- choices for filters and forms ---------------------------------------------------------------------


def field_choices(municipality: Municipality, *, in_force: bool = False) -> list[FieldOfAction]:
    """Fields of action of the municipality's plans (of the adopted editions with `in_force`), newest edition
    first (one query)."""
    from teilhabe.plans.models import Edition

    qs = FieldOfAction.objects.filter(municipality=municipality)
    if in_force:
        qs = qs.filter(edition__status=Edition.Status.ADOPTED)
    return list(qs.select_related("edition", "edition__plan").order_by("-edition__pk", "position", "pk"))


def body_choices(municipality: Municipality, *, public: bool = False) -> list[Body]:
    qs = Body.objects.filter(municipality=municipality)
    if public:
        qs = qs.filter(is_public=True)
    return list(qs.order_by("name"))


def meeting_choices(municipality: Municipality, *, public: bool = False,
                    body_ids: Sequence[int] | None = None) -> list[Meeting]:
    qs = Meeting.objects.filter(municipality=municipality)
    if public:
        qs = qs.filter(is_public=True)
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    return list(qs.select_related("body").order_by("-starts_at", "-pk")[:500])


def proposal_choices(municipality: Municipality, *, exclude: int | None = None) -> list[Proposal]:
    """Published proposals that others can be merged into (one query)."""
    qs = _base(municipality).filter(moderation=Proposal.Moderation.PUBLISHED).exclude(
        status=Proposal.Status.MERGED)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return list(qs.only("pk", "title").order_by("title", "pk")[:2000])


def measure_choices(municipality: Municipality) -> list[Measure]:
    return list(Measure.objects.filter(municipality=municipality).select_related("edition", "edition__plan")
                .only("pk", "title", "reference", "edition__name", "edition__plan__title")
                .order_by("-edition__pk", "position", "pk")[:3000])


def editions_for_adoption(municipality: Municipality) -> list[Any]:
    from teilhabe.plans.models import Edition

    return list(Edition.objects.filter(municipality=municipality).exclude(status=Edition.Status.ARCHIVED)
                .select_related("plan").order_by("-pk"))


def own_body_ids(actor: Actor) -> list[int]:
    """The bodies the actor is a member of (one query)."""
    if actor.user_id is None:
        return []
    return list(BodyMember.objects.filter(municipality_id=actor.municipality_id, user_id=actor.user_id)
                .values_list("body_id", flat=True))


def session_choices(meetings: Sequence[Meeting]) -> list[Any]:
    from teilhabe.participation.models import MeetingSession

    return list(MeetingSession.objects.filter(meeting_id__in=[m.pk for m in meetings]).select_related("meeting")
                .order_by("-meeting__starts_at", "round", "position", "pk"))


def goal_choices(fields: Sequence[FieldOfAction]) -> list[Any]:
    from teilhabe.plans.models import Goal

    return list(Goal.objects.filter(field_id__in=[f.pk for f in fields]).select_related("field")
                .order_by("field_id", "position", "pk"))
