"""The roll-up of a plan edition's goal tree: how far each goal has come, from its success indicators, its
measures and the goals below it — and, for each goal, the arithmetic written out (docs/monitoring-progress.md).

A goal's score is the weighted mean of the scores of its parts, each between 0 and 1:

- each **indicator** attached to the goal counts with its own weight (`Indicator.weight`) and its progress
  score (teilhabe.monitoring.progress: the share of the way from baseline to target, 1 when reached);
- each **measure** attached to the goal counts with the score and weight of its status (MEASURE_STATUS_RULES:
  the status as the plan keeps it, i.e. the latest status accepted in a reporting round);
- each **goal directly below** counts with weight 1 and its own roll-up score.

A part without data — an indicator without baseline, target or a value after the baseline, a goal below with
nothing to count, a measure "nicht weiter verfolgt" — is shown as missing and does **not** count: it is left
out of the numerator and the denominator, never counted as 0. A goal with no part to count has no score.

Each part's score is rounded to two decimals before it is used, and so is the result, so that the arithmetic
shown ("(0,80×2 + 0,50×1) ÷ 3 = 0,70") can be recomputed by hand to the last digit.

Queries: a fixed handful whatever the size of the tree (the plan tree, the indicators with their goal links,
their total values; the rates among them and their counts when there are rates); everything else happens in
Python."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.bulk import collector_paused
from teilhabe.monitoring.models import Indicator, Observation
from teilhabe.monitoring.progress import (
    Progress,
    Status,
    TargetFacts,
    has_target,
    no_target_text,
    no_value_text,
    progress_of,
)
from teilhabe.monitoring.series import Point, values_of
from teilhabe.plans.models import Edition, NormalisedStatus
from teilhabe.plans.selectors import TreeGoal, TreeMeasure, depth_first, plan_tree

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PLACES = Decimal("0.01")
# What the roll-up reads of an indicator: TargetFacts, in its order.
FACT_FIELDS = ("pk", "name", "weight", "baseline_value", "baseline_period", "target_value", "target_period",
               "direction")
GOAL_WEIGHT = Decimal(1)


@dataclass(frozen=True)
class MeasureRule:
    score: Decimal | None  # None: the measure does not count
    weight: Decimal
    explanation: StrOrPromise


# How a measure's status counts in the roll-up of its goals. Documented in docs/monitoring-progress.md.
MEASURE_STATUS_RULES: dict[str, MeasureRule] = {
    NormalisedStatus.PLANNED: MeasureRule(Decimal("0"), Decimal(1), gettext_lazy("noch nicht begonnen")),
    NormalisedStatus.IN_PROGRESS: MeasureRule(Decimal("0.5"), Decimal(1), gettext_lazy("zur Hälfte angerechnet")),
    NormalisedStatus.COMPLETED: MeasureRule(Decimal("1"), Decimal(1), gettext_lazy("voll angerechnet")),
    NormalisedStatus.ROUTINE: MeasureRule(Decimal("1"), Decimal(1), gettext_lazy("voll angerechnet")),
    NormalisedStatus.DISCONTINUED: MeasureRule(
        None, Decimal(0), gettext_lazy("zählt nicht: nicht weiter verfolgt")),
}


def rounded(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(PLACES, rounding=ROUND_HALF_UP)


def decimal_text(value: Decimal, places: int | None = 2) -> str:
    """A number as the page writes it (German: decimal comma); weights without trailing zeros."""
    if places is None:
        value = value.normalize()
        places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
    return number_format(value, places)


@dataclass
class Part:
    """One thing that counts (or would count) in a goal's roll-up."""

    kind: str  # "indicator", "measure", "goal"
    id: int
    label: str
    weight: Decimal
    score: Decimal | None  # rounded to 2 places; None: missing, does not count
    status: str = ""  # indicator: progress Status; measure: NormalisedStatus; goal: ""
    status_label: str = ""
    note: str = ""  # why it does not count, or how its score came about
    progress: Progress | None = None

    @property
    def counts(self) -> bool:
        return self.score is not None and self.weight > 0

    @property
    def product(self) -> Decimal | None:
        return self.score * self.weight if self.counts else None  # type: ignore[operator]


@dataclass
class GoalRollup:
    id: int
    field_id: int
    parent_id: int | None
    title: str
    level_name: str
    depth: int
    parts: list[Part] = field(default_factory=list)
    children: list[GoalRollup] = field(default_factory=list)
    score: Decimal | None = None

    @property
    def counted(self) -> list[Part]:
        return [p for p in self.parts if p.counts]

    @property
    def missing(self) -> list[Part]:
        return [p for p in self.parts if not p.counts]

    @property
    def weight_sum(self) -> Decimal:
        return sum((p.weight for p in self.counted), Decimal(0))

    @property
    def percent(self) -> int | None:
        return None if self.score is None else int((self.score * 100).to_integral_value(ROUND_HALF_UP))

    @property
    def arithmetic(self) -> str:
        """The calculation as a council member can redo it: "(0,80×2 + 0,50×1) ÷ 3 = 0,70"."""
        return arithmetic_of(self.counted, self.score)


