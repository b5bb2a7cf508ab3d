"""What the plan endpoints send and receive: answers (…Out) and inputs (…In, …Query).

Inputs derive from teilhabe.api.schemas.In, which cleans every text (see there); what a schema cannot know
(whether an id belongs to the municipality, whether the end lies before the start, whether an address
passes the one link validator of teilhabe.plans.links) is checked when the endpoint translates the input
into service values, and refused with a 422 naming the field."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Path
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from teilhabe.api.schemas import (
    MAX_ID,
    MAX_VERSION,
    Id,
    In,
    LongPlainText,
    Out,
    PlainText,
    QueryIn,
    RefOut,
    RequiredPlainText,
    Text,
    TextRules,
)
from teilhabe.plans import selectors

MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000
MAX_LIST_ITEMS = 200
MAX_LINES = 50
MAX_LONG_TEXT = 20_000
MAX_COST = Decimal("999999999999.99")  # DecimalField(max_digits=14, decimal_places=2)
COST_TEXT_PATTERN = r"^[0-9]{1,12}(?:\.[0-9]{1,2})?$"


def _cost_text(value: Any) -> Any:
    """A cost sent as text is a plain decimal (no sign, exponent, spaces or comma); numbers pass on."""
    if isinstance(value, str) and not re.fullmatch(COST_TEXT_PATTERN, value):
        raise PydanticCustomError("decimal_text", _("Bitte geben Sie den Betrag als Dezimalzahl an, z. B. 12500.50."))
    return value


# A number (≥ 0, at most two decimal places) or the same as text, e.g. "12500.50".
Cost = Annotated[
    Decimal, BeforeValidator(_cost_text), Field(ge=0, le=MAX_COST, max_digits=14, decimal_places=2),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": float(MAX_COST), "multipleOf": 0.01},
                              {"type": "string", "pattern": COST_TEXT_PATTERN}]}),
]

NormalisedValue = Literal["planned", "in_progress", "completed", "routine", "discontinued"]
EditionStatus = Literal["draft", "adopted", "archived"]
# The sort keys of plans.selectors.SORT_KEYS, ascending or descending (a test keeps them in step).
MeasureOrdering = Literal[
    "reference", "-reference", "title", "-title", "field", "-field", "status", "-status",
    "lead", "-lead", "start", "-start", "end", "-end",
]
MeasureIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id der Maßnahme / measure id")]
EditionIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Id der Ausgabe / edition id")]



# --- answers ----------------------------------------------------------------------------------------


class EditionOut(Out):
    id: int
    name: str = Field(description="Bezeichnung der Ausgabe, z. B. „Fortschreibung 2025“ / edition name")
    status: EditionStatus = Field(description="Entwurf, beschlossen, archiviert / draft, adopted, archived")
    status_label: str = Field(description="Status auf Deutsch / status in German")
    adopted_on: dt.date | None = Field(description="Datum des Ratsbeschlusses / date of the council decision")
    council_reference: str = Field(description="Drucksache des Beschlusses / reference of the council decision")
    predecessor_id: int | None = Field(description="Ausgabe, aus der diese fortgeschrieben wurde / "
                                                   "edition this one was copied from (Fortschreibung)")
    measure_count: int = Field(description="Zahl der Maßnahmen / number of measures")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")


class PlanOut(Out):
    id: int
    title: str = Field(description="Titel, z. B. „Kommunaler Integrationsplan“ / title")
    description: str = Field(description="Beschreibung / description")
    goal_level_names: list[str] = Field(description="Namen der Zielebenen von oben nach unten / "
                                                    "names of the goal levels, top down")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")
    editions: list[EditionOut] = Field(description="Ausgaben, älteste zuerst / editions, oldest first")


class EditionRefOut(Out):
    id: int
    name: str = Field(description="Bezeichnung der Ausgabe / edition name")
    status: EditionStatus = Field(description="Entwurf, beschlossen, archiviert / draft, adopted, archived")
    plan_id: int = Field(description="Id des Plans / plan id")
    plan_title: str = Field(description="Titel des Plans / plan title")


class TreeMeasureOut(Out):
    id: int
    title: str = Field(description="Titel der Maßnahme / title of the measure")
    reference: str = Field(description="Nummer der Maßnahme / measure number")
    status_label: str = Field(description="Status im Schema der Kommune / status in the municipality's words")
    status: NormalisedValue = Field(description="Vereinheitlichter Status / normalised status")
    lead: str = Field(description="Federführung (Name) / lead (name)")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")


class TreeGoalOut(Out):
    id: int
    title: str = Field(description="Titel des Ziels / title of the goal")
    depth: int = Field(description="Ebene, 0 = oberste / level, 0 = top")
    level_name: str = Field(description="Name der Ebene, z. B. Leitziel / name of the level")
    children: list[TreeGoalOut] = Field(description="Unterziele / sub-goals")
    measures: list[TreeMeasureOut] = Field(description="Maßnahmen zu diesem Ziel / measures linked to this goal")


class TreeFieldOut(Out):
    id: int
    title: str = Field(description="Titel des Handlungsfelds / title of the field of action")
    description: str = Field(description="Beschreibung / description")
    colour: str = Field(description="Farbe (#rrggbb) / colour")
    measure_count: int = Field(description="Maßnahmen im Handlungsfeld / measures in this field")
    goals: list[TreeGoalOut] = Field(description="Zielbaum / goal tree")
    measures: list[TreeMeasureOut] = Field(description="Maßnahmen ohne Ziel in diesem Feld / "
                                                       "measures without a goal in this field")


class TreeOut(Out):
    edition: EditionRefOut
    goal_level_names: list[str] = Field(description="Namen der Zielebenen / names of the goal levels")
    measure_count: int = Field(description="Maßnahmen der Ausgabe / measures of the edition")
    fields: list[TreeFieldOut] = Field(description="Handlungsfelder in ihrer Reihenfolge / fields of action")


class StatusOut(Out):
    id: int = Field(description="Id der Statusoption (für status_id) / id of the status option")
    label: str = Field(description="Status im Schema der Kommune / status in the municipality's words")
    normalised: NormalisedValue = Field(description="Vereinheitlichter Status / normalised status")
    normalised_label: str = Field(description="Vereinheitlichter Status auf Deutsch / normalised status in German")


class LeadOut(Out):
    kind: Literal["org_unit", "organisation"] = Field(description="Verwaltungseinheit oder Organisation / "
                                                                  "org unit or organisation")
    id: int
    name: str = Field(description="Name / name")
    key: str = Field(description="Filterwert für ?lead=: u<id> oder o<id> / value for the lead filter")


class MeasureListItemOut(Out):
    id: int
    reference: str = Field(description="Nr. / number")
    title: str = Field(description="Titel / title")
    field: RefOut = Field(description="Handlungsfeld / field of action")
    status: StatusOut
    lead: LeadOut | None = Field(description="Erstgenannte Federführung (Ansprechstelle) / contact lead")
    leads: list[LeadOut] = Field(description="Alle federführenden Stellen, die Ansprechstelle zuerst / "
                                             "every lead, the contact first")
    start_date: dt.date | None = Field(description="Beginn / start")
    end_date: dt.date | None = Field(description="Ende; null = laufend / end, null = ongoing")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    version: int = Field(description="Version für gleichzeitige Änderungen / version for concurrent edits")


class MeasurePageOut(Out):
    edition_id: int | None = Field(description="Ausgabe der Liste; null, wenn es noch keinen Plan gibt / "
                                               "edition listed, null if there is no plan yet")
    count: int = Field(description="Treffer insgesamt / total matches")
    page: int = Field(description="Diese Seite (eine Seite hinter dem Ende ergibt die letzte) / this page "
                                  "(a page past the end gives the last one)")
    pages: int = Field(description="Seiten insgesamt / number of pages")
    page_size: int = Field(description="Einträge je Seite / items per page")
    next_page: int | None = Field(description="Nächste Seite oder null / next page or null")
    previous_page: int | None = Field(description="Vorige Seite oder null / previous page or null")
    items: list[MeasureListItemOut] = Field(description="Die Maßnahmen dieser Seite / the measures of this page")


class GoalRefOut(Out):
    id: int
    title: str = Field(description="Titel des Ziels / title of the goal")
    field_id: int = Field(description="Handlungsfeld (Id) / field of action")
    parent_id: int | None = Field(description="Übergeordnetes Ziel (Id), null = oberste Ebene / parent goal")
    depth: int = Field(description="Ebene, 0 = oberste / level, 0 = top")
    level_name: str = Field(description="Name der Ebene, z. B. Handlungsziel / name of the level")


class LinkOut(Out):
    title: str = Field(description="Titel (sonst die Adresse) / title (else the address)")
    url: str = Field(description="Adresse / address")


class MeasurePermissionsOut(Out):
    edit: bool = Field(description="Darf die Maßnahme ändern / may change the measure")
    edit_responsibility: bool = Field(description="Darf Handlungsfeld, Federführung und Partner ändern / "
                                                  "may change field, lead and partners")
    delete: bool = Field(description="Darf die Maßnahme löschen / may delete the measure")


class MeasureOut(Out):
    id: int
    plan_id: int = Field(description="Plan (Id) / plan")
    edition_id: int = Field(description="Ausgabe (Id) / edition")
    reference: str = Field(description="Nr. / number")
    title: str = Field(description="Titel / title")
    description: str = Field(description="Beschreibung / description")
    field: RefOut = Field(description="Handlungsfeld / field of action")
    goals: list[GoalRefOut] = Field(description="Ziele mit ihrer Ebene / goals with their level")
    lead: LeadOut | None = Field(description="Erstgenannte Federführung (Ansprechstelle) / contact lead")
    leads: list[LeadOut] = Field(description="Alle federführenden Stellen, die Ansprechstelle zuerst / "
                                             "every lead, the contact first")
    lead_org_unit_id: int | None = Field(description="Erstgenannte federführende Verwaltungseinheit / "
                                                     "contact lead, if an org unit")
    lead_organisation_id: int | None = Field(description="Erstgenannte federführende Organisation / "
                                                         "contact lead, if an organisation")
    co_lead_org_units: list[RefOut] = Field(description="Gemeinsam federführende Verwaltungseinheiten / "
                                                        "further leading org units")
    co_lead_organisations: list[RefOut] = Field(description="Gemeinsam federführende Organisationen / "
                                                            "further leading organisations")
    responsibility_note: str = Field(description="Anmerkung zur Zuständigkeit / note on responsibility")
    partner_org_units: list[RefOut] = Field(description="Partner in der Verwaltung / partner org units")
    partner_organisations: list[RefOut] = Field(description="Partnerorganisationen / partner organisations")
    target_groups: list[RefOut] = Field(description="Zielgruppen / target groups")
    start_date: dt.date | None = Field(description="Beginn / start")
    end_date: dt.date | None = Field(description="Ende; null = laufend / end, null = ongoing")
    cost_estimate: str | None = Field(description="Geschätzte Kosten in EUR als Dezimalzahl, z. B. \"12500.00\" / "
                                                  "estimated cost in EUR")
    funding: str = Field(description="Finanzierung / funding sources")
    is_key_project: bool = Field(description="Schlüsselprojekt / key project")
    status: StatusOut
    gender_diversity_note: str = Field(description="Gender- und Diversity-Aspekte / gender and diversity note")
    indicators: list[str] = Field(description="Erfolgsindikatoren / success indicators")
    links: list[LinkOut] = Field(description="Links")
    predecessor_id: int | None = Field(description="Maßnahme der vorigen Ausgabe / measure in the previous edition")
    created_at: dt.datetime = Field(description="Angelegt / created")
    updated_at: dt.datetime = Field(description="Zuletzt geändert / last changed")
    version: int = Field(description="Für PATCH und DELETE mitzusenden / send with PATCH and DELETE")
    permissions: MeasurePermissionsOut = Field(description="Was die angemeldete Person darf / "
                                                           "what the signed-in user may do")


class FieldChangeOut(Out):
    field: str = Field(description="Feldname / field name")
    label: str = Field(description="Feldbezeichnung auf Deutsch / field label in German")
    old: Any = Field(description="Alter Wert (lesbar) / old value (readable)")
    new: Any = Field(description="Neuer Wert (lesbar) / new value (readable)")


class HistoryEntryOut(Out):
    id: int
    at: dt.datetime = Field(description="Zeitpunkt / time")
    action: str = Field(description="create, update, delete, import, move")
    action_label: str = Field(description="Aktion auf Deutsch / action in German")
    by: str | None = Field(description="Wer (Name); null = System / who; null = the system")
    version: int | None = Field(description="Version nach der Änderung / version after the change")
    changes: list[FieldChangeOut] = Field(description="Geänderte Felder / changed fields")


# --- input schemas ------------------------------------------------------------------------------------------

# http or https, then no whitespace, quotes, angle brackets or control characters: the shape of an address.
# Whether it is one (a valid host, …) decides teilhabe.plans.links.make_link, the validator of forms and imports.
_URL_REFUSED = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\"'<>\\^`{|}\x00-\x1f\x7f-\x9f" \
    r"\u202a-\u202e\u2066-\u2069"
URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^" + _URL_REFUSED + r"]+$"


class LinkIn(In):
    title: PlainText = Field("", max_length=200, description="Titel; leer = Adresse / title, empty = the address")
    url: str = Field(max_length=500, pattern=URL_PATTERN,
                     description="http(s)-Adresse ohne Leerzeichen, Anführungszeichen und spitze Klammern; geprüft "
                                 "wie im Backoffice und beim Import / http(s) address, checked as in the back office "
                                 "and the import")


Indicator = Annotated[str, TextRules(plain=True, required=True), Field(min_length=1, max_length=500)]
# Fields not sent are left alone (see _sent); typed Any so that a field whose type refuses null may default to it.
NOT_SENT: Any = None


class MeasureFields(In):
    """Bearbeitbare Felder einer Maßnahme. Beziehungen als Ids; sie müssen zur Kommune gehören (Ziele und
    Handlungsfeld zur Ausgabe der Maßnahme), sonst 422. / The editable fields of a measure; related objects by
    id, which must belong to the municipality (goals and field: to the measure's edition), else 422."""

    reference: PlainText = Field(NOT_SENT, max_length=30, description="Nr. / number")
    title: RequiredPlainText = Field(NOT_SENT, min_length=1, max_length=300, description="Titel / title")
    description: LongPlainText = Field(NOT_SENT, max_length=MAX_LONG_TEXT, description="Beschreibung / description")
    field_id: Id = Field(NOT_SENT, description="Handlungsfeld (Id) / field of action")
    goal_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS, description="Ziele (Ids) / goals")
    lead_org_unit_id: Id | None = Field(
        NOT_SENT, description="Federführende Verwaltungseinheit (Id); setzt lead_organisation_id auf null, wenn jene "
                          "nicht mitgesendet wird / leading org unit; clears lead_organisation_id unless sent too")
    lead_organisation_id: Id | None = Field(
        NOT_SENT, description="Federführende Organisation (Id); setzt lead_org_unit_id auf null, wenn jene nicht "
                          "mitgesendet wird / leading organisation; clears lead_org_unit_id unless sent too")
    co_lead_org_unit_ids: list[Id] = Field(
        NOT_SENT, max_length=MAX_LIST_ITEMS,
        description="Gemeinsam federführende Verwaltungseinheiten (Ids); verlangt eine erstgenannte Federführung / "
                    "further leading org units; need a contact lead")
    co_lead_organisation_ids: list[Id] = Field(
        NOT_SENT, max_length=MAX_LIST_ITEMS,
        description="Gemeinsam federführende Organisationen (Ids) / further leading organisations")
    responsibility_note: PlainText = Field(NOT_SENT, max_length=500, description="Anmerkung zur Zuständigkeit / "
                                                                                  "note on responsibility")
    partner_org_unit_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS,
                                           description="Partner in der Verwaltung (Ids) / partner org units")
    partner_organisation_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS,
                                               description="Partnerorganisationen (Ids) / partner organisations")
    target_group_ids: list[Id] = Field(NOT_SENT, max_length=MAX_LIST_ITEMS, description="Zielgruppen (Ids) / "
                                                                                     "target groups")
    start_date: dt.date | None = Field(NOT_SENT, description="Beginn (JJJJ-MM-TT) / start")
    end_date: dt.date | None = Field(NOT_SENT, description="Ende (JJJJ-MM-TT), nicht vor dem Beginn; null = laufend / "
                                                           "end, not before the start; null = ongoing")
    cost_estimate: Cost | None = Field(NOT_SENT, description="Geschätzte Kosten in EUR, höchstens zwei "
                                                             "Nachkommastellen / estimated cost in EUR, at most two "
                                                             "decimal places")
    funding: PlainText = Field(NOT_SENT, max_length=500, description="Finanzierung / funding")
    is_key_project: bool = Field(NOT_SENT, description="Schlüsselprojekt / key project")
    status_id: Id = Field(NOT_SENT, description="Status: Id einer Statusoption der Kommune / id of a status option")
    gender_diversity_note: LongPlainText = Field(
        NOT_SENT, max_length=MAX_LONG_TEXT, description="Gender- und Diversity-Aspekte / gender and diversity note")
    indicators: list[Indicator] = Field(NOT_SENT, max_length=MAX_LINES,
                                        description="Erfolgsindikatoren, je einer ein Text / success indicators")
    links: list[LinkIn] = Field(NOT_SENT, max_length=MAX_LINES, description="Links")


