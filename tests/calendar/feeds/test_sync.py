"""Importing an organisation's calendar into events: by UID, without duplicates, with removal of what vanished
(only from that feed), changed occurrences, all or nothing — and a broken scheduled feed leaves the published
events as they were and is reported to the organisation and Koordination."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from teilhabe.calendar.events import services as events
from teilhabe.calendar.feeds import services, tasks
from teilhabe.calendar.models import Event, EventFeed, EventOccurrence, EventOccurrenceChange
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import AuditEntry, Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from tests.calendar.feeds.feed_server import FeedServer, feed_server

FIXTURES = Path(__file__).parent / "fixtures"
BERLIN = ZoneInfo("Europe/Berlin")
GOOGLE = (FIXTURES / "google.ics").read_bytes()
CAFE = "5q0m1c7k0v6h1l3fjv0c8b2a9e@google.com"


def ics(*events_: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events_)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def snapshot(municipality: Municipality) -> list[tuple[Any, ...]]:
    return sorted(Event.objects.filter(municipality=municipality).values_list(
        "uid", "title", "start", "end", "state", "version", "feed_key"))


def upload(actor: Actor, municipality: Municipality, organisation: Organisation, payload: bytes,
           name: str = "verein.ics") -> tuple[EventFeed, services.ImportResult]:
    return services.import_file(actor=actor, municipality=municipality, organisation=organisation, file_name=name,
                                payload=payload)


@pytest.fixture
def system(municipality: Municipality) -> Actor:
    return Actor.system(municipality.pk)


def test_import_creates_published_events_of_the_organisation(coord_actor: Actor, municipality: Municipality,
                                                               verein: Organisation) -> None:
    feed, result = upload(coord_actor, municipality, verein, GOOGLE)
    assert (result.created, result.updated, result.removed, result.total) == (3, 0, 0, 3)
    imported = Event.objects.filter(feed_key=feed.feed_key)
    assert imported.count() == 3
    assert {e.state for e in imported} == {Event.State.PUBLISHED}
    assert {e.organisation_id for e in imported} == {verein.pk}
    assert {e.source for e in imported} == {Event.Source.IMPORTED}
    cafe = imported.get(uid=CAFE)
    assert cafe.rrule == "FREQ=WEEKLY;BYDAY=TH" and cafe.time_zone == "Europe/Berlin"
    assert "<script" not in cafe.description and "<b>Hausaufgabenhilfe</b>" in cafe.description
    day = imported.get(uid="0a1b2c3d4e5f6g7h8i9j@google.com")
    assert day.all_day and day.start == dt.datetime(2026, 10, 3, tzinfo=BERLIN)
    assert day.end == dt.datetime(2026, 10, 4, tzinfo=BERLIN)
    changes = {c.recurrence_id.astimezone(BERLIN): c for c in EventOccurrenceChange.objects.filter(event=cafe)}
    moved = changes[dt.datetime(2026, 10, 15, 18, tzinfo=BERLIN)]
    assert not moved.cancelled and moved.start == dt.datetime(2026, 10, 15, 19, tzinfo=BERLIN)
    assert moved.note == "Elterncafé (später)"
    assert changes[dt.datetime(2026, 12, 24, 18, tzinfo=BERLIN)].cancelled
    starts = {o.start.astimezone(BERLIN): o for o in EventOccurrence.objects.filter(event=cafe)}
    assert dt.datetime(2026, 10, 1, 18, tzinfo=BERLIN) not in starts  # EXDATE
    assert dt.datetime(2026, 9, 24, 18, tzinfo=BERLIN) in starts
    assert starts[dt.datetime(2026, 10, 15, 19, tzinfo=BERLIN)].moved
    assert starts[dt.datetime(2026, 12, 24, 18, tzinfo=BERLIN)].cancelled
    feed.refresh_from_db()
    assert feed.last_status == EventFeed.Status.OK and feed.last_counts["created"] == 3
    assert feed.name == "Deutsch-Arabischer Kulturverein (Demo)"


def test_reimport_updates_by_uid_without_duplicates(coord_actor: Actor, municipality: Municipality,
                                                    verein: Organisation) -> None:
    upload(coord_actor, municipality, verein, GOOGLE)
    before = snapshot(municipality)
    _feed, same = upload(coord_actor, municipality, verein, GOOGLE)
    assert (same.created, same.updated, same.removed) == (0, 0, 0) and snapshot(municipality) == before
    feed = EventFeed.objects.get()
    forced = services.import_payload(actor=coord_actor, feed=feed, payload=GOOGLE, force=True)
    assert (forced.created, forced.updated, forced.removed) == (0, 0, 0)
    assert snapshot(municipality) == before  # nothing written: versions unchanged
    changed = GOOGLE.replace(b"SUMMARY:Tag der offenen Moschee", b"SUMMARY:Tag der offenen Moschee 2026")
    _feed, result = upload(coord_actor, municipality, verein, changed)
    assert (result.created, result.updated, result.removed) == (0, 1, 0)
    assert Event.objects.count() == 3
    assert Event.objects.get(uid="0a1b2c3d4e5f6g7h8i9j@google.com").title == "Tag der offenen Moschee 2026"
    concert = GOOGLE.replace(b"SUMMARY:Konzert: Kl", b"SUMMARY:Neu: Konzert: Kl")
    _feed, result = upload(coord_actor, municipality, verein, concert)
    assert result.updated == 2  # the concert; the day's title is back as before
    (entry,) = AuditEntry.objects.filter(object_type="calendar.event", action=AuditEntry.Action.UPDATE,
                                         object_label__startswith="Neu: Konzert")
    assert set(entry.changes) == {"title"}  # only what changed, not the same times in another zone


def test_vanished_events_are_removed_only_from_their_own_feed(coord_actor: Actor, municipality: Municipality,
                                                              verein: Organisation) -> None:
    other = Organisation.objects.create(municipality=municipality, name="Anderer Verein")
    upload(coord_actor, municipality, verein, GOOGLE)
    upload(coord_actor, municipality, other, ics("UID:fremd-1\r\nSUMMARY:Fremd\r\nDTSTART:20261201T100000"))
    manual = events.create_event(actor=coord_actor, municipality=municipality, values={
        "organisation": verein, "title": "Von Hand", "start": dt.datetime(2026, 12, 2, 10, tzinfo=BERLIN),
        "end": dt.datetime(2026, 12, 2, 11, tzinfo=BERLIN)})
    fewer = ics("UID:0a1b2c3d4e5f6g7h8i9j@google.com\r\nSUMMARY:Tag der offenen Moschee\r\nDTSTART;VALUE=DATE:20261003",
                "UID:neu-1\r\nSUMMARY:Neu\r\nDTSTART:20261205T150000")
    _feed, result = upload(coord_actor, municipality, verein, fewer)
    assert (result.created, result.removed) == (1, 2)
    assert set(Event.objects.values_list("uid", flat=True)) == {
        "0a1b2c3d4e5f6g7h8i9j@google.com", "neu-1", "fremd-1", manual.uid}
    assert AuditEntry.objects.filter(object_type="calendar.event", action=AuditEntry.Action.DELETE).count() == 2


def test_changed_occurrences_follow_the_feed(coord_actor: Actor, municipality: Municipality,
                                             verein: Organisation) -> None:
    upload(coord_actor, municipality, verein, GOOGLE)
    cafe = Event.objects.get(uid=CAFE)
    assert EventOccurrenceChange.objects.filter(event=cafe).count() == 2
    without = GOOGLE.split(b"BEGIN:VEVENT")
    plain = b"BEGIN:VEVENT".join([without[0], without[1], *without[4:]])  # the series without its two changes
    if not plain.rstrip().endswith(b"END:VCALENDAR"):
        plain += b"END:VCALENDAR\r\n"
    _feed, result = upload(coord_actor, municipality, verein, plain)
    assert (result.updated, result.removed) == (1, 0)  # the series changed; no event vanished
    assert not EventOccurrenceChange.objects.filter(event__uid=CAFE).exists()


def test_broken_feed_changes_nothing(coord_actor: Actor, municipality: Municipality, verein: Organisation) -> None:
    upload(coord_actor, municipality, verein, GOOGLE)
    before = snapshot(municipality)
    broken = GOOGLE.replace(b"DTEND;TZID=Europe/Berlin:20260903T200000", b"DTEND;TZID=Europe/Berlin:20260903T100000")
    with pytest.raises(ServiceError) as info:
        upload(coord_actor, municipality, verein, broken)
    assert "„Elterncafé“" in info.value.message and "vor dem Beginn" in info.value.message
    assert snapshot(municipality) == before
    for bad in (b"<html>Fehler</html>", b"BEGIN:VCALENDAR\r\nkaputt\r\nEND:VCALENDAR\r\n"):
        with pytest.raises(ServiceError):
            upload(coord_actor, municipality, verein, bad)
    assert snapshot(municipality) == before


def test_a_failed_first_upload_leaves_no_feed(coord_actor: Actor, municipality: Municipality,
                                              verein: Organisation) -> None:
    with pytest.raises(ServiceError):
        upload(coord_actor, municipality, verein, b"not a calendar")
    assert not EventFeed.objects.exists() and not Event.objects.exists()


def test_uid_of_an_event_from_elsewhere_is_refused(coord_actor: Actor, municipality: Municipality,
                                                   verein: Organisation) -> None:
    events.create_event(actor=coord_actor, municipality=municipality, uid="shared-uid", values={
        "organisation": verein, "title": "Von Hand", "start": dt.datetime(2026, 12, 2, 10, tzinfo=BERLIN),
        "end": dt.datetime(2026, 12, 2, 11, tzinfo=BERLIN)})
    with pytest.raises(ServiceError) as info:
        upload(coord_actor, municipality, verein, ics("UID:shared-uid\r\nSUMMARY:Import\r\nDTSTART:20261201T100000"))
    assert "„Von Hand“" in info.value.message
    assert Event.objects.get(uid="shared-uid").title == "Von Hand"


def test_only_koordination_imports(municipality: Municipality, verein: Organisation, fachstelle: User,
                                   lesend: User) -> None:
    from teilhabe.core.errors import NotAllowed
    from teilhabe.core.tenancy import actor_for

    for user in (fachstelle, lesend):
        with pytest.raises(NotAllowed):
            upload(actor_for(user, municipality), municipality, verein, GOOGLE)
    assert not Event.objects.exists()


def test_ending_a_subscription_removes_its_events(coord_actor: Actor, municipality: Municipality,
                                                  verein: Organisation) -> None:
    feed, _result = upload(coord_actor, municipality, verein, GOOGLE)
    assert services.delete_feed(actor=coord_actor, feed=feed, expected_version=feed.version) == 3
    assert not Event.objects.exists() and not EventFeed.objects.exists()


# --- subscriptions, fetched from a local HTTP server ----------------------------------------------------------


@pytest.fixture
def server(settings: Any) -> Iterator[FeedServer]:
    settings.TEILHABE_FEEDS_FETCH = True
    settings.TEILHABE_FEEDS_ALLOW_PRIVATE = True
    settings.TEILHABE_FEEDS_TIMEOUT = 0.5
    with feed_server() as feeds:
        feeds.bodies["/verein.ics"] = (GOOGLE, '"v1"')
        yield feeds


def test_subscription_refresh_and_failure_report(server: FeedServer, coord_actor: Actor, municipality: Municipality,
                                                 verein: Organisation, make_member: Callable[..., User],
                                                 smtp_server: Any, run_tasks: Callable[[], list[Any]],
                                                 django_capture_on_commit_callbacks: Any) -> None:
    member = make_member(municipality, Role.ORGANISATION, "vereinsmitglied", organisations=(verein,))
    make_member(municipality, Role.ORGANISATION, "anderer", organisations=(
        Organisation.objects.create(municipality=municipality, name="Anderer Verein"),))
    member.email = "vorstand@verein.example"
    member.save()
    koordination = User.objects.get(username="koordination")
    koordination.email = "integration@stadt.example"
    koordination.save()
    feed = services.create_feed(actor=coord_actor, municipality=municipality, organisation=verein,
                                url=server.url("/verein.ics"), interval_hours=6)
    result = services.refresh_feed(actor=coord_actor, feed=feed)
    assert result.created == 3
    again = services.refresh_feed(actor=coord_actor, feed=feed)  # conditional GET: 304
    assert again.unchanged and server.requests[-1][1]["If-None-Match"] == '"v1"'
    before = snapshot(municipality)

    server.bodies["/verein.ics"] = (b"<!DOCTYPE html><p>Wartung</p>", '"v2"')
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        services.refresh_feed(actor=coord_actor, feed=feed)
    assert snapshot(municipality) == before  # the published events stay as they were
    feed.refresh_from_db()
    assert feed.last_status == EventFeed.Status.FAILED and "keine iCalendar-Datei" in feed.last_message
    run_tasks()
    mails = smtp_server.wait_for(2)
    assert sorted(m["To"] for m in mails) == ["integration@stadt.example", "vorstand@verein.example"]
    assert "keine iCalendar-Datei" in mails[0].get_content() and "bleiben unverändert" in mails[0].get_content()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):  # still broken: no new mail
        services.refresh_feed(actor=coord_actor, feed=feed)
    run_tasks()
    assert len(smtp_server.messages()) == 2


def test_due_feeds_are_refreshed_by_the_periodic_task(server: FeedServer, coord_actor: Actor,
                                                       municipality: Municipality, verein: Organisation,
                                                       run_tasks: Callable[[], list[Any]],
                                                       django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        feed = services.create_feed(actor=coord_actor, municipality=municipality, organisation=verein,
                                    url=server.url("/verein.ics"))
        paused = services.create_feed(actor=coord_actor, municipality=municipality, organisation=verein,
                                      url=server.url("/verein.ics?pausiert"), enabled=False)
    results = run_tasks()  # the subscription planned the refresh
    assert [r.task.name for r in results][:1] == ["refresh_feeds_task"]
    assert Event.objects.filter(feed_key=feed.feed_key).count() == 3
    assert not Event.objects.filter(feed_key=paused.feed_key).exists()
    asked = len(server.requests)
    assert services.refresh_due_feeds(actor=coord_actor, municipality=municipality) == {
        "refreshed": 0, "unchanged": 0, "failed": 0}  # not due again for a day
    assert len(server.requests) == asked
    assert not tasks.schedule_next()  # the next run is planned already


def test_fetching_off_is_a_clear_message(settings: Any, coord_actor: Actor, municipality: Municipality,
                                         verein: Organisation) -> None:
    feed = services.create_feed(actor=coord_actor, municipality=municipality, organisation=verein,
                                url="https://example.org/kalender.ics")
    with pytest.raises(ServiceError) as info:
        services.refresh_feed(actor=coord_actor, feed=feed)
    assert "TEILHABE_FEEDS_FETCH" in info.value.message


# --- the command -------------------------------------------------------------------------------------------


def test_command_creates_the_organisation_and_publishes(municipality: Municipality, capsys: Any) -> None:
    call_command("import_events", municipality.slug, "Deutsch-Arabischer Kulturverein", str(FIXTURES / "google.ics"))
    out = capsys.readouterr().out
    assert "Organisation „Deutsch-Arabischer Kulturverein“ angelegt." in out
    assert "3 neu, 0 geändert, 0 entfernt" in out
    organisation = Organisation.objects.get(name="Deutsch-Arabischer Kulturverein")
    assert set(Event.objects.values_list("organisation_id", "state")) == {(organisation.pk, Event.State.PUBLISHED)}
    call_command("import_events", municipality.slug, "deutsch-arabischer kulturverein", str(FIXTURES / "google.ics"))
    assert "angelegt" not in capsys.readouterr().out
    assert Organisation.objects.filter(name__iexact="Deutsch-Arabischer Kulturverein").count() == 1
    assert Event.objects.count() == 3


@pytest.mark.parametrize(("payload", "message"), [
    (b"<html></html>", "keine iCalendar-Datei"),
    (ics("UID:x\r\nSUMMARY:Rückwärts\r\nDTSTART:20260101T100000\r\nDTEND:20260101T090000"), "vor dem Beginn"),
    (ics("UID:y\r\nSUMMARY:Mars\r\nDTSTART;TZID=Mars/Olympus:20260101T100000"), "Mars/Olympus"),
])
def test_command_refuses_bad_input_and_changes_nothing(municipality: Municipality, tmp_path: Path,
                                                       payload: bytes, message: str) -> None:
    path = tmp_path / "kalender.ics"
    path.write_bytes(payload)
    with pytest.raises(CommandError) as info:
        call_command("import_events", municipality.slug, "Neuer Verein", str(path))
    assert message in str(info.value)
    assert not Organisation.objects.filter(name="Neuer Verein").exists() and not Event.objects.exists()


def test_command_bad_arguments(municipality: Municipality, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="gibt es nicht") as info:
        call_command("import_events", municipality.slug, "Verein", str(tmp_path / "fehlt.ics"))
    assert info.value.returncode == 1  # the exit code of `teilhabe import-events`
    with pytest.raises(CommandError, match="TEILHABE_FEEDS_FETCH"):
        call_command("import_events", municipality.slug, "Verein", "https://example.org/kalender.ics")
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_events", "nirgendwo", "Verein", str(FIXTURES / "google.ics"))
    with pytest.raises(CommandError, match="Namen der Organisation"):
        call_command("import_events", municipality.slug, "  ", str(FIXTURES / "google.ics"))
    assert not Organisation.objects.filter(name="Verein").exists()


def test_command_subscribes_an_address(server: FeedServer, municipality: Municipality, capsys: Any) -> None:
    call_command("import_events", municipality.slug, "Verein", server.url("/verein.ics"))
    assert "3 neu" in capsys.readouterr().out
    feed = EventFeed.objects.get()
    assert feed.origin == EventFeed.Origin.URL and feed.enabled and feed.etag == '"v1"'
