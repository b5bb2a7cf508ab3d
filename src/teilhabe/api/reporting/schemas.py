"""What the reporting endpoints send and receive: rounds with their progress, reports for review, an office's
inbox and the answer it writes. Inputs derive from teilhabe.api.schemas.In (every text cleaned); whether a
status id belongs to the municipality or an indicator to the measure is checked when the endpoint translates
the input, and refused with a 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path

from teilhabe.api.plans.schemas import StatusOut
from teilhabe.api.schemas import (
    MAX_ID,
    MAX_VERSION,
    Id,
    In,
    LongPlainText,
    Out,
    QueryIn,
    RefOut,
    TextRules,
)

MAX_LONG_TEXT = 20_000
MAX_PEOPLE = 10_000_000
MAX_INDICATOR_VALUES = 50

RoundIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id der Berichtsrunde / reporting round id")]
ReportIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id des Berichts / report id")]
RoundState = Literal["open", "closed"]
ReportState = Literal["pending", "draft", "submitted", "returned", "accepted"]
SuccessValue = Literal["successful", "partly", "not_successful", "not_yet"]
RoundScope = Literal["all", "fields", "key_projects"]
ReportFilter = Literal["pending", "draft", "submitted", "returned", "accepted", "missing", "late"]


# --- answers --------------------------------------------------------------------------------------------------


class ProgressOut(Out):
    """Fortschritt einer Runde / progress of a round."""

    total: int = Field(description="Berichte insgesamt / reports")
    pending: int = Field(description="Offen, noch nicht begonnen / not started")
    draft: int = Field(description="In Bearbeitung (Entwurf) / draft")
    submitted: int = Field(description="Eingereicht, noch nicht geprüft / submitted")
    returned: int = Field(description="Zurückgegeben / returned")
    accepted: int = Field(description="Angenommen / accepted")
    missing: int = Field(description="Noch nicht eingereicht (offen, Entwurf, zurückgegeben) / not handed in")
    late: int = Field(description="Nach Ablauf der Frist noch nicht eingereicht / owed after the deadline")
    percent_in: int = Field(description="Eingereicht oder angenommen, in Prozent / handed in, per cent")


class GroupProgressOut(Out):
    name: str = Field(description="Stelle bzw. Handlungsfeld; leer = an niemanden gerichtet / office or field "
                                  "of action; empty = addressed to nobody")
    progress: ProgressOut


class RoundOut(Out):
    id: int
    title: str = Field(description="Titel, z. B. „Umsetzungsbericht 2026“ / title")
    plan_id: int = Field(description="Plan (Id) / plan")
    edition_id: int = Field(description="Ausgabe des Plans (Id) / edition of the plan")
    period_start: dt.date = Field(description="Berichtszeitraum von / reporting period from")
    period_end: dt.date = Field(description="Berichtszeitraum bis / reporting period to")
    deadline: dt.date = Field(description="Frist / deadline")
    scope: RoundScope = Field(description="Welche Maßnahmen: alle, ausgewählte Handlungsfelder, "
                                          "Schlüsselprojekte / which measures")
    state: RoundState = Field(description="offen oder abgeschlossen / open or closed")
    state_label: str = Field(description="Stand auf Deutsch / state in German")
    remind_days_before: int = Field(description="Erinnerung so viele Tage vor der Frist; 0 = keine / "
                                                "reminder this many days before the deadline, 0 = none")
    opened_at: dt.datetime = Field(description="Eröffnet / opened")
    closed_at: dt.datetime | None = Field(description="Abgeschlossen / closed")
    published_at: dt.datetime | None = Field(description="Veröffentlicht / published")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")
    progress: ProgressOut


class RoundDetailOut(RoundOut):
    by_office: list[GroupProgressOut] = Field(description="Fortschritt je Stelle (ein Bericht an mehrere Stellen "
                                                          "zählt bei jeder) / progress per office")
    by_field: list[GroupProgressOut] = Field(description="Fortschritt je Handlungsfeld, in der Reihenfolge des "
                                                         "Plans / progress per field of action")


class IndicatorValueOut(Out):
    indicator: str = Field(description="Erfolgsindikator der Maßnahme / success indicator")
    value: str = Field(description="Erreichter Wert / achieved value")


class AnswerOut(Out):
    """Die Antwort einer Stelle / an office's answer."""

    status: StatusOut | None = Field(description="Status / status")
    progress: str = Field(description="Sachstand: was im Berichtszeitraum getan wurde / what was done")
    success: SuccessValue | None = Field(description="Erfolgsbewertung / success assessment")
    success_label: str = Field(description="Erfolgsbewertung auf Deutsch / success in German")
    success_reason: str = Field(description="Begründung der Erfolgsbewertung / reason of the assessment")
    indicator_values: list[IndicatorValueOut] = Field(description="Erreichte Werte / achieved values")
    obstacles: str = Field(description="Hindernisse / obstacles")
    next_steps: str = Field(description="Nächste Schritte / next steps")
    reached_total: int | None = Field(description="Erreichte Personen insgesamt / people reached")
    reached_women: int | None = Field(description="davon Frauen / of them women")
    reached_men: int | None = Field(description="davon Männer / of them men")
    reached_diverse: int | None = Field(description="davon divers / of them diverse")


