"""Demo events (clearly demo): recurring and single events of the demo municipality's organisations, some in
several languages, two chosen for the printed calendar. Dates are relative to the day the demo is loaded, so
the portal always has upcoming events. Built through the same services the back office uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from teilhabe.calendar.events import services
from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor

BERLIN = ZoneInfo("Europe/Berlin")
DEMO_NOTE = "<p><em>Demodaten: Diesen Termin gibt es nicht wirklich.</em></p>"

# In days from the day the demo is loaded; the organisers are the organisations in turn, migrant
# organisations first.
EVENTS: list[dict[str, Any]] = [
    {"title": "Sprachcafé: Deutsch sprechen bei Tee und Gebäck", "days": 2, "hour": 17, "hours": 2,
     "rrule": "FREQ=WEEKLY;BYDAY={weekday}", "languages": ["de", "ar", "fa", "uk"],
     "categories": ["bildung", "begegnung"],
     "description": "<p>Jede Woche üben wir Deutsch im Gespräch – für alle Niveaus, ohne Anmeldung.</p>",
     "accessibility": ["step_free"]},
    {"title": "Hausaufgabenhilfe für Schulkinder", "days": 1, "hour": 15, "hours": 2,
     "rrule": "FREQ=WEEKLY;BYDAY=MO,WE", "languages": ["de", "tr", "ar"], "categories": ["familie", "bildung"],
     "description": "<p>Ehrenamtliche helfen bei Hausaufgaben und beim Lesen.</p>"},
    {"title": "Frauenfrühstück", "days": 5, "hour": 10, "hours": 2, "rrule": "FREQ=MONTHLY",
     "languages": ["de", "tr", "ar", "fa"], "categories": ["frauen", "begegnung"], "accessibility": ["childcare"],
     "description": "<p>Einmal im Monat: Frühstück, Austausch und Informationen – mit Kinderbetreuung.</p>"},
    {"title": "Beratung zu Aufenthalt und Einbürgerung", "days": 3, "hour": 14, "hours": 3,
     "rrule": "FREQ=WEEKLY;INTERVAL=2", "languages": ["de", "ar", "ru", "uk"], "categories": ["beratung"],
     "description": "<p>Offene Sprechstunde. Bitte bringen Sie Ihre Unterlagen mit.</p>"},
    {"title": "Interkulturelles Sommerfest", "days": 30, "hour": 14, "hours": 7, "rrule": "",
     "languages": ["de", "en", "ar", "tr"], "categories": ["kultur", "begegnung"], "printed": True,
     "description": "<p>Musik, Essen aus vielen Ländern und Spiele für Kinder. Alle Vereine stellen sich vor.</p>",
     "accessibility": ["step_free", "accessible_toilet"]},
    {"title": "Iftar für alle", "days": 12, "hour": 18, "hours": 3, "rrule": "", "languages": ["de", "ar", "tr"],
     "categories": ["religion", "begegnung"], "printed": True, "registration": True,
     "description": "<p>Gemeinsames Fastenbrechen, offen für alle Nachbarinnen und Nachbarn.</p>"},
    {"title": "Woche der Vielfalt", "days": 40, "all_day": True, "length": 5, "rrule": "",
     "languages": ["de"], "categories": ["kultur"], "free": True,
     "description": "<p>Eine Woche mit Ausstellungen, Lesungen und offenen Türen in der ganzen Stadt.</p>"},
    {"title": "Bewerbungstraining", "days": 9, "hour": 9, "hours": 4, "rrule": "FREQ=WEEKLY;COUNT=4",
     "languages": ["de", "en"], "categories": ["arbeit"], "free": False, "cost": "5 Euro für Material",
     "registration": True, "description": "<p>Vier Termine: Lebenslauf, Anschreiben, Vorstellungsgespräch.</p>"},
]
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def build_events(municipality: Municipality, actor: Actor, organisations: Mapping[str, Organisation],
                 units: Mapping[str, OrgUnit], place: str) -> None:
    """Create the demo events; organisers are the municipality's organisations in turn (an office when none)."""
    organisers = sorted(organisations.values(), key=lambda o: (o.kind != Organisation.Kind.MSO, o.name))
    office = next(iter(units.values()), None)
    today = timezone.localdate()
    for index, spec in enumerate(EVENTS):
        day = today + dt.timedelta(days=spec["days"])
        organiser: dict[str, Any] = ({"organisation": organisers[index % len(organisers)]} if organisers
                                     else {"org_unit": office})
        if spec.get("all_day"):
            start: Any = day
            end: Any = day + dt.timedelta(days=spec["length"] - 1)
        else:
            start = dt.datetime(day.year, day.month, day.day, spec["hour"], tzinfo=BERLIN)
            end = start + dt.timedelta(hours=spec["hours"])
        event = services.create_event(actor=actor, municipality=municipality, values={
            **organiser, "title": spec["title"], "description": spec["description"] + DEMO_NOTE,
            "all_day": bool(spec.get("all_day")), "start": start, "end": end,
            "rrule": spec["rrule"].format(weekday=WEEKDAY_CODES[day.weekday()]), "languages": spec["languages"],
            "categories": spec["categories"], "is_free": spec.get("free", True), "cost": spec.get("cost", ""),
            "registration_required": bool(spec.get("registration")),
            "registration_text": "Anmeldung beim Verein (Demo)" if spec.get("registration") else "",
            "accessibility": spec.get("accessibility", []), "place_name": f"Stadtteilzentrum {place} (Demo)",
            "district": place, "state": "published",
        })
        if spec.get("printed"):
            services.set_selected_for_print(actor=actor, event=event, expected_version=event.version, selected=True)
