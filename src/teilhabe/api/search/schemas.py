"""What the search API sends and accepts."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from teilhabe.api.schemas import Out, QueryIn, Text

MAX_PAGE_SIZE = 1_000
MAX_PAGE = 1_000_000


class SearchQuery(QueryIn):
    q: Text = Field(max_length=200, description="Suchbegriffe / search words")
    language: str = Field("de", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$",
                          description="Sprache der Leserin; Treffer in dieser Sprache zuerst, sonst Deutsch / the "
                                      "reader's language; hits in it first, else German")
    kind: str | None = Field(None, max_length=30, pattern=r"^[a-z_]+$",
                             description="Nur diese Art (plan_measure, plan_field, page, …) / only this kind")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Treffer je Seite (höchstens 1.000) / hits "
                                                                   "per page (at most 1,000)")


class SearchHitOut(Out):
    kind: str = Field(description="Art / kind")
    kind_label: str = Field(description="Art, lesbar / kind, readable")
    object_id: int = Field(description="Id des Gefundenen in seiner Art / id of the thing within its kind")
    language: str = Field(description="Sprache des Treffers / language of the hit")
    title: str = Field(description="Titel / title")
    url: str = Field(description="Öffentliche Adresse (Pfad) / public address (path)")
    date: dt.date | None = Field(description="Datum, wenn es eines gibt / date, if any")
    snippet_html: str = Field(description="Textauszug, gefundene Wörter in <mark> (sonst escaptes HTML) / "
                                          "excerpt, words found in <mark> (otherwise escaped HTML)")


class SearchKindOut(Out):
    kind: str = Field(description="Art: organisation, offer, event, plan_measure, plan_field, page / kind")
    label: str = Field(description="Name der Art in der Sprache der Anfrage / the kind's label")
    count: int = Field(description="Treffer dieser Art / hits of this kind")


class SearchPageOut(Out):
    count: int = Field(description="Treffer insgesamt (der gewählten Art) / total hits (of the chosen kind)")
    page: int = Field(description="Diese Seite (eine Seite hinter dem Ende ergibt die letzte) / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    kinds: list[SearchKindOut] = Field(description="Treffer je Art / hits per kind")
    items: list[SearchHitOut] = Field(description="Die Treffer dieser Seite / the hits of this page")
