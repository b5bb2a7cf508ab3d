"""The public calendar of a municipality: by month and by year, filterable by community, as iCalendar
feeds and as print PDFs. No login; request.municipality comes from the MunicipalityMiddleware."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from teilhabe.calendar import publish, selectors
from teilhabe.calendar.engine.model import Community, Occurrence
from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events import selectors as event_selectors
from teilhabe.calendar.models import DEFAULT_TIME_ZONE
from teilhabe.core.i18n import Language, content_language_of, direction, ui_language
from teilhabe.core.tenancy import TenantRequest
from teilhabe.portal.calendar import events as event_pages
from teilhabe.portal.participation import registrations as participation_calendar

COMMUNITY_PARAM = "gemeinschaft"
CATEGORY_PARAM = "kategorie"
SECONDARY_NAMES = 2  # own-language names shown besides the German one


# --- what a template shows for one observance ------------------------------------------------------

@dataclass(frozen=True)
class Name:
    text: str
    lang: str

    @property
    def dir(self) -> str:
        return direction(self.lang)


@dataclass(frozen=True)
class Entry:
    occurrence: Occurrence
    primary: Name
    others: tuple[Name, ...]
    community: Community | None
    community_name: Name
    description: str
    description_lang: str
    note: str

    @property
    def description_dir(self) -> str:
        return direction(self.description_lang)

    @property
    def eve(self) -> dt.date:
        """The evening on which an observance that begins the evening before starts."""
        return self.occurrence.date - dt.timedelta(days=1)

    @property
    def morning_after(self) -> dt.date:
        return self.occurrence.date + dt.timedelta(days=1)

    @property
    def css_key(self) -> str:
        return self.occurrence.community if self.community and not self.community.key.startswith("eigene-") \
            else "eigene"


@dataclass
class Day:
    """One day of the month grid. A statutory holiday is named once: by the observance that is the
    holiday (its chip carries the "statutory holiday" mark, `holiday_key`), or, when no observance
    begins that day (Easter Monday within Easter, New Year, an observance the municipality hides),
    by the holiday's own name (`holiday_name`)."""

    date: dt.date
    entries: list[Entry] = field(default_factory=list)
    holiday: str = ""
    holiday_lang: str = "de"
    is_today: bool = False
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def holiday_key(self) -> str:
        if not self.holiday:
            return ""
        return next((e.occurrence.key for e in self.entries
                     if e.occurrence.is_statutory_holiday and e.occurrence.date == self.date), "")

    @property
    def holiday_name(self) -> str:
        return self.holiday if self.holiday and not self.holiday_key else ""


def names_for(occurrence: Occurrence, community: Community | None, content: Language) -> tuple[Name, tuple[Name, ...]]:
    """The name in the reader's language first (German where it has none), then the community's own
    languages. Pages in a language other than German and English add the German name too: it is the
    name the reader meets in Germany (at school, at work, on the statutory holidays); an English page
    stays English."""
    names = occurrence.names
    primary_lang = content.code if names.get(content.code) else "de"
    primary = Name(names.get(primary_lang) or occurrence.key, primary_lang)
    others: list[Name] = []
    if primary_lang not in {"de", "en"} and names.get("de"):
        others.append(Name(names["de"], "de"))
    own_langs = [lang for lang in (community.languages if community else ()) if lang not in {"de", "en"}]
    own_langs += [lang for lang in names if lang not in {"de", "en", *own_langs}]
    limit = SECONDARY_NAMES + len(others)
    for lang in own_langs:
        if len(others) >= limit:
            break
        if lang != primary_lang and names.get(lang):
            others.append(Name(names[lang], lang))
    return primary, tuple(others)


def text_language(content: Language) -> str:
    """The language of the calendar's descriptions for a reader of `content`: they exist in German and
    English only, so every other language reads them in German (marked so)."""
    return "en" if content.code == "en" else "de"


