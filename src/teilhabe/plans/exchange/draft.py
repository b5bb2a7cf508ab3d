"""What a file says, independent of its format: XLSX and JSON are read into a PlanDraft, and an export
builds a PlanDraft from the database. Values are already typed; names are not yet resolved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal

from teilhabe.plans.exchange.problems import Problems, Ref
from teilhabe.plans.exchange.values import LeadName

NO_REF = Ref(sheet="", row=0)


@dataclass
class FieldDraft:
    title: str
    description: str = ""
    colour: str | None = None
    ref: Ref = NO_REF


@dataclass
class GoalDraft:
    field: str
    path: tuple[str, ...]
    description: str = ""
    ref: Ref = NO_REF


@dataclass
class ActorDraft:
    """An org unit (is_org_unit) or an organisation, named explicitly with its kind."""

    name: str
    is_org_unit: bool
    kind: str = ""
    parent: str = ""
    short_name: str = ""
    website: str = ""
    ref: Ref = NO_REF


@dataclass
class StatusDraft:
    label: str
    normalised: str
    colour: str = "#6b7280"
    ref: Ref = NO_REF


@dataclass
class MeasureDraft:
    title: str
    field: str
    ref: Ref = NO_REF
    id: int | None = None  # the measure this row updates (written by the export); None: a new measure
    version: int | None = None  # the measure's version at the export
    reference: str = ""
    goals: list[tuple[str, ...]] = dc_field(default_factory=list)
    description: str = ""
    lead: str = ""  # the contact lead (first named)
    co_leads: list[str] = dc_field(default_factory=list)  # further leads (gemeinsame Federführung)
    responsibility_note: str = ""
    # As read from a "Federführung" cell, before planning matches the names (see values.split_leads).
    lead_parts: list[LeadName] = dc_field(default_factory=list)
    lead_cell: str = ""
    lead_role_removed: bool = False
    partners: list[str] = dc_field(default_factory=list)
    target_groups: list[str] = dc_field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    cost: Decimal | None = None
    funding: str = ""
    key_project: bool = False
    status: str = ""
    indicators: list[str] = dc_field(default_factory=list)
    gender_diversity: str = ""
    links: list[str] = dc_field(default_factory=list)


@dataclass
class PlanDraft:
    """Everything a file describes. `column_names` maps internal keys to the names users see in messages
    (German headers for XLSX, JSON keys for JSON), per section."""

    source: str  # "xlsx" or "json"
    filename: str = ""
    title: str = ""
    description: str = ""
    goal_level_names: list[str] = dc_field(default_factory=list)
    edition_name: str = ""
    fields: list[FieldDraft] = dc_field(default_factory=list)
    goals: list[GoalDraft] = dc_field(default_factory=list)
    actors: list[ActorDraft] = dc_field(default_factory=list)
    statuses: list[StatusDraft] = dc_field(default_factory=list)
    measures: list[MeasureDraft] = dc_field(default_factory=list)
    problems: Problems = dc_field(default_factory=Problems)
    warnings: list[str] = dc_field(default_factory=list)
    # section ("measures", "fields", "goals", "actors", "statuses", "plan") → key → name shown to users
    column_names: dict[str, dict[str, str]] = dc_field(default_factory=dict)

    @property
    def has_ids(self) -> bool:
        return any(m.id is not None for m in self.measures)

    def column(self, section: str, key: str) -> str:
        return self.column_names.get(section, {}).get(key, key)
