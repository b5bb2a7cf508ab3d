"""Reads of the chronicle: the published timeline grouped by year (portal, feed), the back office's list (the
proposed ones first), the API's page; and how a milestone's date reads at its precision ("24. bis 29.
September 2014", "März bis April 2009", "2008 bis 2009") with the machine-readable values for `<time>`.
Each read is one query whatever the number of milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teilhabe.core.models import Municipality
from teilhabe.core.paging import Page
from teilhabe.participation.models import Milestone

MAX_PAGE = 1_000_000
RELATED = ("edition__plan", "meeting", "reporting_round")


def milestones(municipality: Municipality) -> QuerySet[Milestone]:
    """Every milestone of the municipality with what it links to, newest first."""
    return (Milestone.objects.of(municipality).select_related(*RELATED)
            .order_by("-date", "-end_date", "-pk"))


def published(municipality: Municipality, *, year: int | None = None, kind: str | None = None) -> QuerySet[Milestone]:
    qs = milestones(municipality).filter(state=Milestone.State.PUBLISHED)
    if year is not None:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def by_year(items: list[Milestone]) -> list[tuple[int, list[Milestone]]]:
    """Milestones (in timeline order) grouped by the year they begin in."""
    return [(year, list(group)) for year, group in groupby(items, key=lambda m: m.date.year)]


def timeline(municipality: Municipality) -> list[tuple[int, list[Milestone]]]:
    """The public chronicle: published milestones, newest first, grouped by year (one query)."""
    return by_year(list(published(municipality)))


@dataclass
class OfficeChronicle:
    proposed: list[Milestone]
    years: list[tuple[int, list[Milestone]]]
    dismissed: list[Milestone]


def office_chronicle(municipality: Municipality) -> OfficeChronicle:
    """The back office's list in one query: proposed milestones (oldest first, to work through), the published
    chronicle by year, the dismissed ones."""
    everything = list(milestones(municipality))
    proposed = sorted((m for m in everything if m.state == Milestone.State.PROPOSED), key=lambda m: (m.date, m.pk))
    return OfficeChronicle(
        proposed=proposed,
        years=by_year([m for m in everything if m.state == Milestone.State.PUBLISHED]),
        dismissed=[m for m in everything if m.state == Milestone.State.DISMISSED],
    )


def page_of(qs: QuerySet[Milestone], number: int, per_page: int) -> Page[Milestone]:
    """One page (two queries: count, items)."""
    total = qs.count()
    pages = max(1, -(-total // per_page))
    number = min(max(1, number), pages)
    items = list(qs[(number - 1) * per_page: number * per_page])
    return Page(items=items, number=number, num_pages=pages, total=total, per_page=per_page)


# --- how a date reads ---------------------------------------------------------------------------------------

# German reads like the history page ("13. März 2015", "24. bis 29. September 2014"); other languages get
# their own locale's formats, with both ends of a period in full.
GERMAN: dict[str, str] = {
    Milestone.Precision.DAY: "j. F Y",
    Milestone.Precision.MONTH: "F Y",
    Milestone.Precision.YEAR: "Y",
}
LOCALE: dict[str, str] = {
    Milestone.Precision.DAY: "DATE_FORMAT",
    Milestone.Precision.MONTH: "YEAR_MONTH_FORMAT",
    Milestone.Precision.YEAR: "Y",
}
MACHINE: dict[str, str] = {
    Milestone.Precision.DAY: "%Y-%m-%d",
    Milestone.Precision.MONTH: "%Y-%m",
    Milestone.Precision.YEAR: "%Y",
}


def _german() -> bool:
    return (get_language() or "de").split("-")[0] == "de"


def _full(day: dt.date, precision: str) -> str:
    formats = GERMAN if _german() else LOCALE
    return date_format(day, formats.get(precision, formats[Milestone.Precision.DAY]))


def machine_date(day: dt.date, precision: str) -> str:
    """The value of a `<time datetime>`: 2014-09-24, 2014-09 or 2014 (HTML's valid date strings)."""
    if precision == Milestone.Precision.YEAR:
        return f"{day.year:04d}"
    return day.strftime(MACHINE.get(precision, "%Y-%m-%d"))


def _short_start(start: dt.date, end: dt.date, precision: str) -> str:
    """The start of a period without what the end repeats (in German): "24." of "24. bis 29. September 2014",
    "März" of "März bis April 2009"."""
    if _german() and start.year == end.year:
        if precision == Milestone.Precision.DAY:
            return date_format(start, "j.") if start.month == end.month else date_format(start, "j. F")
        if precision == Milestone.Precision.MONTH:
            return date_format(start, "F")
    return _full(start, precision)


@dataclass(frozen=True)
class When:
    """A milestone's date as people read it and as machines do: `start_text` and `end_text` each go into a
    `<time>` with `start_value` / `end_value`; `text` is the whole, for feeds and lists."""

    start_text: str
    start_value: str
    end_text: str = ""
    end_value: str = ""

    @property
    def text(self) -> str:
        if not self.end_text:
            return self.start_text
        return _("%(start)s bis %(end)s") % {"start": self.start_text, "end": self.end_text}


def when(milestone: Milestone) -> When:
    precision = milestone.precision
    start, end = milestone.date, milestone.end_date
    if end is None or end <= start:
        return When(_full(start, precision), machine_date(start, precision))
    return When(_short_start(start, end, precision), machine_date(start, precision),
                _full(end, precision), machine_date(end, precision))


MAX_MEETING_CHOICES = 1000


def link_choices(municipality: Municipality) -> tuple[list[Any], list[Any], list[Any]]:
    """What a milestone may link to (three queries): the plan editions, the latest meetings, the reporting
    rounds."""
    from teilhabe.participation.models import Meeting
    from teilhabe.plans.models import Edition
    from teilhabe.reporting.models import ReportingRound

    editions = list(Edition.objects.of(municipality).select_related("plan").order_by("plan__title", "created_at"))
    meetings = list(Meeting.objects.of(municipality).order_by("-starts_at", "-pk")
                    .only("pk", "title", "starts_at")[:MAX_MEETING_CHOICES])
    rounds = list(ReportingRound.objects.of(municipality).order_by("-period_end", "-pk").only("pk", "title"))
    return editions, meetings, rounds
