"""Public event pages, iCalendar files and feeds, the widget, the calendar integration."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from teilhabe.calendar.events import services
from teilhabe.calendar.models import Event
from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

BERLIN = ZoneInfo("Europe/Berlin")


def soon(days: int = 3, hour: int = 18) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def test_list_detail_and_filters(client, make_event):
    event = make_event(start=soon(), end=soon(hour=20), rrule="FREQ=WEEKLY;COUNT=3", categories=["sport"],
                       description="<p>Wir treffen uns <strong>jede Woche</strong>.</p>",
                       accessibility=["step_free", "childcare"], registration_required=True,
                       registration_url="https://verein.example/anmeldung")
    make_event(title="Entwurf", start=soon(), end=soon(hour=20), state=Event.State.DRAFT)
    html = client.get("/heidelberg/termine/").content.decode()
    assert html.count("Sprachcafé") == 3 and "Entwurf" not in html
    assert f'href="/heidelberg/termine/{event.pk}/"' in html
    assert "Sprachcafé" in client.get("/heidelberg/termine/", {"kategorie": "sport"}).content.decode()
    assert "Sprachcafé" not in client.get("/heidelberg/termine/", {"kategorie": "kultur"}).content.decode()
    assert "Sprachcafé" not in client.get("/heidelberg/termine/", {"sprache": "tr"}).content.decode()
    warned = client.get("/heidelberg/termine/", {"kategorie": "<script>", "organisation": "999999"})
    assert warned.status_code == 200 and "Diese Kategorie gibt es nicht" in warned.content.decode()
    detail = client.get(f"/heidelberg/termine/{event.pk}/").content.decode()
    assert "<strong>jede Woche</strong>" in detail and "stufenlos erreichbar" in detail
    assert "Kinderbetreuung" in detail and "https://verein.example/anmeldung" in detail
    assert f"/heidelberg/termine/{event.pk}/termin.ics" in detail
    assert client.get(f"/heidelberg/termine/{event.pk + 1}/").status_code == 404  # the draft
    assert client.get("/heidelberg/termine/99999999/").status_code == 404


def test_content_is_marked_german_on_an_arabic_page(client, make_event, municipality):
    municipality.languages = ["de", "ar"]
    municipality.save()
    event = make_event(start=soon(), end=soon(hour=20))
    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    html = client.get(f"/heidelberg/termine/{event.pk}/").content.decode()
    assert 'lang="ar"' in html and '<h1 class="kern-heading-large" lang="de" dir="ltr">Sprachcafé</h1>' in html


def test_ics_of_one_event_parses_back(client, make_event, coord_actor):
    event = make_event(rrule="FREQ=WEEKLY;COUNT=4", rdates=["2026-11-20"], exdates=["2026-10-22"])
    services.move_occurrence(actor=coord_actor, event=event, recurrence_id=dt.datetime(2026, 10, 29, 18, tzinfo=BERLIN),
                             start=dt.datetime(2026, 10, 30, 19, tzinfo=BERLIN))
    response = client.get(f"/heidelberg/termine/{event.pk}/termin.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2 and {str(e["UID"]) for e in events} == {event.uid}
    main = next(e for e in events if "RECURRENCE-ID" not in e)
    assert main["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    assert main["DTSTART"].dt == dt.datetime(2026, 10, 15, 18, tzinfo=BERLIN)
    assert main["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert calendar.walk("VTIMEZONE")
    moved = next(e for e in events if "RECURRENCE-ID" in e)
    assert moved["RECURRENCE-ID"].dt == dt.datetime(2026, 10, 29, 18, tzinfo=BERLIN)
    assert moved["DTSTART"].dt == dt.datetime(2026, 10, 30, 19, tzinfo=BERLIN)
    import recurring_ical_events

    expanded = recurring_ical_events.of(calendar).between(dt.date(2026, 10, 1), dt.date(2026, 12, 1))
    assert sorted(e["DTSTART"].dt.date() for e in expanded) == [
        dt.date(2026, 10, 15), dt.date(2026, 10, 30), dt.date(2026, 11, 5), dt.date(2026, 11, 20)]


def test_feeds_per_municipality_organisation_and_category(client, make_event, verein, municipality):
    make_event(categories=["kultur"])
    make_event(title="Entwurf", state=Event.State.DRAFT)
    for url in ("/heidelberg/termine/termine.ics", f"/heidelberg/termine/organisation/{verein.pk}.ics",
                "/heidelberg/termine/kategorie/kultur.ics"):
        calendar = Calendar.from_ical(client.get(url).content)
        assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Sprachcafé"], url
    assert Calendar.from_ical(client.get("/heidelberg/termine/kategorie/sport.ics").content).walk("VEVENT") == []
    assert client.get("/heidelberg/termine/kategorie/gibtsnicht.ics").status_code == 404
    assert client.get("/heidelberg/termine/organisation/99999999.ics").status_code == 404


def test_widget_may_be_framed_but_other_pages_not(client, make_event, verein):
    make_event(start=soon(), end=soon(hour=20))
    widget = client.get(f"/heidelberg/termine/widget/{verein.pk}/")
    assert widget.status_code == 200 and "Sprachcafé" in widget.content.decode()
    assert "frame-ancestors *" in widget["Content-Security-Policy"] and "X-Frame-Options" not in widget
    listing = client.get("/heidelberg/termine/")
    assert "frame-ancestors 'none'" in listing["Content-Security-Policy"] and listing["X-Frame-Options"] == "DENY"
    assert client.get("/heidelberg/termine/widget/99999999/").status_code == 404


def test_list_page_queries_do_not_grow(client, make_event):
    make_event(start=soon(), end=soon(hour=20))
    client.get("/heidelberg/termine/")
    with CaptureQueriesContext(connection) as few:
        client.get("/heidelberg/termine/")
    for index in range(20):
        make_event(title=f"T{index}", start=soon(), end=soon(hour=20), categories=["kultur"],
                   rrule="FREQ=WEEKLY;COUNT=2")
    with CaptureQueriesContext(connection) as many:
        client.get("/heidelberg/termine/")
    assert len(many) <= len(few) + 1  # the count once the page is full


def test_events_join_the_intercultural_calendar(client, make_event):
    make_event(start=dt.datetime(2026, 4, 14, 18, tzinfo=BERLIN), end=dt.datetime(2026, 4, 14, 20, tzinfo=BERLIN),
               title="Iftar für alle", categories=["kultur"])
    html = client.get("/heidelberg/kalender/2026/4/").content.decode()
    assert "Iftar für alle" in html
    assert "Iftar für alle" not in client.get("/heidelberg/kalender/2026/4/", {"kategorie": "sport"}).content.decode()
    assert "Iftar für alle" not in client.get("/heidelberg/kalender/2026/5/").content.decode()
