"""The calendar as files: iCalendar feeds and print PDFs, cached on disk.

Rendering a poster costs about a second, so each rendering is kept under a key of municipality, year,
the municipality's calendar version (bumped by every change in the back office) and a fingerprint of the
engine and print code (a deployment with new rules renders afresh)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from teilhabe.calendar import engine, selectors
from teilhabe.calendar import print as calendar_print
from teilhabe.calendar.engine.model import Community, Occurrence
from teilhabe.calendar.engine.serialize import event_uids
from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events import selectors as event_selectors
from teilhabe.calendar.models import DEFAULT_TIME_ZONE, EventOccurrence
from teilhabe.core.models import Municipality

FEED_YEARS_BEFORE = 1
FEED_YEARS_AFTER = 2


def cache_dir() -> Path:
    configured: str | None = getattr(settings, "TEILHABE_CALENDAR_CACHE_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "cache" / "calendar"


@cache
def code_fingerprint() -> str:
    """Changes when the engine or the print templates change."""
    digest = hashlib.sha256()
    for package in (engine, calendar_print):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".typ", ".json", ".csv", ".toml"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def cached_bytes(name: str, render: Callable[[], bytes], *, stale_prefix: str = "") -> bytes:
    """Read `name` from the cache directory, or render and store it atomically. Files starting with
    `stale_prefix` but not sharing `name`'s version part are renderings of an earlier version: removed."""
    directory = cache_dir()
    path = directory / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        if stale_prefix:
            _remove_stale(directory, stale_prefix, current=name.split("-", 3)[:3])
    except OSError:
        pass  # a read-only disk costs speed, not correctness
    return data


def _remove_stale(directory: Path, prefix: str, current: list[str]) -> None:
    current_head = "-".join(current) + "-"
    for path in directory.glob(prefix + "*"):
        if not path.name.startswith(current_head):
            path.unlink(missing_ok=True)


def _stale_prefix(setup: selectors.CalendarSetup) -> str:
    return f"{setup.municipality_id}-v"


def _cache_name(setup: selectors.CalendarSetup, kind: str, *parts: object) -> str:
    tail = "-".join(str(p) for p in parts)
    return f"{setup.cache_tag}-{code_fingerprint()}-{kind}-{tail}"


# --- iCalendar ------------------------------------------------------------------------------------

def feed_years(today: dt.date | None = None) -> range:
    year = (today or timezone.localdate()).year
    first = max(selectors.MIN_YEAR, year - FEED_YEARS_BEFORE)
    return range(first, min(selectors.MAX_YEAR, year + FEED_YEARS_AFTER) + 1)


def uid_domain(municipality: Municipality) -> str:
    """Part of every UID: stable whatever host name the site is reached under."""
    return f"{municipality.slug}.teilhabe"


def feed(municipality: Municipality, *, community: str | None = None, today: dt.date | None = None) -> bytes:
    """All observances of last year, this year and the next two years, or those of one community."""
    setup = selectors.calendar_setup(municipality)
    years = feed_years(today)
    name = _cache_name(setup, "feed", community or "alle", years.start, years.stop - 1) + ".ics"

    def render() -> bytes:
        occurrences = selectors.observances_between(
            municipality, years.start, years.stop - 1, communities=[community] if community else None, setup=setup)
        title = f"Interkultureller Kalender {municipality.name}"
        if community:
            found = setup.community(community)
            title += f": {found.name_de if found else community}"
        return to_ics(occurrences, setup=setup, calendar_name=title, domain=uid_domain(municipality))

    return cached_bytes(name, render, stale_prefix=_stale_prefix(setup))


def to_ics(occurrences: Sequence[Occurrence], *, setup: selectors.CalendarSetup, calendar_name: str,
           domain: str) -> bytes:
    """The engine's RFC 5545 serialiser for computed observances; the municipality's own observances,
    which the engine's registry does not know, are added as events of the same shape and UID scheme."""
    definitions = selectors.engine_definitions()
    computed = [o for o in occurrences if o.key in definitions]
    own = [o for o in occurrences if o.key not in definitions]
    data = engine.to_ics(computed, calendar_name=calendar_name, uid_domain=domain)
    if not own:
        return data
    calendar = Calendar.from_ical(data)
    for occurrence, uid in zip(own, event_uids(own, domain), strict=True):
        calendar.add_component(_own_event(occurrence, uid, setup))
    return calendar.to_ical()


