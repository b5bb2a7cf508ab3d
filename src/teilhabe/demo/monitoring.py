"""The demo's integration and gender monitoring, built through the monitoring services like the back office or
an import would: indicators (with their breakdowns, sources, series breaks, and targets on success indicators
linked to goals and measures of the demo plan), observations written as one batch per indicator of origin
"Demodaten", and rates computed from the counts (define_rate).

It runs before the reporting rounds, so that a round asks about the monitoring indicators linked to its
measures and its close writes the achieved values into them (teilhabe.monitoring.round_values). Like the rest
of the demo it runs once per municipality: the loader skips a municipality that exists already."""

from __future__ import annotations

from decimal import Decimal

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.demo.specs import IndicatorSpec, MonitoringSpec, MunicipalitySpec
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction, ImportBatch, Indicator, Unit
from teilhabe.monitoring.periods import parse_period
from teilhabe.plans.models import Edition, Goal, Measure


def build_monitoring(spec: MunicipalitySpec, municipality: Municipality, edition: Edition, actor: Actor) -> None:
    """Every indicator and rate of `spec.monitoring`, linked to the goals and measures of `edition`."""
    monitoring = spec.monitoring
    if monitoring is None:
        return
    goals = {g.title: g for g in Goal.objects.filter(field__edition=edition).select_related("field")}
    measures = {m.reference: m for m in Measure.objects.filter(edition=edition).select_related("field")}
    made: dict[str, Indicator] = {}
    for indicator_spec in monitoring.indicators:
        made[indicator_spec.key] = _indicator(actor, municipality, monitoring, indicator_spec, goals, measures)
    for rate in monitoring.rates:
        services.define_rate(
            actor=actor, municipality=municipality, key=rate.key, name=rate.name, numerator=made[rate.numerator],
            denominator=made[rate.denominator], per=rate.per,
            extra={"definition": rate.definition, "is_published": rate.published,
                   "source": made[rate.numerator].source, "fields": list(made[rate.numerator].fields.all())},
        )


def _indicator(actor: Actor, municipality: Municipality, monitoring: MonitoringSpec, spec: IndicatorSpec,
               goals: dict[str, Goal], measures: dict[str, Measure]) -> Indicator:
    linked_goals = [goals[title] for title in spec.goals]
    linked_measures = [measures[reference] for reference in spec.measures]
    fields = {g.field_id: g.field for g in linked_goals} | {m.field_id: m.field for m in linked_measures}
    values = {
        "key": spec.key, "name": spec.name, "definition": spec.definition, "unit": Unit.COUNT,
        "unit_label": spec.unit_label, "source": spec.source, "method_notes": spec.method_notes,
        "dimensions": list(spec.dimensions), "kind": spec.kind, "goals": linked_goals, "measures": linked_measures,
        "fields": list(fields.values()), "direction": spec.direction or Direction.NONE,
        "is_published": spec.published,
    }
    if spec.baseline is not None:
        values.update(baseline_period=spec.baseline[0], baseline_value=Decimal(spec.baseline[1]))
    if spec.target is not None:
        values.update(target_period=spec.target[0], target_value=Decimal(spec.target[1]))
    indicator = services.create_indicator(actor=actor, municipality=municipality, values=values)
    rows = []
    for series in spec.series:
        for period, value in series.values:
            canonical, start = parse_period(period)
            rows.append(services.ObservationRow(
                period=canonical, period_start=start, value=Decimal(value), breakdown=dict(series.breakdown),
                source=spec.source))
    if rows:
        services.write_observations(actor=actor, indicator=indicator, rows=rows, origin=ImportBatch.Origin.DEMO,
                                    label=f"{monitoring.source_note} ({spec.source})" if spec.source
                                    else monitoring.source_note)
    for period, note in spec.breaks:
        services.add_series_break(actor=actor, indicator=indicator, period=period, note=note)
    return indicator
