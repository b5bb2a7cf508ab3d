"""Reads of meetings with their sessions, attendance, decisions and proposals (fixed query counts), and the
attendance aggregated over many meetings (of a body, a kind, a year)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from teilhabe.core.models import Municipality
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Attendance, Body, BodyMember, Decision, Meeting, MeetingSession, Proposal
from teilhabe.participation.permissions import VIEW
from teilhabe.plans.models import FieldOfAction

PAGE_SIZE = 50


@dataclass(frozen=True)
class MeetingFilters:
    body: int | None = None
    kind: str = ""
    year: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def visible_meetings(municipality: Municipality, actor: Actor | None = None, *,
                     public_only: bool = False) -> QuerySet[Meeting]:
    """The meetings `actor` may see: all with VIEW fully, those of their own bodies with Reach.OWN; the public
    sees public meetings (of no body, or of a public body)."""
    qs = Meeting.objects.of(municipality)
    if public_only:
        return qs.filter(Q(body=None) | Q(body__is_public=True), is_public=True)
    if actor is None or not actor.can(VIEW):
        return qs.none()
    if not actor.holds_fully(VIEW):
        qs = qs.filter(body__members__user_id=actor.user_id).distinct()
    return qs


def readable_meetings(municipality: Municipality, actor: Actor | None) -> QuerySet[Meeting]:
    """What the API shows: the public meetings to everyone, and beyond them what the actor's role sees."""
    public = Q(Q(body=None) | Q(body__is_public=True), is_public=True)
    qs = Meeting.objects.of(municipality)
    if actor is None or not actor.can(VIEW):
        return qs.filter(public)
    if actor.holds_fully(VIEW):
        return qs
    own = Body.objects.of(municipality).filter(members__user_id=actor.user_id).values("pk")
    return qs.filter(public | Q(body_id__in=own))


def _filtered(qs: QuerySet[Meeting], filters: MeetingFilters) -> QuerySet[Meeting]:
    if filters.body is not None:
        qs = qs.filter(body_id=filters.body)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year is not None:
        qs = qs.filter(starts_at__year=filters.year)
    if filters.since is not None:
        qs = qs.filter(starts_at__date__gte=filters.since)
    if filters.until is not None:
        qs = qs.filter(starts_at__date__lte=filters.until)
    return qs


def meeting_page(municipality: Municipality, filters: MeetingFilters, page: int = 1, *, per_page: int = PAGE_SIZE,
                 actor: Actor | None = None, public_only: bool = False, upcoming_first: bool = False,
                 base: QuerySet[Meeting] | None = None) -> Page[Meeting]:
    """One page of meetings with body and session count: two queries (count, page). `base`: the meetings to
    page through instead of those the actor sees (e.g. readable_meetings)."""
    qs = _filtered(base if base is not None else visible_meetings(municipality, actor, public_only=public_only),
                   filters)
    total = qs.count()
    num_pages = max(1, math.ceil(total / per_page))
    number = min(max(1, page), num_pages)
    start = (number - 1) * per_page
    order = ("starts_at", "pk") if upcoming_first else ("-starts_at", "-pk")
    items: list[Meeting] = list(qs.select_related("body").annotate(session_count=Count("sessions", distinct=True))
                 .order_by(*order)[start:start + per_page]) if total else []
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


def upcoming_public_meetings(municipality: Municipality, *, limit: int = 10) -> list[Meeting]:
    now = timezone.now()
    return list(visible_meetings(municipality, public_only=True)
                .filter(ends_at__gte=now).exclude(state=Meeting.State.CANCELLED)
                .select_related("body").order_by("starts_at", "pk")[:limit])


def meeting_detail(municipality: Municipality, pk: int, actor: Actor | None = None, *,
                   public_only: bool = False, base: QuerySet[Meeting] | None = None) -> Meeting:
    """A meeting with body (and its members, for the guard), fields of action, sessions (with body, field,
    attendance), decisions and attendance: a fixed number of queries. Raises Meeting.DoesNotExist."""
    return ((base if base is not None else visible_meetings(municipality, actor, public_only=public_only))
            .select_related("body", "municipality")
            .prefetch_related(
                Prefetch("body__members", queryset=BodyMember.objects.order_by("pk")),
                Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "title")),
                Prefetch("sessions", queryset=MeetingSession.objects.select_related("body", "field_of_action")
                         .order_by("round", "position", "pk")),
                Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk")),
                Prefetch("attendances", queryset=Attendance.objects.order_by("pk")),
            ).get(pk=pk))


def meeting_for_edit(municipality: Municipality, pk: int) -> Meeting:
    """Any meeting of the municipality with what the guard and the edit pages need."""
    return meeting_detail(municipality, pk, Actor.system(municipality.pk))