class ReportOut(Out):
    """Ein Bericht, wie die Koordination ihn prüft: die Antwort nur, wenn er eingereicht oder angenommen ist
    (Entwürfe sieht nur die berichtende Stelle). / A report as reviewed; the answer only once handed in."""

    id: int
    round_id: int = Field(description="Berichtsrunde (Id) / reporting round")
    measure_id: int | None = Field(description="Maßnahme (Id); null, wenn gelöscht / measure, null if deleted")
    reference: str = Field(description="Nr. der Maßnahme / measure number")
    title: str = Field(description="Titel der Maßnahme / measure title")
    field_title: str = Field(description="Handlungsfeld / field of action")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    addressed_org_units: list[RefOut] = Field(description="Gerichtet an Verwaltungseinheiten / addressed units")
    addressed_organisations: list[RefOut] = Field(description="Gerichtet an Organisationen / addressed "
                                                              "organisations")
    state: ReportState = Field(description="Stand / state")
    state_label: str = Field(description="Stand auf Deutsch / state in German")
    submitted_at: dt.datetime | None = Field(description="Zuletzt eingereicht / last submitted")
    reviewed_at: dt.datetime | None = Field(description="Zuletzt geprüft / last reviewed")
    review_comment: str = Field(description="Kommentar der Koordination bei der Rückgabe / comment on return")
    version: int = Field(description="Für accept und return mitzusenden / send with accept and return")
    answer: AnswerOut | None = Field(description="Antwort; null, solange der Bericht nicht eingereicht ist / "
                                                 "the answer; null until handed in")


class InboxItemOut(Out):
    id: int = Field(description="Id des Berichts / report id")
    round_id: int = Field(description="Berichtsrunde (Id) / reporting round")
    round_title: str = Field(description="Titel der Runde / title of the round")
    deadline: dt.date = Field(description="Frist / deadline")
    reference: str = Field(description="Nr. der Maßnahme / measure number")
    title: str = Field(description="Titel der Maßnahme / measure title")
    field_title: str = Field(description="Handlungsfeld / field of action")
    state: ReportState = Field(description="Stand / state")
    state_label: str = Field(description="Stand auf Deutsch / state in German")
    review_comment: str = Field(description="Kommentar der Koordination bei der Rückgabe / comment on return")
    is_late: bool = Field(description="Frist abgelaufen und noch nicht eingereicht / late")
    version: int = Field(description="Version für PUT answer und submit / version for the answer")


