"""Expanding an event's occurrences (RFC 5545: RRULE, RDATE, EXDATE, RECURRENCE-ID) with dateutil.

Pure and Django-free. Rules are expanded in the event's local wall-clock time and only then given the
time zone, so a weekly meeting at 18:00 stays at 18:00 after the clocks change (its UTC time moves).
Each occurrence keeps the wall-clock duration of the first one (18:00–20:00 stays 18:00–20:00; an
all-day event of three days stays three days). RDATE and EXDATE values are ISO strings: a date
("2026-05-14", at the event's time of day) or a local date and time ("2026-05-14T19:30").
A changed occurrence is found by its RECURRENCE-ID, the start the rule gives it (an aware datetime)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as du

MAX_OCCURRENCES = 5000  # per event and expansion; more is a mistake, not a calendar
MAX_INTERVAL = 1000
ALLOWED_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
ALLOWED_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS",
                           "BYYEARDAY", "BYWEEKNO", "WKST"})
_UNTIL_RE = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")


class RecurrenceError(ValueError):
    """A rule or date that cannot be used; the message is German and meant for the person who wrote it."""


@dataclass(frozen=True)
class Change:
    """A moved or cancelled occurrence."""

    recurrence_id: dt.datetime
    cancelled: bool = False
    start: dt.datetime | None = None
    end: dt.datetime | None = None


@dataclass(frozen=True)
class Instance:
    start: dt.datetime
    end: dt.datetime
    recurrence_id: dt.datetime | None  # None: the event does not recur
    cancelled: bool = False
    moved: bool = False

    def overlaps(self, first: dt.datetime, last: dt.datetime) -> bool:
        """Whether the occurrence touches [first, last); one without duration counts at its start."""
        if self.start >= last:
            return False
        return self.end > first or self.start >= first


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise RecurrenceError(f"Unbekannte Zeitzone „{name[:60]}“.") from error


def _parts(rule: str) -> dict[str, str]:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for item in text.split(";"):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        key = key.strip().upper()
        if not sep or not value.strip():
            raise RecurrenceError(f"Die Wiederholungsregel ist unvollständig: „{item[:40]}“.")
        if key in parts:
            raise RecurrenceError(f"„{key}“ steht zweimal in der Wiederholungsregel.")
        parts[key] = value.strip().upper()
    return parts


def normalise_rule(rule: str) -> str:
    """The rule as stored ("FREQ=WEEKLY;BYDAY=MO"), checked; raises RecurrenceError with a German message."""
    if not rule or not rule.strip():
        return ""
    parts = _parts(rule)
    unknown = sorted(set(parts) - ALLOWED_PARTS)
    if unknown:
        raise RecurrenceError("Diese Teile einer Wiederholungsregel werden nicht unterstützt: "
                              + ", ".join(u[:20] for u in unknown) + ".")
    frequency = parts.get("FREQ")
    if frequency not in ALLOWED_FREQUENCIES:
        raise RecurrenceError("Eine Wiederholungsregel braucht FREQ=DAILY, WEEKLY, MONTHLY oder YEARLY.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("COUNT und UNTIL dürfen nicht zusammen stehen.")
    for key, limit in (("COUNT", MAX_OCCURRENCES), ("INTERVAL", MAX_INTERVAL)):
        if key in parts and (not parts[key].isdigit() or not 1 <= int(parts[key]) <= limit):
            raise RecurrenceError(f"{key} muss eine Zahl von 1 bis {limit} sein.")
    if "UNTIL" in parts and not _UNTIL_RE.match(parts["UNTIL"]):
        raise RecurrenceError("UNTIL muss ein Datum wie 20261231 oder 20261231T235959Z sein.")
    text = ";".join(f"{key}={value}" for key, value in parts.items())
    try:
        du.rrulestr(_local_until(text, zone("UTC")), dtstart=dt.datetime(2026, 1, 1))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RecurrenceError(f"Die Wiederholungsregel ist ungültig ({str(error)[:80]}).") from error
    return text


def is_open_ended(rule: str) -> bool:
    if not rule:
        return False
    parts = _parts(rule)
    return "COUNT" not in parts and "UNTIL" not in parts


def _local_until(rule: str, tz: ZoneInfo) -> str:
    """dateutil compares UNTIL with the naive local DTSTART: a UTC UNTIL (…Z) becomes local wall-clock time,
    a date-only UNTIL the end of that day."""
    parts = _parts(rule)
    until = parts.get("UNTIL")
    if until:
        match = _UNTIL_RE.match(until)
        if match is None:
            raise RecurrenceError("UNTIL muss ein Datum wie 20261231 oder 20261231T235959Z sein.")
        day, time, utc = match.groups()
        moment = dt.datetime.strptime(day + (time or "235959"), "%Y%m%d%H%M%S")
        if utc:
            moment = moment.replace(tzinfo=dt.UTC).astimezone(tz).replace(tzinfo=None)
        parts["UNTIL"] = moment.strftime("%Y%m%dT%H%M%S")
    return ";".join(f"{key}={value}" for key, value in parts.items())


def parse_point(value: str | dt.date, time_of_day: dt.time) -> dt.datetime:
    """An RDATE/EXDATE value as naive local wall-clock time."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, time_of_day)
    text = str(value).strip()
    try:
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        return dt.datetime.combine(dt.date.fromisoformat(text), time_of_day)
    except ValueError as error:
        raise RecurrenceError(f"„{text[:30]}“ ist kein gültiges Datum.") from error


