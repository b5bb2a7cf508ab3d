"""The data handed to the Typst templates: all text is prepared here and passed as JSON.

Typst receives it through ``sys.inputs`` and places it as plain text, so names can never be
read as Typst markup (no string concatenation of user text into templates).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from teilhabe.calendar.engine.model import Community, Occurrence
from teilhabe.calendar.engine.registry import COMMUNITIES_BY_KEY, DEFINITIONS

UNKNOWN_COMMUNITY_COLOUR = "#4B5563"

# Font family needed for each language's script; Latin, Greek and Cyrillic use the base font.
SCRIPT_FONTS = {
    "ar": "Noto Sans Arabic", "fa": "Noto Sans Arabic", "ckb": "Noto Sans Arabic",
    "he": "Noto Sans Hebrew",
    "hi": "Noto Sans Devanagari", "pa": "Noto Sans Gurmukhi", "ta": "Noto Sans Tamil",
    "si": "Noto Sans Sinhala", "th": "Noto Sans Thai",
    "zh": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR",
    "hy": "Noto Sans Armenian", "ka": "Noto Sans Georgian",
}
BASE_FONT = "Noto Sans"
RTL_LANGUAGES = frozenset({"ar", "fa", "ckb", "he"})

_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_WEEKDAYS = {"de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"), "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}
_LABELS = {
    "de": {
        "legend": "Legende",
        "marks": "* beginnt am Vorabend · abends: die Nacht beginnt am Abend dieses Tages · "
        "° Datum vorläufig (Mondsichtung oder Bekanntgabe) · fett: gesetzlicher Feiertag",
        "evening": "abends",
        "continued": "Fortsetzung",
        "observances": "Feste und Gedenktage",
        "calendar": "Kalender",
    },
    "en": {
        "legend": "Legend",
        "marks": "* begins the evening before · evening: the night begins on the evening of this day · "
        "° provisional date (moon sighting or announcement) · bold: statutory public holiday",
        "evening": "evening",
        "continued": "continued",
        "observances": "Festivals and days of remembrance",
        "calendar": "Calendar",
    },
}


@dataclass(frozen=True)
class Registry:
    """Communities and descriptions to print with; a municipality's own ones may be added."""

    communities: Mapping[str, Community] = field(default_factory=lambda: dict(COMMUNITIES_BY_KEY))
    descriptions: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def with_extras(
        cls, communities: Iterable[Community] | None = None, descriptions: Mapping[str, str] | None = None
    ) -> Registry:
        merged = {**COMMUNITIES_BY_KEY, **{c.key: c for c in communities or ()}}
        extra = {key: (text, text) for key, text in (descriptions or {}).items()}
        return cls(merged, extra)

    def community(self, key: str) -> Community:
        known = self.communities.get(key)
        return known or Community(key, key, key, UNKNOWN_COMMUNITY_COLOUR, ())

    def description(self, key: str, ui: str) -> str:
        if key in self.descriptions:
            german, english = self.descriptions[key]
        elif key in DEFINITIONS:
            german, english = DEFINITIONS[key].description_de, DEFINITIONS[key].description_en
        else:
            return ""
        return german if ui == "de" else english


def ui_language(languages: Sequence[str]) -> str:
    """The first requested language the templates have texts for (German otherwise)."""
    return next((code for code in languages if code in _MONTHS), "de")


def printable_languages(available_families: Collection[str]) -> set[str]:
    """Languages whose script can be typeset with the fonts found (others are left out, not tofu).

    Without the base font only German and English are printed: Typst's built-in serif
    covers them, but not necessarily Vietnamese, Tajik or Georgian.
    """
    if BASE_FONT not in available_families:
        return {"de", "en"}
    codes = {code for code, family in SCRIPT_FONTS.items() if family in available_families}
    return codes | _base_languages()


def _base_languages() -> set[str]:
    every = set()
    for definition in DEFINITIONS.values():
        every |= set(definition.names)
        for names in definition.variant_names.values():
            every |= set(names)
    return every - set(SCRIPT_FONTS)


def own_name(occurrence: Occurrence, exclude: Collection[str], printable: Collection[str]) -> tuple[str, str] | None:
    """(language, name) in the community's own language to print next to the main name."""
    for code, name in occurrence.names.items():
        if code not in exclude and code in printable and code not in ("de", "en"):
            return code, name
    return None


