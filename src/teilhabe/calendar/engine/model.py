"""Data types of the calendar engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

MIN_YEAR = 1900
MAX_YEAR = 2100


class ObservanceNotAvailable(LookupError):
    """An observance cannot be given for a year (not yet observed then, or outside a source's range)."""

    def __init__(self, key: str, year: int, reason: str) -> None:
        super().__init__(f"{key} is not available for {year}: {reason}")
        self.key = key
        self.year = year
        self.reason = reason


@dataclass(frozen=True)
class Community:
    key: str
    name_de: str
    name_en: str
    colour: str
    """Hex colour for print, chosen to stay distinct next to the others and legible on white."""
    languages: tuple[str, ...]
    """Languages of the community besides German and English, most widely used first."""
    names: tuple[tuple[str, str], ...] = ()
    """The community's name in the portal's further languages: (language code, name) pairs."""

    def name_in(self, language: str) -> str:
        """The name in `language`; empty when there is none (the caller falls back to German)."""
        if language == "de":
            return self.name_de
        if language == "en":
            return self.name_en
        return dict(self.names).get(language, "")


@dataclass(frozen=True)
class Hit:
    """One result of a rule: a first full day, optionally overriding the definition's defaults."""

    start: dt.date
    length_days: int | None = None
    provisional: bool | None = None


Rule = Callable[[int], Sequence[Hit]]
"""Computes the hits whose first full day may fall in a Gregorian year (the caller filters)."""


@dataclass(frozen=True)
class ObservanceDef:
    key: str
    community: str
    names: Mapping[str, str]
    """Names by language code; insertion order after de/en is the print order of own languages."""
    description_de: str
    description_en: str
    rules: Mapping[str, Rule]
    """Named rule variants; the first one is the default. A single rule is named ``standard``."""
    begins_evening_before: bool = False
    length_days: int = 1
    provisional: bool = False
    """True when the date depends on moon sighting or an announcement still to come."""
    night: bool = False
    """The observance is a night: ``date`` is the day on whose evening it begins."""
    variant_group: str | None = None
    """Key under which a municipality chooses the variant for several observances at once."""
    variant_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    can_be_statutory: bool = False
    """A German statutory holiday may fall on it (so the Land's list is consulted)."""
    since: int | None = None
    """First year in which the observance exists in its present form."""

    @property
    def default_variant(self) -> str:
        return next(iter(self.rules))

    @property
    def has_variants(self) -> bool:
        return len(self.rules) > 1

    def names_for(self, variant: str) -> dict[str, str]:
        return {**self.names, **self.variant_names.get(variant, {})}

    def hits(self, year: int, variant: str | None = None) -> list[Hit]:
        """Hits whose first full day falls in ``year`` (an Islamic observance may occur twice)."""
        if self.since is not None and year < self.since:
            raise ObservanceNotAvailable(self.key, year, f"observed only since {self.since}")
        rule = self.rules[variant or self.default_variant]
        return sorted((hit for hit in rule(year) if hit.start.year == year), key=lambda hit: hit.start)


@dataclass(frozen=True)
class Occurrence:
    key: str
    date: dt.date
    """First full day; see ``begins_evening_before`` and ``night``."""
    end_date: dt.date | None
    """Last day (inclusive) of a multi-day observance, None for a single day."""
    names: Mapping[str, str] = field(hash=False)
    community: str = ""
    provisional: bool = False
    begins_evening_before: bool = False
    is_statutory_holiday: bool = False
    variant: str | None = None
    night: bool = False

    @property
    def name_de(self) -> str:
        return self.names["de"]

    @property
    def days(self) -> int:
        return 1 if self.end_date is None else (self.end_date - self.date).days + 1

    def covers(self, day: dt.date) -> bool:
        return self.date <= day <= (self.end_date or self.date)

    def each_day(self) -> list[dt.date]:
        return [self.date + dt.timedelta(days=offset) for offset in range(self.days)]
