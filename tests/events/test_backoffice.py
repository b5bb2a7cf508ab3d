"""The back office of events: the form with the recurrence helper, single occurrences, print choice, the list."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.calendar.models import Event, EventOccurrence
from teilhabe.core.roles import Role

BERLIN = ZoneInfo("Europe/Berlin")
BASE = "/heidelberg/intern/termine/"


def form_data(verein, **extra):
    data = {"organiser": f"o{verein.pk}", "title": "Frauencafé", "description": "Offen für alle.\n\nMit Kinderecke.",
            "categories": ["frauen"], "start_date": "2026-10-15", "start_time": "18:00", "end_date": "2026-10-15",
            "end_time": "20:00", "repeat": "weekly", "weekdays": ["TH"], "repeat_until": "2026-11-30",
            "exdates": "22.10.2026", "rdates": "", "place_name": "Stadtteilhaus", "languages": "de, ar, fa",
            "is_free": "on", "accessibility": ["step_free"], "state": "published"}
    data.update(extra)
    return data


def test_create_with_the_weekly_helper(client_for, koordination, verein):
    client = client_for(koordination)
    response = client.post(BASE + "neu/", form_data(verein))
    assert response.status_code == 302, response.content.decode()[-2000:]
    event = Event.objects.get()
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261130" and event.exdates == ["2026-10-22"]
    assert event.languages == ["de", "ar", "fa"] and event.description == "<p>Offen für alle.</p><p>Mit Kinderecke.</p>"
    assert EventOccurrence.objects.filter(event=event).count() == 6  # 15 Oct – 26 Nov without 22 Oct
    page = client.get(f"{BASE}{event.pk}/").content.decode()
    assert 'value="weekly" checked' in page.replace('checked=""', "checked") or 'value="weekly"' in page
    assert "22.10.2026" in page


def test_bad_input_shows_messages_and_writes_nothing(client_for, koordination, verein):
    client = client_for(koordination)
    for extra in ({"end_date": "2026-10-14"}, {"start_time": ""}, {"repeat": "custom", "rrule": "FREQ=SECONDLY"},
                  {"exdates": "31.02.2026"}, {"description": '<a href="https://x.example">hier</a>'},
                  {"organiser": "o999999"}, {"title": "<script>alert(1)</script>"}):
        response = client.post(BASE + "neu/", form_data(verein, **extra))
        assert response.status_code == 200, extra
        assert "kern-error" in response.content.decode(), extra
    assert not Event.objects.exists()


def test_edit_keeps_the_values(client_for, koordination, verein, make_event):
    event = make_event(rrule="FREQ=MONTHLY;BYDAY=1TU", description="<p>Alt</p>")
    client = client_for(koordination)
    page = client.get(f"{BASE}{event.pk}/").content.decode()
    assert "FREQ=MONTHLY;BYDAY=1TU" in page
    response = client.post(f"{BASE}{event.pk}/", form_data(verein, version=event.version, repeat="custom",
                                                           rrule="FREQ=MONTHLY;BYDAY=1TU", title="Neu"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Neu" and event.rrule == "FREQ=MONTHLY;BYDAY=1TU"


def test_cancel_move_and_restore_single_occurrences(client_for, koordination, make_event):
    event = make_event(rrule="FREQ=WEEKLY;COUNT=3", start=dt.datetime(2099, 10, 15, 18, tzinfo=BERLIN),
                       end=dt.datetime(2099, 10, 15, 20, tzinfo=BERLIN))
    client = client_for(koordination)
    url = f"{BASE}{event.pk}/einzeltermine/"
    page = client.get(url).content.decode()
    assert page.count("absagen</span>") == 3
    second = dt.datetime(2099, 10, 22, 18, tzinfo=BERLIN).astimezone(dt.UTC).isoformat()
    client.post(url, {"action": "cancel", "recurrence_id": second})
    assert EventOccurrence.objects.filter(event=event, cancelled=True).count() == 1
    third = dt.datetime(2099, 10, 29, 18, tzinfo=BERLIN).astimezone(dt.UTC).isoformat()
    client.post(url, {"action": "move", "recurrence_id": third, "new_start": "2099-10-30T19:00"})
    moved = EventOccurrence.objects.get(event=event, moved=True)
    assert moved.start == dt.datetime(2099, 10, 30, 19, tzinfo=BERLIN)
    client.post(url, {"action": "restore", "recurrence_id": second})
    assert not EventOccurrence.objects.filter(event=event, cancelled=True).exists()
    response = client.post(url, {"action": "cancel", "recurrence_id": "kaputt"}, follow=True)
    assert response.status_code == 200 and "unvollständig" in response.content.decode()


def test_print_choice_is_koordinations(client_for, koordination, make_event, municipality, make_member, verein):
    event = make_event()
    client_for(koordination).post(f"{BASE}{event.pk}/druck/", {"selected": "1", "version": event.version})
    event.refresh_from_db()
    assert event.selected_for_print
    editor = make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(verein,))
    assert client_for(editor).post(f"{BASE}{event.pk}/druck/", {"selected": "0"}).status_code == 403


def test_organisation_editor_sees_and_edits_only_own_events(client_for, municipality, make_member, make_event,
                                                            verein):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(municipality=municipality, name="Andere")
    mine, theirs = make_event(title="Meins"), make_event(title="Fremd", organisation=other)
    editor = client_for(make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(verein,)))
    listing = editor.get(BASE).content.decode()
    assert "Meins" in listing and "Fremd" not in listing
    assert editor.get(f"{BASE}{mine.pk}/").status_code == 200
    assert editor.get(f"{BASE}{theirs.pk}/").status_code == 403
    form = editor.get(BASE + "neu/").content.decode()
    assert "Andere" not in form


def test_list_queries_do_not_grow(client_for, koordination, make_event):
    client = client_for(koordination)
    make_event()
    client.get(BASE)
    with CaptureQueriesContext(connection) as few:
        client.get(BASE)
    for index in range(20):
        make_event(title=f"T{index}", categories=["kultur", "sport"], rrule="FREQ=WEEKLY;COUNT=2")
    with CaptureQueriesContext(connection) as many:
        assert client.get(BASE, {"status": "published", "q": "T"}).status_code == 200
    assert len(many) <= len(few)
