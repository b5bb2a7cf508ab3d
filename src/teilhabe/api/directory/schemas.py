"""What the directory's organisations look like over the wire (public, read-only)."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Path

from teilhabe.api.schemas import Id, Key, Out, QueryIn, RefOut, Text
from teilhabe.core.models import Organisation
from teilhabe.directory.models import FieldOfActivity

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
OrganisationIdPath = Annotated[int, Path(ge=1, le=9_223_372_036_854_775_807,
                                         description="Id der Organisation / the organisation's id")]


class LinkOut(Out):
    label: str
    url: str


class ContactOut(Out):
    """Nur mit Einwilligung veröffentlicht / published only with consent."""

    person: str
    email: str
    phone: str


class OrganisationOut(Out):
    id: int = Field(description="Id der Organisation / the organisation's id")
    name: str
    kind: str = Field(description="Art: " + ", ".join(Organisation.Kind.values))
    kind_label: str
    short_description: str
    description_html: str = Field(description="Bereinigtes HTML (h2–h4, p, Listen, Links) / sanitised HTML")
    languages: list[str] = Field(description="Sprachcodes / language codes")
    fields_of_activity: list[str] = Field(description="Arbeitsfelder: " + ", ".join(FieldOfActivity.values))
    target_groups: list[RefOut]
    district: str
    address: str
    opening_hours: str
    website: str
    contact: ContactOut | None = Field(description="null ohne Einwilligung / null without consent")
    logo_url: str | None
    logo_alt: str
    links: list[LinkOut]
    updated_at: str = Field(description="ISO 8601")


class OrganisationPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int
    pages: int
    page_size: int
    items: list[OrganisationOut]


class OrganisationQuery(QueryIn):
    q: Text | None = Field(None, max_length=100, description="Name oder Kurzbeschreibung enthält / name contains")
    language: Key | None = Field(None, max_length=20, description="Sprachcode / language code, e.g. ar")
    field: Key | None = Field(None, max_length=40, description="Arbeitsfeld / field of activity")
    district: Text | None = Field(None, max_length=100, description="Stadtteil / district")
    kind: Key | None = Field(None, max_length=20, description="Art / kind")
    target_group: Id | None = Field(None, description="Zielgruppe (Id) / target group")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Einträge je Seite, höchstens 1000 / items "
                                                                    "per page, at most 1000")
