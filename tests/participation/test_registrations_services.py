"""Invitations and public registrations through the services: the mails against the real SMTP server (the
invitation with its PDF and .ics, the confirmation with its cancellation link), and every refusal with a
German message and nothing stored."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation import tasks
from teilhabe.participation.models import Body, BodyMember, Meeting, News, Registration, Subscription
from teilhabe.participation.selectors.registrations import meeting_for_staff
from teilhabe.participation.services import invitations, registrations

NOW = timezone.make_aware(dt.datetime(2027, 2, 1, 12, 0))


def _public(meeting: Meeting, **values: Any) -> Meeting:
    values = {"is_public": True, "registration_open": True, "capacity": 2,
              "registration_deadline": dt.date(2027, 3, 5), **values}
    Meeting.objects.filter(pk=meeting.pk).update(**values)
    meeting.refresh_from_db()
    return meeting


def _register(municipality: Municipality, meeting: Meeting, email: str = "ayse@example.org", **values: Any
              ) -> Registration:
    data = {"name": "Ayşe Yılmaz", "email": email, "consent": True, "now": NOW, **values}
    return registrations.register(municipality=municipality, meeting_id=meeting.pk, **data)


# --- invitations ----------------------------------------------------------------------------------------

def test_invitation_goes_to_members_with_an_address(municipality: Municipality, meeting: Meeting, body: Body,
                                                     moderator: User, gremium_member: User, smtp_server: Any,
                                                     run_tasks: Callable[[], list[Any]],
                                                     django_capture_on_commit_callbacks: Any) -> None:
    BodyMember.objects.filter(body=body, name="Aylin Demir").update(email="aylin@elternverein.example")
    BodyMember.objects.create(municipality=municipality, body=body, name="Ohne Adresse")
    BodyMember.objects.create(municipality=municipality, body=body, name="Ausgeschieden", email="alt@example.org",
                              active_until=dt.date(2020, 1, 1))
    Meeting.objects.filter(pk=meeting.pk).update(agenda="<p>TOP 1: Elterncafé</p><p>TOP 2: Verschiedenes</p>",
                                                 is_public=True)
    actor = actor_for(moderator, municipality)
    loaded = meeting_for_staff(municipality, meeting.pk)
    assert loaded is not None
    with django_capture_on_commit_callbacks(execute=True):
        invited = invitations.invite(actor=actor, meeting=loaded, expected_version=loaded.version)
    assert invited.state == Meeting.State.INVITED and invited.invited_at is not None
    [news] = News.objects.filter(meeting=meeting, kind=News.Kind.MEETING)
    assert news.url == f"/heidelberg/beteiligung/sitzungen/{meeting.pk}/"
    [result] = run_tasks()
    assert result.return_value == {"mails": 3, "failed": 0}
    received = smtp_server.wait_for(3)
    assert sorted(m["To"] for m in received) == sorted(
        ["aylin@elternverein.example", moderator.email, gremium_member.email])
    message = received[0]
    assert message["Subject"].strip() == "Einladung: Sitzung der AG Bildung am 10. März 2027"
    text = message.get_body(("plain",)).get_content()
    assert "TOP 1: Elterncafé" in text and "Rathaus, Saal 1" in text and "17:00–19:00 Uhr" in text
    html = message.get_body(("html",)).get_content()
    assert "<th scope=\"row\"" in html and "TOP 2: Verschiedenes" in html
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    pdf = attachments[f"einladung-2027-03-10-{meeting.pk}.pdf"].get_content()
    assert pdf.startswith(b"%PDF-")
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Einladung" in pdf_text and "TOP 1: Elterncafé" in pdf_text
    ics = attachments["einladung.ics"].get_content()
    [event] = Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Sitzung der AG Bildung"
    assert event.decoded("DTSTART") == meeting.starts_at


def test_only_those_who_run_the_body_invite(municipality: Municipality, meeting: Meeting, other_body: Body,
                                             gremium_member: User, moderator: User, lesend: User) -> None:
    loaded = meeting_for_staff(municipality, meeting.pk)
    assert loaded is not None
    for user in (gremium_member, lesend):
        with pytest.raises(NotAllowed):
            invitations.invite(actor=actor_for(user, municipality), meeting=loaded, expected_version=loaded.version)
    Meeting.objects.filter(pk=meeting.pk).update(body=other_body)  # not the moderator's body
    loaded = meeting_for_staff(municipality, meeting.pk)
    assert loaded is not None
    with pytest.raises(NotAllowed):
        invitations.invite(actor=actor_for(moderator, municipality), meeting=loaded, expected_version=loaded.version)
    meeting.refresh_from_db()
    assert meeting.invited_at is None and not News.objects.exists()


def test_a_cancelled_or_unreachable_meeting_is_not_invited(municipality: Municipality, meeting: Meeting,
                                                           coord_actor: Actor, other_body: Body) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CANCELLED)
    loaded = meeting_for_staff(municipality, meeting.pk)
    assert loaded is not None
    with pytest.raises(ServiceError, match="abgesagt"):
        invitations.invite(actor=coord_actor, meeting=loaded, expected_version=loaded.version)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.PLANNED, body=other_body)
    loaded = meeting_for_staff(municipality, meeting.pk)
    assert loaded is not None
    with pytest.raises(ServiceError, match="Niemand kann eingeladen werden"):
        invitations.invite(actor=coord_actor, meeting=loaded, expected_version=loaded.version)
    assert not News.objects.exists()


# --- registrations --------------------------------------------------------------------------------------

def test_registration_confirms_by_mail_and_the_link_withdraws_it(
        municipality: Municipality, meeting: Meeting, smtp_server: Any, run_tasks: Callable[[], list[Any]],
        django_capture_on_commit_callbacks: Any) -> None:
    _public(meeting, retention_days=14)
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(municipality, meeting, organisation_name="Elternverein", needs="Dolmetschen")
    assert registration.delete_after == dt.date(2027, 3, 24)
    assert "24. März 2027" in registration.consent_text and "14 Tage" in registration.consent_text
    assert len(registration.cancel_token) >= 40
    run_tasks()
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "ayse@example.org"
    assert message["Subject"].strip() == "Anmeldung bestätigt: Sitzung der AG Bildung"
    text = message.get_body(("plain",)).get_content()
    assert f"/heidelberg/beteiligung/abmelden/{registration.cancel_token}/" in text
    assert "24. März 2027" in text
    assert registrations.cancel(municipality=municipality, token=registration.cancel_token) == meeting
    assert not Registration.objects.exists()
    assert registrations.cancel(municipality=municipality, token=registration.cancel_token) is None


@pytest.mark.parametrize(("change", "message"), [
    ({"registration_open": False}, "keine Anmeldung möglich"),
    ({"is_public": False}, "gibt es nicht"),
    ({"registration_deadline": dt.date(2027, 1, 31)}, r"Anmeldeschluss \(31. Januar 2027\) ist vorbei"),
    ({"state": Meeting.State.CANCELLED}, "abgesagt"),
    ({"starts_at": NOW - dt.timedelta(hours=1), "ends_at": NOW + dt.timedelta(hours=1)}, "schon begonnen"),
])
def test_closed_registration_is_refused(municipality: Municipality, meeting: Meeting, change: dict[str, Any],
                                        message: str) -> None:
    _public(meeting, **change)
    with pytest.raises(ValidationError, match=message):
        _register(municipality, meeting)
    assert not Registration.objects.exists()


def test_capacity_duplicates_consent_and_hostile_input(municipality: Municipality, meeting: Meeting) -> None:
    _public(meeting)
    _register(municipality, meeting)
    with pytest.raises(ValidationError) as duplicate:
        _register(municipality, meeting, email="AYSE@example.org")
    assert "schon jemand angemeldet" in duplicate.value.message_dict["email"][0]
    with pytest.raises(ValidationError) as no_consent:
        _register(municipality, meeting, email="b@example.org", consent=False)
    assert "Einwilligung" in no_consent.value.message_dict["consent"][0]
    with pytest.raises(ValidationError) as hostile:
        _register(municipality, meeting, email="c@example.org", name="<script>alert(1)</script>")
    assert "name" in hostile.value.message_dict
    with pytest.raises(ValidationError) as bad_email:
        _register(municipality, meeting, email="kein-mail")
    assert "email" in bad_email.value.message_dict
    _register(municipality, meeting, email="d@example.org")
    with pytest.raises(ValidationError, match="ausgebucht: Alle 2 Plätze"):
        _register(municipality, meeting, email="e@example.org")
    assert sorted(Registration.objects.values_list("email", flat=True)) == ["ayse@example.org", "d@example.org"]


def test_a_meeting_of_another_municipality_is_not_found(municipality: Municipality,
                                                        other_municipality: Municipality) -> None:
    with municipality_scope(other_municipality):
        foreign = Meeting.objects.create(
            municipality=other_municipality, title="Bürgerforum Herdecke", is_public=True, registration_open=True,
            starts_at=NOW + dt.timedelta(days=30), ends_at=NOW + dt.timedelta(days=30, hours=3))
    with pytest.raises(ValidationError, match="gibt es nicht"):
        _register(municipality, foreign)
    with municipality_scope(other_municipality):
        assert not Registration.objects.exists()


def test_purge_deletes_what_is_due(municipality: Municipality, meeting: Meeting,
                                   other_municipality: Municipality) -> None:
    _public(meeting, capacity=None, retention_days=0)
    kept = _register(municipality, meeting, email="a@example.org")
    due = _register(municipality, meeting, email="b@example.org")
    Registration.objects.filter(pk=due.pk).update(delete_after=dt.date(2027, 1, 1))
    assert tasks.purge_all(municipality, today=dt.date(2027, 1, 1)) == 1
    assert list(Registration.objects.values_list("pk", flat=True)) == [kept.pk]
    out = io.StringIO()
    call_command("purge_registrations", stdout=out)  # all municipalities, today: nothing is due yet
    assert out.getvalue().strip() == "0 Anmeldung(en) gelöscht."
    Registration.objects.filter(pk=kept.pk).update(delete_after=timezone.localdate())
    call_command("purge_registrations", "heidelberg", stdout=out)
    assert not Registration.objects.exists()


def test_the_purge_plans_itself_once(municipality: Municipality, run_tasks: Callable[[], list[Any]]) -> None:
    from django_tasks_db.models import DBTaskResult

    assert tasks.schedule_purge() is True
    assert tasks.schedule_purge() is False  # one is planned already
    [result] = run_tasks()
    assert result.return_value == 0
    assert DBTaskResult.objects.filter(task_path=tasks.purge_registrations_task.module_path,
                                       status="READY").count() == 1  # the next day's


# --- participants who want to stay informed ------------------------------------------------------------------

def test_a_participant_who_wants_to_stay_informed_gets_a_subscription_to_confirm(
        municipality: Municipality, meeting: Meeting, body: Body, smtp_server: Any,
        run_tasks: Callable[[], list[Any]], django_capture_on_commit_callbacks: Any) -> None:
    _public(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        _register(municipality, meeting, keep_informed=True, language="en")
        _register(municipality, meeting, email="ohne@example.org")  # did not ask: no subscription
    [subscription] = Subscription.objects.all()
    assert (subscription.email, subscription.topic, subscription.body) == ("ayse@example.org", "body", body)
    assert subscription.confirmed_at is None and subscription.language == "en"  # registering confirms nothing
    run_tasks()
    subjects = sorted(m["Subject"].strip() for m in smtp_server.wait_for(3))
    assert len(subjects) == 3  # two registration confirmations and one link to confirm the subscription


def test_without_a_public_body_the_participant_follows_the_whole_process(
        municipality: Municipality, meeting: Meeting, body: Body) -> None:
    Body.objects.filter(pk=body.pk).update(is_public=False)
    _public(meeting)
    _register(municipality, meeting, keep_informed=True)
    [subscription] = Subscription.objects.all()
    assert (subscription.topic, subscription.body) == ("all", None)