def session_of(meeting: Meeting, pk: int) -> MeetingSession:
    return MeetingSession.objects.of(meeting.municipality_id).select_related("meeting").get(meeting=meeting, pk=pk)


def decision_of(meeting: Meeting, pk: int) -> Decision:
    return Decision.objects.of(meeting.municipality_id).select_related("meeting").get(meeting=meeting, pk=pk)


@dataclass
class Round:
    number: int
    sessions: list[MeetingSession] = field(default_factory=list)


def sessions_by_round(meeting: Meeting) -> list[Round]:
    """The (prefetched) sessions grouped by round, in order."""
    return [Round(number, list(items)) for number, items in groupby(meeting.sessions.all(), key=lambda s: s.round)]


def meeting_attendance(meeting: Meeting) -> tuple[Attendance | None, dict[int, Attendance]]:
    """The (prefetched) attendance of the whole meeting and per session id."""
    whole = None
    per_session: dict[int, Attendance] = {}
    for row in meeting.attendances.all():
        if row.session_id is None:
            whole = row
        else:
            per_session[row.session_id] = row
    return whole, per_session


def meeting_proposals(meeting: Meeting, *, public_only: bool = False) -> list[Proposal]:
    """The meeting's proposals (published ones for the public), with session and field: one query."""
    qs = Proposal.objects.of(meeting.municipality_id).filter(meeting=meeting)
    if public_only:
        qs = qs.filter(moderation=Proposal.Moderation.PUBLISHED)
    return list(qs.select_related("session", "field_of_action").order_by("title", "pk"))


def body_proposals(body: Body, *, public_only: bool = False, limit: int = 200) -> list[Proposal]:
    """Proposals made by a body or in its meetings: one query."""
    qs = Proposal.objects.of(body.municipality_id).filter(Q(proposer_body=body) | Q(meeting__body=body))
    if public_only:
        qs = qs.filter(moderation=Proposal.Moderation.PUBLISHED)
        qs = qs.filter(Q(meeting=None) | Q(meeting__is_public=True))
    return list(qs.select_related("meeting", "field_of_action").order_by("-created_at", "-pk")[:limit])


def body_meetings(body: Body, *, public_only: bool = False) -> list[Meeting]:
    qs = Meeting.objects.of(body.municipality_id).filter(body=body)
    if public_only:
        qs = qs.filter(is_public=True)
    return list(qs.annotate(session_count=Count("sessions")).order_by("-starts_at", "-pk"))


def decisions_of(municipality: Municipality, *, body: Body | None = None, public_only: bool = False,
                 limit: int = 20) -> list[Decision]:
    """Recent decisions with their meeting (for the public: of public meetings with published minutes)."""
    qs = Decision.objects.of(municipality).select_related("meeting")
    if body is not None:
        qs = qs.filter(meeting__body=body)
    if public_only:
        qs = qs.filter(Q(meeting__body=None) | Q(meeting__body__is_public=True), meeting__is_public=True,
                       meeting__minutes_published_at__isnull=False)
    return list(qs.order_by("-meeting__starts_at", "position", "pk")[:limit])


@dataclass(frozen=True)
class AttendanceTotals:
    meetings: int
    total: int
    by_gender: dict[str, int]
    by_organisation: dict[str, int]

    @property
    def gender_not_stated(self) -> int:
        return self.total - sum(self.by_gender.values())

    @property
    def organisation_not_stated(self) -> int:
        return self.total - sum(self.by_organisation.values())


def attendance_totals(municipality: Municipality, *, body: Body | int | None = None, kind: str = "",
                      year: int | None = None, meetings: Iterable[int] | None = None,
                      public_only: bool = False) -> AttendanceTotals:
    """Attendance summed over the meetings of a body, a kind and/or a year (the meeting-wide counts; one
    query). Cancelled meetings do not count."""
    qs = Attendance.objects.of(municipality).filter(session=None).exclude(meeting__state=Meeting.State.CANCELLED)
    if body is not None:
        qs = qs.filter(meeting__body_id=getattr(body, "pk", body))
    if kind:
        qs = qs.filter(meeting__kind=kind)
    if year is not None:
        qs = qs.filter(meeting__starts_at__year=year)
    if meetings is not None:
        qs = qs.filter(meeting_id__in=list(meetings))
    if public_only:
        qs = qs.filter(meeting__is_public=True)
    names = ("total", *Attendance.GENDER_FIELDS, *Attendance.ORGANISATION_FIELDS)
    sums = qs.aggregate(meetings=Count("meeting", distinct=True), **{n: Sum(n) for n in names})
    return AttendanceTotals(
        meetings=sums["meetings"] or 0, total=sums["total"] or 0,
        by_gender={n: sums[n] or 0 for n in Attendance.GENDER_FIELDS},
        by_organisation={n: sums[n] or 0 for n in Attendance.ORGANISATION_FIELDS},
    )