def _day_range(occurrence: Occurrence, ui: str) -> str:
    start, end = occurrence.date, occurrence.end_date
    if end is None:
        text = f"{start.day}.{start.month}." if ui == "de" else f"{start.day} {_MONTHS['en'][start.month - 1][:3]}"
    elif ui == "de":
        same_month = (start.year, start.month) == (end.year, end.month)
        first = f"{start.day}." if same_month else f"{start.day}.{start.month}."
        text = f"{first}–{end.day}.{end.month}."
    else:
        text = f"{start.day} {_MONTHS['en'][start.month - 1][:3]} – {end.day} {_MONTHS['en'][end.month - 1][:3]}"
    if occurrence.begins_evening_before:
        text += "*"
    if occurrence.night:
        text += " " + _LABELS[ui]["evening"]
    return text


def event_entry(occurrence: Occurrence, ui: str, printable: Collection[str], registry: Registry) -> dict[str, Any]:
    community = registry.community(occurrence.community)
    main = occurrence.names.get(ui) or occurrence.names.get("de") or occurrence.key
    own = own_name(occurrence, exclude=(ui,), printable=printable)
    return {
        "key": occurrence.key,
        "when": _day_range(occurrence, ui),
        "name": main + ("°" if occurrence.provisional else ""),
        "own": own[1] if own else None,
        "own_lang": own[0] if own else None,
        "own_dir": "rtl" if own and own[0] in RTL_LANGUAGES else "ltr",
        "colour": community.colour,
        "community": community.name_de if ui == "de" else community.name_en,
        "statutory": occurrence.is_statutory_holiday,
        "description": registry.description(occurrence.key, ui),
    }


def _day_cells(
    year: int, month: int, occurrences: Sequence[Occurrence], statutory: Collection[date], registry: Registry
) -> list[dict[str, Any]]:
    cells = []
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        today = date(year, month, day)
        covering = [occurrence for occurrence in occurrences if occurrence.covers(today)]
        cells.append({
            "day": day,
            "weekday": today.weekday(),
            "colours": [registry.community(o.community).colour for o in covering],
            "holiday": today.weekday() == 6 or today in statutory,
        })
    return cells


def month_payload(
    year: int, month: int, occurrences: Sequence[Occurrence], ui: str, printable: Collection[str], registry: Registry
) -> dict[str, Any]:
    first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    touching = [o for o in occurrences if o.date <= last and (o.end_date or o.date) >= first]
    starting = [o for o in touching if o.date >= first]
    statutory = {day for o in occurrences if o.is_statutory_holiday for day in o.each_day()}
    return {
        "name": _MONTHS[ui][month - 1],
        "number": month,
        "first_weekday": first.weekday(),
        "days": _day_cells(year, month, touching, statutory, registry),
        "events": [event_entry(o, ui, printable, registry) for o in starting],
        "by_day": _events_by_day(year, month, touching, ui, printable, registry),
        "legend": legend_entries({o.community for o in touching}, ui, registry),
    }


def legend_entries(community_keys: Collection[str], ui: str, registry: Registry) -> list[dict[str, str]]:
    """Legend rows in registry order for the communities that appear (unknown ones last)."""
    order = [*registry.communities, *sorted(set(community_keys) - set(registry.communities))]
    rows = []
    for key in order:
        if key in community_keys:
            community = registry.community(key)
            rows.append({"colour": community.colour, "name": community.name_de if ui == "de" else community.name_en})
    return rows


def _events_by_day(
    year: int, month: int, occurrences: Sequence[Occurrence], ui: str, printable: Collection[str], registry: Registry
) -> list[list[dict[str, Any]]]:
    """For the monthly pages: per day of the month, the entries to print in its cell."""
    result = []
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        today = date(year, month, day)
        entries = []
        for occurrence in occurrences:
            if occurrence.covers(today):
                entry = event_entry(occurrence, ui, printable, registry)
                entry["continued"] = today != occurrence.date
                entries.append(entry)
        result.append(entries)
    return result


def document_payload(
    year: int,
    occurrences: Iterable[Occurrence],
    *,
    title: str,
    languages: Sequence[str],
    printable: Collection[str],
    registry: Registry | None = None,
) -> dict[str, Any]:
    registry = registry or Registry()
    ui = ui_language(languages)
    ordered = sorted(occurrences, key=lambda o: (o.date, o.key))
    used = {o.community for o in ordered}
    return {
        "title": title,
        "lang": ui,
        "year": year,
        "weekdays": list(_WEEKDAYS[ui]),
        "labels": _LABELS[ui],
        "months": [month_payload(year, month, ordered, ui, printable, registry) for month in range(1, 13)],
        "legend": legend_entries(used, ui, registry),
    }
