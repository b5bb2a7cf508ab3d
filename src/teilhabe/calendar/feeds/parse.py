"""Read an organisation's iCalendar feed (RFC 5545) into plain, typed data: no Django models, no database.

`parse_feed(payload, default_tz=…)` returns a `ParsedFeed` with one `EventData` per series (UID) or raises
`FeedError` with every problem found, in German, each naming the event (its title and UID). The import is
all-or-nothing: one broken event refuses the whole payload, so a re-import never half-applies a feed.

What real feeds carry and how it is read:

* **Not iCalendar at all** (an HTML page, a JSON error, an empty body) → one clear error.
* **Time zones**: `TZID` names from the IANA database; Windows names as Outlook/Exchange write them
  ("W. Europe Standard Time", mapped by icalendar); a `VTIMEZONE` in the file with an unknown name
  ("Customized Time Zone") is used when it keeps the same offsets as the municipality's zone all year round
  (then the event is in that zone) — otherwise its moments are converted to UTC. An unknown `TZID` without a
  `VTIMEZONE` is an error. `X-WR-TIMEZONE` (Google, Apple) applies to floating and UTC times; floating times
  without it are in the municipality's zone.
* **End**: `DTEND`, else `DURATION`, else the RFC 5545 default: an all-day event lasts one day, a timed event
  has no length. A `DTEND` before `DTSTART` is an error naming the event. All-day ends are exclusive dates,
  as in iCalendar (an event on 3 May has start 3 May and end 4 May).
* **Recurrence**: `RRULE` (checked with dateutil; one without end is fine — expansion bounds it), `RDATE`
  (periods: their start), `EXDATE`; `UNTIL` is brought to the form RFC 5545 requires for the start's kind.
  Moved or changed single occurrences (`RECURRENCE-ID`) become overrides of their series, a `STATUS:CANCELLED`
  one a cancellation; an occurrence whose series is not in the file becomes an event of its own.
* **Duplicate UIDs** (without `RECURRENCE-ID`): the higher `SEQUENCE` (then the later `LAST-MODIFIED`) wins;
  two different events with the same UID and the same sequence are an error.
* **Text**: titles and places are plain text (markup and control characters removed); descriptions are
  sanitised HTML (teilhabe.core.richtext.sanitize: scripts, styles and handlers dropped); links only http(s).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import icalendar
import nh3
from dateutil import rrule as dateutil_rrule
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.richtext import MEANINGLESS_LINK_TEXTS, accessibility_problems, sanitize

MAX_EVENTS = 5000
MAX_TITLE = 200
MAX_LOCATION = 300
MAX_DESCRIPTION = 20_000
MAX_URL = 500
MAX_CATEGORY = 60
MAX_PROBLEMS_SHOWN = 10
MIN_YEAR, MAX_YEAR = 1900, 2100

Moment = dt.date | dt.datetime  # a date for all-day events, an aware datetime otherwise

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|javascript:|&#|<\s*script", re.IGNORECASE)
_URL_RE = re.compile(r"^https?://[^\s\"'<>\\^`{|}]+$", re.IGNORECASE)


class FeedError(ServiceError):
    """The payload cannot be imported; `problems` lists every reason (German), `message` the first few."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        message = " ".join(shown)
        if len(self.problems) > len(shown):
            message += " " + _("… und %(n)d weitere Probleme.") % {"n": len(self.problems) - len(shown)}
        super().__init__(message)


@dataclass(frozen=True)
class OccurrenceChange:
    """One occurrence of a series changed by RECURRENCE-ID: cancelled, or moved/changed (its new values)."""

    recurrence_id: Moment
    cancelled: bool = False
    start: Moment | None = None
    end: Moment | None = None
    title: str = ""
    description: str = ""
    location: str = ""


@dataclass(frozen=True)
class EventData:
    uid: str
    title: str
    description: str  # sanitised HTML
    location: str
    url: str
    start: Moment
    end: Moment  # all-day: exclusive date (RFC 5545)
    all_day: bool
    tz: str  # IANA name; the zone of `start`/`end` (the municipality's for all-day events)
    rrule: str = ""  # e.g. "FREQ=WEEKLY;BYDAY=TU" — no "RRULE:" prefix; "" for a single event
    rdates: tuple[Moment, ...] = ()
    exdates: tuple[Moment, ...] = ()
    changes: tuple[OccurrenceChange, ...] = ()
    categories: tuple[str, ...] = ()
    cancelled: bool = False  # STATUS:CANCELLED on the series itself
    sequence: int = 0
    last_modified: dt.datetime | None = None

    @property
    def label(self) -> str:
        return _label(self.title, self.uid)


