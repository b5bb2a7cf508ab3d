"""Reads for invitations, registrations, meeting documents and the calendar: a meeting with everything its
invitation and minutes show (a fixed number of queries), a meeting's registrations and their counts, the
public meetings the portal may show, and public meetings in a period for the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from teilhabe.core.models import Municipality
from teilhabe.participation.models import (
    Attendance,
    BodyMember,
    Decision,
    Meeting,
    MeetingSession,
    Proposal,
    Registration,
)


def _meetings(municipality: Municipality) -> QuerySet[Meeting]:
    return Meeting.objects.filter(municipality=municipality).select_related("body", "municipality")


def meeting_for_staff(municipality: Municipality, pk: int) -> Meeting | None:
    """The meeting with its body's members (for the guard's Reach.OWN and the invitation's recipients)."""
    return (_meetings(municipality)
            .prefetch_related(Prefetch("body__members", queryset=BodyMember.objects.select_related("user")))
            .filter(pk=pk).first())


def public_meeting(municipality: Municipality, pk: int) -> Meeting | None:
    """A public meeting of the municipality, else None (the portal answers 404)."""
    return _meetings(municipality).filter(pk=pk, is_public=True).first()


def meeting_documents(municipality: Municipality, pk: int, *, public_only: bool = False) -> Meeting | None:
    """The meeting with its fields of action, sessions (by round), attendance counts, decisions and the
    proposals collected in it — six queries whatever their number."""
    meetings = _meetings(municipality).prefetch_related(
        "fields_of_action",
        Prefetch("sessions", queryset=MeetingSession.objects.select_related("body", "field_of_action")
                 .order_by("round", "position", "pk")),
        Prefetch("attendances", queryset=Attendance.objects.select_related("session")),
        Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk")),
        Prefetch("proposals", queryset=Proposal.objects.exclude(moderation=Proposal.Moderation.REJECTED)
                 .select_related("field_of_action", "proposer_organisation", "proposer_body", "session")
                 .order_by("session__round", "pk")),
    )
    if public_only:
        meetings = meetings.filter(is_public=True)
    return meetings.filter(pk=pk).first()


@dataclass(frozen=True)
class RegistrationCounts:
    registered: int
    capacity: int | None

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.registered, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.registered >= self.capacity


def registration_counts(meeting: Meeting) -> RegistrationCounts:
    return RegistrationCounts(registered=Registration.objects.filter(meeting=meeting).count(),
                              capacity=meeting.capacity)


def registrations_of(meeting: Meeting) -> QuerySet[Registration]:
    """The meeting's registrations, oldest first (one query)."""
    return Registration.objects.filter(meeting=meeting).order_by("created_at", "pk")


def registration_by_token(municipality: Municipality, token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return (Registration.objects.filter(municipality=municipality, cancel_token=token)
            .select_related("meeting").first())


def public_meetings_between(municipality: Municipality, start: dt.datetime, end: dt.datetime) -> list[Meeting]:
    """Public, not cancelled meetings that touch start … end, in time order (one query): for the portal's
    calendar and event list."""
    return list(_meetings(municipality)
                .filter(is_public=True, starts_at__lt=end, ends_at__gte=start)
                .exclude(state=Meeting.State.CANCELLED)
                .filter(Q(body=None) | Q(body__is_public=True))
                .order_by("starts_at", "pk"))