def community_name(community: Community, content: Language) -> Name:
    """The community's name in the reader's language, else German (a municipality's own community has
    only the name it was given)."""
    name = community.name_in(content.code)
    return Name(name, content.code) if name else Name(community.name_de, "de")


def make_entries(occurrences: Iterable[Occurrence], setup: selectors.CalendarSetup,
                 content: Language) -> list[Entry]:
    language = text_language(content)
    entries = []
    for occurrence in occurrences:
        community = setup.community(occurrence.community)
        primary, others = names_for(occurrence, community, content)
        entries.append(Entry(
            occurrence=occurrence, primary=primary, others=others, community=community,
            community_name=community_name(community, content) if community else Name(occurrence.community, "de"),
            description=setup.description(occurrence.key, language),
            description_lang=language,
            note=setup.note(occurrence.key, occurrence.date.year),
        ))
    return entries


# --- events of the municipality ---------------------------------------------------------------------

def names_fall_back(entries: Sequence[Entry], content: Language, holidays_shown: bool = False,
                     holiday_lang: str = "de", communities_shown: Sequence[Name] = ()) -> bool:
    """Whether a page in a language other than German shows some content in German: an observance without
    a name in the reader's language, statutory holidays the `holidays` package names only in German,
    descriptions (German and English only), community names without a name in that language."""
    if content.code == "de":
        return False
    return (any(e.primary.lang == "de" or (e.description and e.description_lang == "de") for e in entries)
            or (holidays_shown and holiday_lang == "de")
            or any(e.community_name.lang != content.code for e in entries)
            or any(name.lang != content.code for name in communities_shown))


def municipal_events_between(request: TenantRequest, first: dt.date, last: dt.date,
                             categories: Sequence[str]) -> list[dict[str, Any]]:
    """The municipality's published event occurrences that touch the days first … last (one query, plus
    one for their categories), in the shape the event pages use."""
    tz = recurrence.zone(DEFAULT_TIME_ZONE)
    municipality = request.municipality
    items, _total = event_selectors.occurrences_between(
        municipality, dt.datetime.combine(first, dt.time(0), tzinfo=tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tz),
        event_selectors.EventFilters(categories=tuple(categories)), with_count=False)
    rows = [event_pages.row_of(o, municipality.slug) for o in items]
    if not categories:  # public participation meetings have no event category
        start = dt.datetime.combine(first, dt.time(0), tzinfo=tz)
        rows += participation_calendar.calendar_rows(municipality, start, start + dt.timedelta(
            days=(last - first).days + 1))
        rows.sort(key=lambda row: row["start"])
    return rows


def _event_categories(request: TenantRequest) -> tuple[list[tuple[str, str]], list[str]]:
    """The event categories and those ticked in the filter (unknown ones are named in a message)."""
    available = [(c.key, c.name) for c in event_selectors.categories(request.municipality)]
    keys = {key for key, _name in available}
    chosen = [key for key in request.GET.getlist(CATEGORY_PARAM) if key]
    unknown = [key for key in chosen if key not in keys]
    if unknown:
        messages.warning(request, _("Diese Kategorie gibt es nicht: %(keys)s. Es werden alle übrigen gezeigt.")
                         % {"keys": ", ".join(k[:40] for k in unknown[:5])})
    return available, [key for key in chosen if key in keys]


# --- request helpers ------------------------------------------------------------------------------

def _check_year(year: int) -> None:
    if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
        raise Http404(_("Der Kalender umfasst die Jahre %(min)d bis %(max)d.")
                      % {"min": selectors.MIN_YEAR, "max": selectors.MAX_YEAR})


def _chosen_communities(request: TenantRequest, available: Sequence[Community]) -> list[str]:
    """The communities ticked in the filter; unknown ones are named in a message and ignored."""
    keys = {c.key for c in available}
    chosen = [key for key in request.GET.getlist(COMMUNITY_PARAM) if key]
    unknown = [key for key in chosen if key not in keys]
    if unknown:
        messages.warning(request, _("Diese Gemeinschaft gibt es im Kalender nicht: %(keys)s. Es werden alle "
                                    "übrigen gezeigt.") % {"keys": ", ".join(k[:40] for k in unknown[:5])})
    return [key for key in chosen if key in keys]


