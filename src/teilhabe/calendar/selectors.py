"""Reads of the intercultural calendar: the engine's observances as a municipality adjusted them.

`observances_for(municipality, year)` = the engine's year with the municipality's variants and
Bundesland, with its date overrides applied and its own observances added, minus what it hides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from teilhabe.calendar import engine
from teilhabe.calendar.engine.model import Community, ObservanceDef, Occurrence
from teilhabe.calendar.models import CalendarSettings, DateOverride, HiddenObservance, OwnObservance
from teilhabe.core.models import Municipality

MIN_YEAR = engine.MIN_YEAR
MAX_YEAR = engine.MAX_YEAR
OWN_COMMUNITY_COLOUR = "#4b5563"

# Readable names of the variants a municipality chooses between (engine variant name → label).
VARIANT_LABELS: dict[str, str] = {
    "standard": "Standard",
    "diyanet": "Diyanet (Türkei; DITIB und viele Moscheegemeinden in Deutschland)",
    "umm-al-qura": "Umm al-Qura (Saudi-Arabien)",
    "iran": "1. Farvardin nach iranischem Kalender (Tag der Tagundnachtgleiche)",
    "fixed-21-march": "fest am 21. März",
    "julian": "Julianischer Kalender (25. Dezember julianisch, heute 7. Januar)",
    "armenian": "Armenische Apostolische Kirche (6. Januar)",
    "vaishakha-purnima": "Vollmond im Monat Vaishakha (Theravada, Südasien)",
    "east-asian": "8. Tag des 4. Mondmonats (ostasiatischer Buddhismus)",
    "sankranti": "Mesha Sankranti (Sonnenkalender, meist 13. oder 14. April)",
    "nanakshahi": "Nanakshahi-Kalender (fest am 14. April)",
}


# --- the engine, cached -------------------------------------------------------------------------

@cache
def engine_definitions() -> dict[str, ObservanceDef]:
    return _by_key(engine.definitions())


@cache
def engine_communities() -> dict[str, Community]:
    return _by_key(engine.communities())


def _by_key(items: Mapping[str, object] | Iterable[object]) -> dict:  # type: ignore[type-arg]
    if isinstance(items, Mapping):
        return dict(items)
    return {item.key: item for item in items}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class VariantGroup:
    """Observances whose variant a municipality chooses together (e.g. every Islamic date)."""

    key: str
    label: str
    observance_keys: tuple[str, ...]
    choices: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.choices[0]

    def choice_label(self, choice: str) -> str:
        return VARIANT_LABELS.get(choice, choice)


@cache
def variant_groups() -> dict[str, VariantGroup]:
    groups: dict[str, list[ObservanceDef]] = {}
    for definition in engine_definitions().values():
        if definition.has_variants:
            groups.setdefault(definition.variant_group or definition.key, []).append(definition)
    result: dict[str, VariantGroup] = {}
    for key, members in groups.items():
        first = members[0]
        label = (first.names.get("de", key) if len(members) == 1 and not first.variant_group
                 else _group_label(key, members))
        result[key] = VariantGroup(key=key, label=label, observance_keys=tuple(d.key for d in members),
                                   choices=tuple(first.rules))
    return result


def _group_label(key: str, members: Sequence[ObservanceDef]) -> str:
    community = engine_communities().get(members[0].community)
    names = ", ".join(d.names.get("de", d.key) for d in members[:3]) + (" …" if len(members) > 3 else "")
    return f"{community.name_de if community else key}: {names}"


@lru_cache(maxsize=256)
def _engine_year(year: int, variants: tuple[tuple[str, str], ...], land: str) -> tuple[Occurrence, ...]:
    """The engine's year; cached, because a feed needs four years and each costs tens of milliseconds."""
    return tuple(engine.compute_year(year, variants=dict(variants) or None, land=land or None))


def engine_year(year: int, *, variants: Mapping[str, str] | None = None, land: str = "") -> list[Occurrence]:
    return list(_engine_year(year, tuple(sorted(valid_variants(variants or {}).items())), land))


def valid_variants(chosen: Mapping[str, str]) -> dict[str, str]:
    """Drop choices the engine no longer knows (a variant renamed in an update must not break a page)."""
    groups = variant_groups()
    return {key: value for key, value in chosen.items() if key in groups and value in groups[key].choices}


# --- the municipality's adjustments -----------------------------------------------------------------

@dataclass(frozen=True)
class CalendarSetup:
    """Everything a municipality changed, read once (four queries) and reused for every year shown."""

    municipality_id: int
    land: str
    version: int
    variants: dict[str, str]
    overrides: dict[tuple[str, int], DateOverride]
    hidden: frozenset[str]
    own: tuple[OwnObservance, ...]
    communities: dict[str, Community] = field(default_factory=dict)

    @property
    def cache_tag(self) -> str:
        return f"{self.municipality_id}-v{self.version}"

    def community(self, key: str) -> Community | None:
        return self.communities.get(key)

    def description(self, key: str, language: str = "de") -> str:
        definition = engine_definitions().get(key)
        if definition is not None:
            return definition.description_en if language == "en" else definition.description_de
        own = next((o for o in self.own if o.key == key), None)
        return own.description if own else ""

    def note(self, key: str, year: int) -> str:
        override = self.overrides.get((key, year))
        return override.note if override else ""


