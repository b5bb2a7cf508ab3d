"""The demo's events: recurring and single, in several languages, some chosen for print, all marked demo."""

from __future__ import annotations

from teilhabe.calendar.models import Event, EventOccurrence
from teilhabe.core.roles import Actor
from teilhabe.demo.events import build_events


def test_demo_events(municipality, verein, amt):
    build_events(municipality, Actor.system(municipality.pk), {verein.name: verein}, {amt.name: amt}, place="Mitte")
    events = list(Event.objects.all())
    assert len(events) >= 8 and all("Demodaten" in e.description for e in events)
    assert sum(1 for e in events if e.rrule) >= 4 and sum(1 for e in events if e.selected_for_print) == 2
    assert any(len(e.languages) >= 3 for e in events)
    assert EventOccurrence.objects.filter(published=True).count() > 50