def arithmetic_of(parts: list[Part], score: Decimal | None) -> str:
    if score is None:
        return _("Nichts zu berechnen: kein Indikator, keine Maßnahme und kein Unterziel mit Daten.")
    terms = " + ".join(f"{decimal_text(p.score)}×{decimal_text(p.weight, None)}"  # type: ignore[arg-type]
                       for p in parts)
    total = sum((p.weight for p in parts), Decimal(0))
    return f"({terms}) ÷ {decimal_text(total, None)} = {decimal_text(score)}"


def weighted_mean(parts: Iterable[Part]) -> Decimal | None:
    counted = [p for p in parts if p.counts]
    weights = sum((p.weight for p in counted), Decimal(0))
    if not counted or weights == 0:
        return None
    return rounded(sum((p.score * p.weight for p in counted if p.score is not None), Decimal(0)) / weights)


@dataclass
class FieldRollup:
    id: int
    title: str
    colour: str
    goals: list[GoalRollup]
    score: Decimal | None = None

    @property
    def percent(self) -> int | None:
        return None if self.score is None else int((self.score * 100).to_integral_value(ROUND_HALF_UP))

    @property
    def parts(self) -> list[Part]:
        return [_goal_part(g) for g in self.goals]

    @property
    def goal_count(self) -> int:
        """All goals of the field, at every depth."""
        return len(depth_first(self.goals))

    @property
    def arithmetic(self) -> str:
        return arithmetic_of([p for p in self.parts if p.counts], self.score)


@dataclass
class Rollup:
    edition: Edition
    fields: list[FieldRollup]
    goals: dict[int, GoalRollup]

    def goals_in_order(self) -> list[GoalRollup]:
        return depth_first(goal for f in self.fields for goal in f.goals)


class Texts:
    """Translated words the parts repeat, looked up once per roll-up (10,000 gettext calls cost 0,4 s)."""

    def __init__(self) -> None:
        self.status = {s.value: str(s.label) for s in Status}
        self.measure = {key: str(rule.explanation) for key, rule in MEASURE_STATUS_RULES.items()}
        self.no_target = no_target_text()
        self.no_value = no_value_text()
        self.unmapped = _("zählt nicht: Status ohne Zuordnung")
        self.goal_without_data = _("zählt nicht: keine Daten")


def indicator_part(indicator: Indicator | TargetFacts, progress: Progress, texts: Texts | None = None) -> Part:
    texts = texts or Texts()
    score = progress.score
    part = Part("indicator", indicator.pk, indicator.name, Decimal(indicator.weight),
                None if score is None else rounded(score), progress.status, texts.status[progress.status],
                progress=progress)
    if score is None:
        part.note = texts.no_value if has_target(indicator) else texts.no_target
    return part


def measure_part(measure: TreeMeasure, texts: Texts | None = None) -> Part:
    texts = texts or Texts()
    rule = MEASURE_STATUS_RULES.get(measure.status_normalised)
    label = f"{measure.reference} {measure.title}".strip()
    if rule is None:  # a status word without a normalised meaning: nothing to count
        return Part("measure", measure.id, label, Decimal(0), None, measure.status_normalised,
                    measure.status_label, texts.unmapped)
    return Part("measure", measure.id, label, rule.weight, rule.score, measure.status_normalised,
                measure.status_label, texts.measure[measure.status_normalised])


def _goal_part(goal: GoalRollup, texts: Texts | None = None) -> Part:
    note = "" if goal.score is not None else (texts.goal_without_data if texts else _("zählt nicht: keine Daten"))
    return Part("goal", goal.id, goal.title, GOAL_WEIGHT, goal.score, "", goal.level_name, note)


def goal_indicators(edition: Edition) -> tuple[dict[int, TargetFacts], dict[int, list[int]], list[Indicator]]:
    """The indicators attached to the goals of an edition as plain facts, per goal their ids, and the rates
    among them as model instances (their values are computed from their parts): two queries, the second only
    when there are rates. Plain rows, not model instances: 10,000 instances cost half a second."""
    indicators: dict[int, TargetFacts] = {}
    by_goal: dict[int, list[int]] = {}
    rate_ids: list[int] = []
    rows = (Indicator.objects.filter(goals__edition=edition).order_by("position", "name", "pk")
            .values_list("goals__id", *FACT_FIELDS, "numerator_id"))
    for goal_id, pk, name, weight, b_value, b_period, t_value, t_period, direction, numerator_id in rows:
        if pk not in indicators:
            indicators[pk] = TargetFacts(pk, name, weight, b_value, b_period, t_value, t_period, direction)
            if numerator_id is not None:
                rate_ids.append(pk)
        by_goal.setdefault(goal_id, []).append(pk)
    rates = list(Indicator.objects.filter(pk__in=rate_ids)) if rate_ids else []
    return indicators, by_goal, rates


