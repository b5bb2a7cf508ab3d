"""The plan tree and the measure list run a fixed number of SQL queries, whatever the size of the plan and
of the page (small plan vs. a ten times larger one, page sizes 5 and 200)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bench.plan import PlanData
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.tenancy import across_municipalities
from teilhabe.plans import services
from teilhabe.plans.models import Goal, Measure, Organisation, OrgUnit, StatusOption
from tests.api.conftest import Api, api_path

MAX_QUERIES = 12  # session, user and membership included


@pytest.fixture(autouse=True)
def _across_synthetic_municipalities() -> Iterator[None]:
    """These tests compare two synthetic municipalities (the benchmark's builder) side by side:
    their setup reads across tenants on purpose; the requests they measure run in their own scope."""
    with across_municipalities():
        yield


def count(api: Api, path: str, **query: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, **query)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@pytest.fixture
def small_and_large(make_plan: Any, api_for: Any) -> tuple[tuple[PlanData, Api], tuple[PlanData, Api]]:
    small = make_plan(fields=2, goals_per_field=5, measures_per_goal=2, slug="klein")  # 20 measures
    large = make_plan(fields=5, goals_per_field=10, measures_per_goal=4, slug="gross")  # 200 measures
    goals = list(Goal.objects.filter(edition_id=large.edition_id)[:3])
    for measure in Measure.objects.filter(edition_id=large.edition_id)[:20]:  # several goals and partners
        measure.goals.add(*goals)
        measure.partner_org_units.add(*OrgUnit.objects.filter(municipality_id=measure.municipality_id)[:2])
    return (small, api_for(small.user)), (large, api_for(large.user))


def _queries(data: PlanData, **page: Any) -> dict[str, dict[str, Any]]:
    goal = Goal.objects.filter(edition_id=data.edition_id, parent=None).first()
    status = StatusOption.objects.filter(municipality__slug=data.slug).first()
    # leads that do lead measures, so that both sizes run the page query (an empty result skips it)
    unit = OrgUnit.objects.filter(municipality__slug=data.slug, led_measures__isnull=False).first()
    org = Organisation.objects.filter(municipality__slug=data.slug, led_measures__isnull=False).first()
    assert goal and status and unit and org
    return {
        "plain": {**page},
        "sorted_by_lead": {"ordering": "-lead", **page},
        "filtered": {"goal": goal.pk, "status": status.pk, "q": "Maßnahme", "key_project": "false",
                     "ordering": "title", **page},
        "by_unit": {"lead": f"u{unit.pk}", "edition": data.edition_id, **page},
        "by_org": {"lead": f"o{org.pk}", "field": goal.field_id, **page},
    }


def test_measure_list_queries_do_not_grow(small_and_large: Any) -> None:
    (small, small_api), (large, large_api) = small_and_large
    small_queries = _queries(small, page_size=5)
    large_queries = _queries(large, page_size=200, page=1)
    for name in small_queries:
        small_count = count(small_api, api_path("measures", small.slug), **small_queries[name])
        large_count = count(large_api, api_path("measures", large.slug), **large_queries[name])
        assert small_count == large_count, name
        assert large_count <= MAX_QUERIES, (name, large_count)
    assert len(large_api.get(api_path("measures", large.slug), page_size=200).json()["items"]) == 200


def test_tree_queries_do_not_grow(small_and_large: Any) -> None:
    (small, small_api), (large, large_api) = small_and_large
    small_count = count(small_api, api_path(f"editions/{small.edition_id}/tree", small.slug))
    large_count = count(large_api, api_path(f"editions/{large.edition_id}/tree", large.slug))
    assert small_count == large_count
    assert large_count <= MAX_QUERIES
    tree = large_api.get(api_path(f"editions/{large.edition_id}/tree", large.slug)).json()
    assert tree["measure_count"] == large.measures


def test_plans_list_queries_do_not_grow(small_and_large: Any) -> None:
    (small, small_api), (large, large_api) = small_and_large
    assert count(small_api, api_path("plans", small.slug)) == count(large_api, api_path("plans", large.slug))


def test_measure_and_history_queries_do_not_grow_with_history(api_for: Any, koordination: Any, coord_actor: Any,
                                                              own_measure: Measure) -> None:
    api = api_for(koordination)
    path = api_path(f"measures/{own_measure.pk}")
    before = count(api, path), count(api, f"{path}/history")
    measure = own_measure
    for i in range(10):
        measure = services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                          values={"description": f"Stand {i}"})
    assert (count(api, path), count(api, f"{path}/history")) == before