def _own_event(occurrence: Occurrence, uid: str, setup: selectors.CalendarSetup) -> Event:
    community = setup.community(occurrence.community)
    lines = [setup.description(occurrence.key)]
    if occurrence.begins_evening_before:
        lines.append("Beginnt am Vorabend.")
    lines.append(f"Gemeinschaft: {community.name_de if community else occurrence.community}.")
    others = [f"{code}: {name}" for code, name in occurrence.names.items() if code != "de"]
    if others:
        lines.append(" · ".join(others))
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime(occurrence.date.year, 1, 1, tzinfo=dt.UTC))
    event.add("dtstart", occurrence.date)
    event.add("dtend", occurrence.date + dt.timedelta(days=occurrence.days))
    event.add("summary", occurrence.name_de)
    event.add("description", "\n".join(line for line in lines if line))
    event.add("categories", [occurrence.community])
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    return event


# --- print ----------------------------------------------------------------------------------------

def _title(municipality: Municipality, year: int) -> str:
    return f"Interkultureller Kalender {year} · {municipality.name}"


EVENTS_COMMUNITY = Community(key="termine", name_de="Termine", name_en="Events", colour="#0B5CAD", languages=())


def printed_events(municipality: Municipality, year: int) -> tuple[list[Occurrence], dict[str, str]]:
    """The occurrences in `year` of the published events Koordination chose for print, as calendar entries
    of the community "Termine" (cancelled ones are left out), and their descriptions (time and place)."""
    tz = recurrence.zone(DEFAULT_TIME_ZONE)
    first = dt.datetime(year, 1, 1, tzinfo=tz)
    last = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    event_selectors.ensure_materialised(municipality, event_selectors.events_state(municipality), last)
    rows = (EventOccurrence.objects.filter(municipality=municipality, published=True, cancelled=False,
                                           event__selected_for_print=True, start__lt=last, end__gt=first)
            .select_related("event").order_by("start", "pk"))
    occurrences, descriptions = [], {}
    for row in rows:
        event = row.event
        start, end = row.start.astimezone(tz), row.end.astimezone(tz)
        last_day = (end - dt.timedelta(days=1)).date() if row.all_day else end.date()
        key = f"termin-{event.pk}"
        name = event.title if row.all_day else f"{start:%H:%M} {event.title}"
        occurrences.append(Occurrence(key=key, date=start.date(),
                                      end_date=last_day if last_day > start.date() else None,
                                      names={"de": name}, community=EVENTS_COMMUNITY.key))
        descriptions[key] = ", ".join(part for part in (event.place_name, event.district) if part)
    return occurrences, descriptions


def _extras(setup: selectors.CalendarSetup, event_descriptions: dict[str, str] | None = None) -> dict[str, Any]:
    """What the print module needs beyond the engine's registry: own communities and descriptions (and the
    community of the events chosen for print)."""
    known = selectors.engine_communities()
    communities = [c for key, c in setup.communities.items() if key not in known]
    if event_descriptions is not None:
        communities.append(EVENTS_COMMUNITY)
    return {
        "communities": communities,
        "descriptions": {**{o.key: o.description for o in setup.own}, **(event_descriptions or {})},
    }


def poster_pdf(municipality: Municipality, year: int) -> bytes:
    setup = selectors.calendar_setup(municipality)

    def render() -> bytes:
        occurrences = selectors.observances_for(municipality, year, setup=setup)
        events, descriptions = printed_events(municipality, year)
        return calendar_print.render_poster(year, [*occurrences, *events], title=_title(municipality, year),
                                   languages=municipality.content_languages,
                                   **_extras(setup, descriptions if events else None))

    return cached_bytes(_cache_name(setup, "poster", year) + ".pdf", render, stale_prefix=_stale_prefix(setup))


def monthly_pdf(municipality: Municipality, year: int) -> bytes:
    setup = selectors.calendar_setup(municipality)

    def render() -> bytes:
        occurrences = selectors.observances_for(municipality, year, setup=setup)
        events, descriptions = printed_events(municipality, year)
        return calendar_print.render_monthly(year, [*occurrences, *events], title=_title(municipality, year),
                                   languages=municipality.content_languages,
                                   **_extras(setup, descriptions if events else None))

    return cached_bytes(_cache_name(setup, "monate", year) + ".pdf", render, stale_prefix=_stale_prefix(setup))


def pdf_filename(municipality: Municipality, year: int, kind: str) -> str:
    return f"interkultureller-kalender-{municipality.slug}-{year}-{kind}.pdf"
