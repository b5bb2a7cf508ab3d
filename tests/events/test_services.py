"""The rules of events: one write path, validation, occurrences, permissions and confinement."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from teilhabe.calendar.events import selectors, services
from teilhabe.calendar.models import CalendarSettings, Event, EventOccurrence
from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor, Reach, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from tests.factories import OrganisationFactory

BERLIN = ZoneInfo("Europe/Berlin")


def test_create_materialises_occurrences_and_records(make_event, municipality):
    event = make_event(rrule="FREQ=WEEKLY;COUNT=5", exdates=["2026-10-22"])
    starts = list(EventOccurrence.objects.filter(event=event).values_list("start", flat=True).order_by("start"))
    assert [s.astimezone(BERLIN).hour for s in starts] == [18] * 4
    assert AuditEntry.objects.filter(object_type="calendar.event", object_id=event.pk).count() == 1
    assert event.uid.endswith("@heidelberg.teilhabe")
    assert CalendarSettings.objects.get(municipality=municipality).events_version >= 2


def test_update_rebuilds_and_bumps_the_version(make_event, coord_actor, municipality):
    event = make_event(rrule="FREQ=WEEKLY;COUNT=3")
    before = CalendarSettings.objects.get(municipality=municipality).events_version
    updated = services.update_event(actor=coord_actor, event=event, expected_version=event.version,
                                    values={"rrule": "FREQ=WEEKLY;COUNT=6"})
    assert EventOccurrence.objects.filter(event=updated).count() == 6
    assert CalendarSettings.objects.get(municipality=municipality).events_version == before + 1
    with pytest.raises(ConcurrentEdit):
        services.update_event(actor=coord_actor, event=event, expected_version=event.version,
                              values={"title": "Alt"})


def test_all_day_events_take_first_and_last_day(make_event):
    event = make_event(all_day=True, start=dt.date(2026, 1, 30), end=dt.date(2026, 2, 2))
    assert event.start == dt.datetime(2026, 1, 30, tzinfo=BERLIN)
    assert event.end == dt.datetime(2026, 2, 3, tzinfo=BERLIN)


def test_long_running_events_have_no_upper_limit(make_event, municipality):
    event = make_event(start=dt.datetime(2026, 1, 1, 10, tzinfo=BERLIN),
                       end=dt.datetime(2027, 6, 30, 18, tzinfo=BERLIN))
    items, total = selectors.occurrences_between(municipality, dt.datetime(2026, 12, 1, tzinfo=BERLIN),
                                                 dt.datetime(2026, 12, 31, tzinfo=BERLIN))
    assert total == 1 and items[0].event == event


@pytest.mark.parametrize("values, field", [
    ({"end": dt.datetime(2026, 10, 15, 17, tzinfo=BERLIN)}, "end"),
    ({"end": None}, "end"),
    ({"rrule": "FREQ=SECONDLY"}, "rrule"),
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"title": "  "}, "title"),
    ({"languages": ["<b>"]}, "languages"),
    ({"accessibility": ["rocket"]}, "accessibility"),
    ({"description": '<a href="https://x.example">hier</a>'}, "description"),
    ({"organisation": None}, "organisation"),
    ({"categories": ["gibt-es-nicht"]}, "categories"),
    ({"rdates": ["31.02.2026"]}, "rdates"),
])
def test_bad_values_are_refused_and_nothing_is_written(make_event, values, field):
    with pytest.raises(ValidationError) as error:
        make_event(**values)
    assert field in error.value.message_dict
    assert not Event.objects.exists() and not EventOccurrence.objects.exists()


def test_hostile_html_is_sanitised(make_event):
    event = make_event(description='<p>Hallo<script>alert(1)</script> <a href="javascript:x()" onclick="y">Programm'
                                   '</a></p><img src=x onerror=alert(1)>')
    assert "script" not in event.description and "onclick" not in event.description
    assert "javascript" not in event.description and "<img" not in event.description
    assert "Hallo" in event.description


def test_move_cancel_and_restore_an_occurrence(make_event, coord_actor, municipality):
    event = make_event(rrule="FREQ=WEEKLY;COUNT=4")
    second = dt.datetime(2026, 10, 22, 18, tzinfo=BERLIN)
    services.cancel_occurrence(actor=coord_actor, event=event, recurrence_id=second)
    third = dt.datetime(2026, 10, 29, 18, tzinfo=BERLIN)
    services.move_occurrence(actor=coord_actor, event=event, recurrence_id=third,
                             start=dt.datetime(2026, 10, 30, 19, tzinfo=BERLIN))
    rows = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    assert [r.cancelled for r in rows] == [False, True, False, False]
    moved = next(r for r in rows if r.moved)
    assert moved.start == dt.datetime(2026, 10, 30, 19, tzinfo=BERLIN)
    assert moved.end == dt.datetime(2026, 10, 30, 21, tzinfo=BERLIN)
    services.restore_occurrence(actor=coord_actor, event=event, recurrence_id=second)
    assert not EventOccurrence.objects.filter(event=event, cancelled=True).exists()
    with pytest.raises(ServiceError):
        services.cancel_occurrence(actor=coord_actor, event=event, recurrence_id=second + dt.timedelta(hours=1))


def test_upsert_by_uid_creates_no_duplicates(municipality, coord_actor, verein):
    values = {"organisation": verein, "title": "Fest", "start": dt.datetime(2026, 7, 1, 15, tzinfo=BERLIN),
              "end": dt.datetime(2026, 7, 1, 18, tzinfo=BERLIN), "state": Event.State.PUBLISHED}
    event, created = services.upsert_event(actor=coord_actor, municipality=municipality, uid="abc@feed.example",
                                           values=values, feed_key="verein-feed")
    again, created_again = services.upsert_event(actor=coord_actor, municipality=municipality,
                                                 uid="abc@feed.example", values={**values, "title": "Sommerfest"})
    assert created and not created_again and again.pk == event.pk and again.title == "Sommerfest"
    assert Event.objects.count() == 1 and again.source == Event.Source.IMPORTED and again.feed_key == "verein-feed"


def test_other_roles_and_municipalities_are_refused(make_event, municipality, fachstelle, lesend, other_municipality,
                                                    foreign_user, verein):
    event = make_event()
    for user in (fachstelle, lesend):
        with pytest.raises(NotAllowed):
            services.update_event(actor=actor_for(user, municipality), event=event, expected_version=event.version,
                                  values={"title": "x"})
    foreign = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality), pytest.raises(NotAllowed):
        services.delete_event(actor=foreign, event=event, expected_version=event.version)
    with municipality_scope(other_municipality):
        stranger = OrganisationFactory(municipality=other_municipality, name="Fremd")
    with pytest.raises(ValidationError):
        make_event(organisation=stranger)
    assert Event.objects.count() == 1


def test_reach_own_confines_an_organisation_editor(make_event, municipality, verein, monkeypatch):
    """A role holding the permission for its own objects only edits its organisation's events."""
    from teilhabe.calendar.permissions import EDIT_EVENTS

    monkeypatch.setitem(EDIT_EVENTS.holders, Role.FACHSTELLE, Reach.OWN)
    other = OrganisationFactory(municipality=municipality, name="Anderer Verein")
    mine = make_event()
    theirs = make_event(organisation=other, title="Fremd")
    editor = Actor(user_id=None, municipality_id=municipality.pk, role=Role.FACHSTELLE,
                   organisation_ids=frozenset({verein.pk}))
    services.update_event(actor=editor, event=mine, expected_version=mine.version, values={"title": "Meins"})
    with pytest.raises(NotAllowed):
        services.update_event(actor=editor, event=theirs, expected_version=theirs.version, values={"title": "x"})
    with pytest.raises(NotAllowed):  # nor move its own event to another organisation
        services.update_event(actor=editor, event=mine, expected_version=mine.version + 1,
                              values={"organisation": other})


def test_open_ended_rules_are_extended_on_demand(make_event, municipality):
    event = make_event(rrule="FREQ=WEEKLY")
    far = dt.datetime(2031, 1, 1, tzinfo=BERLIN)
    items, total = selectors.occurrences_between(municipality, far, far + dt.timedelta(days=14))
    assert total == 2 and all(i.event == event for i in items)


def test_selected_for_print_bumps_the_calendar_version(make_event, coord_actor, municipality, fachstelle):
    event = make_event()
    version = CalendarSettings.objects.get(municipality=municipality).version
    event = services.set_selected_for_print(actor=coord_actor, event=event, expected_version=event.version,
                                            selected=True)
    assert event.selected_for_print
    assert CalendarSettings.objects.get(municipality=municipality).version == version + 1
    with pytest.raises(NotAllowed):
        services.set_selected_for_print(actor=actor_for(fachstelle, municipality), event=event,
                                        expected_version=event.version, selected=False)


def test_delete(make_event, coord_actor):
    event = make_event(rrule="FREQ=DAILY;COUNT=3")
    services.delete_event(actor=coord_actor, event=event, expected_version=event.version)
    assert not Event.objects.exists() and not EventOccurrence.objects.exists()