def _query(chosen: Sequence[str], categories: Sequence[str] = ()) -> str:
    pairs = [(COMMUNITY_PARAM, key) for key in chosen] + [(CATEGORY_PARAM, key) for key in categories]
    return "?" + urlencode(pairs) if pairs else ""


def _base_context(request: TenantRequest, year: int) -> dict[str, Any]:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    available = selectors.used_communities(setup)
    chosen = _chosen_communities(request, available)
    event_categories, chosen_categories = _event_categories(request)
    content = content_language_of(request)
    slug = municipality.slug
    return {
        "setup": setup,
        "content_language": content,
        "communities": [(c, community_name(c, content)) for c in available],
        "chosen": chosen,
        "event_categories": event_categories,
        "chosen_categories": chosen_categories,
        "events_german": content.code != "de",
        "event_list_url": reverse("portal:event_list", kwargs={"municipality": slug}),
        "query": _query(chosen, chosen_categories),
        "year": year,
        "feed_url": reverse("portal:calendar_feed", kwargs={"municipality": slug}),
        "community_feeds": [
            (community_name(c, content),
             reverse("portal:calendar_community_feed", kwargs={"municipality": slug, "community": c.key}))
            for c in available
        ],
        "poster_url": reverse("portal:calendar_poster", kwargs={"municipality": slug, "year": year}),
        "monthly_pdf_url": reverse("portal:calendar_monthly_pdf", kwargs={"municipality": slug, "year": year}),
        "year_url": reverse("portal:calendar_year", kwargs={"municipality": slug, "year": year}),
        "min_year": selectors.MIN_YEAR,
        "max_year": selectors.MAX_YEAR,
    }


def _month_url(slug: str, year: int, month: int, query: str) -> str | None:
    if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
        return None
    return reverse("portal:calendar_month", kwargs={"municipality": slug, "year": year, "month": month}) + query


# --- pages ----------------------------------------------------------------------------------------

def current_month(request: TenantRequest) -> HttpResponse:
    today = timezone.localdate()
    return _month_page(request, today.year, today.month)


def month(request: TenantRequest, year: int, month: int) -> HttpResponse:
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404(_("Diesen Monat gibt es nicht."))
    return _month_page(request, year, month)


def _month_page(request: TenantRequest, year: int, month_number: int) -> HttpResponse:
    municipality = request.municipality
    context = _base_context(request, year)
    setup = context["setup"]
    first = dt.date(year, month_number, 1)
    last = dt.date(year, month_number, stdlib_calendar.monthrange(year, month_number)[1])
    # Observances that began in the previous year can still run into January.
    occurrences = selectors.observances_for(municipality, year, communities=context["chosen"] or None, setup=setup)
    if month_number == 1 and year > selectors.MIN_YEAR:
        occurrences = selectors.observances_for(
            municipality, year - 1, communities=context["chosen"] or None, setup=setup) + occurrences
    in_month = [o for o in occurrences if o.date <= last and (o.end_date or o.date) >= first]
    events = municipal_events_between(request, first, last, context["chosen_categories"])
    entries = make_entries(in_month, setup, context["content_language"])
    holiday_lang = selectors.holiday_language(context["content_language"].code)
    holidays = selectors.statutory_holidays(municipality, year, holiday_lang)
    today = timezone.localdate()
    weeks: list[list[Day | None]] = []
    for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number):
        row: list[Day | None] = []
        for day in week:
            if day.month != month_number:
                row.append(None)
                continue
            row.append(Day(date=day, entries=[e for e in entries if e.occurrence.covers(day)],
                           holiday=holidays.get(day, ""), holiday_lang=holiday_lang, is_today=day == today,
                           events=[r for r in events if r["start"].date() <= day <= r["last_day"]]))
        weeks.append(row)
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    slug, query = municipality.slug, context["query"]
    context.update({
        "view": "month",
        "month": month_number,
        "first_day": first,
        "weeks": weeks,
        "entries": entries,
        "holidays": sorted((d, name) for d, name in holidays.items() if first <= d <= last),
        "holiday_lang": holiday_lang,
        "names_fall_back": names_fall_back(entries, context["content_language"],
                                           any(first <= d <= last for d in holidays), holiday_lang,
                                           communities_shown=[name for _c, name in context["communities"]]),
        "page_ui_lang": ui_language(),
        "events": events,
        "previous_url": _month_url(slug, previous.year, previous.month, query),
        "next_url": _month_url(slug, following.year, following.month, query),
        "previous_month": previous,
        "next_month": following,
        "form_action": reverse("portal:calendar_month",
                               kwargs={"municipality": slug, "year": year, "month": month_number}),
        "weekdays": [dt.date(2024, 1, d) for d in range(1, 8)],  # 1 January 2024 was a Monday
        # The grid's words are interface text. On a portal page the interface speaks the page's language;
        # should they ever differ, the grid gets the interface's language but keeps the page's direction.
        "grid_lang": ui_language() if context["content_language"].code != ui_language() else "",
    })
    return render(request, "calendar/month.html", context)


