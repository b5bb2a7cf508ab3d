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
import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from teilhabe.api.auth import municipality_of
from teilhabe.api.calendar.schemas import (
    LAND_CODES,
    MAX_EVENTS_RANGE_DAYS,
    CommunityQuery,
    EventOccurrencePageOut,
    EventQuery,
    ObservanceOut,
    VariantQuery,
    YearPath,
)
from teilhabe.api.schemas import Slug, errors
from teilhabe.calendar import selectors
from teilhabe.calendar.engine.model import Occurrence
from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events import selectors as event_selectors
from teilhabe.calendar.models import DEFAULT_TIME_ZONE, CalendarSettings
from teilhabe.core.models import Municipality

router = Router(tags=["Interkultureller Kalender"])
EVENTS_CACHE_SECONDS = 3600
EVENTS_CACHE_MAX_BYTES = 4_000_000


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

GZIP_MIN_BYTES = 8192
_gzip = GZipMiddleware(lambda request: HttpResponse())


def gzip_large(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Compress a successful answer of some size when the client accepts gzip (errors and small answers stay
    as they are: compressing them saves nothing)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and len(response.content) >= GZIP_MIN_BYTES:
            return _gzip.process_response(request, response)  # type: ignore[return-value]
        return response

    return wrapped


def _occurrence_item(row: dict[str, Any], url_of: str, zones: dict[str, ZoneInfo],
                     categories: dict[int, list[tuple[str, str]]]) -> dict[str, Any]:
    """One item of EventOccurrenceOut, built as a plain dict (the answer is serialised once, as JSON)."""
    tz = zones.get(row["event__time_zone"])
    if tz is None:
        tz = zones[row["event__time_zone"]] = recurrence.zone(row["event__time_zone"])
    if row["event__organisation_id"]:
        organiser: dict[str, Any] | None = {
            "id": row["event__organisation_id"], "name": row["event__organisation__name"], "kind": "organisation"}
    elif row["event__org_unit_id"]:
        organiser = {"id": row["event__org_unit_id"], "name": row["event__org_unit__name"], "kind": "org_unit"}
    else:
        organiser = None
    event_id = row["event_id"]
    recurrence_id = row["recurrence_id"]
    return {
        "event_id": event_id, "title": row["event__title"],
        "start": row["start"].astimezone(tz).isoformat(), "end": row["end"].astimezone(tz).isoformat(),
        "all_day": row["all_day"],
        "recurrence_id": recurrence_id.astimezone(tz).isoformat() if recurrence_id else None,
        "cancelled": row["cancelled"], "moved": row["moved"], "organisation": organiser,
        "location": {"name": row["event__place_name"], "address": row["event__address"],
                     "district": row["event__district"], "online_url": row["event__online_url"]},
        "languages": row["event__languages"],
        "categories": [{"key": key, "name": name} for key, name in categories.get(event_id, ())],
        "is_free": row["event__is_free"], "cost": row["event__cost"],
        "registration_required": row["event__registration_required"],
        "registration_url": row["event__registration_url"], "accessibility": row["event__accessibility"],
        "url": url_of.replace("/999999999/", f"/{event_id}/"),
    }


@router.get("/{slug:municipality}/events",
            response={200: EventOccurrencePageOut, 304: None, **errors(400, 404, 422)},
            summary="Termine (Einzeltermine) eines Zeitraums", operation_id="municipality_events")
@decorate_view(gzip_large)
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
        raise HttpError(400, _("Der Zeitraum darf höchstens %(days)d Tage umfassen.")
                        % {"days": MAX_EVENTS_RANGE_DAYS})
    if not (query.start.year >= selectors.MIN_YEAR and query.end.year <= selectors.MAX_YEAR):
        raise HttpError(400, _("Das Jahr muss zwischen %(min)s und %(max)s liegen.")
                        % {"min": selectors.MIN_YEAR, "max": selectors.MAX_YEAR})
    place = municipality_of(request)
    state = event_selectors.events_state(place)
    changed = state.events_changed_at or place.created_at
    fingerprint = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}{changed.isoformat()}".encode())
    etag = quote_etag(f"{place.pk}-{state.events_version}-{fingerprint.hexdigest()[:20]}")
    last_modified = int(changed.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return conditional
    cache_key = f"events-api:{etag}"
    body = cache.get(cache_key)
    if body is None:
        body = _events_body(request, place, state, query)
        if len(body) <= EVENTS_CACHE_MAX_BYTES:
            cache.set(cache_key, body, EVENTS_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=60"
    return response


def _events_body(request: HttpRequest, place: Municipality, state: CalendarSettings, query: EventQuery) -> bytes:
    """The answer as JSON. It depends only on the path (with its query) and the events version, which the ETag
    names, so it is kept in the cache under the ETag: a repeated request costs a lookup, a change of any event
    makes a new ETag."""
    tz = recurrence.zone(DEFAULT_TIME_ZONE)
    first = dt.datetime.combine(query.start, dt.time(0), tzinfo=tz)
    last = dt.datetime.combine(query.end + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    filters = event_selectors.EventFilters(categories=tuple(query.category), organisation=query.organisation,
                                           language=query.language or "", free=query.free)
    rows, total, categories = event_selectors.occurrence_rows(
        place, first, last, filters, offset=(query.page - 1) * query.page_size, limit=query.page_size, state=state)
    url_of = request.build_absolute_uri(reverse("portal:event_detail", kwargs={"municipality": place.slug,
                                                                               "pk": 999999999}))
    zones: dict[str, ZoneInfo] = {}
    answer = {"count": total, "page": query.page, "pages": max(1, -(-total // query.page_size)),
              "page_size": query.page_size, "items": [_occurrence_item(r, url_of, zones, categories) for r in rows]}
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()

