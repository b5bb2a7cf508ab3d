"""Fixtures of the API tests: JSON requests, API paths, a plan in the other municipality, and bulk-built plans."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from bench.plan import PlanData, build_plan
from django.test import Client

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans import services
from teilhabe.plans.models import Measure

API = "/api/v1"


def api_path(path: str, slug: str = "heidelberg") -> str:
    return f"{API}/{slug}/{path.lstrip('/')}"


class Api:
    """A logged-in (or anonymous) client that speaks JSON."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(path, query)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        data = "" if body is None else json.dumps(body)
        return getattr(self.client, method)(path, data, content_type="application/json")

    def patch(self, path: str, body: Any) -> Any:
        return self.send("patch", path, body)

    def post(self, path: str, body: Any) -> Any:
        return self.send("post", path, body)

    def delete(self, path: str) -> Any:
        return self.client.delete(path)


@pytest.fixture
def api_for(client_for: Callable[[User | None], Client]) -> Callable[[User | None], Api]:
    def make(user: User | None) -> Api:
        return Api(client_for(user))

    return make


@pytest.fixture
def foreign_plan_measure(other_municipality: Municipality, foreign_user: User) -> Measure:
    """A measure of the other municipality (Herdecke), built through the services."""
    actor = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality):
        plan = services.create_plan(actor=actor, municipality=other_municipality,
                                    title="Integrationskonzept Herdecke")
        edition = plan.editions.get()
        field = services.create_field(actor=actor, edition=edition, title="Sprache")
        goal = services.create_goal(actor=actor, field=field, title="Deutsch für alle")
        return services.create_measure(actor=actor, edition=edition,
                                       values={"title": "Sprachcafé", "field": field, "goals": [goal]})


@pytest.fixture
def make_plan(db: Any) -> Callable[..., PlanData]:
    """A synthetic plan of the given size in a municipality of its own (the benchmark's builder)."""

    def make(fields: int, goals_per_field: int, measures_per_goal: int, slug: str) -> PlanData:
        return build_plan(fields=fields, goals_per_field=goals_per_field, measures_per_goal=measures_per_goal,
                          slug=slug)

    return make
