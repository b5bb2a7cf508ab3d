"""List pages run a fixed number of SQL queries, whatever the size of the plan (small vs. ten times larger)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.tenancy import across_municipalities
from teilhabe.plans.models import Goal, Measure, StatusOption

MAX_QUERIES = 12  # the measure list: count, page, and the co-leads of the page (two queries)


@pytest.fixture(autouse=True)
def _across_synthetic_municipalities() -> Iterator[None]:
    """These tests compare two synthetic municipalities (the benchmark's builder) side by side:
    their setup reads across tenants on purpose; the requests they measure run in their own scope."""
    with across_municipalities():
        yield


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def small_and_large(make_plan, client_for):
    small = make_plan(fields=2, goals_per_field=5, measures_per_goal=2, slug="klein")  # 20 measures
    large = make_plan(fields=5, goals_per_field=10, measures_per_goal=4, slug="gross")  # 200 measures
    # a few measures with several goals and partners, so the large plan is not just "more of the same"
    goals = list(Goal.objects.filter(edition_id=large.edition_id)[:3])
    for measure in Measure.objects.filter(edition_id=large.edition_id)[:20]:
        measure.goals.add(*goals)
    return (small, client_for(small.user)), (large, client_for(large.user))


def _paths(url, data, page_query):
    goal = Goal.objects.filter(edition_id=data.edition_id, parent=None).first()
    status = StatusOption.objects.filter(municipality__slug=data.slug).first()
    return {
        "tree": url("tree", slug=data.slug),
        "list": url("measure_list", slug=data.slug, sortierung="title", **page_query),
        "list_filtered": url("measure_list", slug=data.slug, goal=goal.pk, status=status.pk, q="Maßnahme",
                             key="nein", sortierung="-lead"),
        "dashboard": url("dashboard", slug=data.slug),
        "audit": url("audit_log", slug=data.slug),
    }


def test_queries_do_not_grow_with_the_plan(small_and_large, url):
    (small, small_client), (large, large_client) = small_and_large
    small_paths = _paths(url, small, {})
    large_paths = _paths(url, large, {"seite": 3})
    for name in small_paths:
        small_count = count_queries(small_client, small_paths[name])
        large_count = count_queries(large_client, large_paths[name])
        assert small_count == large_count, name
        assert large_count <= MAX_QUERIES, (name, large_count)


def test_tree_and_list_within_budget(small_and_large, url, django_assert_max_num_queries):
    _small, (large, client) = small_and_large
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url("tree", slug=large.slug))
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url("measure_list", slug=large.slug, seite=2))


def test_measure_page_queries_do_not_grow_with_history(client_for, coord_actor, own_measure, koordination, url):
    from teilhabe.plans import services

    client = client_for(koordination)
    path = url("measure_detail", pk=own_measure.pk)
    before = count_queries(client, path)
    measure = own_measure
    for i in range(10):
        measure = services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                          values={"description": f"Stand {i}"})
    assert count_queries(client, path) == before
