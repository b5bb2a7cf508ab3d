"""The calendar in the REST API: public, no login.

GET /api/v1/{municipality}/calendar/{year}  the municipality's observances (variants, overrides, own, hidden)
GET /api/v1/calendar/{year}                 the engine's plain result, with ?variant=group:choice
GET /api/v1/{municipality}/events           published event occurrences in a range (recurrences expanded),
                                            with ETag / Last-Modified (304) and gzip

Reads go through teilhabe.calendar.selectors; what goes over the wire is in teilhabe.api.calendar.schemas.
A year outside 1900–2100, an unknown variant or Land is a 400 with a German message."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from teilhabe.api.auth import municipality_of
from teilhabe.api.calendar.schemas import (
    LAND_CODES,
    MAX_EVENTS_RANGE_DAYS,
    CategoryOut,
    CommunityQuery,
    EventOccurrenceOut,
    EventOccurrencePageOut,
    EventQuery,
    LocationOut,
    ObservanceOut,
    OrganiserOut,
    VariantQuery,
    YearPath,
)
from teilhabe.api.schemas import Slug, errors
from teilhabe.calendar import selectors
from teilhabe.calendar.engine.model import Occurrence
from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events import selectors as event_selectors
from teilhabe.calendar.models import DEFAULT_TIME_ZONE, EventOccurrence

router = Router(tags=["Interkultureller Kalender"])


def _check_year(year: int) -> None:
    if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
        raise HttpError(400, _("Das Jahr muss zwischen %(min)s und %(max)s liegen.")
                        % {"min": selectors.MIN_YEAR, "max": selectors.MAX_YEAR})


def _land(value: str | None) -> str:
    """An ISO code of a Land (BW, de-by, DE-NW) as stored, "" for none; ASCII letters only."""
    land = (value or "").upper() if (value or "").isascii() else "?"
    land = land.removeprefix("DE-")
    if land and land not in LAND_CODES:
        raise HttpError(400, _("Unbekanntes Bundesland. Erlaubt sind die ISO-Kürzel wie BW, BY, NW."))
    return land


def _out(occurrence: Occurrence, setup: selectors.CalendarSetup | None) -> ObservanceOut:
    communities = setup.communities if setup else selectors.engine_communities()
    community = communities.get(occurrence.community)
    definition = selectors.engine_definitions().get(occurrence.key)
    if setup is not None:
        description = setup.description(occurrence.key)
    else:
        description = definition.description_de if definition else ""
    return ObservanceOut(
        key=occurrence.key, date=occurrence.date, end_date=occurrence.end_date, names=dict(occurrence.names),
        name_de=occurrence.names.get("de", occurrence.key), community=occurrence.community,
        community_name_de=community.name_de if community else occurrence.community,
        provisional=occurrence.provisional, begins_evening_before=occurrence.begins_evening_before,
        night=occurrence.night, is_statutory_holiday=occurrence.is_statutory_holiday, variant=occurrence.variant,
        description_de=description, note=setup.note(occurrence.key, occurrence.date.year) if setup else "",
    )


@router.get("/calendar/{year}", response={200: list[ObservanceOut], **errors(400, 422)},
            summary="Feier- und Gedenktage eines Jahres", operation_id="calendar_year")
def calendar_year(request: HttpRequest, year: YearPath, filters: Query[VariantQuery]) -> list[ObservanceOut]:
    """Die berechneten Feier- und Gedenktage eines Jahres (1900–2100), ohne Anpassungen einer Kommune."""
    _check_year(year)
    variants: dict[str, str] = {}
    groups = selectors.variant_groups()
    for item in filters.variant:
        group, _sep, choice = item.partition(":")
        if group not in groups or choice not in groups[group].choices:
            known = "; ".join(f"{g.key}: {', '.join(g.choices)}" for g in groups.values())
            raise HttpError(400, _("Unbekannte Variante „%(variant)s“. Möglich sind %(known)s.")
                            % {"variant": item[:80], "known": known})
        variants[group] = choice
    land = _land(filters.land)
    occurrences = selectors.engine_year(year, variants=variants, land=land)
    if filters.community:
        occurrences = [o for o in occurrences if o.community == filters.community]
    return [_out(o, None) for o in occurrences]


@router.get("/{slug:municipality}/calendar/{year}", response={200: list[ObservanceOut], **errors(400, 404, 422)},
            summary="Feier- und Gedenktage einer Kommune", operation_id="municipality_calendar_year")
def municipality_calendar_year(
    request: HttpRequest, municipality: Slug, year: YearPath, filters: Query[CommunityQuery],
) -> list[ObservanceOut]:
    """Die Feier- und Gedenktage eines Jahres so, wie die Kommune sie zeigt: mit ihren Varianten,
    abweichenden Daten und eigenen Einträgen, ohne ausgeblendete; Feiertage ihres Bundeslandes markiert."""
    _check_year(year)
    place = municipality_of(request)
    setup = selectors.calendar_setup(place)
    occurrences = selectors.observances_for(place, year, communities=[filters.community] if filters.community
                                            else None, setup=setup)
    return [_out(o, setup) for o in occurrences]


# --- events ---------------------------------------------------------------------------------------------

def _organiser_out(occurrence: EventOccurrence) -> OrganiserOut | None:
    event = occurrence.event
    if event.organisation_id:
        return OrganiserOut(id=event.organisation_id, name=event.organisation.name,  # type: ignore[union-attr]
                            kind="organisation")
    if event.org_unit_id:
        return OrganiserOut(id=event.org_unit_id, name=event.org_unit.name, kind="org_unit")  # type: ignore[union-attr]
    return None


def _occurrence_out(occurrence: EventOccurrence, url_of: str, zones: dict[str, ZoneInfo]) -> EventOccurrenceOut:
    event = occurrence.event
    tz = zones.get(event.time_zone)
    if tz is None:
        tz = zones[event.time_zone] = recurrence.zone(event.time_zone)
    return EventOccurrenceOut(
        event_id=event.pk, title=event.title,
        start=occurrence.start.astimezone(tz),
        end=occurrence.end.astimezone(tz),
        all_day=occurrence.all_day,
        recurrence_id=occurrence.recurrence_id.astimezone(tz) if occurrence.recurrence_id else None,
        cancelled=occurrence.cancelled, moved=occurrence.moved, organisation=_organiser_out(occurrence),
        location=LocationOut(name=event.place_name, address=event.address, district=event.district,
                             online_url=event.online_url),
        languages=list(event.languages),
        categories=[CategoryOut(key=c.key, name=c.name) for c in event.categories.all()],
        is_free=event.is_free, cost=event.cost, registration_required=event.registration_required,
        registration_url=event.registration_url, accessibility=list(event.accessibility),
        url=url_of.replace("/999999999/", f"/{event.pk}/"),
    )


@router.get("/{slug:municipality}/events",
            response={200: EventOccurrencePageOut, 304: None, **errors(400, 404, 422)},
            summary="Termine (Einzeltermine) eines Zeitraums", operation_id="municipality_events")
@decorate_view(gzip_page)
def municipality_events(
    request: HttpRequest, municipality: Slug, query: Query[EventQuery],
) -> HttpResponse | EventOccurrencePageOut:
    """Die veröffentlichten Termine der Kommune zwischen `start` und `end` (einschließlich), als Einzeltermine:
    Wiederholungen sind aufgelöst, verschobene stehen am neuen Tag, abgesagte sind mit `cancelled` markiert.
    Zeiten in ISO 8601 mit Versatz (Zeitzone der Kommune). Seitenweise bis 1000 Einträge; ETag und
    Last-Modified für bedingte Abfragen (304), gzip auf Wunsch.

    Published occurrences in a range (recurrences expanded); ETag / Last-Modified (304), gzip."""
    if query.end < query.start:
        raise HttpError(400, _("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen."))
    if (query.end - query.start).days >= MAX_EVENTS_RANGE_DAYS:
        raise HttpError(400, _("Der Zeitraum darf höchstens %(days)d Tage umfassen.") % {"days": MAX_EVENTS_RANGE_DAYS})
    if not (query.start.year >= selectors.MIN_YEAR and query.end.year <= selectors.MAX_YEAR):
        raise HttpError(400, _("Das Jahr muss zwischen %(min)s und %(max)s liegen.")
                        % {"min": selectors.MIN_YEAR, "max": selectors.MAX_YEAR})
    place = municipality_of(request)
    state = event_selectors.events_state(place)
    fingerprint = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    etag = quote_etag(f"{place.pk}-{state.events_version}-{fingerprint}")
    changed = state.events_changed_at or place.created_at
    last_modified = int(changed.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return conditional
    tz = recurrence.zone(DEFAULT_TIME_ZONE)
    first = dt.datetime.combine(query.start, dt.time(0), tzinfo=tz)
    last = dt.datetime.combine(query.end + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    filters = event_selectors.EventFilters(categories=tuple(query.category), organisation=query.organisation,
                                           language=query.language or "", free=query.free)
    items, total = event_selectors.occurrences_between(
        place, first, last, filters, offset=(query.page - 1) * query.page_size, limit=query.page_size, state=state)
    url_of = request.build_absolute_uri(reverse("portal:event_detail", kwargs={"municipality": place.slug,
                                                                               "pk": 999999999}))
    zones: dict[str, ZoneInfo] = {}
    answer = EventOccurrencePageOut(
        count=total, page=query.page, pages=max(1, -(-total // query.page_size)), page_size=query.page_size,
        items=[_occurrence_out(o, url_of, zones) for o in items])
    response = api_response(request, answer)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=60"
    return response


def api_response(request: HttpRequest, answer: EventOccurrencePageOut) -> HttpResponse:
    return HttpResponse(answer.model_dump_json(), content_type="application/json; charset=utf-8")
