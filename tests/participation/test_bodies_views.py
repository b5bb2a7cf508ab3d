"""Bodies and meetings in the back office and on the portal: what each role sees and does, bad input, and
query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Attendance, Body, Meeting, MeetingSession, Proposal
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as meeting_services

START = timezone.make_aware(dt.datetime(2027, 5, 4, 17, 0))


def _bo(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def _portal(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"portal:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def _meeting(actor: Actor, municipality: Municipality, body: Body | None, title: str = "Workshop",
             start: dt.datetime = START, public: bool = True) -> Meeting:
    return meeting_services.create_meeting(actor=actor, municipality=municipality, values={
        "title": title, "body": body, "starts_at": start, "ends_at": start + dt.timedelta(hours=2),
        "place": "Rathaus", "is_public": public, "agenda": "<p>Begrüßung</p>"})


# --- back office ------------------------------------------------------------------------------------------


def test_koordination_sets_up_a_body_and_a_meeting_through_the_forms(
        municipality: Municipality, koordination: User, client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    answer = client.post(_bo("participation_bodies_create", municipality), {
        "name": "Fokusgruppe Bildung", "kind": "focus_group", "purpose": "Ziele benennen", "is_public": "on"})
    assert answer.status_code == 302
    body = Body.objects.get(name="Fokusgruppe Bildung")
    assert client.post(_bo("body_member_add", municipality, pk=body.pk), {
        "name": "Aylin Demir", "organisation_name": "Elternverein", "function": "chair"}).status_code == 302
    answer = client.post(_bo("participation_bodies_meeting_create", municipality), {
        "title": "Fokusgruppenrunde 1", "kind": "focus_group_round", "body": body.pk, "format": "in_person",
        "place": "Rathaus", "starts_at": "2014-03-10T17:00", "ends_at": "2014-03-10T20:00", "is_public": "on"})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    meeting = Meeting.objects.get(title="Fokusgruppenrunde 1")
    answer = client.post(_bo("meeting_sessions", municipality, pk=meeting.pk), {
        "titles": "Bildung\nAlltagsdiskriminierung\nPersonalentwicklung\nZugewanderten- und Frauenökonomie",
        "rounds": "1"})
    assert answer.status_code == 302 and meeting.sessions.count() == 4
    page = client.get(_bo("meeting_detail", municipality, pk=meeting.pk)).content.decode()
    assert "Alltagsdiskriminierung" in page and "Runde 1" in page


def test_attendance_parts_beyond_the_total_get_a_clear_message(
        municipality: Municipality, koordination: User, meeting: Meeting, client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    url = _bo("meeting_attendance", municipality, pk=meeting.pk)
    answer = client.post(url, {"version": "0", "total": "10", "women": "8", "men": "5"})
    assert answer.status_code == 200
    assert "mehr als die 10 Teilnehmenden" in answer.content.decode()
    assert not Attendance.objects.exists()
    assert client.post(url, {"version": "0", "total": "20", "women": "8", "men": "5"}).status_code == 302
    assert Attendance.objects.get().women == 8


def test_hostile_minutes_are_sanitised(municipality: Municipality, koordination: User, meeting: Meeting,
                                       client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    answer = client.post(_bo("meeting_minutes", municipality, pk=meeting.pk), {
        "version": str(meeting.version), "minutes": '<p>Gut</p><script>alert(1)</script><a href="javascript:x">x</a>'})
    assert answer.status_code == 302
    minutes = Meeting.objects.get(pk=meeting.pk).minutes
    assert "script" not in minutes and "javascript" not in minutes and "Gut" in minutes


def test_a_moderator_runs_only_their_own_bodies_meetings(
        municipality: Municipality, moderator: User, coord_actor: Actor, meeting: Meeting, other_body: Body,
        client_for: Callable[..., Any]) -> None:
    other = _meeting(coord_actor, municipality, other_body, title="Fremde Sitzung")
    client = client_for(moderator)
    assert client.get(_bo("meeting_edit", municipality, pk=meeting.pk)).status_code == 200
    assert client.get(_bo("meeting_edit", municipality, pk=other.pk)).status_code == 403
    assert client.post(_bo("meeting_attendance", municipality, pk=other.pk),
                       {"version": "0", "total": "3"}).status_code == 403
    listing = client.get(_bo("participation_bodies_meetings", municipality)).content.decode()
    assert meeting.title in listing and "Fremde Sitzung" not in listing
    # The form offers only the moderator's bodies; a forged one is refused.
    answer = client.post(_bo("participation_bodies_meeting_create", municipality), {
        "title": "Untergeschoben", "kind": "workshop", "body": other_body.pk, "format": "online",
        "starts_at": "2027-03-10T17:00", "ends_at": "2027-03-10T18:00"})
    assert answer.status_code == 200 and not Meeting.objects.filter(title="Untergeschoben").exists()


def test_a_body_member_reads_their_own_bodies(
        municipality: Municipality, gremium_member: User, body: Body, other_body: Body,
        client_for: Callable[..., Any]) -> None:
    client = client_for(gremium_member)
    listing = client.get(_bo("participation_bodies_list", municipality)).content.decode()
    assert body.name in listing and other_body.name not in listing
    assert client.get(_bo("body_detail", municipality, pk=body.pk)).status_code == 200
    assert client.get(_bo("body_detail", municipality, pk=other_body.pk)).status_code == 403
    assert client.get(_bo("body_edit", municipality, pk=body.pk)).status_code == 403


def test_the_menu_offers_participation(municipality: Municipality, lesend: User,
                                       client_for: Callable[..., Any]) -> None:
    page = client_for(lesend).get(_bo("participation_bodies_list", municipality)).content.decode()
    assert 'href="/heidelberg/intern/beteiligung/"' in page


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _bodies_and_meetings(actor: Actor, municipality: Municipality, n: int, offset: int) -> None:
    for i in range(offset, offset + n):
        body = body_services.create_body(actor=actor, municipality=municipality, values={"name": f"AG {i}"})
        body_services.add_member(actor=actor, body=body, values={"name": f"Person {i}"})
        meeting = _meeting(actor, municipality, body, title=f"Sitzung {i}",
                           start=START + dt.timedelta(days=i))
        meeting_services.add_session(actor=actor, meeting=meeting, values={"title": "Tisch"})


@pytest.mark.parametrize("name", ["participation_bodies_list", "participation_bodies_meetings"])
def test_backoffice_lists_have_fixed_query_counts(name: str, municipality: Municipality, koordination: User,
                                                   coord_actor: Actor, client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    _bodies_and_meetings(coord_actor, municipality, 3, 0)
    few = _count(client, _bo(name, municipality))
    _bodies_and_meetings(coord_actor, municipality, 9, 3)
    assert _count(client, _bo(name, municipality)) == few


# --- portal -----------------------------------------------------------------------------------------------


def test_the_portal_shows_public_bodies_and_meetings_only(
        municipality: Municipality, coord_actor: Actor, body: Body, client: Any) -> None:
    public = _meeting(coord_actor, municipality, body, title="Bürgerforum")
    internal = _meeting(coord_actor, municipality, body, title="Interne Runde", public=False)
    hidden_body = body_services.create_body(actor=coord_actor, municipality=municipality,
                                            values={"name": "Interne AG", "is_public": False})
    of_hidden = _meeting(coord_actor, municipality, hidden_body, title="Sitzung der internen AG")
    overview = client.get(_portal("participation_bodies_overview", municipality)).content.decode()
    assert "Bürgerforum" in overview and "Interne Runde" not in overview and "Interne AG" not in overview
    assert client.get(_portal("participation_bodies_meeting", municipality, pk=public.pk)).status_code == 200
    for pk in (internal.pk, of_hidden.pk):
        assert client.get(_portal("participation_bodies_meeting", municipality, pk=pk)).status_code == 404
    assert client.get(_portal("participation_bodies_body", municipality, pk=hidden_body.pk)).status_code == 404


def test_the_body_page_names_only_chairs_and_contacts(
        municipality: Municipality, body: Body, client: Any) -> None:
    page = client.get(_portal("participation_bodies_body", municipality, pk=body.pk)).content.decode()
    assert "Aylin Demir" in page and "Elternverein" in page  # the contact person
    assert "gremium" not in page.split("Ansprechpersonen")[1].split("Öffentliche Sitzungen")[0]  # no usernames
    assert "2 weitere Mitglieder" in page  # the moderator with an account and the member, counted only


def test_minutes_and_decisions_appear_once_published(
        municipality: Municipality, coord_actor: Actor, body: Body, client: Any) -> None:
    meeting = _meeting(coord_actor, municipality, body, title="Bürgerforum")
    meeting = meeting_services.write_minutes(actor=coord_actor, meeting=meeting, expected_version=meeting.version,
                                             minutes="Ergebnisse des World Cafés")
    meeting_services.add_decision(actor=coord_actor, meeting=meeting, values={"text": "Leitbild erarbeiten"})
    url = _portal("participation_bodies_meeting", municipality, pk=meeting.pk)
    assert "Leitbild erarbeiten" not in client.get(url).content.decode()
    meeting_services.publish_minutes(actor=coord_actor, meeting=meeting, expected_version=meeting.version)
    page = client.get(url).content.decode()
    assert "Leitbild erarbeiten" in page and "Ergebnisse des World Cafés" in page


def _world_cafe(actor: Actor, municipality: Municipality, body: Body, proposals: int) -> Meeting:
    meeting = _meeting(actor, municipality, body, title="World Café")
    sessions = meeting_services.create_sessions(actor=actor, meeting=meeting, titles=[f"Tisch {i}" for i in range(5)],
                                                rounds=2)
    for session in sessions:
        meeting_services.record_attendance(actor=actor, meeting=meeting, session=session, values={"total": 6})
    meeting_services.record_attendance(actor=actor, meeting=meeting, values={"total": 60, "women": 30})
    Proposal.objects.bulk_create([
        Proposal(municipality=municipality, meeting=meeting, session=sessions[i % len(sessions)],
                 title=f"Vorschlag {i}", text="<p>Text</p>") for i in range(proposals)])
    return meeting


def test_the_meeting_page_has_a_fixed_query_count(
        municipality: Municipality, coord_actor: Actor, body: Body, client: Any) -> None:
    small = _world_cafe(coord_actor, municipality, body, 5)
    large = _world_cafe(coord_actor, municipality, body, 60)
    few = _count(client, _portal("participation_bodies_meeting", municipality, pk=small.pk))
    assert _count(client, _portal("participation_bodies_meeting", municipality, pk=large.pk)) == few
    page = client.get(_portal("participation_bodies_meeting", municipality, pk=large.pk)).content.decode()
    assert "Runde 2" in page and "Vorschlag 59" in page and "60 Personen" in page
    assert MeetingSession.objects.filter(meeting=large).count() == 10


@pytest.mark.parametrize("name", ["participation_bodies_overview", "participation_bodies_meetings"])
def test_portal_lists_have_fixed_query_counts(name: str, municipality: Municipality, coord_actor: Actor,
                                              client: Any) -> None:
    _bodies_and_meetings(coord_actor, municipality, 3, 0)
    few = _count(client, _portal(name, municipality))
    _bodies_and_meetings(coord_actor, municipality, 9, 3)
    assert _count(client, _portal(name, municipality)) == few
