"""The OpenAPI schema: valid JSON, every endpoint with its stable operation id, descriptions, and the docs page."""

from __future__ import annotations

import json
from typing import Any, get_args

from pydantic import BaseModel

from teilhabe.api.plans.schemas import MeasureOrdering
from teilhabe.plans.selectors import SORT_KEYS

OPERATIONS = {
    ("get", "/api/v1/{municipality}/plans"): "plans_list",
    ("get", "/api/v1/{municipality}/editions/{edition_id}/tree"): "edition_tree",
    ("get", "/api/v1/{municipality}/measures"): "measures_list",
    ("post", "/api/v1/{municipality}/measures"): "measure_create",
    ("get", "/api/v1/{municipality}/measures/{measure_id}"): "measure_get",
    ("patch", "/api/v1/{municipality}/measures/{measure_id}"): "measure_update",
    ("delete", "/api/v1/{municipality}/measures/{measure_id}"): "measure_delete",
    ("get", "/api/v1/{municipality}/measures/{measure_id}/history"): "measure_history",
    ("get", "/api/v1/{municipality}/reporting/rounds"): "reporting_rounds_list",
    ("get", "/api/v1/{municipality}/reporting/rounds/{round_id}"): "reporting_round_get",
    ("get", "/api/v1/{municipality}/reporting/rounds/{round_id}/reports"): "reporting_round_reports",
    ("get", "/api/v1/{municipality}/reporting/inbox"): "reporting_inbox",
    ("get", "/api/v1/{municipality}/reporting/reports/{report_id}/answer"): "reporting_answer_get",
    ("put", "/api/v1/{municipality}/reporting/reports/{report_id}/answer"): "reporting_answer_put",
    ("post", "/api/v1/{municipality}/reporting/reports/{report_id}/submit"): "reporting_report_submit",
    ("post", "/api/v1/{municipality}/reporting/reports/{report_id}/accept"): "reporting_report_accept",
    ("post", "/api/v1/{municipality}/reporting/reports/{report_id}/return"): "reporting_report_return",
}


def _schema(client: Any) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema: dict[str, Any] = json.loads(response.content)
    return schema


def test_schema_lists_every_endpoint_with_a_stable_id(client: Any, db: Any) -> None:
    schema = _schema(client)
    assert schema["openapi"].startswith("3.")
    found = {(method, path): op["operationId"] for path, ops in schema["paths"].items() for method, op in ops.items()}
    for key, operation_id in OPERATIONS.items():
        assert found.get(key) == operation_id, key
    ids = list(found.values())
    assert len(ids) == len(set(ids)), "operation ids are unique"


def test_every_operation_is_documented(client: Any, db: Any) -> None:
    schema = _schema(client)
    for (method, path), _operation_id in OPERATIONS.items():
        op = schema["paths"][path][method]
        assert op["summary"] and op["description"], path
        assert op["security"] == [{"MemberSessionAuth": []}]
        for param in op.get("parameters", []):
            assert param.get("description"), (path, param["name"])
        assert "401" in op["responses"] and "404" in op["responses"]
        if method != "get":
            assert {"403", "409", "422"} <= set(op["responses"]), path
    assert schema["components"]["securitySchemes"]["MemberSessionAuth"]["in"] == "cookie"


def test_schemas_describe_their_fields(client: Any, db: Any) -> None:
    """Every field of the plan schemas has a description (an id or a reference to a described schema aside)."""
    from teilhabe.api import schemas as shared
    from teilhabe.api.calendar import schemas as calendar
    from teilhabe.api.directory import offers_schemas as offers
    from teilhabe.api.directory import schemas as directory
    from teilhabe.api.participation import schemas_chronicle as chronicle
    from teilhabe.api.plans import schemas as plans
    from teilhabe.api.reporting import schemas as reporting
    from teilhabe.api.search import schemas as search

    modules = (plans, calendar, reporting, shared, directory, offers, search, chronicle)
    classes = [obj for module in modules for obj in vars(module).values()
               if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == module.__name__]
    names = [cls.__name__ for cls in classes]
    # One component per name: two schemas of the same name would overwrite each other in the OpenAPI document.
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    ours = set(names)
    components = _schema(client)["components"]["schemas"]
    documented = ours & set(components)
    assert {"MeasurePatchIn", "MeasureCreateIn", "MeasureOut", "MeasurePageOut", "TreeOut", "PlanOut"} <= documented
    assert {"RoundOut", "RoundDetailOut", "ReportOut", "ReportAnswerOut", "AnswerPutIn", "ReturnIn"} <= documented
    for name in documented:
        undocumented = [p for p, s in components[name].get("properties", {}).items()
                        if "description" not in s and "$ref" not in s and p != "id"]
        assert not undocumented, (name, undocumented)
    assert "version" in components["MeasurePatchIn"]["required"]
    assert components["MeasurePatchIn"]["additionalProperties"] is False


def test_ordering_offers_every_sort_key() -> None:
    assert set(get_args(MeasureOrdering)) == set(SORT_KEYS) | {f"-{k}" for k in SORT_KEYS}


def test_docs_page_answers(client: Any, db: Any) -> None:
    assert client.get("/api/v1/docs").status_code == 200
