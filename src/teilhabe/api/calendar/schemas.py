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
