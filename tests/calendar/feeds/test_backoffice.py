"""The Kalender-Import page: upload, subscribe, status, import now, end a subscription; bad input gets a German
message and changes nothing; the list runs a fixed number of queries."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.calendar.feeds import services
from teilhabe.calendar.models import Event, EventFeed
from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor

FIXTURES = Path(__file__).parent / "fixtures"


def url(municipality: Municipality, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def test_upload_imports_and_shows_the_outcome(client_for: Callable[[User | None], Any], koordination: User,
                                              municipality: Municipality, verein: Organisation) -> None:
    client = client_for(koordination)
    response = client.post(url(municipality, "eventfeed_upload"), {
        "datei-organisation": verein.pk,
        "datei-file": SimpleUploadedFile("verein.ics", (FIXTURES / "google.ics").read_bytes(), "text/calendar")})
    feed = EventFeed.objects.get()
    assert response.status_code == 302 and response["Location"] == url(municipality, "eventfeed_detail", pk=feed.pk)
    assert Event.objects.filter(feed_key=feed.feed_key, state=Event.State.PUBLISHED).count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Übernommen: 3 neu, 0 geändert, 0 entfernt" in page
    assert "verein.ics" in page


@pytest.mark.parametrize(("payload", "message"), [
    (b"<html><body>Kalender</body></html>", "keine iCalendar-Datei"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:R\xc3\xbcckw\xc3\xa4rts\r\nDTSTART:20260101T100000\r\n"
     b"DTEND:20260101T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "„Rückwärts“ (UID x)"),
])
def test_bad_files_change_nothing(client_for: Callable[[User | None], Any], koordination: User,
                                  municipality: Municipality, verein: Organisation, payload: bytes,
                                  message: str) -> None:
    response = client_for(koordination).post(url(municipality, "eventfeed_upload"), {
        "datei-organisation": verein.pk, "datei-file": SimpleUploadedFile("x.ics", payload, "text/calendar")})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EventFeed.objects.exists() and not Event.objects.exists()


def test_forged_organisation_and_foreign_organisation(client_for: Callable[[User | None], Any], koordination: User,
                                                      municipality: Municipality, other_municipality: Municipality,
                                                      verein: Organisation) -> None:
    from teilhabe.core.tenancy import municipality_scope

    with municipality_scope(other_municipality):
        foreign = Organisation.objects.create(municipality=other_municipality, name="Fremd")
    for forged in ("999999", str(foreign.pk), "abc"):
        response = client_for(koordination).post(url(municipality, "eventfeed_subscribe"), {
            "abo-organisation": forged, "abo-url": "https://example.org/k.ics", "abo-interval_hours": "24"})
        assert response.status_code == 400 and "gültige" in response.content.decode()
    assert not EventFeed.objects.exists()


def test_subscribe_and_refresh_when_fetching_is_off(client_for: Callable[[User | None], Any], koordination: User,
                                                    municipality: Municipality, verein: Organisation) -> None:
    client = client_for(koordination)
    refused = client.post(url(municipality, "eventfeed_subscribe"), {
        "abo-organisation": verein.pk, "abo-url": "ftp://example.org/k.ics", "abo-interval_hours": "24"})
    assert refused.status_code == 400 and "http://" in refused.content.decode()
    response = client.post(url(municipality, "eventfeed_subscribe"), {
        "abo-organisation": verein.pk, "abo-url": "webcal://example.org/k.ics", "abo-interval_hours": "6"})
    feed = EventFeed.objects.get()
    assert feed.url == "https://example.org/k.ics" and feed.interval_hours == 6
    page = client.get(response["Location"]).content.decode()
    assert "Abrufe aus dem Internet sind auf dieser Installation ausgeschaltet" in page
    refreshed = client.post(url(municipality, "eventfeed_refresh", pk=feed.pk), follow=True)
    assert "TEILHABE_FEEDS_FETCH" in refreshed.content.decode()
    feed.refresh_from_db()
    assert feed.last_status == EventFeed.Status.FAILED


def test_end_subscription_removes_its_events(client_for: Callable[[User | None], Any], koordination: User,
                                             coord_actor: Actor, municipality: Municipality,
                                             verein: Organisation) -> None:
    feed, _result = services.import_file(actor=coord_actor, municipality=municipality, organisation=verein,
                                         file_name="v.ics", payload=(FIXTURES / "nextcloud.ics").read_bytes())
    client = client_for(koordination)
    assert "Alle Termine, die aus diesem Kalender" in client.get(url(municipality, "eventfeed_delete",
                                                                     pk=feed.pk)).content.decode()
    response = client.post(url(municipality, "eventfeed_delete", pk=feed.pk), {"version": feed.version})
    assert response.status_code == 302
    assert not EventFeed.objects.exists() and not Event.objects.exists()


def test_only_koordination(client_for: Callable[[User | None], Any], fachstelle: User, lesend: User,
                           municipality: Municipality) -> None:
    for user in (fachstelle, lesend):
        assert client_for(user).get(url(municipality, "eventfeed_list")).status_code == 403


def test_list_queries_do_not_grow(client_for: Callable[[User | None], Any], koordination: User,
                                  municipality: Municipality, django_assert_max_num_queries: Any) -> None:
    client = client_for(koordination)

    def make(n: int) -> None:
        for i in range(n):
            name = f"Verein {EventFeed.objects.count()}-{i}"
            organisation = Organisation.objects.create(municipality=municipality, name=name)
            EventFeed.objects.create(municipality=municipality, organisation=organisation,
                                     url=f"https://example.org/{organisation.pk}.ics")

    make(1)
    client.get(url(municipality, "eventfeed_list"))  # warm up (session, caches)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url(municipality, "eventfeed_list")).status_code == 200
    make(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url(municipality, "eventfeed_list"))
    assert len(re.findall(r'/kalender/import/\d+/"', page.content.decode())) == 21
