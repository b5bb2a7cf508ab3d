"""What the chronicle's endpoints send and accept (teilhabe.api.participation.endpoints_chronicle)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path

from teilhabe.api.schemas import MAX_VERSION, Id, In, Out, PlainText, QueryIn, RefOut, Text, TextRules

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 100

MilestoneKind = Literal["council_decision", "plan", "event", "participation", "report", "membership", "office",
                        "other"]
MilestonePrecision = Literal["day", "month", "year"]
MilestoneState = Literal["proposed", "published", "dismissed"]
RichText = Annotated[str, TextRules(multiline=True)]
MilestoneIdPath = Annotated[int, Path(ge=1, le=9_223_372_036_854_775_807,
                                      description="Meilenstein (Id) / milestone id")]


class ChronicleQuery(QueryIn):
    year: int | None = Field(None, ge=1900, le=2200, description="nur Meilensteine, die in diesem Jahr beginnen / "
                                                                 "only milestones starting in this year")
    kind: MilestoneKind | None = Field(None, description="Art / kind")
    state: MilestoneState | None = Field(None, description="Stand; ohne: veröffentlichte. Vorgeschlagene und "
                                                           "verworfene nur mit dem Recht, die Chronik zu pflegen / "
                                                           "state; default published; others need "
                                                           "participation.manage_chronicle")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class MilestoneDocumentOut(Out):
    url: str = Field(description="Adresse des Dokuments / the document's address")
    label: str = Field(description="Bezeichnung des Dokuments / the document's label")


class MilestoneOut(Out):
    id: int = Field(description="Id")
    date: str = Field(description="Datum oder Beginn (ISO 8601) / date or start")
    end_date: str | None = Field(description="Ende bei Zeiträumen (ISO 8601) / end of a period")
    precision: MilestonePrecision = Field(description="Genauigkeit: day, month, year / precision")
    when: str = Field(description="Datum, wie es sich liest, z. B. „24. bis 29. September 2014“ / the date as "
                                  "people read it")
    kind: MilestoneKind = Field(description="Art / kind")
    kind_label: str = Field(description="Art als Wort / kind as a word")
    title: str = Field(description="Titel (Deutsch) / title")
    text: str = Field(description="HTML (bereinigt) / sanitised HTML")
    state: MilestoneState = Field(description="Stand / state")
    proposed_by_teilhabe: bool = Field(description="von Teilhabe vorgeschlagen / proposed by Teilhabe")
    edition: RefOut | None = Field(description="Ausgabe des Plans / plan edition")
    meeting: RefOut | None = Field(description="Sitzung / meeting")
    reporting_round: RefOut | None = Field(description="Berichtsrunde / reporting round")
    document: MilestoneDocumentOut | None = Field(description="Dokument / document")
    url: str = Field(description="Stelle in der Chronik im Portal / place in the portal's chronicle")
    version: int = Field(description="Version für Änderungen / version for changes")


class MilestonePageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / pages in total")
    page_size: int = Field(description="Einträge je Seite / items per page")
    next_page: int | None = Field(description="Nächste Seite / next page")
    previous_page: int | None = Field(description="Vorige Seite / previous page")
    items: list[MilestoneOut] = Field(description="Meilensteine, neueste zuerst / milestones, newest first")


class MilestoneFields(In):
    date: dt.date | None = Field(None, description="Datum oder Beginn / date or start")
    end_date: dt.date | None = Field(None, description="Ende bei Zeiträumen / end of a period")
    precision: MilestonePrecision | None = Field(None, description="Genauigkeit / precision")
    kind: MilestoneKind | None = Field(None, description="Art / kind")
    title: PlainText | None = Field(None, min_length=1, max_length=300, description="Titel / title")
    text: RichText | None = Field(None, max_length=20_000,
                                              description="Text; HTML wird bereinigt / text; HTML is sanitised")
    edition_id: Id | None = Field(None, description="Ausgabe des Plans (Id) / plan edition")
    meeting_id: Id | None = Field(None, description="Sitzung (Id) / meeting")
    reporting_round_id: Id | None = Field(None, description="Berichtsrunde (Id) / reporting round")
    document_url: Text | None = Field(None, max_length=200, description="Adresse eines Dokuments / document URL")
    document_label: PlainText | None = Field(None, max_length=200, description="Bezeichnung des Dokuments / "
                                                                               "document label")


class MilestoneCreateIn(MilestoneFields):
    """Ein neuer Meilenstein, gleich veröffentlicht: Datum und Titel sind Pflicht. / A new milestone, published
    at once: date and title are required."""

    date: dt.date = Field(description="Datum oder Beginn / date or start")
    title: PlainText = Field(min_length=1, max_length=300, description="Titel / title")


class MilestonePatchIn(MilestoneFields):
    """Nur die mitgesendeten Felder werden geändert; `state` bestätigt (published) oder verwirft (dismissed)
    einen Vorschlag. / Only the fields sent change; `state` confirms or dismisses a proposal."""

    state: Literal["published", "dismissed"] | None = Field(None, description="published: bestätigen, "
                                                                              "dismissed: verwerfen / confirm or "
                                                                              "dismiss")
    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class MilestoneVersionQuery(QueryIn):
    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")
