"""Every refusal of the API is JSON with a `detail`, with a status the OpenAPI schema declares for the operation
and a body of the declared shape — also where Django would answer with an HTML page: an unknown municipality or
path (404), a method the path does not offer (405), a body that is no JSON (422)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from teilhabe.plans.models import Measure
from tests.api.conftest import API, api_path

ERROR_SCHEMAS = {"400": "ErrorOut", "401": "ErrorOut", "403": "ErrorOut", "404": "ErrorOut", "409": "ConflictOut",
                 "422": "ValidationErrorOut"}


def _json(response: Any) -> Any:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


@pytest.mark.parametrize("path", [
    api_path("plans", slug="gibt-es-nicht"), api_path("measures/1", slug="gibt-es-nicht"),
    api_path("calendar/2026", slug="gibt-es-nicht"), api_path("plans", slug="a%00b"), api_path("plans", slug="a%0Ab"),
    f"{API}/heidelberg/unbekannt", f"{API}/", "/api/v2/heidelberg/plans", "/api/",
])
def test_unknown_municipality_or_path_is_a_json_404(client_for: Any, koordination: Any, path: str) -> None:
    response = client_for(koordination).get(path)
    assert response.status_code == 404
    assert _json(response) == {"detail": "Nicht gefunden."}


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("put", "measures/{measure}", {"GET", "PATCH", "DELETE"}), ("post", "plans", {"GET"}),
    ("delete", "measures", {"GET", "POST"}), ("head", "plans", {"GET"}),
])
def test_another_method_is_a_json_405(client_for: Any, koordination: Any, own_measure: Measure, method: str,
                                      path: str, allowed: set[str]) -> None:
    response = getattr(client_for(koordination), method)(api_path(path.format(measure=own_measure.pk)))
    assert response.status_code == 405
    assert {m.strip() for m in response["Allow"].split(",")} == allowed
    if method != "head":
        assert "nicht erlaubt" in _json(response)["detail"]


@pytest.mark.parametrize("raw", [b"{", b"not json", "{\"title\": \"\xe4\"}".encode("latin-1"), b"\xff\xfe"])
def test_a_body_that_is_no_json_is_a_422(client_for: Any, koordination: Any, own_measure: Measure,
                                         raw: bytes) -> None:
    response = client_for(koordination).patch(api_path(f"measures/{own_measure.pk}"), raw,
                                              content_type="application/json")
    assert response.status_code == 422
    assert _json(response) == {"detail": [{"type": "json_invalid", "loc": ["body"],
                                           "msg": "Der Inhalt ist kein gültiges JSON."}]}


@pytest.mark.parametrize("body", [[], 5, "text", {"version": "eins"}, {"version": 1, "title": 5},
                                  {"version": 1, "goal_ids": {"a": 1}}])
def test_wrong_types_are_a_422_naming_the_place(client_for: Any, koordination: Any, own_measure: Measure,
                                                body: Any) -> None:
    response = client_for(koordination).patch(api_path(f"measures/{own_measure.pk}"), json.dumps(body),
                                              content_type="application/json")
    assert response.status_code == 422
    problems = _json(response)["detail"]
    assert problems and all(set(p) == {"type", "loc", "msg"} and p["loc"][0] == "body" for p in problems)


@pytest.mark.parametrize(("path", "parameter"), [
    ("measures?edtion=1", "edtion"), ("measures?q=a&page=1&x=%00", "x"), ("calendar/2026?foo=1", "foo"),
])
def test_an_unknown_query_parameter_is_a_422(client_for: Any, lesend: Any, plan: Any, path: str,
                                             parameter: str) -> None:
    response = client_for(lesend).get(api_path(path))
    assert response.status_code == 422
    assert _json(response)["detail"][0]["loc"] == ["query", parameter]


def test_content_errors_name_the_field(client_for: Any, koordination: Any, own_measure: Measure) -> None:
    response = client_for(koordination).patch(api_path(f"measures/{own_measure.pk}"), json.dumps({
        "version": own_measure.version, "goal_ids": [999999], "start_date": "2026-05-01", "end_date": "2026-04-01",
        "links": [{"url": "https://ok"}]}), content_type="application/json")
    assert response.status_code == 422
    detail = _json(response)["detail"]
    assert set(detail) == {"goal_ids", "end_date", "links"}
    assert detail["links"][0].startswith("Link 1:")


def test_the_public_calendar_answers_json_errors(client: Any, db: Any) -> None:
    assert _json(client.get(f"{API}/calendar/1899"))["detail"].startswith("Das Jahr muss zwischen 1900 und 2100")
    assert client.post(f"{API}/calendar/2026").status_code == 405


# --- the schema declares it ---------------------------------------------------------------------------------


@pytest.fixture
def openapi(client: Client, db: Any) -> dict[str, Any]:
    return _json(client.get(f"{API}/openapi.json"))


def test_every_operation_declares_its_error_answers(openapi: dict[str, Any]) -> None:
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"422"}
            if operation.get("security"):
                expected |= {"401", "404"}
            if method != "get":
                expected |= {"400", "403", "409"}
            if "{municipality}" in path:
                expected.add("404")
            if "calendar" in path:
                expected.add("400")
            if "/reporting/" in path:  # reading reporting rounds needs a role (VIEW_ROUNDS, ANSWER_REPORT)
                expected.add("403")
            if path.endswith("/chronicle") and method == "get":  # proposed or dismissed ones need the role
                expected.add("403")
            conditional = set()
            if path.endswith("/events"):  # a range that is not one (400); unchanged since the ETag (304)
                expected.add("400")
                conditional.add("304")
                assert "304" in responses, (method, path)
            assert set(responses) - {"200", "201", "204"} - conditional == expected, (method, path)
            for status in expected:
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/" + ERROR_SCHEMAS[status]), (method, path, status)


def test_the_schema_states_the_input_rules(openapi: dict[str, Any]) -> None:
    parameters = {p["name"]: p["schema"] for p in openapi["paths"][f"{API}/calendar/{{year}}"]["get"]["parameters"]}
    assert (parameters["year"]["minimum"], parameters["year"]["maximum"]) == (1900, 2100)
    assert "islamic:umm-al-qura" in parameters["variant"]["items"]["enum"]
    measure = openapi["components"]["schemas"]["MeasurePatchIn"]["properties"]
    for name in ("title", "reference", "description", "funding", "gender_diversity_note"):
        assert measure[name]["pattern"].startswith("^"), name
    assert measure["indicators"]["items"]["pattern"]
    link = openapi["components"]["schemas"]["LinkIn"]["properties"]
    assert link["url"]["pattern"].startswith("^[hH][tT][tT][pP][sS]?://")
    query = {p["name"]: p["schema"] for p in openapi["paths"][f"{API}/{{municipality}}/measures"]["get"]["parameters"]}
    assert query["q"]["anyOf"][0]["pattern"]