class ReportAnswerOut(Out):
    """Ein Bericht für die berichtende Stelle: was gefragt ist und ihre Antwort (auch als Entwurf). / A report
    for the office that answers it: what is asked and its answer, draft included."""

    id: int
    round_id: int = Field(description="Berichtsrunde (Id) / reporting round")
    round_title: str = Field(description="Titel der Runde / title of the round")
    period_start: dt.date = Field(description="Berichtszeitraum von / reporting period from")
    period_end: dt.date = Field(description="Berichtszeitraum bis / reporting period to")
    deadline: dt.date = Field(description="Frist / deadline")
    reference: str = Field(description="Nr. der Maßnahme / measure number")
    title: str = Field(description="Titel der Maßnahme / measure title")
    field_title: str = Field(description="Handlungsfeld / field of action")
    indicators: list[str] = Field(description="Erfolgsindikatoren, zu denen Werte erfragt werden / indicators")
    status_options: list[StatusOut] = Field(description="Mögliche Status (Schema der Kommune) / the "
                                                           "municipality's status options")
    state: ReportState = Field(description="Stand / state")
    state_label: str = Field(description="Stand auf Deutsch / state in German")
    editable: bool = Field(description="Kann noch geändert und eingereicht werden / can still be changed")
    review_comment: str = Field(description="Kommentar der Koordination bei der Rückgabe / comment on return")
    version: int = Field(description="Für PUT answer und submit mitzusenden / send with the answer")
    answer: AnswerOut


# --- inputs ---------------------------------------------------------------------------------------------------

IndicatorName = Annotated[str, TextRules(plain=True, required=True), Field(min_length=1, max_length=500)]
IndicatorValue = Annotated[str, TextRules(plain=True), Field(max_length=500)]
People = Annotated[int, Field(ge=0, le=MAX_PEOPLE)]


class IndicatorValueIn(In):
    indicator: IndicatorName = Field(description="Ein Erfolgsindikator der Maßnahme (genau wie in indicators) / "
                                                 "one of the measure's indicators, exactly as listed")
    value: IndicatorValue = Field(description="Erreichter Wert; leer = keiner / achieved value, empty = none")


class AnswerIn(In):
    """Die ganze Antwort; was fehlt, ist leer. / The whole answer; what is not sent is empty."""

    status_id: Id | None = Field(None, description="Status: Id einer Statusoption der Kommune / status option")
    progress: LongPlainText = Field("", max_length=MAX_LONG_TEXT, description="Sachstand / what was done")
    success: SuccessValue | None = Field(None, description="Erfolgsbewertung / success assessment")
    success_reason: LongPlainText = Field("", max_length=MAX_LONG_TEXT,
                                          description="Begründung (nötig bei teilweise oder nicht erfolgreich) / "
                                                      "reason (needed for partly or not successful)")
    indicator_values: list[IndicatorValueIn] = Field([], max_length=MAX_INDICATOR_VALUES,
                                                     description="Erreichte Werte / achieved values")
    obstacles: LongPlainText = Field("", max_length=MAX_LONG_TEXT, description="Hindernisse / obstacles")
    next_steps: LongPlainText = Field("", max_length=MAX_LONG_TEXT, description="Nächste Schritte / next steps")
    reached_total: People | None = Field(None, description="Erreichte Personen insgesamt / people reached")
    reached_women: People | None = Field(None, description="davon Frauen / of them women")
    reached_men: People | None = Field(None, description="davon Männer / of them men")
    reached_diverse: People | None = Field(None, description="davon divers / of them diverse")


class AnswerPutIn(AnswerIn):
    """Speichert die Antwort als Entwurf (unvollständig erlaubt). `version` ist die gelesene Version (409,
    wenn inzwischen gespeichert). / Saves the answer as a draft; `version` as read (409 if changed since)."""

    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class VersionIn(In):
    """Die gelesene Version (409, wenn inzwischen geändert). / The version you read (409 if changed since)."""

    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class ReturnIn(VersionIn):
    comment: Annotated[str, TextRules(plain=True, multiline=True, required=True)] = Field(
        min_length=1, max_length=MAX_LONG_TEXT, description="Was die Stelle ergänzen oder ändern soll / what the "
                                                            "office should add or change")


class RoundReportsQuery(QueryIn):
    state: ReportFilter | None = Field(None, description="Nur Berichte in diesem Stand; missing = noch nicht "
                                                         "eingereicht, late = überfällig / only reports in this "
                                                         "state; missing = not handed in, late = overdue")