def calendar_setup(municipality: Municipality) -> CalendarSetup:
    settings = CalendarSettings.objects.of(municipality).first()
    overrides = {(o.observance_key, o.year): o for o in DateOverride.objects.of(municipality)}
    hidden = frozenset(HiddenObservance.objects.of(municipality).values_list("observance_key", flat=True))
    own = tuple(OwnObservance.objects.of(municipality).order_by("key"))
    communities = dict(engine_communities())
    for observance in own:
        if not observance.community and observance.community_key not in communities:
            name = observance.own_community.strip()
            communities[observance.community_key] = Community(
                key=observance.community_key, name_de=name, name_en=name, colour=OWN_COMMUNITY_COLOUR,
                languages=(),
            )
    return CalendarSetup(
        municipality_id=municipality.pk,
        land=municipality.land,
        version=settings.version if settings else 1,
        variants=dict(settings.variants) if settings else {},
        overrides=overrides,
        hidden=hidden,
        own=own,
        communities=communities,
    )


def own_occurrences(observance: OwnObservance, year: int) -> list[Occurrence]:
    if observance.rule == OwnObservance.Rule.FIXED:
        if observance.month is None or observance.day is None:
            return []
        try:
            starts = [dt.date(year, observance.month, observance.day)]
        except ValueError:
            return []
    else:
        starts = [d for d in observance.parsed_dates() if d.year == year]
    length = max(1, observance.length_days)
    return [
        Occurrence(
            key=observance.key, date=start,
            end_date=start + dt.timedelta(days=length - 1) if length > 1 else None,
            names=dict(observance.names), community=observance.community_key,
            begins_evening_before=observance.begins_evening_before,
        )
        for start in starts
    ]


def _apply_override(occurrences: list[Occurrence], override: DateOverride) -> list[Occurrence]:
    """Move the occurrence of the override's year nearest to the announced date; an observance the
    engine gives twice in a Gregorian year (Islamic dates) keeps its other occurrence."""
    same = [o for o in occurrences if o.key == override.observance_key]
    if not same:
        definition = engine_definitions().get(override.observance_key)
        if definition is None:
            return occurrences
        end = override.end_date
        return [*occurrences, Occurrence(
            key=definition.key, date=override.date, end_date=end if end and end > override.date else None,
            names=dict(definition.names), community=definition.community,
            begins_evening_before=definition.begins_evening_before, night=definition.night,
        )]
    target = min(same, key=lambda o: abs((o.date - override.date).days))
    if override.end_date is not None:
        end_date: dt.date | None = override.end_date if override.end_date > override.date else None
    else:
        end_date = override.date + dt.timedelta(days=target.days - 1) if target.days > 1 else None
    moved = replace(target, date=override.date, end_date=end_date, provisional=False)
    return [moved if o is target else o for o in occurrences]


def observances_for(
    municipality: Municipality, year: int, *, communities: Iterable[str] | None = None,
    setup: CalendarSetup | None = None, include_hidden: bool = False,
) -> list[Occurrence]:
    """The municipality's observances of a year, sorted by date. Pass `setup` to read the database once
    for several years; `communities` limits the result to those community keys."""
    setup = setup or calendar_setup(municipality)
    occurrences = engine_year(year, variants=setup.variants, land=setup.land)
    for observance in setup.own:
        occurrences.extend(own_occurrences(observance, year))
    for (_key, override_year), override in setup.overrides.items():
        if override_year == year:
            occurrences = _apply_override(occurrences, override)
    if not include_hidden:
        occurrences = [o for o in occurrences if o.key not in setup.hidden]
    if communities is not None:
        wanted = set(communities)
        occurrences = [o for o in occurrences if o.community in wanted]
    return sorted(occurrences, key=lambda o: (o.date, o.key))


def observances_between(
    municipality: Municipality, first_year: int, last_year: int, *, communities: Iterable[str] | None = None,
    setup: CalendarSetup | None = None,
) -> list[Occurrence]:
    setup = setup or calendar_setup(municipality)
    wanted = list(communities) if communities is not None else None
    result: list[Occurrence] = []
    for year in range(max(first_year, MIN_YEAR), min(last_year, MAX_YEAR) + 1):
        result.extend(observances_for(municipality, year, communities=wanted, setup=setup))
    return result


def statutory_holidays(municipality: Municipality, year: int, language: str = "de") -> dict[dt.date, str]:
    """The Land's statutory holidays (date → name), e.g. to mark days in the month grid; names in
    `language` where the `holidays` package has them (see `holiday_language`), else German."""
    return dict(engine.statutory_holidays(year, municipality.land, holiday_language(language)))


def holiday_language(language: str) -> str:
    """The language statutory holidays are named in for a reader of `language`: it, or German."""
    return language if language in engine.STATUTORY_LANGUAGES else "de"


def used_communities(setup: CalendarSetup) -> list[Community]:
    """Communities that have at least one observance the municipality shows, in the engine's order."""
    used = {d.community for d in engine_definitions().values() if d.key not in setup.hidden}
    used |= {o.community_key for o in setup.own if o.key not in setup.hidden}
    return [c for key, c in setup.communities.items() if key in used]
