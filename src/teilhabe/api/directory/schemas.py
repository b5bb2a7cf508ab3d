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


class ProfileLinkOut(Out):
    label: str = Field(description="Linktext / link text")
    url: str = Field(description="Adresse (http, https) / address")


class ContactOut(Out):
    """Nur mit Einwilligung veröffentlicht / published only with consent."""

    person: str = Field(description="Ansprechperson / contact person")
    email: str = Field(description="E-Mail / e-mail")
    phone: str = Field(description="Telefon / phone")


class OrganisationOut(Out):
    id: int = Field(description="Id der Organisation / the organisation's id")
    name: str = Field(description="Name der Organisation / name")
    kind: str = Field(description="Art: " + ", ".join(Organisation.Kind.values))
    kind_label: str = Field(description="Art, deutsch / kind, in German")
    short_description: str = Field(description="Kurzbeschreibung / short description")
    description_html: str = Field(description="Bereinigtes HTML (h2–h4, p, Listen, Links) / sanitised HTML")
    languages: list[str] = Field(description="Sprachcodes / language codes")
    fields_of_activity: list[str] = Field(description="Arbeitsfelder: " + ", ".join(FieldOfActivity.values))
    target_groups: list[RefOut] = Field(description="Zielgruppen / target groups")
    district: str = Field(description="Stadtteil / district")
    address: str = Field(description="Adresse / address")
    opening_hours: str = Field(description="Öffnungszeiten / opening hours")
    website: str = Field(description="Website / website")
    contact: ContactOut | None = Field(description="null ohne Einwilligung / null without consent")
    logo_url: str | None = Field(description="Logo (PNG, höchstens 512 px) oder null / logo or null")
    logo_alt: str = Field(description="Alternativtext des Logos / the logo's alternative text")
    links: list[ProfileLinkOut] = Field(description="Links / links")
    updated_at: str = Field(description="ISO 8601")


class OrganisationPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    items: list[OrganisationOut] = Field(description="Die Organisationen dieser Seite / this page's organisations")


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
