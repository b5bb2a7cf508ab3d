"""Fixtures of the back office tests: URLs of the plan views and a bulk-built plan of a given size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bench.plan import PlanData, build_plan
from django.urls import reverse


@pytest.fixture
def url() -> Callable[..., str]:
    """url("tree", ausgabe=3) → /heidelberg/intern/plan/?ausgabe=3; pk=… goes into the path."""

    def make(name: str, slug: str = "heidelberg", pk: int | None = None, **query: Any) -> str:
        kwargs: dict[str, Any] = {"municipality": slug}
        if pk is not None:
            kwargs["pk"] = pk
        path = reverse(f"backoffice:{name}", kwargs=kwargs)
        if query:
            from django.utils.http import urlencode

            path += "?" + urlencode(query, doseq=True)
        return path

    return make


@pytest.fixture
def make_plan(db: Any) -> Callable[..., PlanData]:
    """A synthetic plan of the given size in a municipality of its own (the benchmark's builder)."""

    def make(fields: int, goals_per_field: int, measures_per_goal: int, slug: str) -> PlanData:
        return build_plan(fields=fields, goals_per_field=goals_per_field, measures_per_goal=measures_per_goal,
                          slug=slug)

    return make
