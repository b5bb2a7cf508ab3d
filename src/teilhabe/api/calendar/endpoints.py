"""The calendar in the REST API: public, no login.

GET /api/v1/{municipality}/calendar/{year}  the municipality's observances (variants, overrides, own, hidden)
GET /api/v1/calendar/{year}                 the engine's plain result, with ?variant=group:choice

Reads go through teilhabe.calendar.selectors; what goes over the wire is in teilhabe.api.calendar.schemas.
A year outside 1900–2100, an unknown variant or Land is a 400 with a German message."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from teilhabe.api.auth import municipality_of
from teilhabe.api.calendar.schemas import LAND_CODES, CommunityQuery, ObservanceOut, VariantQuery, YearPath
from teilhabe.api.schemas import Slug, errors
from teilhabe.calendar import selectors
from teilhabe.calendar.engine.model import Occurrence

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
