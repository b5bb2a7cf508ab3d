"""What the prioritisation endpoints send and accept (teilhabe.api.participation.endpoints_prioritisation)."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Path

from teilhabe.api.schemas import Id, In, Out, QueryIn, RefOut

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000

PrioritisationIdPath = Annotated[int, Path(ge=1, le=9_223_372_036_854_775_807,
                                           description="Priorisierung (Id) / prioritisation id")]


class PrioritisationQuery(QueryIn):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class PrioritisationProposalOut(Out):
    id: int
    title: str = Field(description="Titel des Vorschlags / proposal title")


class PrioritisationResultRowOut(Out):
    proposal: PrioritisationProposalOut = Field(description="Vorschlag / proposal")
    score: int = Field(description="Punkte (Rangfolge: Borda-Punkte) / points (ranking: Borda count)")
    voters: int = Field(description="Stimmzettel, die ihm Punkte oder einen Rang gaben (Punktabfrage: 0) / "
                                    "ballots giving it points or a rank (dot voting: 0)")
    place: int = Field(description="Platz, gleichauf teilen sich einen Platz / place; ties share one")
    tied: bool = Field(description="gleichauf mit einem anderen Vorschlag / tied with another proposal")


class PrioritisationResultOut(Out):
    ballots: int = Field(description="Stimmzettel (Punktabfrage: Teilnehmende) / ballots (dot voting: participants)")
    method_explained: str = Field(description="Wie gezählt wurde, in Worten / how it was counted, in words")
    published: bool = Field(description="Ergebnis veröffentlicht / result published")
    rows: list[PrioritisationResultRowOut] = Field(description="Vorschläge nach Platz / proposals by place")


class PrioritisationOut(Out):
    id: int
    title: str = Field(description="Titel / title")
    method: str = Field(description="dots (Punktabfrage in der Sitzung), points (Punkte verteilen) oder ranking "
                                    "(Rangfolge) / method")
    audience: str = Field(description="body (Mitglieder des Gremiums) oder public (Öffentlichkeit) / who votes")
    state: str = Field(description="draft, open oder closed / state")
    body: RefOut | None = Field(description="Gremium / body")
    meeting: RefOut | None = Field(description="Sitzung / meeting")
    points_per_person: int = Field(description="Punkte je Person / points per person")
    max_points_per_proposal: int | None = Field(description="höchstens Punkte je Vorschlag / max per proposal")
    opens_at: str | None = Field(description="offen ab (ISO 8601) / opens at")
    closes_at: str | None = Field(description="offen bis (ISO 8601) / closes at")
    result_published_at: str | None = Field(description="Ergebnis veröffentlicht am (ISO 8601) / result published")
    url: str = Field(description="Seite im Portal / portal page")


class PrioritisationPageOut(Out):
    count: int = Field(description="Priorisierungen insgesamt / total")
    page: int = Field(description="diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    items: list[PrioritisationOut] = Field(description="Priorisierungen dieser Seite / this page's items")


class PrioritisationDetailOut(PrioritisationOut):
    proposals: list[PrioritisationProposalOut] = Field(description="Vorschläge zur Wahl / the proposals")
    result: PrioritisationResultOut | None = Field(
        description="Ergebnis: wenn veröffentlicht (für Mitglieder, die Beteiligung sehen, auch vorher) / result: "
                    "when published (members who read participation: also before)")


class PrioritisationChoiceIn(In):
    proposal_id: Id = Field(description="Vorschlag (Id) / proposal id")
    points: int | None = Field(None, ge=0, le=100, description="Punkte (Verfahren points) / points")
    rank: int | None = Field(None, ge=1, le=10_000, description="Rang, 1 ist der wichtigste (Verfahren ranking) / "
                                                                "rank, 1 is first")


class PrioritisationBallotIn(In):
    choices: list[PrioritisationChoiceIn] = Field(max_length=1000, description="Punkte oder Ränge je Vorschlag / "
                                                                                "points or ranks per proposal")


class PrioritisationBallotOut(Out):
    id: int
    submitted_at: str = Field(description="abgegeben (ISO 8601) / submitted at")