@dataclass
class ParsedFeed:
    events: list[EventData]
    name: str = ""  # X-WR-CALNAME
    notes: list[str] = field(default_factory=list)  # what was read leniently (German)


def _label(title: str, uid: str) -> str:
    return _("„%(title)s“ (UID %(uid)s)") % {"title": title or _("ohne Titel"), "uid": uid or "–"}


# --------------------------------------------------------------------------------------------------------------
# Text


def plain_text(value: Any, *, limit: int) -> str:
    """A single line of plain text: markup, control and direction-override characters removed, shortened."""
    text = _decoded_text(value)
    if "<" in text or "&" in text:
        text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
    text = _CONTROL_RE.sub("", " ".join(text.split()))
    while _MARKUP_RE.search(text):
        text = _MARKUP_RE.sub("", text)
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _decoded_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: the first counts
        value = value[0] if value else ""
    return str(value)


def rich_text(value: Any) -> str:
    """Sanitised HTML that also passes the accessibility check events must pass (see `accessible`)."""
    text = _CONTROL_RE.sub("", _decoded_text(value).replace("\r\n", "\n"))[:MAX_DESCRIPTION * 2]
    cleaned = sanitize(text)
    if len(cleaned) > MAX_DESCRIPTION:
        cleaned = sanitize(cleaned[:MAX_DESCRIPTION])
    return accessible(cleaned)


_LINK_RE = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_HEADING_RE = re.compile(r"<(/?)h([2-4])>")


def accessible(cleaned: str) -> str:
    """Feeds are not written for screen readers: a link whose text says nothing ("hier", "mehr", none) gets its
    address as text, and headings that skip a level are lifted (an h4 after nothing becomes an h2)."""
    if not accessibility_problems(cleaned):
        return cleaned

    def link(match: re.Match[str]) -> str:
        href, rest, inner = match.groups()
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split()).strip(" .:!»«›‹").lower()
        if text and text not in MEANINGLESS_LINK_TEXTS:
            return match.group(0)
        shown = re.sub(r"^(https?://|mailto:|tel:)", "", html.unescape(href)).rstrip("/") or href
        return f'<a href="{href}"{rest}>{html.escape(shown)}</a>'

    cleaned = _LINK_RE.sub(link, cleaned)
    last, opened = 1, list[int]()

    def heading(match: re.Match[str]) -> str:
        nonlocal last
        closing, level = match.group(1), int(match.group(2))
        if closing:
            return f"</h{opened.pop() if opened else level}>"
        level = min(level, last + 1)
        last = level
        opened.append(level)
        return f"<h{level}>"

    return _HEADING_RE.sub(heading, cleaned)


def web_address(value: Any) -> str:
    text = _decoded_text(value).strip()
    return text if len(text) <= MAX_URL and _URL_RE.match(text) else ""


def _categories(component: icalendar.cal.Component) -> tuple[str, ...]:
    raw = component.get("CATEGORIES")
    if raw is None:
        return ()
    props = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for prop in props:
        for item in getattr(prop, "cats", None) or [str(prop)]:
            name = plain_text(item, limit=MAX_CATEGORY)
            if name and name not in names:
                names.append(name)
    return tuple(names)


# --------------------------------------------------------------------------------------------------------------
# Time


