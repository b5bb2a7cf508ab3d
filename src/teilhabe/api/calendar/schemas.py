"""What the calendar endpoints send and receive."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Path

from teilhabe.api.schemas import Documented, Key, Out, QueryIn, Text
from teilhabe.calendar import selectors
from teilhabe.core.validators import BUNDESLAENDER

# The range is checked by the endpoint (400, as before the schema said so).
YearPath = Annotated[int, Path(description=f"Jahr ({selectors.MIN_YEAR}–{selectors.MAX_YEAR}) / year"),
                     Documented(minimum=selectors.MIN_YEAR, maximum=selectors.MAX_YEAR)]
LAND_CODES = sorted(code for code, _name in BUNDESLAENDER.values())


def _either_case(text: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in text)


# An ISO code of a Land in either case, optionally after DE- (empty: none).
LAND_PATTERN = f"^(?:{_either_case('de-')})?(?:{'|'.join(_either_case(code) for code in LAND_CODES)})?$"


def _variants_schema(schema: dict[str, Any]) -> None:
    """The choices of `variant`, read from the engine when the OpenAPI schema is built."""
    groups = selectors.variant_groups()
    schema["items"] = {"type": "string",
                       "enum": [f"{group.key}:{choice}" for group in groups.values() for choice in group.choices]}


class ObservanceOut(Out):
    key: str = Field(description="Stabile Kennung, z. B. eid-al-fitr")
    date: dt.date = Field(description="Erster ganzer Tag")
    end_date: dt.date | None = Field(description="Letzter Tag bei mehrtägigen Festen, sonst null")
    names: dict[str, str] = Field(description="Namen nach Sprachcode (de, en und Sprachen der Gemeinschaft)")
    name_de: str = Field(description="Name auf Deutsch")
    community: str = Field(description="Kennung der Gemeinschaft, z. B. islamic")
    community_name_de: str = Field(description="Name der Gemeinschaft auf Deutsch")
    provisional: bool = Field(description="Datum hängt von der Mondsichtung oder einer Bekanntgabe ab")
    begins_evening_before: bool = Field(description="Beginnt am Abend vor `date`")
    night: bool = Field(description="Eine Nacht: beginnt am Abend von `date`")
    is_statutory_holiday: bool = Field(description="Gesetzlicher Feiertag im Bundesland der Kommune")
    variant: str | None = Field(description="Gewählte Variante, falls es mehrere gibt")
    description_de: str = Field(description="Beschreibung auf Deutsch")
    note: str = Field(description="Hinweis der Kommune zu einem abweichenden Datum")


class CommunityQuery(QueryIn):
    community: Text | None = Field(default=None, max_length=100,
                                   description="Nur diese Gemeinschaft, z. B. jewish / only this community")


class VariantQuery(CommunityQuery):
    variant: list[Key] = Field(default_factory=list, max_length=50, json_schema_extra=_variants_schema,
                               description="Variante je Gruppe, z. B. islamic:umm-al-qura; mehrfach möglich")
    land: Key | None = Field(default=None, max_length=5, json_schema_extra={"pattern": LAND_PATTERN},
                             description="Bundesland (ISO-Kürzel, z. B. BW), um Feiertage zu markieren")


# --- events ------------------------------------------------------------------------------------------------

MAX_EVENTS_PAGE_SIZE = 1000
MAX_EVENTS_RANGE_DAYS = 366


class EventQuery(QueryIn):
    start: dt.date = Field(description="Erster Tag (YYYY-MM-DD) / first day")
    end: dt.date = Field(description="Letzter Tag (YYYY-MM-DD, einschließlich; höchstens 366 Tage nach `start`) / "
                                     "last day, inclusive")
    category: list[Key] = Field(default_factory=list, max_length=20,
                                description="Nur diese Kategorien (Kennung, mehrfach möglich) / category keys")
    organisation: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = Field(
        default=None, description="Nur Termine dieser Organisation (Id) / only this organisation's events")
    language: Key | None = Field(default=None, max_length=20, pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$",
                                 description="Nur Termine in dieser Sprache (Sprachcode) / language code")
    free: bool | None = Field(default=None, description="Nur kostenlose (true) / only free of charge")
    page: int = Field(1, ge=1, le=1_000_000, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(100, ge=1, le=MAX_EVENTS_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class OrganiserOut(Out):
    id: int = Field(description="Id der Organisation oder Verwaltungseinheit")
    name: str = Field(description="Name des Veranstalters / organiser's name")
    kind: str = Field(description="organisation oder org_unit (Verwaltungseinheit)")


class LocationOut(Out):
    name: str = Field(description="Ort / place")
    address: str = Field(description="Adresse / address")
    district: str = Field(description="Stadtteil / district")
    online_url: str = Field(description="Online-Link, leer bei Präsenzterminen")


class CategoryOut(Out):
    key: str = Field(description="Kennung der Kategorie / category key")
    name: str = Field(description="Name der Kategorie (Deutsch) / category name")


class EventOccurrenceOut(Out):
    event_id: int = Field(description="Id des Termins (einer Terminreihe) / the event's id")
    title: str = Field(description="Titel / title")
    start: dt.datetime = Field(description="Beginn, ISO 8601 mit Zeitzonenversatz")
    end: dt.datetime = Field(description="Ende, ISO 8601 mit Zeitzonenversatz (ganztägig: Mitternacht danach)")
    all_day: bool = Field(description="Ganztägig / all day")
    recurrence_id: dt.datetime | None = Field(description="Ursprünglicher Beginn eines Einzeltermins einer Reihe")
    cancelled: bool = Field(description="Dieser Einzeltermin fällt aus")
    moved: bool = Field(description="Dieser Einzeltermin wurde verschoben")
    organisation: OrganiserOut | None = Field(description="Veranstalter / organiser")
    location: LocationOut = Field(description="Ort oder Online-Link / place or online link")
    languages: list[str] = Field(description="Sprachen (Sprachcodes) / language codes")
    categories: list[CategoryOut] = Field(description="Kategorien / categories")
    is_free: bool = Field(description="Kostenlos / free of charge")
    cost: str = Field(description="Kosten / cost")
    registration_required: bool = Field(description="Anmeldung erforderlich / registration required")
    registration_url: str = Field(description="Link zur Anmeldung / registration link")
    accessibility: list[str] = Field(description="Barrierefreiheit: step_free, accessible_toilet, hearing_loop, "
                                                 "sign_language, easy_language, childcare")
    url: str = Field(description="Seite des Termins im Portal")


class EventOccurrencePageOut(Out):
    count: int = Field(description="Einzeltermine im Zeitraum insgesamt / total occurrences")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    items: list[EventOccurrenceOut] = Field(description="Einzeltermine / occurrences")
