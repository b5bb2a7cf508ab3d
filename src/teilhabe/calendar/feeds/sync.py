"""Apply a parsed feed to the events that came from it, through the events' own services (guard, audit,
occurrences): an event is matched by its UID among the events carrying the feed's key; new UIDs are created,
known ones updated (an unchanged event is not written), changed single occurrences set or restored, and events
of this feed that vanished from it are deleted — never events of another feed or ones made by hand.

Runs inside the caller's transaction (calendar.feeds.services.import_payload): any problem raises FeedError
naming the event, and everything is rolled back."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.calendar.events import services as events
from teilhabe.calendar.feeds.parse import EventData, FeedError, Moment, OccurrenceChange, ParsedFeed, human
from teilhabe.calendar.models import Event, EventCategory, EventFeed, EventOccurrenceChange
from teilhabe.core.errors import ServiceError
from teilhabe.core.roles import Actor

MAX_NOTE = 300


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    removed: int = 0
    notes: list[str] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)  # UID → digest, kept on the feed


def fingerprint(data: EventData) -> str:
    """A digest of everything imported about one event, so an unchanged event is not written again."""
    return hashlib.sha256(repr(data).encode()).hexdigest()[:32]


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _as_datetime(moment: Moment, tz: str) -> dt.datetime:
    """All-day moments as local midnight (how events store them), date-times as they are."""
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime.combine(moment, dt.time(0), tzinfo=_zone(tz))


def _point(moment: Moment) -> str:
    return moment.isoformat()


def _category_lookup(municipality_id: int) -> dict[str, EventCategory]:
    lookup: dict[str, EventCategory] = {}
    for category in EventCategory.objects.filter(municipality_id=municipality_id):
        lookup[category.key.lower()] = category
        lookup[category.name.lower()] = category
    return lookup


def _values(feed: EventFeed, data: EventData, categories: dict[str, EventCategory]) -> dict[str, Any]:
    if data.all_day:  # events take the first and the last day; iCalendar ends are exclusive
        start: Any = data.start
        end: Any = max(data.start, data.end - dt.timedelta(days=1))  # type: ignore[operator]
    else:  # in UTC, as the database gives them back: an unchanged time then reads as unchanged in the audit trail
        start = data.start.astimezone(dt.UTC)  # type: ignore[union-attr]
        end = data.end.astimezone(dt.UTC)  # type: ignore[union-attr]
    online = data.location if data.location.lower().startswith(("http://", "https://")) else ""
    return {
        "organisation": feed.organisation, "title": data.title or _("(ohne Titel)"),
        "description": data.description, "place_name": "" if online else data.location[:200],
        "online_url": online[:500] or data.url, "all_day": data.all_day, "start": start, "end": end,
        "time_zone": data.tz, "rrule": data.rrule, "rdates": [_point(m) for m in data.rdates],
        "exdates": [_point(m) for m in data.exdates],
        "categories": list({c.pk: c for name in data.categories if (c := categories.get(name.lower()))}.values()),
    }


def _problem(data: EventData, error: ValidationError | ServiceError) -> FeedError:
    messages = error.messages if isinstance(error, ValidationError) else [error.message]
    return FeedError([_("Termin %(event)s: %(problem)s") % {"event": data.label, "problem": " ".join(messages)}])


def apply(*, actor: Actor, feed: EventFeed, parsed: ParsedFeed) -> SyncCounts:
    counts = SyncCounts()
    municipality = feed.municipality
    key = feed.feed_key
    own = {event.uid: event for event in Event.objects.filter(municipality=municipality, feed_key=key)}
    wanted = [data for data in parsed.events if not data.cancelled]
    taken = list(Event.objects.filter(municipality=municipality, uid__in=[d.uid for d in wanted])
                 .exclude(feed_key=key).values_list("uid", "title")[:10])
    if taken:
        raise FeedError([_("Die UID %(uid)s gehört schon zum Termin „%(title)s“, der nicht aus diesem Kalender "
                           "stammt.") % {"uid": uid, "title": title} for uid, title in taken])
    categories = _category_lookup(municipality.pk)
    state = Event.State.PUBLISHED if feed.publish else Event.State.DRAFT
    changes_of = _existing_changes([e.pk for e in own.values()])
    known = feed.fingerprints if isinstance(feed.fingerprints, dict) else {}
    for data in wanted:
        digest = fingerprint(data)
        counts.fingerprints[data.uid] = digest
        event = own.get(data.uid)
        if event is not None and known.get(data.uid) == digest:
            continue  # as imported last time: nothing to write
        values = _values(feed, data, categories)
        try:
            if event is None:
                event = events.create_event(actor=actor, municipality=municipality, values={**values, "state": state},
                                            uid=data.uid, source=Event.Source.IMPORTED, feed_key=key)
                counts.created += 1
                created, changed = True, False
            else:
                created = False
                before = event.version
                event = events.update_event(actor=actor, event=event, expected_version=event.version, values=values)
                changed = event.version != before
            changed = _apply_changes(actor, event, data, changes_of.get(event.pk, {}), counts) or changed
        except (ValidationError, ServiceError) as error:
            raise _problem(data, error) from error
        if changed and not created:
            counts.updated += 1
    keep = {data.uid for data in wanted}
    for uid, event in own.items():
        if uid not in keep:
            events.delete_event(actor=actor, event=event, expected_version=event.version)
            counts.removed += 1
    return counts


def _existing_changes(event_ids: list[int]) -> dict[int, dict[dt.datetime, EventOccurrenceChange]]:
    result: dict[int, dict[dt.datetime, EventOccurrenceChange]] = {}
    for change in EventOccurrenceChange.objects.filter(event_id__in=event_ids):
        result.setdefault(change.event_id, {})[change.recurrence_id.astimezone(dt.UTC)] = change
    return result


def _apply_changes(actor: Actor, event: Event, data: EventData,
                   existing: dict[dt.datetime, EventOccurrenceChange], counts: SyncCounts) -> bool:
    """Set the feed's changed occurrences on the event and restore those the feed no longer changes."""
    touched = False
    seen: set[dt.datetime] = set()
    for change in data.changes if event.is_recurring else ():
        recurrence_id = _as_datetime(change.recurrence_id, data.tz)
        key = recurrence_id.astimezone(dt.UTC)
        seen.add(key)
        start, end, note = _target(change, data)
        current = existing.get(key)
        if current is not None and (current.cancelled, current.start, current.end, current.note) == (
                change.cancelled, start, end, note):
            continue
        try:
            events.set_occurrence_change(actor=actor, event=event, recurrence_id=recurrence_id,
                                         cancelled=change.cancelled, start=start, end=end, note=note)
        except ServiceError:  # the rule has no such occurrence (e.g. changed, then excluded): nothing to change
            counts.notes.append(_("%(event)s: Die geänderte Einzelveranstaltung am %(when)s gehört nicht (mehr) zur "
                                  "Terminreihe und wird übergangen.")
                                % {"event": data.label, "when": human(change.recurrence_id)})
            continue
        touched = True
    for key, _current in existing.items():
        if key not in seen:
            events.restore_occurrence(actor=actor, event=event, recurrence_id=key)
            touched = True
    return touched


def _target(change: OccurrenceChange, data: EventData) -> tuple[dt.datetime | None, dt.datetime | None, str]:
    if change.cancelled or change.start is None:
        return None, None, ""
    start = _as_datetime(change.start, data.tz)
    end = _as_datetime(change.end, data.tz) if change.end is not None else None
    note = change.title if change.title and change.title != data.title else ""
    return start, end, note[:MAX_NOTE]


def remove_feed_events(*, actor: Actor, feed: EventFeed) -> int:
    """Delete every event that came from `feed` (when the subscription ends)."""
    removed = 0
    for event in Event.objects.filter(municipality_id=feed.municipality_id, feed_key=feed.feed_key):
        events.delete_event(actor=actor, event=event, expected_version=event.version)
        removed += 1
    return removed
