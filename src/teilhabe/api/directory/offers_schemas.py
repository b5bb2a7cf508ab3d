"""What the offers' endpoints send and accept (teilhabe.api.directory.offers_endpoints)."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Path

from teilhabe.api.schemas import Id, Out, QueryIn, RefOut, Text

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 100
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-zA-Z0-9]{2,8})?$"

OfferIdPath = Annotated[int, Path(ge=1, le=9_223_372_036_854_775_807, description="Angebot (Id) / offer id")]


class OfferQuery(QueryIn):
    category: Id | None = Field(None, description="Kategorie (Id), mit ihren Unterkategorien / category (id), "
                                                  "with its sub-categories")
    language: str | None = Field(None, pattern=LANGUAGE_PATTERN, description="Sprachcode, z. B. fa / language code")
    district: Text | None = Field(None, max_length=100, description="Stadtteil / district")
    target_group: Id | None = Field(None, description="Zielgruppe (Id) / target group (id)")
    free: bool | None = Field(None, description="nur kostenlose (true) oder kostenpflichtige (false) / free of charge")
    online: bool | None = Field(None, description="nur online (true) oder vor Ort (false) / online or in person")
    q: Text | None = Field(None, max_length=200, description="Freitext in Titel, Beschreibung, Ort, Anbieter / "
                                                            "free text")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class OfferCategoryOut(Out):
    id: int
    name: str = Field(description="Name der Kategorie (Deutsch) / category name")
    parent: RefOut | None = Field(description="Oberkategorie / top category")


class AccessibilityOut(Out):
    step_free: bool = Field(description="stufenlos erreichbar / step-free access")
    sign_language: bool = Field(description="mit Gebärdensprache / with sign language")
    childcare: bool = Field(description="mit Kinderbetreuung / with childcare")


class OfferContactOut(Out):
    name: str = Field(description="Ansprechperson / contact person")
    email: str = Field(description="E-Mail-Adresse / e-mail address")
    phone: str = Field(description="Telefon / phone")
    website: str = Field(description="Website des Angebots / the offer's website")


class OfferOut(Out):
    id: int
    title: str = Field(description="Titel (Deutsch) / title")
    description: str = Field(description="HTML (bereinigt) / sanitised HTML")
    category: OfferCategoryOut
    provider: RefOut | None = Field(description="Anbieter: Organisation oder Verwaltungseinheit / provider")
    provider_kind: str | None = Field(description="organisation oder org_unit")
    languages: list[str] = Field(description="Sprachcodes / language codes")
    target_groups: list[RefOut] = Field(description="Zielgruppen / target groups")
    online: bool = Field(description="online / online")
    online_url: str = Field(description="Online-Adresse / online address")
    place: str = Field(description="Ort / Adresse / place or address")
    district: str = Field(description="Stadtteil / district")
    schedule: str = Field(description="Zeiten / Öffnungszeiten (Text) / schedule (text)")
    free: bool = Field(description="kostenlos / free of charge")
    cost: str = Field(description="Kosten (Text) / cost (text)")
    registration_required: bool = Field(description="Anmeldung nötig / registration required")
    registration: str = Field(description="Anmeldung (Text) / how to register")
    accessibility: AccessibilityOut
    contact: OfferContactOut
    last_confirmed: str | None = Field(description="zuletzt bestätigt (ISO 8601) / last confirmed")
    updated_at: str = Field(description="ISO 8601")
    url: str = Field(description="Seite im Portal / page on the portal")


class OfferPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    next_page: int | None = Field(description="Nächste Seite oder null / next page or null")
    previous_page: int | None = Field(description="Vorige Seite oder null / previous page or null")
    items: list[OfferOut] = Field(description="Die Angebote dieser Seite / the offers of this page")
