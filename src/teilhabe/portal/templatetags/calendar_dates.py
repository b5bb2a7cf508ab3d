"""Dates of the public calendar in the interface language's own pattern: "16. März 2027" in German,
"16 March 2027" in English (the locale's DATE_FORMAT from teilhabe/formats), never a German pattern
with English words. The day-and-month form drops the year from that same pattern."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import get_language

register = template.Library()


def _date_pattern() -> str:
    return str(get_format("DATE_FORMAT"))


# What may stand between the day and month and the year: spaces, commas (the Arabic one too).
_SEPARATORS = " ,،"
# Between the weekday and the date: Arabic and Persian write the Arabic comma.
_WEEKDAY_SEPARATORS = {"ar": "، ", "fa": "، "}


def _day_month_pattern() -> str:
    """DATE_FORMAT up to the year: "j. F Y" → "j. F", "j F Y" → "j F", "j F، Y" → "j F", and the year's
    suffix goes with it: "d E Y р." → "d E" (Ukrainian), "j E Y г." → "j E" (Russian)."""
    pattern = _date_pattern()
    head = pattern.split("Y", 1)[0].strip(_SEPARATORS)
    return head or str(get_format("MONTH_DAY_FORMAT"))


def _weekday_separator() -> str:
    return _WEEKDAY_SEPARATORS.get((get_language() or "").split("-")[0], ", ")


@register.filter
def long_date(value: dt.date | None) -> str:
    """ "Freitag, 26. März 2027" / "Friday, 26 March 2027"."""
    if not value:
        return ""
    return f"{dateformat.format(value, 'l')}{_weekday_separator()}{dateformat.format(value, _date_pattern())}"


@register.filter
def day_month(value: dt.date | None) -> str:
    """ "26. März" / "26 March"."""
    return dateformat.format(value, _day_month_pattern()) if value else ""


@register.filter
def weekday_day_month(value: dt.date | None) -> str:
    """ "Freitag, 26. März" / "Friday, 26 March"."""
    if not value:
        return ""
    return f"{dateformat.format(value, 'l')}{_weekday_separator()}{dateformat.format(value, _day_month_pattern())}"
