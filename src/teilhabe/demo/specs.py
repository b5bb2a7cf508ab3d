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


Value = int | Decimal


@dataclass(frozen=True)
class SeriesSpec:
    """The values of one breakdown of an indicator: `breakdown` as (dimension, category code) pairs, () for the
    total; `values` as (period, value) pairs."""

    breakdown: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class IndicatorSpec:
    """A monitoring indicator of the demo with its observations (written as demo data, origin "demo")."""

    key: str
    name: str
    series: tuple[SeriesSpec, ...]
    unit_label: str = "Personen"
    definition: str = ""
    source: str = ""
    dimensions: tuple[str, ...] = ()
    kind: str = "monitoring"  # a teilhabe.monitoring.models.Kind value
    goals: tuple[str, ...] = ()  # titles of goals of the demo plan (success indicators)
    measures: tuple[str, ...] = ()  # references of measures of the demo plan (success indicators)
    baseline: tuple[str, Value] | None = None  # (period, value)
    target: tuple[str, Value] | None = None  # (period, value)
    direction: str = "none"  # a teilhabe.monitoring.models.Direction value
    published: bool = True
    breaks: tuple[tuple[str, str], ...] = ()  # (period, note): series breaks such as the census 2022
    method_notes: str = ""


@dataclass(frozen=True)
class RateSpec:
    """A rate computed from two count indicators of the same spec (teilhabe.monitoring.services.define_rate)."""

    key: str
    name: str
    numerator: str  # key
    denominator: str  # key
    per: int = 100
    definition: str = ""
    published: bool = True


@dataclass(frozen=True)
class MonitoringSpec:
    indicators: tuple[IndicatorSpec, ...]
    rates: tuple[RateSpec, ...] = ()
    source_note: str = "Demodaten: erfundene, plausible Werte"


def yearly(first: int, values: tuple[Value, ...], breakdown: tuple[tuple[str, str], ...] = ()) -> SeriesSpec:
    """One value a year from `first` on."""
    return SeriesSpec(breakdown=breakdown, values=tuple((str(first + i), v) for i, v in enumerate(values)))


def split(first: int, totals: tuple[int, ...], dimension: str, part: str, rest: str,
          shares: tuple[float, ...] | float) -> tuple[SeriesSpec, ...]:
    """The total and its two parts (e.g. weiblich / männlich), the first part being `shares` of the total
    (one share, or one a year), rounded to whole persons; the parts always add up to the total."""
    each = shares if isinstance(shares, tuple) else (shares,) * len(totals)
    parts = tuple(round(total * share) for total, share in zip(totals, each, strict=True))
    return (
        yearly(first, totals),
        yearly(first, parts, ((dimension, part),)),
        yearly(first, tuple(t - p for t, p in zip(totals, parts, strict=True)), ((dimension, rest),)),
    )


def by_sex(first: int, totals: tuple[int, ...], female: tuple[float, ...] | float) -> tuple[SeriesSpec, ...]:
    return split(first, totals, "sex", "female", "male", female)


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
    monitoring: MonitoringSpec | None = None  # the municipality's small integration and gender monitoring


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


def by_nationality_and_sex(first: int, totals: tuple[int, ...], foreign: tuple[float, ...],
                           female: float, foreign_female: float) -> tuple[SeriesSpec, ...]:
    """The total, by nationality, by sex and by both, rounded to whole persons so that every breakdown adds
    up: deutsch + nichtdeutsch = weiblich + männlich = total, and each nationality's women and men add up to it."""
    rows: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for total, share in zip(totals, foreign, strict=True):
        foreigners = round(total * share)
        women = round(total * female)
        foreign_women = round(foreigners * foreign_female)
        cells = {
            (): total,
            (("nationality", "german"),): total - foreigners,
            (("nationality", "foreign"),): foreigners,
            (("sex", "female"),): women,
            (("sex", "male"),): total - women,
            (("nationality", "foreign"), ("sex", "female")): foreign_women,
            (("nationality", "foreign"), ("sex", "male")): foreigners - foreign_women,
            (("nationality", "german"), ("sex", "female")): women - foreign_women,
            (("nationality", "german"), ("sex", "male")): total - foreigners - (women - foreign_women),
        }
        for breakdown, value in cells.items():
            rows.setdefault(breakdown, []).append(value)
    return tuple(yearly(first, tuple(values), breakdown) for breakdown, values in rows.items())
