"""The calendar in the REST API: public, no login.

GET /api/v1/{municipality}/calendar/{year}  the municipality's observances (variants, overrides, own, hidden)
GET /api/v1/calendar/{year}                 the engine's plain result, with ?variant=group:choice"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from teilhabe.calendar import selectors
from teilhabe.calendar.engine.model import Occurrence
from teilhabe.core.models import Municipality

router = Router(tags=["Interkultureller Kalender"])


class ObservanceOut(Schema):
    key: str = Field(description="Stabile Kennung, z. B. eid-al-fitr")
    date: dt.date = Field(description="Erster ganzer Tag")
    end_date: dt.date | None = Field(description="Letzter Tag bei mehrtägigen Festen, sonst null")
    names: dict[str, str] = Field(description="Namen nach Sprachcode (de, en und Sprachen der Gemeinschaft)")
    name_de: str
    community: str = Field(description="Kennung der Gemeinschaft, z. B. islamic")
    community_name_de: str
    provisional: bool = Field(description="Datum hängt von der Mondsichtung oder einer Bekanntgabe ab")
    begins_evening_before: bool = Field(description="Beginnt am Abend vor `date`")
    night: bool = Field(description="Eine Nacht: beginnt am Abend von `date`")
    is_statutory_holiday: bool = Field(description="Gesetzlicher Feiertag im Bundesland der Kommune")
    variant: str | None = Field(description="Gewählte Variante, falls es mehrere gibt")
    description_de: str
    note: str = Field(description="Hinweis der Kommune zu einem abweichenden Datum")


class VariantQuery(Schema):
    variant: list[str] = Field(default_factory=list,
                               description="Variante je Gruppe, z. B. islamic:umm-al-qura; mehrfach möglich")
    land: str | None = Field(default=None, description="Bundesland (ISO-Kürzel, z. B. BW), um Feiertage zu markieren")
    community: str | None = Field(default=None, description="Nur diese Gemeinschaft")


def _check_year(year: int) -> None:
    if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
        raise HttpError(400, f"Das Jahr muss zwischen {selectors.MIN_YEAR} und {selectors.MAX_YEAR} liegen.")


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


@router.get("/calendar/{year}", response=list[ObservanceOut], summary="Feier- und Gedenktage eines Jahres",
            operation_id="calendar_year")
def calendar_year(request: HttpRequest, year: int, filters: Query[VariantQuery]) -> list[ObservanceOut]:
    """Die berechneten Feier- und Gedenktage eines Jahres (1900–2100), ohne Anpassungen einer Kommune."""
    _check_year(year)
    variants: dict[str, str] = {}
    groups = selectors.variant_groups()
    for item in filters.variant:
        group, _sep, choice = item.partition(":")
        if group not in groups or choice not in groups[group].choices:
            known = "; ".join(f"{g.key}: {', '.join(g.choices)}" for g in groups.values())
            raise HttpError(400, f"Unbekannte Variante „{item[:80]}“. Möglich sind {known}.")
        variants[group] = choice
    land = (filters.land or "").upper().removeprefix("DE-")
    if land and land not in {code for code, _name in Municipality._meta.get_field("land").choices or []}:
        raise HttpError(400, "Unbekanntes Bundesland. Erlaubt sind die ISO-Kürzel wie BW, BY, NW.")
    occurrences = selectors.engine_year(year, variants=variants, land=land)
    if filters.community:
        occurrences = [o for o in occurrences if o.community == filters.community]
    return [_out(o, None) for o in occurrences]


@router.get("/{municipality}/calendar/{year}", response=list[ObservanceOut],
            summary="Feier- und Gedenktage einer Kommune", operation_id="municipality_calendar_year")
def municipality_calendar_year(
    request: HttpRequest, municipality: str, year: int, community: str | None = None,
) -> list[ObservanceOut]:
    """Die Feier- und Gedenktage eines Jahres so, wie die Kommune sie zeigt: mit ihren Varianten,
    abweichenden Daten und eigenen Einträgen, ohne ausgeblendete; Feiertage ihres Bundeslandes markiert."""
    _check_year(year)
    found = getattr(request, "municipality", None) or Municipality.objects.filter(slug=municipality).first()
    if found is None:
        raise HttpError(404, "Kommune nicht gefunden.")
    setup = selectors.calendar_setup(found)
    occurrences = selectors.observances_for(found, year, communities=[community] if community else None, setup=setup)
    return [_out(o, setup) for o in occurrences]
