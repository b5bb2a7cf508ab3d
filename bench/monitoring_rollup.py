"""The goal-tree roll-up of the monitoring: a plan of 10,000 goals (50 fields × 40 Leitziele × 4 Teilziele), one
measure per goal, one success indicator per goal (with a target on four of five) and 50,000 observations
(five years of totals per indicator). Figures: rollup_10k_ms (median time of monitoring.rollup.rollup over the
whole tree; with rollup_10k_cpu_ms, this process's CPU time), rollup_queries (its SQL queries), rollup_page_10k_ms
and rollup_page_queries (the back office page that shows it: for a tree this large, each field's result with a
link to the field's page)."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

FIELDS = 50
GOALS_PER_FIELD = 200  # 40 Leitziele with 4 Teilziele each
YEARS = (2018, 2019, 2020, 2021, 2022)


@dataclass
class RollupData:
    slug: str
    municipality_id: int
    edition_id: int
    user: Any
    goals: int
    observations: int


def build_rollup() -> RollupData:
    """The plan (bench.plan's builder), adopted; indicators, their goal links and values bulk-inserted."""
    from bench.plan import build_plan
    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.monitoring.models import Direction, Indicator, Kind, Observation
    from teilhabe.plans.models import Edition, Goal

    data = build_plan(fields=FIELDS, goals_per_field=GOALS_PER_FIELD, measures_per_goal=1, slug="bench-rollup-10k")
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        Edition.objects.filter(pk=data.edition_id).update(status=Edition.Status.ADOPTED, adopted_on=dt.date(2024, 1, 1))
        goals = list(Goal.objects.filter(edition_id=data.edition_id).order_by("pk").values_list("pk", flat=True))
        indicators = Indicator.objects.bulk_create(
            Indicator(municipality=municipality, key=f"erfolg-{i}", name=f"Erfolgsindikator {i}", kind=Kind.SUCCESS,
                      baseline_value=Decimal(20), baseline_period="2018",
                      target_value=Decimal(30) if i % 5 else None, target_period="2028",
                      direction=Direction.INCREASE if i % 7 else Direction.DECREASE,
                      weight=Decimal(1 + i % 3), position=i)
            for i in range(len(goals))
        )
        through = Indicator.goals.through
        through.objects.bulk_create(
            through(indicator_id=indicator.pk, goal_id=goal) for indicator, goal in zip(indicators, goals, strict=True)
        )
        Observation.objects.bulk_create(
            (Observation(municipality=municipality, indicator=indicator, period=str(year),
                         period_start=dt.date(year, 1, 1), value=Decimal(20 + (i + year) % 9))
             for i, indicator in enumerate(indicators) for year in YEARS),
            batch_size=5000,
        )
        observations = Observation.objects.count()
    from django.db import connection
    if connection.vendor == "postgresql":  # fresh bulk inserts: give the planner the statistics autovacuum would
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return RollupData(slug=data.slug, municipality_id=municipality.pk, edition_id=data.edition_id, user=data.user,
                      goals=len(goals), observations=observations)


def bench_rollup(harness: Harness) -> Figures:
    from django.db import connection
    from django.urls import reverse
    from django.utils import translation

    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.monitoring.rollup import rollup
    from teilhabe.plans.models import Edition

    data: RollupData = harness.once("rollup_10k", build_rollup)
    assert data.goals == 10_000 and data.observations == 50_000, (data.goals, data.observations)
    with municipality_scope(data.municipality_id), translation.override("de"):
        def run() -> Any:
            return rollup(Edition.objects.get(pk=data.edition_id))

        for _ in range(harness.warmup):
            run()
        executed: list[str] = []
        with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
            result = run()
        assert len(result.goals) == data.goals
        timings, cpu = [], []
        for _ in range(harness.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    url = reverse("backoffice:monitoring_rollup", kwargs={"municipality": data.slug})
    page_ms, page_queries = harness.measure_get(harness.client_for(data.user), url)
    return {"rollup_10k_ms": round(statistics.median(timings), 1),
            "rollup_10k_cpu_ms": round(statistics.median(cpu), 1),  # this process only: less noisy on a busy machine
            "rollup_queries": len(executed) - 1,  # without loading the edition itself
            "rollup_page_10k_ms": page_ms, "rollup_page_10k_cpu_ms": harness.last_cpu_ms,
            "rollup_page_queries": page_queries}


BENCHMARKS = {"monitoring_rollup": bench_rollup}
