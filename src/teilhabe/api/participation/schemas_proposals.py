"""What the proposals' endpoints send and accept (teilhabe.api.participation.endpoints_proposals)."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Field, Path

from teilhabe.api.schemas import MAX_ID, MAX_VERSION, Id, In, Out, QueryIn, RefOut, RequiredPlainText, Text, TextRules

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 100

ProposalIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id des Vorschlags / proposal id")]
# Rich text: sanitised by the service (only headings, paragraphs, lists, emphasis and links are kept).
RichText = Annotated[str, TextRules(multiline=True)]
ProposalStatus = Literal["submitted", "under_consideration", "accepted", "merged", "not_pursued"]
ProposerKind = Literal["organisation", "body", "person", "anonymous"]


class ProposalQuery(QueryIn):
    field_of_action: Id | None = Field(None, description="Handlungsfeld (Id) / field of action (id)")
    status: ProposalStatus | None = Field(None, description="Stand / status")
    body: Id | None = Field(None, description="Gremium (Id): das der Sitzung oder das vorschlagende / body (id)")
    meeting: Id | None = Field(None, description="Sitzung (Id) / meeting (id)")
    moderation: Literal["pending", "published", "rejected"] | None = Field(
        None, description="Freigabe (nur mit Leserecht im Verwaltungsbereich) / moderation (staff only)")
    q: Text | None = Field(None, max_length=200, description="Freitext in Titel, Text und Antwort / free text")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class ProposalMeasureOut(Out):
    id: int = Field(description="Id der Maßnahme / measure id")
    title: str = Field(description="Titel der Maßnahme / measure title")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    status: str = Field(description="Status der Maßnahme (Wort der Kommune) / the measure's status")
    edition: RefOut = Field(description="Ausgabe des Plans / plan edition")


class ProposalMeetingOut(Out):
    id: int = Field(description="Id der Sitzung / meeting id")
    title: str = Field(description="Titel der Sitzung / meeting title")
    starts_at: str = Field(description="Beginn (ISO 8601) / start")


class ProposalOut(Out):
    id: int = Field(description="Id des Vorschlags / proposal id")
    title: str = Field(description="Titel / title")
    text: str = Field(description="Vorschlag, HTML (bereinigt) / the proposal, sanitised HTML")
    field_of_action: RefOut | None = Field(description="Handlungsfeld / field of action")
    origin: str = Field(description="meeting (in einer Sitzung gesammelt) oder online / where it came from")
    meeting: ProposalMeetingOut | None = Field(description="Sitzung, in der er gesammelt wurde / meeting")
    proposer_kind: str = Field(description="organisation, body, person oder anonymous / who proposes")
    proposer: str = Field(description="Wer vorschlägt, als Anzeigename; leer wenn anonym / proposer's name")
    moderation: str = Field(description="pending, published oder rejected / moderation state")
    status: str = Field(description="submitted, under_consideration, accepted, merged oder not_pursued / status")
    answer: str = Field(description="Öffentliche Antwort oder Begründung / public answer or reason")
    merged_into: int | None = Field(description="Id des Vorschlags, in den er aufging / merged into (id)")
    measures: list[ProposalMeasureOut] = Field(description="Maßnahmen, die daraus wurden / resulting measures")
    created_at: str = Field(description="Eingang (ISO 8601) / received")
    version: int = Field(description="Version für Änderungen / version for changes")


class ProposalPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    next_page: int | None = Field(description="Nächste Seite / next page")
    previous_page: int | None = Field(description="Vorige Seite / previous page")
    items: list[ProposalOut] = Field(description="Vorschläge dieser Seite / proposals of this page")


class ProposalCreateIn(In):
    """Ein Vorschlag: aus einer Sitzung eingetragen (`entered`: Moderation für ihre Gremien, Koordination;
    sofort veröffentlicht) oder von einem Gremienmitglied eingereicht (`submitted`; wartet auf Freigabe). /
    A proposal entered from a meeting (published at once) or submitted by a body's member (moderated)."""

    mode: Literal["entered", "submitted"] = Field("entered", description="entered oder submitted / how it comes in")
    title: RequiredPlainText = Field(min_length=1, max_length=200, description="Titel / title")
    text: RichText = Field(min_length=1, max_length=10_000, description="Vorschlag (HTML wird bereinigt) / text")
    field_of_action_id: Id | None = Field(None, description="Handlungsfeld (Id) / field of action (id)")
    meeting_id: Id | None = Field(None, description="Sitzung (Id) / meeting (id)")
    session_id: Id | None = Field(None, description="Teilsitzung (Id) / parallel session (id)")
    proposer_kind: ProposerKind = Field("anonymous", description="Wer vorschlägt / who proposes")
    proposer_body_id: Id | None = Field(None, description="Vorschlagendes Gremium (Id) / proposing body (id)")
    proposer_organisation_id: Id | None = Field(None, description="Vorschlagende Organisation (Id) / organisation")
    proposer_name: RequiredPlainText | None = Field(None, max_length=200,
                                                    description="Name (öffentlich) / public name")


class ProposalPatchIn(In):
    """Stand und öffentliche Antwort (Koordination). `version` ist die gelesene Version (409, wenn jemand
    anderes inzwischen gespeichert hat). / Status and public answer (Koordination); 409 on a concurrent edit."""

    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")
    status: Literal["submitted", "under_consideration", "accepted", "not_pursued"] = Field(
        description="Neuer Stand / new status")
    answer: Annotated[str, TextRules(plain=True, multiline=True)] = Field(
        "", max_length=5000, description="Öffentliche Antwort; Pflicht bei not_pursued / public answer")