def normalise_points(values: Iterable[str | dt.date], *, all_day: bool) -> list[str]:
    """RDATE/EXDATE values as stored: sorted, unique ISO strings (dates for all-day events)."""
    result = set()
    for value in values:
        if isinstance(value, str) and not value.strip():
            continue
        point = parse_point(value, dt.time(0))
        if not 1900 <= point.year <= 2100:
            raise RecurrenceError("Termine müssen zwischen 1900 und 2100 liegen.")
        has_time = isinstance(value, dt.datetime) or (isinstance(value, str) and ("T" in value or " " in value))
        result.add(point.date().isoformat() if all_day or not has_time else point.isoformat(timespec="minutes"))
    return sorted(result)


def _aware(naive: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return naive.replace(tzinfo=tz)


def _key(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def expand(
    *, start: dt.datetime, end: dt.datetime, time_zone: str, rrule: str = "", rdates: Sequence[str] = (),
    exdates: Sequence[str] = (), changes: Iterable[Change] = (), until: dt.datetime,
) -> list[Instance]:
    """Every occurrence from the first one up to `until` (an open-ended rule stops there), with the
    changes applied: a cancelled occurrence stays in the list marked `cancelled`, a moved one has its new
    start and end (and keeps its recurrence id). Sorted by start; at most MAX_OCCURRENCES."""
    tz = zone(time_zone)
    first = start.astimezone(tz).replace(tzinfo=None)
    duration = end.astimezone(tz).replace(tzinfo=None) - first
    by_id: Mapping[dt.datetime, Change] = {_key(c.recurrence_id): c for c in changes}
    recurring = bool(rrule or rdates)
    if not recurring:
        return [Instance(start=start, end=end, recurrence_id=None)]
    rules = du.rruleset()
    if rrule:
        try:
            rules.rrule(du.rrulestr(_local_until(rrule, tz), dtstart=first))  # type: ignore[arg-type]
        except (ValueError, TypeError) as error:
            raise RecurrenceError(f"Die Wiederholungsregel ist ungültig ({str(error)[:80]}).") from error
    rules.rdate(first)  # DTSTART is always the first occurrence (RFC 5545, 3.8.5.3)
    for value in rdates:
        rules.rdate(parse_point(value, first.time()))
    for value in exdates:
        rules.exdate(parse_point(value, first.time()))
    last = until.astimezone(tz).replace(tzinfo=None)
    instances: list[Instance] = []
    for point in rules:
        if point > last or len(instances) >= MAX_OCCURRENCES:
            break
        occurrence_start = _aware(point, tz)
        instance = Instance(start=occurrence_start, end=_aware(point + duration, tz), recurrence_id=occurrence_start)
        change = by_id.get(_key(occurrence_start))
        if change is not None:
            if change.cancelled:
                instance = Instance(instance.start, instance.end, instance.recurrence_id, cancelled=True)
            elif change.start is not None:
                moved_end = change.end or _aware(
                    change.start.astimezone(tz).replace(tzinfo=None) + duration, tz)
                instance = Instance(change.start, moved_end, instance.recurrence_id, moved=True)
        instances.append(instance)
    return sorted(instances, key=lambda i: (i.start, i.recurrence_id or i.start))


def between(instances: Iterable[Instance], first: dt.datetime, last: dt.datetime) -> list[Instance]:
    """The occurrences that touch [first, last): also a multi-day one that began before `first`."""
    return [i for i in instances if i.overlaps(first, last)]
