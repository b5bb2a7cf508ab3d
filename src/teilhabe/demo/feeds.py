"""Demo data of the calendar import: one migrant organisation per demo municipality whose own calendar (an
iCalendar file as Nextcloud or Google would export it, with a weekly series, a moved and a cancelled occurrence,
a single and an all-day event) is imported through the services, and a paused subscription of an address.
Everything is marked as demo; dates are relative to the day the demo is loaded, so the portal shows them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from teilhabe.calendar.feeds import services as feed_services
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor
from teilhabe.demo.specs import MunicipalitySpec

DEMO_FILE_NAME = "demo-kalender.ics"


def _pick(municipality: Municipality) -> Organisation | None:
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("pk"))
    for kind in ("mso", "association"):
        for organisation in organisations:
            if organisation.kind == kind:
                return organisation
    return organisations[0] if organisations else None


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def demo_calendar(place: str, slug: str, today: dt.date) -> bytes:
    """An organisation's calendar as its own calendar app exports it (Europe/Berlin, floating-free)."""
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    first = dt.datetime.combine(tuesday, dt.time(17, 0))
    second, third = first + dt.timedelta(days=7), first + dt.timedelta(days=14)
    cooking = dt.datetime.combine(today + dt.timedelta(days=10), dt.time(15, 0))
    open_day = today + dt.timedelta(days=21)
    uid = f"sprachcafe-demo@{slug}.demo.invalid"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//IDN nextcloud.com//Calendar app 4.7.4//EN",
        "X-WR-CALNAME:Vereinskalender (Demo)",
        "BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;TZID=Europe/Berlin:{_stamp(first)}",
        f"DTEND;TZID=Europe/Berlin:{_stamp(first + dt.timedelta(hours=2))}", "RRULE:FREQ=WEEKLY;BYDAY=TU",
        f"EXDATE;TZID=Europe/Berlin:{_stamp(third)}", "SUMMARY:Sprachcafé Deutsch–Arabisch (Demo)",
        f"LOCATION:Vereinsraum\\, {place}", "CATEGORIES:Begegnung,Bildung und Sprache",
        "DESCRIPTION:<p>Deutsch üben bei Tee und Gebäck – für alle\\, die Deutsch lernen\\, und alle\\, die "
        "helfen möchten. <strong>Demodaten.</strong></p><script>alert('kein Skript')</script>",
        "END:VEVENT",
        "BEGIN:VEVENT", f"UID:{uid}", f"RECURRENCE-ID;TZID=Europe/Berlin:{_stamp(second)}",
        f"DTSTART;TZID=Europe/Berlin:{_stamp(second + dt.timedelta(hours=1))}",
        f"DTEND;TZID=Europe/Berlin:{_stamp(second + dt.timedelta(hours=3))}",
        "SUMMARY:Sprachcafé Deutsch–Arabisch (Demo; eine Stunde später)", "END:VEVENT",
        "BEGIN:VEVENT", f"UID:kochen-demo@{slug}.demo.invalid",
        f"DTSTART;TZID=Europe/Berlin:{_stamp(cooking)}",
        f"DTEND;TZID=Europe/Berlin:{_stamp(cooking + dt.timedelta(hours=3))}",
        "SUMMARY:Interkulturelles Kochen (Demo)", f"LOCATION:Stadtteilzentrum\\, {place}",
        "DESCRIPTION:Wir kochen Gerichte aus Syrien\\, Eritrea und Schwaben. Anmeldung beim Verein. (Demodaten)",
        "CATEGORIES:Kultur und Feste", "END:VEVENT",
        "BEGIN:VEVENT", f"UID:offene-tuer-demo@{slug}.demo.invalid",
        f"DTSTART;VALUE=DATE:{open_day.strftime('%Y%m%d')}", "SUMMARY:Tag der offenen Tür (Demo)",
        f"LOCATION:Vereinsheim\\, {place}", "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def build_feeds(spec: MunicipalitySpec, municipality: Municipality, actor: Actor) -> None:
    organisation = _pick(municipality)
    if organisation is None:
        return
    feed_services.import_file(actor=actor, municipality=municipality, organisation=organisation,
                              file_name=DEMO_FILE_NAME,
                              payload=demo_calendar(spec.name, spec.slug, timezone.localdate()))
    feed_services.create_feed(actor=actor, municipality=municipality, organisation=organisation,
                              url=f"https://kalender.example.org/{spec.slug}/verein-demo.ics", enabled=False)
