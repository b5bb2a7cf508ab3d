"""Computing the observances of a year, variant choice and German statutory holidays."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from teilhabe.calendar.engine.model import (
    MAX_YEAR,
    MIN_YEAR,
    Community,
    Hit,
    ObservanceDef,
    ObservanceNotAvailable,
    Occurrence,
)
from teilhabe.calendar.engine.registry import COMMUNITIES, DEFINITIONS

GERMAN_LANDS = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH")


def definitions() -> list[ObservanceDef]:
    return list(DEFINITIONS.values())


def communities() -> list[Community]:
    return list(COMMUNITIES)


def variant_choices() -> dict[str, tuple[str, ...]]:
    """Every key accepted in ``variants`` (a variant group or an observance key) and its choices."""
    choices: dict[str, tuple[str, ...]] = {}
    for definition in DEFINITIONS.values():
        if definition.has_variants:
            names = tuple(definition.rules)
            choices[definition.key] = names
            if definition.variant_group:
                choices[definition.variant_group] = names
    return choices


def validate_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, not {type(year).__name__}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")


def validate_variants(variants: Mapping[str, str] | None) -> dict[str, str]:
    """Check a municipality's variant choice; unknown keys or values are errors, not silently ignored."""
    chosen = dict(variants or {})
    choices = variant_choices()
    for key, value in chosen.items():
        if key not in choices:
            raise ValueError(f"unknown variant key {key!r}; known: {', '.join(sorted(choices))}")
        if value not in choices[key]:
            raise ValueError(f"unknown variant {value!r} for {key!r}; choose one of {', '.join(choices[key])}")
    return chosen


def chosen_variant(definition: ObservanceDef, variants: Mapping[str, str]) -> str:
    """The observance key wins over its group, the group over the default."""
    if definition.key in variants:
        return variants[definition.key]
    if definition.variant_group and definition.variant_group in variants:
        return variants[definition.variant_group]
    return definition.default_variant


def compute_year(
    year: int, *, variants: Mapping[str, str] | None = None, land: str | None = None
) -> list[Occurrence]:
    """All observances whose first full day falls in ``year``, sorted by date and key.

    Observances not yet existing in ``year`` (see ``ObservanceDef.since``) are left out.
    With ``land`` (e.g. ``"BW"``) occurrences on that Land's statutory holidays are marked.
    """
    validate_year(year)
    chosen = validate_variants(variants)
    return list(_compute_year(year, tuple(sorted(chosen.items())), normalise_land(land) if land else None))


@lru_cache(maxsize=64)
def _compute_year(year: int, variants: tuple[tuple[str, str], ...], land: str | None) -> tuple[Occurrence, ...]:
    chosen = dict(variants)
    statutory = statutory_holidays(year, land) if land else {}
    occurrences = [
        occurrence
        for definition in DEFINITIONS.values()
        for occurrence in _occurrences(definition, year, chosen_variant(definition, chosen), statutory)
    ]
    return tuple(sorted(occurrences, key=lambda occurrence: (occurrence.date, occurrence.key)))


def occurrences_of(key: str, year: int, *, variant: str | None = None) -> list[Occurrence]:
    """Occurrences of one observance; raises ``ObservanceNotAvailable`` before it existed."""
    validate_year(year)
    definition = DEFINITIONS[key]
    if variant is not None and variant not in definition.rules:
        raise ValueError(f"unknown variant {variant!r} for {key!r}; choose one of {', '.join(definition.rules)}")
    hits = definition.hits(year, variant)
    return [_occurrence(definition, hit, variant or definition.default_variant, {}) for hit in hits]


def _occurrences(
    definition: ObservanceDef, year: int, variant: str, statutory: Mapping[date, str]
) -> list[Occurrence]:
    try:
        hits = definition.hits(year, variant)
    except ObservanceNotAvailable:
        return []
    return [_occurrence(definition, hit, variant, statutory) for hit in hits]


def _occurrence(definition: ObservanceDef, hit: Hit, variant: str, statutory: Mapping[date, str]) -> Occurrence:
    length = hit.length_days or definition.length_days
    end = hit.start + timedelta(days=length - 1) if length > 1 else None
    occurrence = Occurrence(
        key=definition.key,
        date=hit.start,
        end_date=end,
        names=MappingProxyType(definition.names_for(variant)),
        community=definition.community,
        provisional=definition.provisional if hit.provisional is None else hit.provisional,
        begins_evening_before=definition.begins_evening_before,
        variant=variant if definition.has_variants else None,
        night=definition.night,
    )
    if definition.can_be_statutory and any(day in statutory for day in occurrence.each_day()):
        occurrence = replace(occurrence, is_statutory_holiday=True)
    return occurrence


# --- statutory holidays -------------------------------------------------------------------------


def normalise_land(land_code: str) -> str:
    code = land_code.strip().upper().removeprefix("DE-")
    if code not in GERMAN_LANDS:
        raise ValueError(f"unknown Land {land_code!r}; use one of {', '.join(GERMAN_LANDS)}")
    return code


# Languages the ``holidays`` package names Germany's holidays in (our code → the package's code).
STATUTORY_LANGUAGES = {"de": "de", "en": "en_US", "uk": "uk"}


@lru_cache(maxsize=256)
def _statutory(year: int, land: str, language: str = "de") -> tuple[tuple[date, str], ...]:
    import holidays  # heavy import (about half a second), needed only when a Land is asked for

    calendar = holidays.country_holidays("DE", subdiv=land, years=year, language=language)
    return tuple(sorted(calendar.items()))


def statutory_holidays(year: int, land_code: str, language: str = "de") -> dict[date, str]:
    """Statutory public holidays of a German Land (ISO 3166-2 suffix such as ``BW``), German names;
    with ``language`` (a key of ``STATUTORY_LANGUAGES``, e.g. ``"en"``) names in that language, and
    German names for a language the ``holidays`` package does not know.

    From the ``holidays`` package, which covers Germany from 1991; earlier years are empty.
    Regional holidays of parts of a Land (Augsburger Friedensfest, Mariä Himmelfahrt in
    Catholic Bavarian municipalities, Fronleichnam in parts of Saxony and Thuringia) follow
    that package's defaults for the Land.
    """
    validate_year(year)
    return dict(_statutory(year, normalise_land(land_code), STATUTORY_LANGUAGES.get(language, "de")))


def mark_statutory(occurrences: Iterable[Occurrence], land_code: str) -> list[Occurrence]:
    """Recompute ``is_statutory_holiday`` for another Land (occurrences the registry lacks stay unmarked)."""
    land = normalise_land(land_code)
    result = []
    for occurrence in occurrences:
        definition = DEFINITIONS.get(occurrence.key)
        days = {day for day, _ in _statutory(occurrence.date.year, land)}
        can_be = definition is not None and definition.can_be_statutory
        is_statutory = can_be and any(day in days for day in occurrence.each_day())
        result.append(replace(occurrence, is_statutory_holiday=is_statutory))
    return result