class _Zones:
    """Resolves the zones of one payload; knows the municipality's zone."""

    def __init__(self, default_tz: str) -> None:
        self.default_name = default_tz
        self.default = zoneinfo.ZoneInfo(default_tz)
        self._equivalent: dict[int, bool] = {}

    def name_of(self, tzinfo: dt.tzinfo | None) -> str | None:
        """The IANA name of a zone icalendar resolved, or None for a zone known only from a VTIMEZONE."""
        if tzinfo is None:
            return None
        key = getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None)
        if key:
            return "UTC" if key in {"UTC", "Etc/UTC", "Z"} else str(key)
        if tzinfo is dt.UTC or (tzinfo.utcoffset(None) == dt.timedelta(0) and tzinfo.tzname(None) in {"UTC", "Z"}):
            return "UTC"
        return None

    def same_as_default(self, tzinfo: dt.tzinfo, year: int) -> bool:
        """Does a zone from a VTIMEZONE keep the municipality's offsets through `year` and the next?"""
        key = id(tzinfo) * 10_000 + year
        if key not in self._equivalent:
            probe = dt.datetime(year, 1, 1, 12)
            same = True
            for _day in range(0, 2 * 366, 3):
                if probe.replace(tzinfo=tzinfo).utcoffset() != probe.replace(tzinfo=self.default).utcoffset():
                    same = False
                    break
                probe += dt.timedelta(days=3)
            self._equivalent[key] = same
        return self._equivalent[key]


def _is_all_day(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


class _EventProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _normalise(value: Any, *, tzid: str | None, zones: _Zones) -> tuple[Moment, str]:
    """A decoded DATE or DATE-TIME as (moment, IANA zone name): dates stay dates (in the municipality's zone),
    date-times become aware. Raises _EventProblem for an unknown zone."""
    if isinstance(value, tuple):  # PERIOD (start, end or duration): its start
        value = value[0]
    if _is_all_day(value):
        return value, zones.default_name
    if not isinstance(value, dt.datetime):
        raise _EventProblem(_("Ein Datum ist ungültig."))
    if value.tzinfo is None:
        if tzid:
            raise _EventProblem(_("Die Zeitzone „%(tz)s“ ist unbekannt, und die Datei beschreibt sie nicht "
                                  "(VTIMEZONE fehlt).") % {"tz": tzid})
        return value.replace(tzinfo=zones.default), zones.default_name  # floating: the municipality's zone
    name = zones.name_of(value.tzinfo)
    if name:
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is not None:
            return (value if value.tzinfo == zone else value.astimezone(zone)), name
    # A zone described only by a VTIMEZONE of the file (Outlook: "Customized Time Zone").
    if zones.same_as_default(value.tzinfo, value.year):
        return value.replace(tzinfo=zones.default), zones.default_name
    return value.astimezone(dt.UTC), "UTC"


def _prop_moments(component: icalendar.cal.Component, name: str, zones: _Zones) -> list[tuple[Moment, str]]:
    raw = component.get(name)
    if raw is None:
        return []
    props = raw if isinstance(raw, list) else [raw]
    found: list[tuple[Moment, str]] = []
    for prop in props:
        if not hasattr(prop, "dts"):
            raise _EventProblem(_("%(name)s enthält kein gültiges Datum.") % {"name": name})
        tzid = prop.params.get("TZID")
        for item in prop.dts:
            found.append(_normalise(item.dt, tzid=item.params.get("TZID") or tzid, zones=zones))
    return found


def _single_moment(component: icalendar.cal.Component, name: str, zones: _Zones) -> tuple[Moment, str] | None:
    prop = component.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        prop = prop[0]
    if not hasattr(prop, "dt"):
        raise _EventProblem(_("%(name)s ist kein gültiges Datum: „%(value)s“.")
                            % {"name": name, "value": str(prop)[:40]})
    return _normalise(prop.dt, tzid=prop.params.get("TZID"), zones=zones)


def human(moment: Moment) -> str:
    """A date or time as people read it in messages: 1.12.2026, 1.12.2026 09:00."""
    if isinstance(moment, dt.datetime):
        return f"{moment.day}.{moment.month}.{moment.year} {moment:%H:%M}"
    return f"{moment.day}.{moment.month}.{moment.year}"


def _in_zone(moment: Moment, tz: str, *, all_day: bool) -> Moment:
    """`moment` in the kind and zone of its event's start (RFC 5545: EXDATE/RDATE/RECURRENCE-ID match DTSTART)."""
    if all_day:
        return moment.date() if isinstance(moment, dt.datetime) else moment
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(0))
        return moment.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return moment.astimezone(zoneinfo.ZoneInfo(tz))


