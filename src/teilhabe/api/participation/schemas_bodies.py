"""What the endpoints of bodies and meetings send and accept (teilhabe.api.participation.endpoints_bodies)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Path
from pydantic import Field as OutField
from pydantic import ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from teilhabe.api.schemas import (
    MAX_ID,
    MAX_VERSION,
    Id,
    In,
    Out,
    PlainText,
    QueryIn,
    RefOut,
    RequiredPlainText,
    TextRules,
)

MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 100
MAX_COUNT = 100_000

BodyIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Gremium (Id) / body id")]
MeetingIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Sitzung (Id) / meeting id")]
# HTML that the services sanitise (headings, paragraphs, lists, links); several lines.
RichText = Annotated[str, TextRules(multiline=True)]
MeetingKind = Literal["kick_off", "workshop", "focus_group_round", "citizens_forum", "expert_workshop",
                      "multiplier_meeting", "conference", "body_session"]
MeetingFormat = Literal["in_person", "online", "hybrid"]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class _PageQuery(QueryIn):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 1000) / items per page (at most 1000)")


class BodyQuery(_PageQuery):
    kind: str | None = Field(None, max_length=20, pattern=r"^[a-z_]+$",
                             description="Art des Gremiums, z. B. working_group / kind of body")


class MeetingQuery(_PageQuery):
    """`from` and `to` are the parameter names on the wire (Python keywords, hence the aliases)."""

    body: Id | None = Field(None, description="Gremium (Id) / body (id)")
    kind: MeetingKind | None = Field(None, description="Art der Sitzung / kind of meeting")
    from_: str | None = Field(None, alias="from", pattern=DATE_PATTERN,
                              description="Beginn ab diesem Tag (JJJJ-MM-TT) / starting on or after this day")
    to: str | None = Field(None, pattern=DATE_PATTERN,
                           description="Beginn bis zu diesem Tag (JJJJ-MM-TT) / starting on or before this day")

    def day(self, name: str) -> dt.date | None:
        """The day of `from_` or `to`; a date that does not exist (2027-02-30) is a 422 naming the parameter."""
        value = getattr(self, name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({name.rstrip("_"): [_("Diesen Tag gibt es nicht.")]}) from None

    @model_validator(mode="after")
    def _no_unknown_parameters(self, info: ValidationInfo) -> MeetingQuery:
        """As QueryIn's, with the parameters' names on the wire (`from`)."""
        request = (info.context or {}).get("request")
        known = {field.alias or name for name, field in type(self).model_fields.items()}
        unknown = sorted(set(getattr(request, "GET", {})) - known)
        if unknown:
            raise PydanticCustomError("unknown_parameter", "{message}", {
                "parameter": unknown[0][:40], "message": "Unbekannter Parameter: " + ", ".join(
                    n[:40] for n in unknown[:5]) + "."})
        return self


class BodyMemberOut(Out):
    function: str = Field(description="Funktion: chair, moderator, contact, member, guest / function")
    name: str = Field(description="Name / name")
    organisation: str = Field(description="Organisation oder Stelle / organisation")


class BodyOut(Out):
    id: int
    name: str = Field(description="Name des Gremiums / name")
    kind: str = Field(description="Art: steering_group, working_group, focus_group, round_table, "
                                  "migration_council, expert_panel, other / kind")
    kind_label: str = Field(description="Art (Deutsch) / kind (German)")
    purpose: str = Field(description="Auftrag und Zweck, HTML (bereinigt) / purpose, sanitised HTML")
    fields_of_action: list[RefOut] = Field(description="Handlungsfelder / fields of action")
    active_from: str | None = Field(description="aktiv seit (ISO 8601) / active from")
    active_until: str | None = Field(description="aktiv bis (ISO 8601) / active until")
    public: bool = Field(description="öffentlich (im Portal) / public")
    members: list[BodyMemberOut] | None = OutField(
        default=None, description="Mitglieder: öffentlich nur Vorsitz und Ansprechpersonen; nur in der Einzelansicht / "
                          "members: publicly only chairs and contact persons; only for one body")
    other_members: int | None = OutField(default=None,
                                         description="Zahl der weiteren (nicht genannten) Mitglieder / "
                                                        "number of members not named")


class BodyPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    items: list[BodyOut] = Field(description="Gremien / bodies")


class AttendanceOut(Out):
    total: int = Field(description="insgesamt / in total")
    women: int = Field(description="Frauen / women")
    men: int = Field(description="Männer / men")
    diverse: int = Field(description="divers / diverse")
    from_administration: int = Field(description="aus der Verwaltung / from the administration")
    from_politics: int = Field(description="aus der Politik / from politics")
    from_migrant_organisations: int = Field(description="aus Migrantenorganisationen / from migrant organisations")
    from_associations: int = Field(description="aus Vereinen und Verbänden / from associations")
    from_institutions: int = Field(description="aus Einrichtungen / from institutions")
    citizens: int = Field(description="Bürger*innen / citizens")
    version: int = Field(description="Version der Zählung / version of the counts")


class MeetingSessionOut(Out):
    id: int
    title: str = Field(description="Titel der Teilsitzung / title of the session")
    round: int = Field(description="Runde / round")
    table: str = Field(description="Tisch oder Raum / table or room")
    body: RefOut | None = Field(description="Gremium, das hier tagt / body meeting here")
    attendance: AttendanceOut | None = Field(description="Teilnahme (Zahlen) / attendance (counts)")


class DecisionOut(Out):
    id: int
    text: str = Field(description="Beschluss / decision")
    responsible: str = Field(description="zuständig / responsible")
    due_on: str | None = Field(description="bis (ISO 8601) / due on")
    status: str = Field(description="open, in_progress, done, dropped")


class MeetingOut(Out):
    id: int
    title: str = Field(description="Titel / title")
    kind: str = Field(description="Art der Sitzung / kind of meeting")
    kind_label: str = Field(description="Art (Deutsch) / kind (German)")
    body: RefOut | None = Field(description="Gremium / body")
    starts_at: str = Field(description="Beginn (ISO 8601) / start")
    ends_at: str = Field(description="Ende (ISO 8601) / end")
    format: str = Field(description="in_person, online, hybrid")
    place: str = Field(description="Ort / place")
    public: bool = Field(description="öffentlich / public")
    state: str = Field(description="planned, invited, held, cancelled")
    version: int = Field(description="Version (für Änderungen) / version (for changes)")
    url: str | None = Field(description="Seite im Portal (öffentliche Sitzungen) / page on the portal")
    agenda: str | None = OutField(default=None,
                                  description="Tagesordnung, HTML; nur in der Einzelansicht / agenda, HTML; "
                                                 "only for one meeting")
    description: str | None = OutField(default=None,
                                       description="Beschreibung, HTML; nur in der Einzelansicht / description")
    minutes: str | None = OutField(default=None, description="Protokoll, HTML, sobald veröffentlicht (intern: immer) / "
                                                  "minutes once published")
    sessions: list[MeetingSessionOut] | None = OutField(default=None,
                                                        description="Parallele Teilsitzungen / parallel sessions")
    attendance: AttendanceOut | None = OutField(default=None, description="Teilnahme der ganzen Sitzung / attendance")
    decisions: list[DecisionOut] | None = OutField(default=None, description="Beschlüsse / decisions")


class MeetingPageOut(Out):
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite / this page")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    items: list[MeetingOut] = Field(description="Sitzungen / meetings")


class MeetingCreateIn(In):
    title: RequiredPlainText = Field(max_length=200, description="Titel / title")
    kind: MeetingKind = Field("workshop", description="Art / kind")
    body_id: Id | None = Field(None, description="Gremium (Id); Moderation: Pflicht, eines der eigenen / body")
    starts_at: dt.datetime = Field(description="Beginn (ISO 8601) / start")
    ends_at: dt.datetime = Field(description="Ende (ISO 8601) / end")
    format: MeetingFormat = Field("in_person", description="Form / format")
    place: PlainText = Field("", max_length=300, description="Ort / place")
    agenda: RichText = Field("", max_length=20_000, description="Tagesordnung, HTML oder Text / agenda")
    description: RichText = Field("", max_length=20_000, description="Beschreibung, HTML oder Text / description")
    public: bool = Field(False, description="öffentlich / public")


class MeetingPatchIn(In):
    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")
    title: RequiredPlainText | None = Field(None, max_length=200, description="Titel / title")
    kind: MeetingKind | None = Field(None, description="Art / kind")
    starts_at: dt.datetime | None = Field(None, description="Beginn / start")
    ends_at: dt.datetime | None = Field(None, description="Ende / end")
    format: MeetingFormat | None = Field(None, description="Form / format")
    place: PlainText | None = Field(None, max_length=300, description="Ort / place")
    agenda: RichText | None = Field(None, max_length=20_000, description="Tagesordnung / agenda")
    description: RichText | None = Field(None, max_length=20_000, description="Beschreibung / description")
    public: bool | None = Field(None, description="öffentlich / public")


class AttendanceIn(In):
    version: int = Field(0, ge=0, le=MAX_VERSION, description="Version der Zählung, die Sie gelesen haben; 0 = "
                                                              "noch keine / version of the counts you read")
    session_id: Id | None = Field(None, description="Teilsitzung (Id); ohne: die ganze Sitzung / session")
    total: Count = Field(description="insgesamt / in total")
    women: Count = Field(0, description="Frauen / women")
    men: Count = Field(0, description="Männer / men")
    diverse: Count = Field(0, description="divers / diverse")
    from_administration: Count = Field(0, description="aus der Verwaltung / from the administration")
    from_politics: Count = Field(0, description="aus der Politik / from politics")
    from_migrant_organisations: Count = Field(0, description="aus Migrantenorganisationen / from migrant "
                                                             "organisations")
    from_associations: Count = Field(0, description="aus Vereinen und Verbänden / from associations")
    from_institutions: Count = Field(0, description="aus Einrichtungen / from institutions")
    citizens: Count = Field(0, description="Bürger*innen / citizens")
