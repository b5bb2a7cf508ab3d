"""Events as iCalendar (RFC 5545, with `icalendar`): one VEVENT per event with RRULE, RDATE and EXDATE, one
more VEVENT with RECURRENCE-ID per moved or cancelled occurrence, and the VTIMEZONE of every zone used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from teilhabe.calendar.events import recurrence
from teilhabe.calendar.models import Event, EventOccurrenceChange
from teilhabe.core.richtext import to_plain

PRODID = "-//Teilhabe//Termine//DE"


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.place_name, event.address, event.district) if part)


def _when(event: Event, moment: dt.datetime) -> dt.date | dt.datetime:
    local = moment.astimezone(recurrence.zone(event.time_zone))
    return local.date() if event.all_day else local


def _point(event: Event, value: str) -> dt.date | dt.datetime:
    tz = recurrence.zone(event.time_zone)
    start_local = event.start.astimezone(tz)
    point = recurrence.parse_point(value, start_local.time().replace(tzinfo=None))
    return point.date() if event.all_day else point.replace(tzinfo=tz)


def _base(event: Event, stamp: dt.datetime, url: str = "") -> VEvent:
    component = VEvent()
    component.add("uid", event.uid)
    component.add("dtstamp", stamp)
    component.add("summary", event.title)
    if event.description:
        component.add("description", to_plain(event.description))
    location = _location(event)
    if location:
        component.add("location", location)
    if event.online_url or url:
        component.add("url", event.online_url or url)
    organiser = event.organiser
    if organiser is not None:
        component.add("organizer", "mailto:noreply@invalid", parameters={"CN": str(organiser)})
    names = [c.name for c in event.categories.all()]
    if names:
        component.add("categories", names)
    component.add("last-modified", event.updated_at)
    return component


def components(event: Event, changes: Iterable[EventOccurrenceChange], *, url: str = "") -> list[VEvent]:
    stamp = event.updated_at.astimezone(dt.UTC)
    main = _base(event, stamp, url)
    main.add("dtstart", _when(event, event.start))
    main.add("dtend", _when(event, event.end))
    if event.rrule:
        main.add("rrule", vRecur.from_ical(event.rrule))
    for value in event.rdates:
        main.add("rdate", _point(event, value))
    for value in event.exdates:
        main.add("exdate", _point(event, value))
    main.add("status", "CONFIRMED")
    result = [main]
    duration = event.end - event.start
    for change in changes:
        single = _base(event, stamp, url)
        single.add("recurrence-id", _when(event, change.recurrence_id))
        start = change.start or change.recurrence_id
        end = change.end or start + duration
        single.add("dtstart", _when(event, start))
        single.add("dtend", _when(event, end))
        single.add("status", "CANCELLED" if change.cancelled else "CONFIRMED")
        result.append(single)
    return result


def to_ics(events: Sequence[Event], *, name: str, urls: dict[int, str] | None = None) -> bytes:
    """A calendar of the events (their changes prefetched as `changes`)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        for component in components(event, event.changes.all(), url=(urls or {}).get(event.pk, "")):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