def _rrule(component: icalendar.cal.Component, start: Moment, tz: str, all_day: bool) -> str:
    raw = component.get("RRULE")
    if raw is None:
        return ""
    if isinstance(raw, list):
        raw = raw[0]  # RFC 5545: SHOULD NOT occur more than once
    if not isinstance(raw, icalendar.vRecur):
        raise _EventProblem(_("Die Wiederholungsregel (RRULE) ist ungültig."))
    recur = icalendar.vRecur(raw)
    until = recur.get("UNTIL")
    if until:
        value = until[0] if isinstance(until, list) else until
        if all_day:
            recur["UNTIL"] = [value.date() if isinstance(value, dt.datetime) else value]
        else:
            if not isinstance(value, dt.datetime):  # a date: through the end of that day
                value = dt.datetime.combine(value, dt.time(23, 59, 59))
            if value.tzinfo is None:
                value = value.replace(tzinfo=zoneinfo.ZoneInfo(tz))
            recur["UNTIL"] = [value.astimezone(dt.UTC)]
    text = recur.to_ical().decode()
    dtstart = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time(0))
    try:
        dateutil_rrule.rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise _EventProblem(_("Die Wiederholungsregel (RRULE) „%(rule)s“ ist ungültig.")
                            % {"rule": text[:80]}) from exc
    return text