def year(request: TenantRequest, year: int) -> HttpResponse:
    _check_year(year)
    municipality = request.municipality
    context = _base_context(request, year)
    setup = context["setup"]
    occurrences = selectors.observances_for(municipality, year, communities=context["chosen"] or None, setup=setup)
    entries = make_entries(occurrences, setup, context["content_language"])
    events = municipal_events_between(request, dt.date(year, 1, 1), dt.date(year, 12, 31), context["chosen_categories"])
    slug, query = municipality.slug, context["query"]
    months = [
        {
            "first_day": dt.date(year, number, 1),
            "url": _month_url(slug, year, number, query),
            "entries": [e for e in entries if e.occurrence.date.month == number],
            "events": [r for r in events if r["start"].year == year and r["start"].month == number],
        }
        for number in range(1, 13)
    ]
    context.update({
        "view": "year",
        "months": months,
        "names_fall_back": names_fall_back(entries, context["content_language"],
                                           communities_shown=[name for _c, name in context["communities"]]),
        "events": events,
        "previous_url": reverse("portal:calendar_year", kwargs={"municipality": slug, "year": year - 1}) + query
        if year > selectors.MIN_YEAR else None,
        "next_url": reverse("portal:calendar_year", kwargs={"municipality": slug, "year": year + 1}) + query
        if year < selectors.MAX_YEAR else None,
        "form_action": reverse("portal:calendar_year", kwargs={"municipality": slug, "year": year}),
    })
    return render(request, "calendar/year.html", context)


# --- files ----------------------------------------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def feed(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    return _ics_response(publish.feed(municipality), f"interkultureller-kalender-{municipality.slug}.ics")


def community_feed(request: TenantRequest, community: str) -> HttpResponse:
    municipality = request.municipality
    setup = selectors.calendar_setup(municipality)
    if community not in {c.key for c in selectors.used_communities(setup)}:
        raise Http404(_("Diese Gemeinschaft gibt es im Kalender nicht."))
    return _ics_response(publish.feed(municipality, community=community),
                         f"interkultureller-kalender-{municipality.slug}-{community}.ics")


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def poster(request: TenantRequest, year: int) -> HttpResponse:
    _check_year(year)
    municipality = request.municipality
    return _pdf_response(publish.poster_pdf(municipality, year), publish.pdf_filename(municipality, year, "poster"))


def monthly_pdf(request: TenantRequest, year: int) -> HttpResponse:
    _check_year(year)
    municipality = request.municipality
    return _pdf_response(publish.monthly_pdf(municipality, year), publish.pdf_filename(municipality, year, "monate"))
