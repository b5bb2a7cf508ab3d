"""Every endpoint × anonymous, each role, a platform administrator and a user of another municipality.

Anonymous → 401, a user of another municipality → 404 (never data), Lesend reads only, Fachstelle changes
only measures it is responsible for (the measure used here is NOT one of them), Koordination everything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from teilhabe.core.tenancy import across_municipalities
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from tests.api.conftest import api_path

USERS = ["anonymous", "koordination", "fachstelle", "lesend", "foreign_user", "platform_admin"]


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # {edition}, {measure} are filled in
    body: str = ""  # "patch", "create" or ""


CALLS = {
    "plans_list": Call("get", "plans"),
    "edition_tree": Call("get", "editions/{edition}/tree"),
    "measures_list": Call("get", "measures"),
    "measure_get": Call("get", "measures/{measure}"),
    "measure_history": Call("get", "measures/{measure}/history"),
    "measure_update": Call("patch", "measures/{measure}", "patch"),
    "measure_create": Call("post", "measures", "create"),
    "measure_delete": Call("delete", "measures/{measure}?version={version}"),
}

READ = {"anonymous": 401, "koordination": 200, "fachstelle": 200, "lesend": 200, "foreign_user": 404,
        "platform_admin": 200}
EXPECTED: dict[str, dict[str, int]] = {
    "plans_list": READ, "edition_tree": READ, "measures_list": READ, "measure_get": READ, "measure_history": READ,
    "measure_update": {"anonymous": 401, "koordination": 200, "fachstelle": 403, "lesend": 403, "foreign_user": 404,
                       "platform_admin": 200},
    "measure_create": {"anonymous": 401, "koordination": 201, "fachstelle": 403, "lesend": 403, "foreign_user": 404,
                       "platform_admin": 201},
    "measure_delete": {"anonymous": 401, "koordination": 204, "fachstelle": 403, "lesend": 403, "foreign_user": 404,
                       "platform_admin": 204},
}


def _body(kind: str, measure: Measure, edition: Edition) -> dict[str, Any] | None:
    if kind == "patch":
        return {"version": measure.version, "description": "Neuer Stand"}
    if kind == "create":
        field = FieldOfAction.objects.filter(edition=edition).first()
        assert field is not None
        return {"edition_id": edition.pk, "title": "Neue Maßnahme", "field_id": field.pk}
    return None


def test_every_operation_is_in_the_table(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    ours = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()
            if op.get("tags") == ["Pläne und Maßnahmen"]}
    assert ours == set(CALLS) == set(EXPECTED)


@pytest.mark.parametrize("operation", sorted(CALLS))
@pytest.mark.parametrize("who", USERS)
def test_access(request: pytest.FixtureRequest, api_for: Any, edition: Edition, foreign_measure: Measure,
                operation: str, who: str) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    call = CALLS[operation]
    path = api_path(call.path.format(edition=edition.pk, measure=foreign_measure.pk, version=foreign_measure.version))
    client = api_for(user)
    body = _body(call.body, foreign_measure, edition)
    response = client.send(call.method, path, body) if body is not None else getattr(client.client, call.method)(path)
    assert response.status_code == EXPECTED[operation][who], response.content
    if response.status_code in (401, 403, 404):
        assert set(response.json()) == {"detail"}  # a message, never data
    before = Measure.objects.filter(pk=foreign_measure.pk).values_list("version", "description").first()
    if EXPECTED[operation][who] >= 400:
        assert before == (foreign_measure.version, foreign_measure.description), "a refused call changed data"


@pytest.mark.parametrize("who", ["koordination", "fachstelle", "lesend", "platform_admin", "anonymous"])
def test_unknown_municipality_is_404(request: pytest.FixtureRequest, api_for: Any, db: Any, who: str) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert api_for(user).get(api_path("plans", slug="gibt-es-nicht")).status_code == 404


def test_foreign_objects_through_own_municipality_are_404(api_for: Any, foreign_user: Any, koordination: Any,
                                                          foreign_plan_measure: Measure, own_measure: Measure) -> None:
    """Ids of the other municipality under our slug, and ours under theirs: 404 for every endpoint."""
    ours, theirs = api_for(koordination), api_for(foreign_user)
    foreign_edition = foreign_plan_measure.edition_id
    for client, slug, measure, edition in (
        (ours, "heidelberg", foreign_plan_measure, foreign_edition),
        (theirs, "herdecke", own_measure, own_measure.edition_id),
    ):
        assert client.get(api_path(f"measures/{measure.pk}", slug)).status_code == 404
        assert client.get(api_path(f"measures/{measure.pk}/history", slug)).status_code == 404
        assert client.get(api_path(f"editions/{edition}/tree", slug)).status_code == 404
        assert client.get(api_path("measures", slug), edition=edition).status_code == 404
        response = client.patch(api_path(f"measures/{measure.pk}", slug), {"version": measure.version, "title": "X"})
        assert response.status_code == 404
        assert client.delete(api_path(f"measures/{measure.pk}?version={measure.version}", slug)).status_code == 404
    with across_municipalities():
        assert Measure.objects.get(pk=foreign_plan_measure.pk).title == "Sprachcafé"
    assert Measure.objects.get(pk=own_measure.pk).title == "Mama lernt Deutsch"


def test_a_user_sees_only_the_own_municipality(api_for: Any, foreign_user: Any, foreign_plan_measure: Measure,
                                               plan: Any) -> None:
    """The foreign Koordination reads its own plan through the API, and nothing of ours appears in it."""
    client = api_for(foreign_user)
    plans = client.get(api_path("plans", "herdecke")).json()
    assert [p["title"] for p in plans] == ["Integrationskonzept Herdecke"]
    page = client.get(api_path("measures", "herdecke")).json()
    assert [m["title"] for m in page["items"]] == ["Sprachcafé"]
