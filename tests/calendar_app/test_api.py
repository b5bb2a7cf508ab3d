"""The calendar in the REST API: shapes, filters, errors (never a 500), OpenAPI documentation."""

from __future__ import annotations

import datetime as dt

import pytest

from teilhabe.calendar import engine, services

FIELDS = {"key", "date", "end_date", "names", "name_de", "community", "community_name_de", "provisional",
          "begins_evening_before", "night", "is_statutory_holiday", "variant", "description_de", "note"}


def test_municipality_year(client, municipality, coord_actor, own_observance):
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-adha",
                               expected_version=0, year=2026, date=dt.date(2026, 5, 28), note="laut DITIB")
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    response = client.get("/api/v1/heidelberg/calendar/2026")
    assert response.status_code == 200
    data = response.json()
    assert all(set(item) == FIELDS for item in data)
    by_key = {item["key"]: item for item in data}
    assert "ashura" not in by_key
    assert by_key["eid-al-adha"]["date"] == "2026-05-28" and by_key["eid-al-adha"]["note"] == "laut DITIB"
    assert by_key["fest-der-kulturen"]["end_date"] == "2026-06-15"
    assert by_key["fest-der-kulturen"]["community_name_de"] == "Stadtgesellschaft"
    assert by_key["epiphany"]["is_statutory_holiday"] is True
    assert by_key["pesach"]["names"]["he"] == "פסח"
    assert by_key["pesach"]["begins_evening_before"] is True
    assert [item["date"] for item in data] == sorted(item["date"] for item in data)


def test_municipality_year_by_community(client, municipality):
    data = client.get("/api/v1/heidelberg/calendar/2026", {"community": "jewish"}).json()
    assert data and {item["community"] for item in data} == {"jewish"}


def test_unknown_municipality_is_404(client, municipality):
    assert client.get("/api/v1/nirgendwo/calendar/2026").status_code == 404


def test_plain_engine_year_with_variants(client, db):
    data = client.get("/api/v1/calendar/2026", {"variant": ["islamic:umm-al-qura"], "land": "BW"}).json()
    expected = engine.compute_year(2026, variants={"islamic": "umm-al-qura"}, land="BW")
    assert [(item["key"], item["date"]) for item in data] == [(o.key, o.date.isoformat()) for o in expected]
    ramadan = next(item for item in data if item["key"] == "ramadan-start")
    assert (ramadan["date"], ramadan["variant"]) == ("2026-02-18", "umm-al-qura")


@pytest.mark.parametrize("url", [
    "/api/v1/calendar/1899", "/api/v1/calendar/2101", "/api/v1/heidelberg/calendar/1899",
    "/api/v1/heidelberg/calendar/99999", "/api/v1/calendar/2026?variant=islamic:lunar",
    "/api/v1/calendar/2026?variant=nonsense", "/api/v1/calendar/2026?land=XX",
])
def test_bad_input_is_400_with_a_message(client, municipality, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_non_numeric_year_is_refused_without_error(client, municipality):
    assert client.get("/api/v1/calendar/abc").status_code in (400, 404, 422)


def test_openapi_documents_the_calendar(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendar/{year}" in schema["paths"]
    assert "/api/v1/{municipality}/calendar/{year}" in schema["paths"]
    properties = schema["components"]["schemas"]["ObservanceOut"]["properties"]
    assert set(properties) >= FIELDS
