"""The benchmark suite's plan module works (on a small plan) and its registry finds benchmarks by name."""

from __future__ import annotations

import pytest
from bench import plan as plan_bench
from bench.run import Harness, discover, select


def test_registry_selects_by_module_and_by_name():
    modules = discover()
    assert {"baseline", "plan_tree", "measure_list"} <= set(modules["plan"])
    assert [name for name, _fn in select(modules, ["plan_tree"])] == ["plan_tree"]
    assert {name for name, _fn in select(modules, ["plan"])} == set(modules["plan"])
    with pytest.raises(SystemExit):
        select(modules, ["no_such_benchmark"])


def test_plan_benchmarks_print_their_figures(make_plan):
    harness = Harness(runs=1, warmup=0)
    harness.cache["plan_10k"] = make_plan(fields=3, goals_per_field=5, measures_per_goal=2, slug="benchklein")
    figures = {}
    for benchmark in plan_bench.BENCHMARKS.values():
        figures.update(benchmark(harness))
    assert {"baseline_empty_page_ms", "plan_tree_10k_ms", "plan_tree_10k_queries", "measure_list_ms",
            "measure_list_queries"} <= set(figures)
    assert figures["plan_tree_10k_queries"] <= 10
    assert figures["measure_list_queries"] <= 12  # with the co-leads of the page: two queries
    assert all(isinstance(v, int | float) and v >= 0 for v in figures.values())
