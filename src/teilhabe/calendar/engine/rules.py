"""Rule builders: small functions that turn a calendar computation into a ``Rule``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from teilhabe.calendar.engine import islamic, solar
from teilhabe.calendar.engine.model import Hit, Rule

FRIDAY, SATURDAY, SUNDAY, WEDNESDAY = 4, 5, 6, 2


def fixed(month: int, day: int) -> Rule:
    def rule(year: int) -> list[Hit]:
        return [Hit(date(year, month, day))]

    return rule


def computed(function: Callable[[int], date]) -> Rule:
    def rule(year: int) -> list[Hit]:
        return [Hit(function(year))]

    return rule


def shifted(function: Callable[[int], date], days: int) -> Rule:
    def rule(year: int) -> list[Hit]:
        return [Hit(function(year) + timedelta(days=days))]

    return rule


def western_easter(year: int) -> date:
    return easter(year, EASTER_WESTERN)


def orthodox_easter(year: int) -> date:
    return easter(year, EASTER_ORTHODOX)


def after_western_easter(days: int) -> Rule:
    return shifted(western_easter, days)


def after_orthodox_easter(days: int) -> Rule:
    return shifted(orthodox_easter, days)


def first_advent(year: int) -> date:
    """Fourth Sunday before Christmas: the last Sunday before 25 December, minus three weeks."""
    return solar.last_weekday_before(date(year, 12, 25), SUNDAY) - timedelta(weeks=3)


def julian_fixed(month: int, day: int) -> Rule:
    """A fixed day of the Julian calendar, e.g. Orthodox Christmas on Julian 25 December."""

    def rule(year: int) -> list[Hit]:
        candidates = (solar.julian_to_gregorian(julian_year, month, day) for julian_year in (year - 1, year))
        return [Hit(day_) for day_ in candidates if day_.year == year]

    return rule


def yazidi_new_year(year: int) -> date:
    """Çarşema Sor: the first Wednesday of April in the Julian (Eastern) calendar."""
    return solar.first_weekday_on_or_after(solar.julian_to_gregorian(year, 4, 1), WEDNESDAY)


# --- Islamic ------------------------------------------------------------------------------------


def hijri(month: int, day: int, variant: str) -> Rule:
    """Day ``day`` of Hijri ``month``; provisional unless it comes from a published Diyanet table."""

    def rule(year: int) -> list[Hit]:
        hits = []
        for hijri_year in islamic.months_starting_near(year, month):
            start = islamic.month_start(hijri_year, month, variant)
            provisional = variant != islamic.DIYANET or not start.published
            hits.append(Hit(start.first_day + timedelta(days=day - 1), provisional=provisional))
        return hits

    return rule


def hijri_variants(month: int, day: int) -> dict[str, Rule]:
    return {variant: hijri(month, day, variant) for variant in islamic.VARIANTS}


def regaip(variant: str) -> Rule:
    """The night before the first Friday of Rajab: the Thursday evening (date = that Thursday)."""

    def rule(year: int) -> list[Hit]:
        hits = []
        for hijri_year in islamic.months_starting_near(year, islamic.RAJAB):
            start = islamic.month_start(hijri_year, islamic.RAJAB, variant)
            first_friday = solar.first_weekday_on_or_after(start.first_day, FRIDAY)
            provisional = variant != islamic.DIYANET or not start.published
            hits.append(Hit(first_friday - timedelta(days=1), provisional=provisional))
        return hits

    return rule


# --- Persian ------------------------------------------------------------------------------------

NOWRUZ_IRAN = "iran"
NOWRUZ_FIXED = "fixed-21-march"


def nowruz_date(variant: str) -> Callable[[int], date]:
    if variant == NOWRUZ_IRAN:
        return solar.nowruz_iran
    return lambda year: date(year, 3, 21)


def persian_variants(function: Callable[[Callable[[int], date]], Callable[[int], date]]) -> dict[str, Rule]:
    """Rules for both Nowruz variants of something derived from the Nowruz date."""
    return {variant: computed(function(nowruz_date(variant))) for variant in (NOWRUZ_IRAN, NOWRUZ_FIXED)}


def chaharshanbe_suri(nowruz: Callable[[int], date]) -> Callable[[int], date]:
    """The evening (Tuesday) before the last Wednesday of the Iranian year."""
    return lambda year: solar.last_weekday_before(nowruz(year), WEDNESDAY) - timedelta(days=1)


def yalda(nowruz: Callable[[int], date]) -> Callable[[int], date]:
    """The evening of 30 Azar, the night before 1 Dey (the 277th day of the Iranian year)."""
    return lambda year: nowruz(year) + timedelta(days=275)


# --- Interkulturelle Woche ----------------------------------------------------------------------

# Published by the Ökumenischer Vorbereitungsausschuss (interkulturellewoche.de/termine)
# where it departs from the rule below.
IKW_PUBLISHED = {2020: (date(2020, 9, 27), 8)}


def intercultural_week(year: int) -> list[Hit]:
    """Since 2019 Sunday to Sunday, ending on the last Sunday of September (the World Day of
    Migrants and Refugees); before that Sunday to Saturday, ending the day before the
    Protestant Erntedankfest (first Sunday after 29 September)."""
    if year in IKW_PUBLISHED:
        start, length = IKW_PUBLISHED[year]
        return [Hit(start, length_days=length)]
    if year >= 2019:
        last_sunday = solar.last_weekday_before(date(year, 10, 1), SUNDAY)
        return [Hit(last_sunday - timedelta(days=7), length_days=8)]
    erntedank = solar.first_weekday_on_or_after(date(year, 9, 30), SUNDAY)
    return [Hit(erntedank - timedelta(days=7), length_days=7)]
