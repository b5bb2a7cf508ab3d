"""Public event pages of a municipality: upcoming occurrences with filters, one event with all its
occurrences, iCalendar files and feeds, and the widget an organisation embeds on its own website.
No login; reads go through teilhabe.calendar.events.selectors, only published events are shown."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from csp.decorators import csp_replace
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from teilhabe.calendar.events import ics, recurrence, selectors
from teilhabe.calendar.events.services import ACCESSIBILITY
from teilhabe.calendar.models import DEFAULT_TIME_ZONE, Event, EventOccurrence
from teilhabe.core.i18n import content_language_of, language_name
from teilhabe.core.models import Organisation
from teilhabe.core.tenancy import TenantRequest
from teilhabe.portal.content import localized
from teilhabe.portal.participation import registrations as participation_calendar

LIST_DAYS = 366
PER_PAGE = 20
WIDGET_ITEMS = 10
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _now() -> dt.datetime:
    return timezone.now()


def _tz() -> Any:
    return recurrence.zone(DEFAULT_TIME_ZONE)


def _int(value: str | None) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


def parse_filters(request: TenantRequest, *, categories: dict[str, str],
                  organisations: dict[int, str]) -> selectors.EventFilters:
    """The filters in the query string; what does not exist is named in a message and ignored."""
    chosen = [key for key in request.GET.getlist("kategorie") if key]
    unknown = [key for key in chosen if key not in categories]
    if unknown:
        messages.warning(request, _("Diese Kategorie gibt es nicht: %(keys)s. Es werden alle übrigen gezeigt.")
                         % {"keys": ", ".join(k[:40] for k in unknown[:5])})
    organisation = _int(request.GET.get("organisation"))
    if request.GET.get("organisation") and organisation not in organisations:
        messages.warning(request, _("Diese Organisation gibt es nicht; es werden Termine aller Organisationen "
                                    "gezeigt."))
        organisation = None
    language = (request.GET.get("sprache") or "").strip()[:20]
    if language and not re.match(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", language):
        language = ""
    return selectors.EventFilters(categories=tuple(k for k in chosen if k in categories), organisation=organisation,
                                  language=language, free=True if request.GET.get("kostenlos") == "1" else None)


def _query(filters: selectors.EventFilters) -> list[tuple[str, str]]:
    pairs = [("kategorie", key) for key in filters.categories]
    if filters.organisation:
        pairs.append(("organisation", str(filters.organisation)))
    if filters.language:
        pairs.append(("sprache", filters.language))
    if filters.free:
        pairs.append(("kostenlos", "1"))
    return pairs


def event_url(slug: str, pk: int) -> str:
    return reverse("portal:event_detail", kwargs={"municipality": slug, "pk": pk})


def event_list(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    categories = {c.key: c.name for c in selectors.categories(municipality)}
    organisations = dict(Organisation.objects.of(municipality).order_by("name").values_list("pk", "name"))
    filters = parse_filters(request, categories=categories, organisations=organisations)
    now = _now()
    page_number = _int(request.GET.get("seite")) or 1
    page = selectors.occurrence_page(municipality, now, now + dt.timedelta(days=LIST_DAYS), filters,
                                     page=page_number, per_page=PER_PAGE)
    _localize_events(request, page.items)
    query = _query(filters)
    base = reverse("portal:event_list", kwargs={"municipality": municipality.slug})
    content = content_language_of(request)
    return render(request, "calendar/events/list.html", {
        "page": page,
        "rows": [row_of(o, municipality.slug) for o in page.items],
        "categories": sorted(categories.items(), key=lambda item: item[1]),
        "organisations": sorted(organisations.items(), key=lambda item: item[1]),
        "languages": [(code, language_name(code)) for code in municipality.content_languages],
        "filters": filters,
        "form_action": base,
        "previous_url": base + "?" + urlencode([*query, ("seite", page.number - 1)]) if page.has_previous else "",
        "next_url": base + "?" + urlencode([*query, ("seite", page.number + 1)]) if page.has_next else "",
        "feed_url": reverse("portal:event_feed", kwargs={"municipality": municipality.slug}),
        "category_feeds": [(name, reverse("portal:event_category_feed", kwargs={
            "municipality": municipality.slug, "category": key})) for key, name in categories.items()],
        "german_content": content.code != "de",
        # Public participation meetings, beside the events on the first page of the unfiltered list.
        "meeting_rows": participation_calendar.calendar_rows(municipality, now, now + dt.timedelta(days=LIST_DAYS))
        if filters.is_empty and page.number == 1 else [],
    })


def _localize_events(request: TenantRequest, occurrences: Any) -> None:
    """The events' titles and descriptions in the reader's language (each event once, two queries)."""
    events = {o.event.pk: o.event for o in occurrences}
    localized(request, events.values())


def row_of(occurrence: EventOccurrence, slug: str) -> dict[str, Any]:
    event = occurrence.event
    tz = recurrence.zone(event.time_zone)
    start, end = occurrence.start.astimezone(tz), occurrence.end.astimezone(tz)
    last_day = (end - dt.timedelta(days=1)).date() if occurrence.all_day else end.date()
    return {
        "occurrence": occurrence,
        "event": event,
        "start": start,
        "end": end,
        "last_day": last_day,
        "multi_day": last_day != start.date(),
        "url": event_url(slug, event.pk),
        "categories": [c.name for c in event.categories.all()],
        "languages": [language_name(code) for code in event.languages],
    }


def event_detail(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = request.municipality
    event = selectors.event_detail(municipality, pk, published_only=True)
    if event is None:
        raise Http404(_("Diesen Termin gibt es nicht."))
    occurrences = selectors.occurrences_of(event, first=_now(), limit=60)
    localized(request, [event])
    for occurrence in occurrences:  # the rows show the event's (localised) title
        occurrence.event = event
    content = content_language_of(request)
    return render(request, "calendar/events/detail.html", {
        "event": event,
        "rows": [row_of(o, municipality.slug) for o in occurrences],
        "categories": [c.name for c in event.categories.all()],
        "languages": [language_name(code) for code in event.languages],
        "accessibility": [ACCESSIBILITY[key] for key in event.accessibility if key in ACCESSIBILITY],
        "ics_url": reverse("portal:event_ics", kwargs={"municipality": municipality.slug, "pk": event.pk}),
        "list_url": reverse("portal:event_list", kwargs={"municipality": municipality.slug}),
        "german_content": content.code != "de",
    })


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=600"
    return response


def _urls(request: TenantRequest, events: list[Event]) -> dict[int, str]:
    slug = request.municipality.slug
    return {e.pk: request.build_absolute_uri(event_url(slug, e.pk)) for e in events}


def event_ics(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = request.municipality
    events = [e for e in selectors.events_for_feed(municipality) if e.pk == pk]
    if not events:
        raise Http404(_("Diesen Termin gibt es nicht."))
    return _ics_response(ics.to_ics(events, name=events[0].title, urls=_urls(request, events)),
                         f"termin-{municipality.slug}-{pk}.ics")


def event_feed(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    events = selectors.events_for_feed(municipality)
    return _ics_response(ics.to_ics(events, name=_("Termine in %(name)s") % {"name": municipality.name},
                                    urls=_urls(request, events)), f"termine-{municipality.slug}.ics")


def event_organisation_feed(request: TenantRequest, organisation: int) -> HttpResponse:
    municipality = request.municipality
    found = Organisation.objects.of(municipality).filter(pk=organisation).first()
    if found is None:
        raise Http404(_("Diese Organisation gibt es nicht."))
    events = selectors.events_for_feed(municipality, organisation=found.pk)
    return _ics_response(ics.to_ics(events, name=_("Termine: %(name)s") % {"name": found.name},
                                    urls=_urls(request, events)), f"termine-{municipality.slug}-o{found.pk}.ics")


def event_category_feed(request: TenantRequest, category: str) -> HttpResponse:
    municipality = request.municipality
    names = {c.key: c.name for c in selectors.categories(municipality)}
    if category not in names:
        raise Http404(_("Diese Kategorie gibt es nicht."))
    events = selectors.events_for_feed(municipality, category=category)
    return _ics_response(ics.to_ics(events, name=_("Termine in %(name)s: %(category)s")
                                    % {"name": municipality.name, "category": names[category]},
                                    urls=_urls(request, events)), f"termine-{municipality.slug}-{category}.ics")


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def event_widget(request: TenantRequest, organisation: int) -> HttpResponse:
    """A small page an organisation embeds with an iframe on its own website: its next events. The only
    page that may be framed by other sites."""
    municipality = request.municipality
    found = Organisation.objects.of(municipality).filter(pk=organisation).first()
    if found is None:
        raise Http404(_("Diese Organisation gibt es nicht."))
    now = _now()
    items, _total = selectors.occurrences_between(
        municipality, now, now + dt.timedelta(days=LIST_DAYS), selectors.EventFilters(organisation=found.pk),
        limit=WIDGET_ITEMS, with_count=False)
    _localize_events(request, items)
    response = render(request, "calendar/events/widget.html", {
        "organisation": found,
        "rows": [row_of(o, municipality.slug) for o in items],
        "list_url": request.build_absolute_uri(reverse("portal:event_list", kwargs={
            "municipality": municipality.slug})) + "?" + urlencode({"organisation": found.pk}),
        "german_content": content_language_of(request).code != "de",
    })
    response["Cache-Control"] = "public, max-age=300"
    return response