class MeasurePatchIn(MeasureFields):
    """Nur die mitgesendeten Felder werden geändert. `version` ist die gelesene Version; hat jemand anderes
    seither gespeichert, antwortet die API mit 409 und dessen Änderungen. / Only the fields sent are changed;
    `version` is the version you read (409 with the other person's changes if someone saved since)."""

    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class MeasureCreateIn(MeasureFields):
    """Eine neue Maßnahme: Ausgabe, Titel und Handlungsfeld sind Pflicht. / A new measure: edition, title and
    field of action are required."""

    edition_id: Id = Field(description="Ausgabe, in die die Maßnahme kommt / edition of the new measure")
    title: RequiredPlainText = Field(min_length=1, max_length=300, description="Titel / title")
    field_id: Id = Field(description="Handlungsfeld (Id) / field of action")


class VersionQuery(QueryIn):
    version: int = Field(ge=0, le=MAX_VERSION, description="Version, die Sie gelesen haben / the version you read")


class MeasureQuery(QueryIn):
    edition: Id | None = Field(None, description="Ausgabe (Id); sonst die beschlossene Ausgabe, für die "
                                                 "Koordination ihr Entwurf / edition; default: the adopted "
                                                 "edition, for Koordination its draft")
    field: Id | None = Field(None, description="Handlungsfeld (Id) / field of action")
    goal: Id | None = Field(None, description="Ziel (Id), mit seinen Unterzielen / goal, with its sub-goals")
    lead: str | None = Field(None, pattern=r"^[uo][0-9]{1,10}$",
                             description="Federführung: u<Id> (Verwaltungseinheit) oder o<Id> (Organisation) / "
                                         "lead: u<id> org unit, o<id> organisation")
    status: Id | None = Field(None, description="Statusoption (Id) / status option")
    key_project: bool | None = Field(None, description="Nur Schlüsselprojekte (true) oder keine (false) / "
                                                       "key projects only, or none")
    q: Text | None = Field(None, max_length=200, description="Freitext in Nr., Titel und Beschreibung / "
                                                             "free text in number, title, description")
    ordering: MeasureOrdering = Field("field", description="Sortierung; „-“ davor = absteigend / "
                                                           "sort key, '-' = descending")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1 / page, from 1")
    page_size: int = Field(selectors.PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                           description="Einträge je Seite (höchstens 200) / items per page (at most 200)")
