"""Jewish holidays from the fixed Hebrew calendar (``pyluach``), diaspora reckoning.

Dates are first full days; every Jewish holiday begins at sunset on the evening before.
"""

from __future__ import annotations

from datetime import date, timedelta

from pyluach import dates, hebrewcal

NISAN, SIVAN, AV, TISHREI, CHESHVAN, KISLEV, SHEVAT, ADAR, ADAR_II = 1, 3, 5, 7, 8, 9, 11, 12, 13
SATURDAY = 7  # pyluach counts Sunday as 1
_HEBREW_YEAR_OFFSET = 3760


def hebrew_date(gregorian_year: int, month: int, day: int) -> date:
    """Gregorian date of a Hebrew month/day that falls in ``gregorian_year``.

    A Hebrew year runs from Tishrei to Elul, so Tishrei to Kislev of a Gregorian
    year belong to the Hebrew year beginning that autumn. (Tevet straddles the
    turn of the year and is not needed here.)
    """
    autumn = month in (TISHREI, CHESHVAN, KISLEV)
    year = gregorian_year + _HEBREW_YEAR_OFFSET + (1 if autumn else 0)
    return dates.HebrewDate(year, month, day).to_pydate()


def purim(gregorian_year: int) -> date:
    """14 Adar, or 14 Adar II in a leap year."""
    hebrew_year = gregorian_year + _HEBREW_YEAR_OFFSET
    month = ADAR_II if hebrewcal.Year(hebrew_year).leap else ADAR
    return dates.HebrewDate(hebrew_year, month, 14).to_pydate()


def tisha_bav(gregorian_year: int) -> date:
    """9 Av, postponed to Sunday 10 Av when it falls on Shabbat."""
    hebrew_year = gregorian_year + _HEBREW_YEAR_OFFSET
    ninth = dates.HebrewDate(hebrew_year, AV, 9)
    observed = ninth.to_pydate()
    return observed + timedelta(days=1) if ninth.weekday() == SATURDAY else observed
