"""The Chinese lunisolar calendar, computed astronomically.

Rules of the modern (Shixian) calendar as used by the Purple Mountain
Observatory and the Hong Kong Observatory, reckoned in China Standard Time
(UTC+8):

* a month begins on the civil day of the new moon;
* the month containing the December solstice is the 11th month;
* if there are 13 new moons between two 11th months, the first month without
  a major solar term (zhongqi, solar longitude a multiple of 30 degrees) is a
  leap month and repeats the number of the month before it.

Month 1 day 1 is the Spring Festival, month 8 day 15 the Mid-Autumn Festival,
month 4 day 8 the Buddha's birthday of East Asian Buddhism.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from teilhabe.calendar.engine import astro

CHINA_UTC_OFFSET = 8.0


def _china_date(jde: float) -> date:
    return astro.local_date(astro.ut_from_tt(jde), CHINA_UTC_OFFSET)


def _december_solstice_jde(year: int) -> float:
    guess = astro.tt_from_ut(astro.jd_from_date(date(year, 12, 21)))
    return astro.solar_longitude_jde(270.0, guess)


def _new_moon_on_or_before(day: date) -> int:
    """Lunation index of the last new moon whose China date is on or before ``day``."""
    k = astro.new_moon_k_after(astro.jd_from_date(day) - 1.0) + 1
    while _china_date(astro.moon_phase_jde(k)) > day:
        k -= 1
    return k


def _major_term_dates(start_jde: float, end_jde: float) -> list[date]:
    """China dates of the major solar terms (multiples of 30 degrees) between two instants."""
    dates: list[date] = []
    longitude = (int(astro.sun_apparent_longitude(start_jde) // 30) + 1) * 30 % 360
    jde = astro.solar_longitude_after(longitude, start_jde)
    while jde < end_jde:
        dates.append(_china_date(jde))
        longitude = (longitude + 30) % 360
        jde = astro.solar_longitude_after(longitude, jde + 1.0)
    return dates


@lru_cache(maxsize=256)
def month_starts(year: int) -> dict[tuple[int, bool], date]:
    """Start dates of the lunar months from the 11th month of ``year - 1`` to the 10th of ``year``.

    Keys are (month number, is_leap_month).
    """
    solstice_before = _december_solstice_jde(year - 1)
    solstice_after = _december_solstice_jde(year)
    first = _new_moon_on_or_before(_china_date(solstice_before))
    last = _new_moon_on_or_before(_china_date(solstice_after))
    starts = [_china_date(astro.moon_phase_jde(k)) for k in range(first, last + 1)]
    leap_index = _leap_month_index(starts, solstice_before, solstice_after) if last - first == 13 else None

    months: dict[tuple[int, bool], date] = {}
    number = 11
    for index, start in enumerate(starts[:-1]):
        is_leap = index == leap_index
        if index > 0 and not is_leap:
            number = number % 12 + 1
        months[(number, is_leap)] = start
    return months


def _leap_month_index(starts: list[date], solstice_before: float, solstice_after: float) -> int:
    """Index of the first month (within one 13-month year) that contains no major solar term."""
    terms = _major_term_dates(solstice_before, solstice_after + 1.0)
    for index in range(1, len(starts) - 1):
        if not any(starts[index] <= term < starts[index + 1] for term in terms):
            return index
    raise ArithmeticError("no month without a major solar term in a 13-month year")


def lunar_date(year: int, month: int, day: int) -> date:
    """Gregorian date of a (non-leap) Chinese month/day falling in Gregorian ``year``."""
    if month in (11, 12):
        raise ValueError("months 11 and 12 belong to the previous Chinese year")
    return month_starts(year)[(month, False)] + timedelta(days=day - 1)


def spring_festival(year: int) -> date:
    return lunar_date(year, 1, 1)


def mid_autumn_festival(year: int) -> date:
    return lunar_date(year, 8, 15)


def buddha_birthday(year: int) -> date:
    return lunar_date(year, 4, 8)
