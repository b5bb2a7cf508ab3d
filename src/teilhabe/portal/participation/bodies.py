"""Participation on the portal: the overview (public bodies, upcoming public meetings, recent decisions), a
body's page, the list of public meetings and a meeting's page (agenda, parallel sessions by round, published
minutes and decisions, attendance counts, its public proposals).

Only public bodies and public meetings (of no body or of a public body) exist here; others are a 404. Members
are shown privacy-friendly: chairs, moderators and contact persons by name and organisation, the others only
as a number."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render

from teilhabe.core.cleaning import check_query
from teilhabe.core.tenancy import TenantRequest
from teilhabe.participation.models import Body, Meeting
from teilhabe.participation.selectors import bodies as body_selectors
from teilhabe.participation.selectors import meetings as meeting_selectors

PAGE_PARAM = "seite"
PER_PAGE = 20
MAX_PAGE = 100_000


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def overview(request: TenantRequest) -> HttpResponse:
    """Five queries whatever the numbers: bodies (with counts, their fields), upcoming meetings, decisions."""
    check_query(request)
    municipality = request.municipality
    return render(request, "portal/participation/overview.html", {
        "bodies": body_selectors.body_list(municipality, public_only=True),
        "upcoming": meeting_selectors.upcoming_public_meetings(municipality),
        "decisions": meeting_selectors.decisions_of(municipality, public_only=True, limit=10),
    })


def body_page(request: TenantRequest, pk: int) -> HttpResponse:
    try:
        body = body_selectors.body_detail(request.municipality, pk, public_only=True)
    except Body.DoesNotExist:
        raise Http404 from None
    named, others = body_selectors.public_members(body)
    return render(request, "portal/participation/body.html", {
        "body": body, "named_members": named, "other_members": others,
        "meetings": meeting_selectors.body_meetings(body, public_only=True),
        "proposals": meeting_selectors.body_proposals(body, public_only=True, limit=50),
        "decisions": meeting_selectors.decisions_of(request.municipality, body=body, public_only=True, limit=50),
    })


def meeting_list(request: TenantRequest) -> HttpResponse:
    """Upcoming first (?vergangene=1: past ones, newest first); three queries whatever the number."""
    check_query(request)
    past = request.GET.get("vergangene") == "1"
    today = dt.date.today()
    filters = (meeting_selectors.MeetingFilters(until=today - dt.timedelta(days=1)) if past
               else meeting_selectors.MeetingFilters(since=today))
    page = meeting_selectors.meeting_page(request.municipality, filters, _page_number(request), per_page=PER_PAGE,
                                          public_only=True, upcoming_first=not past)
    return render(request, "portal/participation/meetings.html", {
        "page": page, "pager": page, "meetings": page.items, "past": past,
        "page_query": "vergangene=1&" if past else "",
    })


def meeting_page(request: TenantRequest, pk: int) -> HttpResponse:
    """A fixed number of queries, whatever the number of sessions and proposals."""
    try:
        meeting = meeting_selectors.meeting_detail(request.municipality, pk, public_only=True)
    except Meeting.DoesNotExist:
        raise Http404 from None
    whole, per_session = meeting_selectors.meeting_attendance(meeting)
    rounds = meeting_selectors.sessions_by_round(meeting)
    for round_ in rounds:
        for session in round_.sessions:
            session.attendance = per_session.get(session.pk)  # type: ignore[attr-defined]
    published = meeting.minutes_published_at is not None
    return render(request, "portal/participation/meeting.html", {
        "meeting": meeting, "rounds": rounds, "several_rounds": len(rounds) > 1, "attendance": whole,
        "published": published, "decisions": list(meeting.decisions.all()) if published else [],
        "proposals": meeting_selectors.meeting_proposals(meeting, public_only=True),
    })