def _end(component: icalendar.cal.Component, start: Moment, all_day: bool, zones: _Zones) -> Moment:
    end_prop = _single_moment(component, "DTEND", zones)
    if end_prop is not None:
        end: Moment = end_prop[0]
        if all_day and isinstance(end, dt.datetime):
            end = end.date()
        elif not all_day and not isinstance(end, dt.datetime):
            raise _EventProblem(_("Beginn (DTSTART) hat eine Uhrzeit, Ende (DTEND) nicht."))
    else:
        duration = component.get("DURATION")
        if duration is not None:
            delta = getattr(duration, "dt", None)
            if not isinstance(delta, dt.timedelta):
                raise _EventProblem(_("Die Dauer (DURATION) ist ungültig."))
            end = start + delta
            if all_day and isinstance(end, dt.datetime):
                end = end.date()
        else:
            end = start + dt.timedelta(days=1) if all_day else start  # RFC 5545, 3.6.1
    if isinstance(end, dt.datetime) and isinstance(start, dt.datetime):
        if end < start:
            raise _EventProblem(_("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
                                % {"end": human(end), "start": human(start)})
    elif end < start:  # type: ignore[operator]
        raise _EventProblem(_("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
                            % {"end": human(end), "start": human(start)})
    if all_day and end == start:
        end = start + dt.timedelta(days=1)  # DTEND = DTSTART on a date: one day, as calendar apps show it
    if end.year > MAX_YEAR:
        raise _EventProblem(_("Termine müssen zwischen %(first)d und %(last)d liegen.")
                            % {"first": MIN_YEAR, "last": MAX_YEAR})
    return end


def _last_modified(component: icalendar.cal.Component) -> dt.datetime | None:
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        prop = component.get(name)
        value = getattr(prop, "dt", None)
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def _sequence(component: icalendar.cal.Component) -> int:
    try:
        return int(str(component.get("SEQUENCE", 0)))
    except ValueError:
        return 0


# --------------------------------------------------------------------------------------------------------------
# Components


@dataclass
class _Read:
    """One VEVENT as read, before series and their changed occurrences are put together."""

    uid: str
    recurrence_id: Moment | None
    event: EventData


def _read_event(component: icalendar.cal.Component, zones: _Zones, notes: list[str]) -> _Read:
    title = plain_text(component.get("SUMMARY"), limit=MAX_TITLE)
    uid = plain_text(component.get("UID"), limit=250)
    broken = [name for name, _error in getattr(component, "errors", [])]
    if broken and any(name in {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
                      for name in broken):
        raise _EventProblem(_("Die Angaben %(names)s sind ungültig.") % {"names": ", ".join(sorted(set(broken)))})
    start_prop = _single_moment(component, "DTSTART", zones)
    if start_prop is None:
        raise _EventProblem(_("Der Beginn (DTSTART) fehlt."))
    start, tz = start_prop
    all_day = _is_all_day(start)
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        raise _EventProblem(_("Termine müssen zwischen %(first)d und %(last)d liegen.")
                            % {"first": MIN_YEAR, "last": MAX_YEAR})
    if not uid:  # RFC 5545 requires one; without it a re-import could not recognise the event
        uid = "ohne-uid-" + hashlib.sha256(f"{start.isoformat()}|{title}".encode()).hexdigest()[:24]
        notes.append(_("%(event)s hat keine UID; sie wird aus Beginn und Titel gebildet.")
                     % {"event": _label(title, "")})
    end = _end(component, start, all_day, zones)
    rrule = _rrule(component, start, tz, all_day)
    if tz == "UTC" and not rrule and isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        start, end, tz = start.astimezone(zones.default), end.astimezone(zones.default), zones.default_name
    rdates = tuple(sorted({_in_zone(m, tz, all_day=all_day) for m, _z in _prop_moments(component, "RDATE", zones)},
                          key=_sort_key))
    exdates = tuple(sorted({_in_zone(m, tz, all_day=all_day)
                            for m, _z in _prop_moments(component, "EXDATE", zones)}, key=_sort_key))
    recurrence = _single_moment(component, "RECURRENCE-ID", zones)
    status = str(component.get("STATUS", "")).upper()
    event = EventData(
        uid=uid, title=title, description=rich_text(component.get("DESCRIPTION")
                                                    or _html_alt_description(component)),
        location=plain_text(component.get("LOCATION"), limit=MAX_LOCATION), url=web_address(component.get("URL")),
        start=start, end=end, all_day=all_day, tz=tz, rrule=rrule, rdates=rdates, exdates=exdates,
        categories=_categories(component), cancelled=status == "CANCELLED", sequence=_sequence(component),
        last_modified=_last_modified(component),
    )
    return _Read(uid=uid, recurrence_id=None if recurrence is None else recurrence[0], event=event)


def _html_alt_description(component: icalendar.cal.Component) -> str:
    alt = component.get("X-ALT-DESC")  # Outlook: the description as HTML
    if alt is not None and str(getattr(alt, "params", {}).get("FMTTYPE", "")).lower() == "text/html":
        return str(alt)
    return ""


def _sort_key(moment: Moment) -> tuple[int, float]:
    if isinstance(moment, dt.datetime):
        return (0, moment.timestamp())
    return (0, dt.datetime.combine(moment, dt.time(0), tzinfo=dt.UTC).timestamp())


def _same_content(a: EventData, b: EventData) -> bool:
    return (a.title, a.description, a.location, a.start, a.end, a.rrule, a.rdates, a.exdates) == (
        b.title, b.description, b.location, b.start, b.end, b.rrule, b.rdates, b.exdates)


def _newer(a: EventData, b: EventData) -> bool:
    """Is `a` a later version of the same event than `b`?"""
    minimum = dt.datetime.min.replace(tzinfo=dt.UTC)
    return (a.sequence, a.last_modified or minimum) > (b.sequence, b.last_modified or minimum)


def _as_change(read: _Read, series: EventData) -> OccurrenceChange:
    assert read.recurrence_id is not None
    event = read.event
    recurrence_id = _in_zone(read.recurrence_id, series.tz, all_day=series.all_day)
    if event.cancelled:
        return OccurrenceChange(recurrence_id=recurrence_id, cancelled=True)
    return OccurrenceChange(recurrence_id=recurrence_id, start=event.start, end=event.end, title=event.title,
                            description=event.description, location=event.location)


def _assemble(reads: Iterable[_Read], problems: list[str], notes: list[str]) -> list[EventData]:
    series: dict[str, EventData] = {}
    changes: dict[str, list[_Read]] = {}
    for read in reads:
        if read.recurrence_id is not None:
            changes.setdefault(read.uid, []).append(read)
            continue
        known = series.get(read.uid)
        if known is None or _newer(read.event, known):
            series[read.uid] = read.event
        elif not _newer(known, read.event) and not _same_content(known, read.event):
            problems.append(_("Die UID %(uid)s kommt bei zwei verschiedenen Terminen vor (%(a)s und %(b)s). "
                              "Jeder Termin braucht eine eigene UID.")
                            % {"uid": read.uid, "a": known.label, "b": read.event.label})
    result: list[EventData] = []
    for uid, event in series.items():
        own = changes.pop(uid, [])
        if own:
            by_id: dict[Moment, OccurrenceChange] = {}
            for read in own:
                change = _as_change(read, event)
                by_id[change.recurrence_id] = change
            event = dataclasses.replace(event, changes=tuple(
                sorted(by_id.values(), key=lambda c: _sort_key(c.recurrence_id))))
        result.append(event)
    for uid, orphans in changes.items():  # occurrences whose series is not in the file: events of their own
        for read in orphans:
            assert read.recurrence_id is not None
            if read.event.cancelled:
                continue
            stamp = (read.recurrence_id.strftime("%Y%m%dT%H%M%S") if isinstance(read.recurrence_id, dt.datetime)
                     else read.recurrence_id.strftime("%Y%m%d"))
            result.append(dataclasses.replace(read.event, uid=f"{uid}/{stamp}", rrule="", rdates=(), exdates=()))
            notes.append(_("%(event)s ist ein einzelner Termin einer Serie, die nicht in der Datei steht; "
                           "er wird als eigener Termin übernommen.") % {"event": read.event.label})
    return result


# --------------------------------------------------------------------------------------------------------------
# Entry point


def _decode(payload: bytes | str) -> str:
    if isinstance(payload, str):
        return payload.lstrip("\ufeff")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            continue
    return payload.decode("latin-1")


def looks_like_icalendar(head: bytes | str) -> bool:
    """Does a payload start like an iCalendar stream (after a byte-order mark and blank lines)?"""
    text = _decode(head[:200]) if isinstance(head, bytes) else head[:200]
    return text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCALENDAR")


def parse_feed(payload: bytes | str, *, default_tz: str) -> ParsedFeed:
    """The events of an iCalendar payload, or FeedError with every problem (nothing partial)."""
    text = _decode(payload)
    if not looks_like_icalendar(text):
        raise FeedError([_("Die Datei ist keine iCalendar-Datei (.ics): Sie beginnt nicht mit "
                           "„BEGIN:VCALENDAR“. Bitte laden Sie den Kalender im iCalendar-Format hoch "
                           "(Export „.ics“ oder die iCal-Adresse des Kalenders).")])
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise FeedError([_("Die iCalendar-Datei ist beschädigt und kann nicht gelesen werden (%(error)s).")
                         % {"error": str(exc)[:200]}]) from exc
    zones = _Zones(default_tz)
    problems: list[str] = []
    notes: list[str] = []
    reads: list[_Read] = []
    name = ""
    for calendar in calendars:
        name = name or plain_text(calendar.get("X-WR-CALNAME"), limit=MAX_TITLE)
        calendar = _standardise(calendar, problems)
        for component in calendar.walk("VEVENT"):
            if len(reads) >= MAX_EVENTS:
                raise FeedError([_("Der Kalender enthält mehr als %(n)d Termine; so viele können nicht "
                                   "übernommen werden.") % {"n": MAX_EVENTS}])
            try:
                reads.append(_read_event(component, zones, notes))
            except _EventProblem as problem:
                label = _label(plain_text(component.get("SUMMARY"), limit=MAX_TITLE),
                               plain_text(component.get("UID"), limit=250))
                problems.append(_("Termin %(event)s: %(problem)s") % {"event": label, "problem": problem.message})
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
                label = _label(plain_text(component.get("SUMMARY"), limit=MAX_TITLE),
                               plain_text(component.get("UID"), limit=250))
                problems.append(_("Termin %(event)s kann nicht gelesen werden (%(error)s).")
                                % {"event": label, "error": str(exc)[:120]})
    events = _assemble(reads, problems, notes)
    if problems:
        raise FeedError(problems)
    return ParsedFeed(events=events, name=name, notes=notes)


def _standardise(calendar: icalendar.Calendar, problems: list[str]) -> icalendar.Calendar:
    """Apply X-WR-TIMEZONE (Google, Apple): UTC and floating times are meant in that zone."""
    zone = calendar.get("X-WR-TIMEZONE")
    if zone is None:
        return calendar
    import x_wr_timezone  # a dependency of recurring-ical-events

    try:
        return x_wr_timezone.to_standard(calendar)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, KeyError):
        problems.append(_("Die Zeitzone des Kalenders (X-WR-TIMEZONE „%(tz)s“) ist unbekannt.")
                        % {"tz": str(zone)[:60]})
        return calendar
