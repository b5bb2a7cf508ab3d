"""Serialisers for computed occurrences: CSV, JSON and iCalendar (RFC 5545)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from teilhabe.calendar.engine.model import Occurrence
from teilhabe.calendar.engine.registry import COMMUNITIES_BY_KEY, DEFINITIONS

CSV_HEADER = ("key", "date", "end_date", "name_de", "community", "provisional")
PRODID = "-//Teilhabe//Interkultureller Kalender//DE"


def _sorted(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    return sorted(occurrences, key=lambda occurrence: (occurrence.date, occurrence.key))


def to_csv(occurrences: Iterable[Occurrence]) -> str:
    """CSV (RFC 4180, CRLF line ends) with the header ``key,date,end_date,name_de,community,provisional``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for occurrence in _sorted(occurrences):
        writer.writerow(
            (
                occurrence.key,
                occurrence.date.isoformat(),
                occurrence.end_date.isoformat() if occurrence.end_date else "",
                _spreadsheet_safe(occurrence.name_de),
                occurrence.community,
                "true" if occurrence.provisional else "false",
            )
        )
    return buffer.getvalue()


def _spreadsheet_safe(text: str) -> str:
    """Keep spreadsheets from reading a cell as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def occurrence_to_dict(occurrence: Occurrence) -> dict[str, Any]:
    return {
        "key": occurrence.key,
        "date": occurrence.date.isoformat(),
        "end_date": occurrence.end_date.isoformat() if occurrence.end_date else None,
        "names": dict(occurrence.names),
        "community": occurrence.community,
        "provisional": occurrence.provisional,
        "begins_evening_before": occurrence.begins_evening_before,
        "night": occurrence.night,
        "is_statutory_holiday": occurrence.is_statutory_holiday,
        "variant": occurrence.variant,
    }


def to_json(occurrences: Iterable[Occurrence]) -> str:
    """A JSON array of objects with every field of ``Occurrence`` (names by language)."""
    payload = [occurrence_to_dict(occurrence) for occurrence in _sorted(occurrences)]
    return json.dumps(payload, ensure_ascii=False, indent=2)


# --- iCalendar ----------------------------------------------------------------------------------


def event_uids(occurrences: Sequence[Occurrence], uid_domain: str) -> list[str]:
    """Stable UIDs ``{key}-{year}[-{variant}][-{n}]@{domain}``; n counts repeats within a year.

    An Islamic observance can fall twice in one Gregorian year; the later one gets ``-2``.
    """
    seen: Counter[tuple[str, int, str | None]] = Counter()
    uids = []
    for occurrence in occurrences:
        identity = (occurrence.key, occurrence.date.year, occurrence.variant)
        seen[identity] += 1
        parts = [occurrence.key, str(occurrence.date.year)]
        if occurrence.variant:
            parts.append(occurrence.variant)
        if seen[identity] > 1:
            parts.append(str(seen[identity]))
        uids.append(f"{'-'.join(parts)}@{uid_domain}")
    return uids


def to_ics(
    occurrences: Iterable[Occurrence], *, calendar_name: str, uid_domain: str, language: str = "de"
) -> bytes:
    """An RFC 5545 calendar of all-day events, byte-identical for identical input.

    DTSTAMP is derived from the year so that repeated exports do not differ; subscribed
    calendars update events in place through the stable UIDs.
    """
    ordered = _sorted(occurrences)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    for occurrence, uid in zip(ordered, event_uids(ordered, uid_domain), strict=True):
        calendar.add_component(_event(occurrence, uid, language))
    return calendar.to_ical()


def _event(occurrence: Occurrence, uid: str, language: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime(occurrence.date.year, 1, 1, tzinfo=UTC))
    event.add("dtstart", occurrence.date)
    event.add("dtend", occurrence.date + timedelta(days=occurrence.days))
    event.add("summary", occurrence.names.get(language) or occurrence.name_de)
    event.add("description", describe(occurrence, language))
    event.add("categories", [occurrence.community])
    event.add("transp", "TRANSPARENT")
    event.add("status", "TENTATIVE" if occurrence.provisional else "CONFIRMED")
    return event


_TEXTS = {
    "de": {
        "evening": "Beginnt am Vorabend.",
        "night": "Die Nacht beginnt am Abend dieses Tages.",
        "provisional": "Vorläufiges Datum: abhängig von Mondsichtung oder Bekanntgabe, kann sich um einen Tag "
        "verschieben.",
        "statutory": "Gesetzlicher Feiertag.",
        "variant": "Berechnung: {variant}.",
        "community": "Gemeinschaft: {community}.",
    },
    "en": {
        "evening": "Begins the evening before.",
        "night": "The night begins on the evening of this day.",
        "provisional": "Provisional date: depends on moon sighting or announcement and may move by a day.",
        "statutory": "Statutory public holiday.",
        "variant": "Reckoning: {variant}.",
        "community": "Community: {community}.",
    },
}


def describe(occurrence: Occurrence, language: str = "de") -> str:
    """Plain-text description for calendar apps and screen readers (also for keys the registry lacks)."""
    texts = _TEXTS["de" if language == "de" else "en"]
    definition = DEFINITIONS.get(occurrence.key)
    community = COMMUNITIES_BY_KEY.get(occurrence.community)
    lines = []
    if definition is not None:
        lines.append(definition.description_de if language == "de" else definition.description_en)
    if occurrence.begins_evening_before:
        lines.append(texts["evening"])
    if occurrence.night:
        lines.append(texts["night"])
    if occurrence.provisional:
        lines.append(texts["provisional"])
    if occurrence.is_statutory_holiday:
        lines.append(texts["statutory"])
    if occurrence.variant:
        lines.append(texts["variant"].format(variant=occurrence.variant))
    community_name = occurrence.community
    if community is not None:
        community_name = community.name_de if language == "de" else community.name_en
    lines.append(texts["community"].format(community=community_name))
    other_names = [f"{code}: {name}" for code, name in occurrence.names.items() if code not in ("de", language)]
    if other_names:
        lines.append(" · ".join(other_names))
    return "\n".join(lines)