def latest_totals(indicators: Iterable[Indicator | TargetFacts], rates: Iterable[Indicator] = (),
                  *, edition: Edition | None = None) -> dict[int, list[Point]]:
    """Each indicator's latest total with a value (whole municipality, no breakdown) — all that the progress
    method reads of a series: stored counts in one lean query (period and value only), `rates` — or the rates
    among `indicators` — computed from their parts (teilhabe.monitoring.series). With the `edition` whose goals
    the indicators hang on, the database selects them itself (a subquery instead of 10,000 parameters)."""
    indicators = list(indicators)
    rates = list(rates) + [i for i in indicators if isinstance(i, Indicator) and i.is_rate]
    rate_ids = {i.pk for i in rates}
    stored = [i.pk for i in indicators if i.pk not in rate_ids]
    result: dict[int, list[Point]] = {}
    if stored:
        wanted: Any = stored
        if edition is not None:
            wanted = Indicator.goals.through.objects.filter(goal__edition=edition).values("indicator_id")
        values = Observation.objects.filter(indicator_id__in=wanted, area="", breakdown_key="", value__isnull=False)
        if connection.vendor == "postgresql":  # the database keeps only each indicator's latest row
            values = values.order_by("indicator_id", "-period_start", "-period").distinct("indicator_id")
        else:
            values = values.order_by("indicator_id", "period_start", "period")
        latest: dict[int, tuple[str, Decimal]] = {}
        for iid, period, value in values.values_list("indicator_id", "period", "value"):
            latest[iid] = (period, value)  # in period order (PostgreSQL: the latest only): the last one stays
        keep = set(stored)
        result = {iid: [Point(period, value)] for iid, (period, value) in latest.items() if iid in keep}
    if rates:
        for iid, lines in values_of(rates, area="", breakdown_keys=[""]).items():
            result[iid] = [p for p in lines.get("", []) if p.value is not None][-1:]
    return result


def progress_by_indicator(indicators: Iterable[Indicator | TargetFacts], rates: Iterable[Indicator] = (),
                          *, edition: Edition | None = None) -> dict[int, Progress]:
    """Each indicator's progress from its total series (one query for all of them, two with rates)."""
    indicators = list(indicators)
    totals = latest_totals(indicators, rates, edition=edition)
    return {i.pk: progress_of(i, totals.get(i.pk, [])) for i in indicators}


def rollup(edition: Edition, *, measure_status: Mapping[int, str] | None = None) -> Rollup:
    """The roll-up of every goal of `edition`. Measures count by their status in the plan; a caller that knows
    a more recent status (e.g. from reporting) may pass `measure_status` {measure id: NormalisedStatus}."""
    with collector_paused():  # many small objects: see teilhabe.core.bulk
        return _rollup(edition, measure_status)


def _rollup(edition: Edition, measure_status: Mapping[int, str] | None) -> Rollup:
    tree = plan_tree(edition)
    indicators, by_goal, rates = goal_indicators(edition)
    progress = progress_by_indicator(indicators.values(), rates, edition=edition)
    goals: dict[int, GoalRollup] = {}
    texts = Texts()

    def build(node: TreeGoal) -> GoalRollup:
        result = GoalRollup(node.id, node.field_id, node.parent_id, node.title, node.level_name, node.depth)
        goals[node.id] = result
        for iid in by_goal.get(node.id, []):
            result.parts.append(indicator_part(indicators[iid], progress[iid], texts))
        for measure in node.measures:
            if measure_status is not None and measure.id in measure_status:
                measure = TreeMeasure(measure.id, measure.title, measure.reference, measure.status_label,
                                      measure_status[measure.id], measure.lead, measure.is_key_project)
            result.parts.append(measure_part(measure, texts))
        result.children = [build(child) for child in node.children]
        result.parts.extend(_goal_part(child, texts) for child in result.children)
        result.score = weighted_mean(result.parts)
        return result

    fields = []
    for tree_field in tree.fields:
        top = [build(node) for node in tree_field.goals]
        fields.append(FieldRollup(tree_field.id, tree_field.title, tree_field.colour, top,
                                  weighted_mean(_goal_part(g, texts) for g in top)))
    return Rollup(edition=edition, fields=fields, goals=goals)
