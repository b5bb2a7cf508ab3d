"""Periods of observations: a year ("2019"), a month ("2019-06") or a day ("2019-06-30").

Statistics arrive with many spellings of the same period — "2019", "31.12.2019", "Juni 2007", "06/2007",
"2007-06", "Stichtag 31.12.2019" — and parse_period turns each into the canonical text and its first day."""

from __future__ import annotations

import datetime as dt
import functools
import re

from teilhabe.monitoring.categories import normalise

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}


class PeriodError(ValueError):
    pass


def _year(text: str) -> int:
    year = int(text)
    if not 1800 <= year <= 2200:
        raise PeriodError(text)
    return year


def parse_period(text: str) -> tuple[str, dt.date]:
    """Canonical period text and its first day; PeriodError when it is not a period."""
    raw = normalise(str(text))
    raw = re.sub(r"^(stichtag|stand|jahr|am)\s*:?\s*", "", raw)
    raw = raw.removesuffix(".0") if re.fullmatch(r"\d{4}\.0", raw) else raw  # 2019.0 from a spreadsheet
    try:
        if re.fullmatch(r"\d{4}", raw):
            year = _year(raw)
            return f"{year:04d}", dt.date(year, 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            return _month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", raw):
            return _month(int(m[2]), int(m[1]))
        if m := re.fullmatch(r"([a-zäöü]+)\.?\s+(\d{4})", raw):
            if m[1] not in MONTHS:
                raise PeriodError(text)
            return _month(int(m[2]), MONTHS[m[1]])
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]00:00(?::00)?)?", raw):
            return _day(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw):
            return _day(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as exc:
        raise PeriodError(text) from exc
    raise PeriodError(text)


def _month(year: int, month: int) -> tuple[str, dt.date]:
    start = dt.date(_year(str(year)), month, 1)
    return f"{start.year:04d}-{start.month:02d}", start


def _day(year: int, month: int, day: int) -> tuple[str, dt.date]:
    date = dt.date(_year(str(year)), month, day)
    return date.isoformat(), date


def period_start(period: str) -> dt.date:
    """First day of a canonical period."""
    return parse_period(period)[1]


@functools.lru_cache(maxsize=4096)
def year_of(period: str) -> float:
    """The period as a fractional year, for the progress method's time axis (cached: a roll-up asks for the
    same few periods tens of thousands of times)."""
    start = period_start(period)
    return start.year + (start.timetuple().tm_yday - 1) / 365.25
