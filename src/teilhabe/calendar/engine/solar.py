"""Solar-calendar rules: the Iranian (Solar Hijri) and Bahá'í (Badí') new year, Julian dates.

* Iranian Nowruz (1 Farvardin) is the day of the March equinox if the equinox
  occurs before noon Iran Standard Time (the 52.5 degrees east meridian,
  UTC+3:30), otherwise the following day (rule of the Solar Hijri calendar law of 1925).
* Bahá'í Naw-Rúz is, since 2015 (172 B.E., decision of the Universal House of
  Justice), the day - running from sunset to sunset in Tehran - in which the
  March equinox falls. Before 2015 the Bahá'ís of the West kept 21 March.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from teilhabe.calendar.engine import astro

IRAN_UTC_OFFSET = 3.5
TEHRAN = (35.6944, 51.4215)
BADI_TEHRAN_RULE_SINCE = 2015
# Dates published by the Bahá'í World Centre (table of holy days 172-221 B.E.) for years in
# which the equinox falls within seconds of sunset in Tehran, closer than any computation can
# decide: 2026-03-20 14:45:5x UT against sunset at 14:45:49 UT.
BAHAI_PUBLISHED_NAWRUZ = {2026: date(2026, 3, 21)}


@lru_cache(maxsize=512)
def nowruz_iran(year: int) -> date:
    equinox = astro.march_equinox_jd(year)
    local = equinox + IRAN_UTC_OFFSET / 24.0
    day = astro.local_date(equinox, IRAN_UTC_OFFSET)
    before_noon = (local - astro.jd_from_date(day)) < 0.5
    return day if before_noon else day + timedelta(days=1)


@lru_cache(maxsize=512)
def bahai_nawruz(year: int) -> date:
    if year < BADI_TEHRAN_RULE_SINCE:
        return date(year, 3, 21)
    if year in BAHAI_PUBLISHED_NAWRUZ:
        return BAHAI_PUBLISHED_NAWRUZ[year]
    equinox = astro.march_equinox_jd(year)
    day = astro.local_date(equinox, IRAN_UTC_OFFSET)
    sunset = astro.sunset(day, *TEHRAN)
    assert sunset is not None
    return day if equinox < sunset else day + timedelta(days=1)


def julian_to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Julian-calendar date (via the Julian day number, Meeus ch. 7)."""
    if month <= 2:
        year, month = year - 1, month + 12
    julian_day_number = int(365.25 * (year + 4716)) + int(30.6001 * (month + 1)) + day - 1524
    return date.fromordinal(julian_day_number - 1721425)


def first_weekday_on_or_after(start: date, weekday: int) -> date:
    """First date on or after ``start`` with the given ``weekday`` (Monday = 0)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def last_weekday_before(end: date, weekday: int) -> date:
    """Last date strictly before ``end`` with the given ``weekday`` (Monday = 0)."""
    return end - timedelta(days=(end.weekday() - weekday - 1) % 7 + 1)
