"""The monitoring in the REST API: published indicators for everyone, all of them for the roles that see the
monitoring; values with filters (rates computed); deliveries of tidy rows for Statistik and Koordination, all
or nothing, with warnings that stop the delivery unless accepted; another municipality's indicator is a 404;
the number of queries does not grow with the data; the OpenAPI schema documents every operation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation
from tests.api.conftest import Api, api_path
from tests.monitoring import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality) -> dict[str, Indicator]:
    return published.build(coord_actor, municipality)


@pytest.fixture
def statistik(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.STATISTIK, "statistik")


def keys(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {i["key"] for i in response.json()}


# --- reading --------------------------------------------------------------------------------------------------


def test_anonymous_sees_published_indicators(world: dict[str, Indicator], api_for: Callable[..., Api]) -> None:
    anonymous = api_for(None)
    assert keys(anonymous.get(api_path("indicators"))) == {"einwohner", "auslaender", "auslaenderanteil"}
    assert anonymous.get(api_path("indicators/intern")).status_code == 404
    assert anonymous.get(api_path("indicators/intern/observations")).status_code == 404
    share = anonymous.get(api_path("indicators/auslaenderanteil")).json()
    assert share["computed_from"] == {"numerator": "auslaender", "denominator": "einwohner"}
    assert share["latest"] == {"period": "2018", "value": 12.549, "flag": "p"}
    assert share["target"] == {"value": 20.0, "period": "2030"}
    assert share["status"] in {"on_track", "some_progress", "off_track", "reached"}


@pytest.mark.parametrize("role", ["koordination", "lesend", "statistik", "fachstelle"])
def test_monitoring_roles_see_every_indicator(role: str, world: dict[str, Indicator], request: Any,
                                              api_for: Callable[..., Api]) -> None:
    api = api_for(request.getfixturevalue(role))
    assert "intern" in keys(api.get(api_path("indicators")))
    assert api.get(api_path("indicators/intern")).json()["is_published"] is False


def test_foreign_users_see_published_only(world: dict[str, Indicator], foreign_user: User,
                                          api_for: Callable[..., Api]) -> None:
    assert "intern" not in keys(api_for(foreign_user).get(api_path("indicators")))


def test_indicator_detail(world: dict[str, Indicator], api_for: Callable[..., Api]) -> None:
    detail = api_for(None).get(api_path("indicators/einwohner")).json()
    assert detail["series_breaks"] == [{"period": "2017", "note": "Zensus 2011"}]
    assert detail["unit"] == "count" and detail["unit_label"] == "Personen" and detail["dimensions"] == ["sex"]
    assert detail["latest"] == {"period": "2018", "value": 102000.0, "flag": ""}


def test_observations_with_filters(world: dict[str, Indicator], api_for: Callable[..., Api]) -> None:
    api = api_for(None)
    path = api_path("indicators/auslaenderanteil/observations")
    everything = api.get(path).json()
    assert len(everything) == 9
    female = next(o for o in everything if o["period"] == "2016" and o["breakdown"] == {"sex": "female"})
    assert female == {"period": "2016", "area": "", "breakdown": {"sex": "female"}, "labels": {"sex": "weiblich"},
                      "value": 9.8039, "flag": "", "source": "Landesamt"}
    totals = api.get(path, breakdown="total").json()
    assert [o["period"] for o in totals] == ["2016", "2017", "2018"]
    by_sex = api.get(path, breakdown="sex", period_from="2017", period_to="31.12.2017").json()
    assert {o["labels"]["sex"] for o in by_sex} == {"weiblich", "männlich"} and {o["period"] for o in by_sex} == {
        "2017"}
    assert api.get(path, area="stadtteil-1").json() == []
    assert api.get(path, breakdown="age").json() == []


def test_bad_filters_are_422_in_german(world: dict[str, Indicator], api_for: Callable[..., Api]) -> None:
    api = api_for(None)
    path = api_path("indicators/einwohner/observations")
    response = api.get(path, period_from="Juni")
    assert response.status_code == 422
    assert "keine Periode" in response.json()["detail"]["period_from"][0]
    assert api.get(path, breakdown="religion").status_code == 422
    assert api.get(path, bereich="x").status_code == 422


def test_another_municipalitys_indicator_is_404(world: dict[str, Indicator], other_municipality: Municipality,
                                                foreign_user: User, koordination: User,
                                                api_for: Callable[..., Api]) -> None:
    with municipality_scope(other_municipality):
        published.build(actor_for(foreign_user, other_municipality), other_municipality)
        from teilhabe.monitoring import services
        services.create_indicator(actor=actor_for(foreign_user, other_municipality), municipality=other_municipality,
                                  values={"key": "nur-herdecke", "name": "Nur Herdecke", "is_published": True})
    api = api_for(koordination)
    for path in ("indicators/nur-herdecke", "indicators/nur-herdecke/observations"):
        assert api.get(api_path(path)).status_code == 404
    response = api.post(api_path("indicators/nur-herdecke/observations"),
                        {"label": "x", "rows": [{"period": "2020", "value": 1}]})
    assert response.status_code == 404
    # the foreign user cannot write into ours
    response = api_for(foreign_user).post(api_path("indicators/einwohner/observations"),
                                          {"label": "x", "rows": [{"period": "2020", "value": 1}]})
    assert response.status_code == 404


# --- writing --------------------------------------------------------------------------------------------------


ROWS = [
    {"period": "2019", "value": 103000, "source": "Melderegister"},
    {"period": "2019", "value": 52500, "breakdown": {"sex": "weiblich"}},
    {"period": "2019", "value": 50500, "breakdown": {"sex": "m"}, "flag": "p"},
]


def test_statistik_delivers_values(world: dict[str, Indicator], statistik: User,
                                   api_for: Callable[..., Api]) -> None:
    api = api_for(statistik)
    response = api.post(api_path("indicators/einwohner/observations"), {"label": "Melderegister 2019", "rows": ROWS})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["written"] == 3 and body["accepted_warnings"] == []
    batch = ImportBatch.objects.get(pk=body["batch_id"])
    assert batch.label == "Melderegister 2019" and batch.created_by == statistik
    male = Observation.objects.get(indicator=world["population"], period="2019", breakdown_key="sex=male")
    assert male.value == 50500 and male.flag == "p"
    values = api.get(api_path("indicators/einwohner/observations"), period_from="2019").json()
    assert len(values) == 3


def test_warnings_stop_the_delivery_unless_accepted(world: dict[str, Indicator], statistik: User,
                                                    api_for: Callable[..., Api]) -> None:
    api = api_for(statistik)
    rows = [{**ROWS[0], "value": 100}, *ROWS[1:]]
    path = api_path("indicators/einwohner/observations")
    before = Observation.objects.count()
    response = api.post(path, {"label": "Lieferung", "rows": rows})
    assert response.status_code == 422
    messages = response.json()["detail"]["accept_warnings"]
    assert "accept_warnings" in messages[0] and "ergeben zusammen 103000" in messages[1]
    assert Observation.objects.count() == before
    response = api.post(path, {"label": "Lieferung", "rows": rows, "accept_warnings": True})
    assert response.status_code == 201
    warnings = response.json()["accepted_warnings"]
    assert len(warnings) == 1 and warnings[0]["row"] == 0
    assert ImportBatch.objects.get(pk=response.json()["batch_id"]).accepted_warnings[0]["line"] == 0


@pytest.mark.parametrize(("row", "field", "message"), [
    ({"period": "Juni", "value": 1}, "rows.0.period", "keine Periode"),
    ({"period": "2019", "value": 1, "breakdown": {"sex": "unbekannt-xyz"}}, "rows.0.breakdown", "Unbekannte Kategorie"),
    ({"period": "2019", "value": 1, "breakdown": {"age": "u18"}}, "rows.0.breakdown", "keine Aufgliederung"),
    ({"period": "2019"}, "rows.0.value", "Ein Wert fehlt"),
    ({"period": "2019", "value": 1.23456}, "rows.0.value", "Nachkommastellen"),
])
def test_bad_rows_change_nothing(world: dict[str, Indicator], statistik: User, api_for: Callable[..., Api],
                                 row: dict[str, Any], field: str, message: str) -> None:
    before = Observation.objects.count()
    response = api_for(statistik).post(api_path("indicators/einwohner/observations"),
                                       {"label": "x", "rows": [ROWS[0] | {"period": "2020"}, row]})
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    field = field.replace("rows.0", "rows.1")
    assert message in " ".join(detail[field]), detail
    assert Observation.objects.count() == before


def test_duplicate_rows_and_schema_errors(world: dict[str, Indicator], statistik: User,
                                          api_for: Callable[..., Api]) -> None:
    api = api_for(statistik)
    path = api_path("indicators/einwohner/observations")
    response = api.post(path, {"label": "x", "rows": [ROWS[0], {**ROWS[0], "period": "2019"}]})
    assert response.status_code == 422 and "Zeile 0" in response.json()["detail"]["rows.1"][0]
    response = api.post(path, {"label": "x", "rows": [{"period": "2019", "value": "viel"}]})
    assert response.status_code == 422 and isinstance(response.json()["detail"], list)
    response = api.post(path, {"label": " ", "rows": [ROWS[0]]})
    assert response.status_code == 422
    response = api.send("post", path, None)
    assert response.status_code == 422


def test_suppressed_values_are_stored_without_value(world: dict[str, Indicator], statistik: User,
                                                    api_for: Callable[..., Api]) -> None:
    response = api_for(statistik).post(api_path("indicators/auslaender/observations"), {
        "label": "x", "rows": [{"period": "2020", "value": 3, "flag": "s"}]})
    assert response.status_code == 201
    assert Observation.objects.get(indicator=world["foreigners"], period="2020").value is None


def test_a_rate_takes_no_values(world: dict[str, Indicator], koordination: User,
                                api_for: Callable[..., Api]) -> None:
    response = api_for(koordination).post(api_path("indicators/auslaenderanteil/observations"),
                                          {"label": "x", "rows": [{"period": "2020", "value": 1}]})
    assert response.status_code == 400 and "Zähler und Nenner" in response.json()["detail"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("lesend", 403), ("fachstelle", 403),
                                             ("koordination", 201), ("statistik", 201), ("foreign_user", 404)])
def test_who_may_deliver(who: str, status: int, world: dict[str, Indicator], request: Any,
                         api_for: Callable[..., Api]) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = api_for(user).post(api_path("indicators/einwohner/observations"),
                                  {"label": "x", "rows": [{"period": "2021", "value": 1}]})
    assert response.status_code == status, response.content
    assert "detail" in response.json() if status != 201 else True


def test_csrf_is_required_for_deliveries(world: dict[str, Indicator], statistik: User) -> None:
    from django.test import Client
    client = Client(enforce_csrf_checks=True)
    client.force_login(statistik)
    response = client.post(api_path("indicators/einwohner/observations"),
                           json.dumps({"label": "x", "rows": [{"period": "2021", "value": 1}]}),
                           content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


# --- queries and schema ---------------------------------------------------------------------------------------


def _count(api: Api, path: str, **query: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, **query)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_data(coord_actor: Actor, municipality: Municipality,
                                           other_municipality: Municipality, foreign_user: User, koordination: User,
                                           api_for: Callable[..., Api]) -> None:
    published.build(coord_actor, municipality, years=3)
    with municipality_scope(other_municipality):
        published.build(actor_for(foreign_user, other_municipality), other_municipality, years=30)
    for api_small, api_large in ((api_for(None), api_for(None)), (api_for(koordination), api_for(foreign_user))):
        for path, query in (("indicators", {}), ("indicators/einwohner", {}),
                            ("indicators/auslaenderanteil/observations", {}),
                            ("indicators/einwohner/observations", {"breakdown": "sex", "period_from": "2017"})):
            small = _count(api_small, api_path(path), **query)
            large = _count(api_large, api_path(path, other_municipality.slug), **query)
            assert small == large, path
            assert large <= 12, (path, large)  # session, user and membership included


OPERATIONS = {
    ("get", "/api/v1/{municipality}/indicators"): "indicators_list",
    ("get", "/api/v1/{municipality}/indicators/{key}"): "indicator_get",
    ("get", "/api/v1/{municipality}/indicators/{key}/observations"): "indicator_observations",
    ("post", "/api/v1/{municipality}/indicators/{key}/observations"): "indicator_observations_write",
}


def test_openapi_documents_the_monitoring(client: Any) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for (method, path), operation_id in OPERATIONS.items():
        op = schema["paths"][path][method]
        assert op["operationId"] == operation_id
        assert op["summary"] and op["description"]
        for param in op.get("parameters", []):
            assert param.get("description"), (path, param["name"])
        assert "404" in op["responses"] and "422" in op["responses"]
        if method == "post":
            assert op["security"] == [{"MemberSessionAuth": []}]
            assert {"201", "400", "401", "403"} <= set(op["responses"])
        else:
            assert "security" not in op
    components = schema["components"]["schemas"]
    for name in ("IndicatorOut", "IndicatorDetailOut", "ObservationOut", "ObservationsIn", "DeliveryOut"):
        undocumented = [p for p, s in components[name]["properties"].items()
                        if not s.get("description") and "$ref" not in s and p not in ("rows",)]
        assert undocumented == [], name


OBSERVATION_INSERT = re.compile(r'INSERT INTO "?monitoring_observation"?[ (]')


def test_delivery_queries_do_not_grow_with_the_rows(world: dict[str, Indicator], statistik: User,
                                                    api_for: Callable[..., Api]) -> None:
    """10 rows and 200 rows, new or replacing stored values: the same queries, but for the INSERTs of the values,
    which go in batches (2,000 rows on PostgreSQL; SQLite's limit on query parameters makes them smaller)."""
    api = api_for(statistik)
    path = api_path("indicators/einwohner/observations")

    def deliver(years: range) -> tuple[int, int]:
        rows = [{"period": str(y), "value": 100 + y} for y in years]
        with CaptureQueriesContext(connection) as captured:
            response = api.post(path, {"label": "x", "rows": rows})
        assert response.status_code == 201, response.content
        # SQLite: INSERT batches; PostgreSQL: one INSERT … SELECT from the rows COPY staged (COPY itself
        # goes past Django's cursor and is not captured)
        inserts = [q for q in captured.captured_queries if OBSERVATION_INSERT.match(q["sql"])]
        return len(captured.captured_queries) - len(inserts), len(inserts)

    new_small, new_large = deliver(range(1800, 1810)), deliver(range(1810, 2010))
    again_small, again_large = deliver(range(1800, 1810)), deliver(range(1810, 2010))
    assert new_small[0] == new_large[0] and again_small[0] == again_large[0] <= new_small[0] + 1
    assert new_small[1] == again_small[1] == 1
    assert new_large[1] == again_large[1] <= (1 if connection.vendor == "postgresql" else 5)
