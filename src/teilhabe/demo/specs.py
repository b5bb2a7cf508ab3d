"""Declarative description of a demo municipality. The loader turns these into data through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from teilhabe.core.roles import Role


@dataclass(frozen=True)
class UnitSpec:
    """An org unit of the administration with its sub-units."""

    name: str
    kind: str
    short_name: str = ""
    children: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    website: str = ""


@dataclass(frozen=True)
class StatusSpec:
    label: str
    normalised: str
    colour: str


@dataclass(frozen=True)
class GoalSpec:
    title: str
    children: tuple[GoalSpec, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class MeasureSpec:
    reference: str
    title: str
    description: str
    goal: str  # title of a goal in the same field; "" for none
    lead: str  # name of an org unit or an organisation: the contact lead
    status: str  # label of a status of the municipality's scheme
    co_leads: tuple[str, ...] = ()  # further leads (gemeinsame Federführung)
    responsibility_note: str = ""
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    cost: Decimal | None = None
    funding: str = ""
    key_project: bool = False
    indicators: tuple[str, ...] = ()
    gender_note: str = ""


@dataclass(frozen=True)
class FieldSpec:
    title: str
    description: str
    colour: str
    goals: tuple[GoalSpec, ...]
    measures: tuple[MeasureSpec, ...]


@dataclass(frozen=True)
class EditionSpec:
    name: str
    adopted_on: dt.date | None = None  # set: the edition is adopted
    council_reference: str = ""
    open_for_comment_to: tuple[Role, ...] = ()  # a draft "zur Beratung freigegeben" for these roles


@dataclass(frozen=True)
class UserSpec:
    role: Role
    first_name: str
    last_name: str
    org_units: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    username: str = ""  # default: <role>.<municipality slug>


@dataclass(frozen=True)
class AnswerSpec:
    """A report of a demo reporting round and how far it got: "accepted", "submitted", "returned" (submitted,
    then given back with `review_comment`), "draft"; reports without an AnswerSpec stay pending (owed)."""

    reference: str  # the measure's reference
    state: str
    status: str = ""  # label of a status of the municipality's scheme; "": the measure's status stands
    progress: str = ""  # Sachstand
    success: str = ""  # a teilhabe.reporting.models.Success value
    reason: str = ""
    values: tuple[str, ...] = ()  # achieved values, in the order of the measure's indicators ("" skips one)
    reached: tuple[int | None, ...] = ()  # total, women, men, diverse
    obstacles: str = ""
    next_steps: str = ""
    review_comment: str = ""
    by_link: bool = False  # answered by the external organisation through its partner link


@dataclass(frozen=True)
class RoundSpec:
    """A reporting round of the demo. Dates are either fixed (a closed round of the past) or counted in days
    from the day the demo is loaded (`*_days_ago`, for the round of this year), so owed reports are late."""

    title: str
    period_start: dt.date
    period_end: dt.date
    answers: tuple[AnswerSpec, ...]
    deadline: dt.date | None = None
    opened_on: dt.date | None = None
    deadline_days_ago: int = 0
    opened_days_ago: int = 0
    closed_on: dt.date | None = None  # set: the round is closed on that day
    published_on: dt.date | None = None
    partner_links: tuple[str, ...] = ()  # organisations that get a personal link
    # After the close, set the measures back to the status of their spec: what happened between this round
    # and today, so that the snapshot of the round and the plan as it stands now differ.
    statuses_since: bool = False


@dataclass(frozen=True)
class MunicipalitySpec:
    slug: str
    name: str
    ags: str
    languages: tuple[str, ...]
    org_units: tuple[UnitSpec, ...]
    organisations: tuple[OrganisationSpec, ...]
    status_scheme: tuple[StatusSpec, ...]
    plan_title: str
    plan_description: str
    goal_levels: tuple[str, ...]
    edition: EditionSpec
    fields: tuple[FieldSpec, ...]
    users: tuple[UserSpec, ...]
    follow_up_edition: str = ""  # name of a Fortschreibung draft to start from the edition
    rounds: tuple[RoundSpec, ...] = ()  # reporting rounds on the adopted edition, oldest first


def month(value: str) -> dt.date:
    """'2011-03' → 1 March 2011; '2011-03-15' → that day."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def measure(
    reference: str, title: str, *, goal: str, lead: str, status: str, desc: str,
    partners: tuple[str, ...] = (), groups: tuple[str, ...] = (), start: str | None = None,
    end: str | None = None, cost: int | None = None, funding: str = "", key: bool = False,
    indicators: tuple[str, ...] = (), gender: str = "", co_leads: tuple[str, ...] = (), note: str = "",
) -> MeasureSpec:
    """Compact constructor for the content modules."""
    return MeasureSpec(
        reference=reference, title=title, description=desc, goal=goal, lead=lead, status=status,
        co_leads=co_leads, responsibility_note=note, partners=partners, target_groups=groups,
        start=month(start) if start else None,
        end=month(end) if end else None, cost=Decimal(cost) if cost is not None else None,
        funding=funding, key_project=key, indicators=indicators, gender_note=gender,
    )


def unit_names(units: tuple[UnitSpec, ...]) -> list[str]:
    names: list[str] = []
    for unit in units:
        names.append(unit.name)
        names.extend(unit_names(unit.children))
    return names
