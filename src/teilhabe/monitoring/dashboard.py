"""What the monitoring dashboards read: per field of action of an edition, its indicators with their latest
value, target and progress status; and the success indicators of one goal or one measure.

An indicator belongs to a field when it is attached to the field itself, to one of the field's goals or to one
of its measures. Every read runs a fixed number of queries whatever the number of indicators and values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from teilhabe.monitoring.models import Indicator
from teilhabe.monitoring.progress import Progress, has_target, progress_of, reason_without_data
from teilhabe.monitoring.series import Point, values_of
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure


@dataclass
class IndicatorStatus:
    indicator: Indicator
    progress: Progress
    latest: Point | None  # the latest total with a value, with or without a target

    @property
    def reason(self) -> str:
        return reason_without_data(self.indicator, self.progress)

    @property
    def has_target(self) -> bool:
        """Baseline, target and direction given: only then is there a progress status to show."""
        return has_target(self.indicator)


@dataclass
class FieldIndicators:
    field: FieldOfAction | None  # None: indicators attached to no field of this edition
    rows: list[IndicatorStatus] = dc_field(default_factory=list)

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for row in self.rows:
            result[row.progress.status] = result.get(row.progress.status, 0) + 1
        return result


def statuses(indicators: Iterable[Indicator]) -> list[IndicatorStatus]:
    """Indicators with their progress, in their order (one query for the values)."""
    indicators = list(indicators)
    values = values_of(indicators, area="", breakdown_keys=[""])
    result = []
    for i in indicators:
        total = values.get(i.pk, {}).get("", [])
        with_value = [p for p in total if p.value is not None]
        result.append(IndicatorStatus(i, progress_of(i, total), with_value[-1] if with_value else None))
    return result


def _indicators() -> list[Indicator]:
    return list(Indicator.objects.select_related("numerator", "denominator").order_by("position", "name", "pk"))


def field_links(edition: Edition) -> dict[int, set[int]]:
    """indicator id → ids of the edition's fields it belongs to (three small queries)."""
    links: dict[int, set[int]] = {}
    through = Indicator.fields.through.objects.filter(fieldofaction__edition=edition)
    for iid, fid in through.values_list("indicator_id", "fieldofaction_id"):
        links.setdefault(iid, set()).add(fid)
    goals = Indicator.goals.through.objects.filter(goal__edition=edition)
    for iid, fid in goals.values_list("indicator_id", "goal__field_id"):
        links.setdefault(iid, set()).add(fid)
    measures = Indicator.measures.through.objects.filter(measure__edition=edition)
    for iid, fid in measures.values_list("indicator_id", "measure__field_id"):
        links.setdefault(iid, set()).add(fid)
    return links


def dashboard(edition: Edition | None) -> list[FieldIndicators]:
    """Every field of the edition with its indicators, then the indicators attached to none of them."""
    fields = list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk")) if edition else []
    links = field_links(edition) if edition else {}
    groups = {f.pk: FieldIndicators(f) for f in fields}
    rest = FieldIndicators(None)
    for row in statuses(_indicators()):
        owners = links.get(row.indicator.pk, set()) & groups.keys()
        for fid in owners:
            groups[fid].rows.append(row)
        if not owners:
            rest.rows.append(row)
    return [*groups.values(), rest]


def field_dashboard(field_of_action: FieldOfAction) -> FieldIndicators:
    """One field's indicators with their progress."""
    links = field_links(field_of_action.edition)
    wanted = [i for i in _indicators() if field_of_action.pk in links.get(i.pk, set())]
    return FieldIndicators(field_of_action, statuses(wanted))


def indicators_of_goal(goal: Goal) -> list[IndicatorStatus]:
    """The indicators attached to a goal with their progress (two queries)."""
    return statuses(Indicator.objects.filter(goals=goal).select_related("numerator", "denominator")
                    .order_by("position", "name", "pk"))


def indicators_of_measure(measure: Measure) -> list[IndicatorStatus]:
    """The success indicators attached to a measure with their progress (two queries)."""
    return statuses(Indicator.objects.filter(measures=measure).select_related("numerator", "denominator")
                    .order_by("position", "name", "pk"))
