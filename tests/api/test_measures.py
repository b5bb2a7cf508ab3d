"""Reading and changing measures through the API: the happy paths, concurrent edits, what a Fachstelle may not
change, foreign ids and hostile or broken input (422 or 400, nothing changed, never a 500)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from teilhabe.core.models import AuditEntry, Organisation, OrgUnit
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans import services
from teilhabe.plans.models import Edition, Goal, Measure, StatusOption, TargetGroup
from tests.api.conftest import Api, api_path


def _path(measure: Measure) -> str:
    return api_path(f"measures/{measure.pk}")


def _state(measure: Measure) -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    fresh = Measure.objects.get(pk=measure.pk)
    return (
        fresh.version, fresh.title, fresh.description, fresh.lead_org_unit_id, fresh.lead_organisation_id,
        sorted(fresh.goals.values_list("pk", flat=True)), sorted(fresh.partner_org_units.values_list("pk", flat=True)),
        sorted(fresh.target_groups.values_list("pk", flat=True)), fresh.indicators, fresh.links, fresh.status_id,
        AuditEntry.objects.filter(object_type="plans.measure", object_id=measure.pk).count(),
    )


# --- reading ------------------------------------------------------------------------------------------------


def test_plans_list_names_editions_with_lineage(api_for: Any, koordination: Any, coord_actor: Any,
                                                edition: Edition) -> None:
    from teilhabe.plans.editions import start_new_edition

    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    plans = api_for(koordination).get(api_path("plans")).json()
    assert len(plans) == 1
    assert plans[0]["goal_level_names"] == ["Leitziel", "Teilziel", "Handlungsziel"]
    editions = {e["id"]: e for e in plans[0]["editions"]}
    assert editions[new.pk]["predecessor_id"] == edition.pk
    assert editions[new.pk]["name"] == "Fortschreibung 2026"
    assert set(editions[edition.pk]) >= {"name", "status", "adopted_on", "council_reference", "predecessor_id"}
    assert editions[edition.pk]["measure_count"] == 4


def test_tree_nests_goals_with_level_names_and_measures(api_for: Any, lesend: Any, edition: Edition) -> None:
    tree = api_for(lesend).get(api_path(f"editions/{edition.pk}/tree")).json()
    assert tree["measure_count"] == 4
    bildung, arbeit = tree["fields"]
    assert bildung["title"] == "Bildung und Sprachförderung"
    leit = bildung["goals"][0]
    teil = leit["children"][0]
    hand = teil["children"][0]
    assert [leit["level_name"], teil["level_name"], hand["level_name"]] == ["Leitziel", "Teilziel", "Handlungsziel"]
    assert [m["title"] for m in hand["measures"]] == ["Mama lernt Deutsch"]
    assert [m["title"] for m in teil["measures"]] == ["Hausaufgabenhilfe"]
    assert [m["title"] for m in bildung["measures"]] == ["Schulsozialarbeit"]  # no goal: under the field
    assert arbeit["measures"][0]["is_key_project"] is True
    assert arbeit["measures"][0]["status"] == "planned"


def test_measure_detail_has_every_attribute(api_for: Any, fachstelle: Any, own_measure: Measure, amt: OrgUnit,
                                            verein: Organisation) -> None:
    data = api_for(fachstelle).get(_path(own_measure)).json()
    assert data["title"] == "Mama lernt Deutsch"
    assert data["lead"] == {"kind": "org_unit", "id": amt.pk, "name": amt.name, "key": f"u{amt.pk}"}
    assert data["goals"][0]["level_name"] == "Handlungsziel"
    assert data["status"]["normalised"] == "planned" and data["status"]["label"] == "geplant"
    assert data["version"] == own_measure.version
    assert data["permissions"] == {"edit": True, "edit_responsibility": False, "delete": False}
    for key in ("partner_org_units", "partner_organisations", "target_groups", "indicators", "links",
                "start_date", "end_date", "cost_estimate", "funding", "gender_diversity_note", "is_key_project"):
        assert key in data


def test_measure_list_filters_sorts_and_pages(api_for: Any, lesend: Any, edition: Edition, amt: OrgUnit,
                                              verein: Organisation) -> None:
    client = api_for(lesend)
    url = api_path("measures")
    everything = client.get(url).json()
    assert everything["count"] == 4 and everything["edition_id"] == edition.pk
    titles = lambda **q: [m["title"] for m in client.get(url, **q).json()["items"]]  # noqa: E731
    assert titles(lead=f"u{amt.pk}") == ["Mama lernt Deutsch"]
    assert titles(lead=f"o{verein.pk}") == ["Ausbildungspatenschaften"]
    assert titles(key_project="true") == ["Ausbildungspatenschaften"]
    assert titles(q="haus") == ["Hausaufgabenhilfe"]
    leit = Goal.objects.get(edition=edition, parent=None)
    assert sorted(titles(goal=leit.pk)) == ["Hausaufgabenhilfe", "Mama lernt Deutsch"]  # with sub-goals
    assert titles(ordering="-title")[0] == "Schulsozialarbeit"
    assert titles(edition=edition.pk, ordering="title", page_size=2, page=2) == ["Mama lernt Deutsch",
                                                                                 "Schulsozialarbeit"]
    page = client.get(url, ordering="title", page_size=3).json()
    assert (page["pages"], page["next_page"], page["previous_page"]) == (2, 2, None)
    past_end = client.get(url, page_size=3, page=99).json()
    assert past_end["page"] == 2  # a page past the end gives the last one


@pytest.mark.parametrize("query", [
    {"lead": "x1"}, {"ordering": "colour"}, {"page": 0}, {"page_size": 1000}, {"field": "abc"},
    {"edition": 10**20}, {"q": "x" * 500}, {"key_project": "vielleicht"},
])
def test_measure_list_refuses_bad_parameters(api_for: Any, lesend: Any, plan: Any, query: dict[str, Any]) -> None:
    response = api_for(lesend).get(api_path("measures"), **query)
    assert response.status_code == 422, response.content


def test_measure_list_without_a_plan_is_empty(api_for: Any, koordination: Any) -> None:
    data = api_for(koordination).get(api_path("measures")).json()
    assert (data["edition_id"], data["count"], data["items"]) == (None, 0, [])


def test_history_lists_changes(api_for: Any, koordination: Any, coord_actor: Any, own_measure: Measure) -> None:
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"title": "Mama lernt Deutsch – Kurs 2"})
    entries = api_for(koordination).get(f"{_path(own_measure)}/history").json()
    assert [e["action"] for e in entries] == ["update", "create"]
    change = entries[0]["changes"][0]
    assert change == {"field": "title", "label": "Titel", "old": "Mama lernt Deutsch",
                      "new": "Mama lernt Deutsch – Kurs 2"}
    assert entries[0]["by"] == "koordination"


# --- changing ----------------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(api_for: Any, koordination: Any, own_measure: Measure, edition: Edition,
                                         verein: Organisation, other_amt: OrgUnit) -> None:
    group = TargetGroup.objects.create(municipality=own_measure.municipality, name="Eltern")
    status = StatusOption.objects.get(municipality=own_measure.municipality, normalised="in_progress")
    goals = list(Goal.objects.filter(edition=edition).order_by("pk")[:2])
    response = api_for(koordination).patch(_path(own_measure), {
        "version": own_measure.version,
        "description": "Deutschkurse mit Kinderbetreuung",
        "goal_ids": [g.pk for g in goals],
        "lead_organisation_id": verein.pk,  # clears the org unit lead
        "partner_org_unit_ids": [other_amt.pk],
        "target_group_ids": [group.pk],
        "status_id": status.pk,
        "start_date": "2026-03-01", "end_date": None,
        "cost_estimate": "12500.50",
        "indicators": ["Zahl der Teilnehmerinnen"],
        "links": [{"title": "Flyer", "url": "https://example.org/flyer.pdf"}, {"url": "https://example.org"}],
    })
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["version"] == own_measure.version + 1
    assert data["title"] == "Mama lernt Deutsch"  # not sent, not changed
    assert data["lead"]["kind"] == "organisation" and data["lead_org_unit_id"] is None
    assert data["status"]["normalised"] == "in_progress"
    assert data["cost_estimate"] == "12500.50"
    assert data["links"][1] == {"title": "https://example.org", "url": "https://example.org"}
    fresh = Measure.objects.get(pk=own_measure.pk)
    assert fresh.start_date == dt.date(2026, 3, 1)
    assert sorted(fresh.goals.values_list("pk", flat=True)) == [g.pk for g in goals]
    assert list(fresh.target_groups.all()) == [group]
    entry = AuditEntry.objects.filter(object_type="plans.measure", object_id=own_measure.pk).first()
    assert entry is not None and entry.action == "update" and "description" in entry.changes


def test_stale_version_gets_409_with_the_other_changes(api_for: Any, koordination: Any, fachstelle: Any,
                                                       own_measure: Measure) -> None:
    first, second = api_for(koordination), api_for(fachstelle)
    read = second.get(_path(own_measure)).json()
    assert first.patch(_path(own_measure), {"version": read["version"], "title": "Von der Koordination"}
                       ).status_code == 200
    response = second.patch(_path(own_measure), {"version": read["version"], "title": "Von der Fachstelle"})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == read["version"] + 1
    assert body["changes"][0]["changes"]["title"] == ["Mama lernt Deutsch", "Von der Koordination"]
    assert Measure.objects.get(pk=own_measure.pk).title == "Von der Koordination"
    # with the current version the second save goes through
    assert second.patch(_path(own_measure), {"version": body["current_version"], "title": "Von der Fachstelle"}
                        ).status_code == 200


def test_fachstelle_edits_own_measure_but_not_responsibility(api_for: Any, fachstelle: Any, own_measure: Measure,
                                                             edition: Edition, other_amt: OrgUnit, amt: OrgUnit,
                                                             verein: Organisation) -> None:
    client = api_for(fachstelle)
    version = own_measure.version
    other_field = edition.fields.exclude(pk=own_measure.field_id).first()
    assert other_field is not None
    for body in ({"lead_org_unit_id": other_amt.pk}, {"lead_organisation_id": verein.pk},
                 {"partner_org_unit_ids": [other_amt.pk]}, {"partner_organisation_ids": [verein.pk]},
                 {"field_id": other_field.pk}):
        before = _state(own_measure)
        response = client.patch(_path(own_measure), {"version": version, **body})
        assert response.status_code == 403, (body, response.content)
        assert "Koordinierungsstelle" in response.json()["detail"]
        assert _state(own_measure) == before
    # the same responsibility values as now are no change, and other fields are the Fachstelle's to edit
    response = client.patch(_path(own_measure), {"version": version, "lead_org_unit_id": amt.pk,
                                                 "field_id": own_measure.field_id, "description": "Neu"})
    assert response.status_code == 200, response.content
    assert response.json()["description"] == "Neu"


def test_fachstelle_may_edit_as_partner(api_for: Any, fachstelle: Any, edition: Edition) -> None:
    partner_measure = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    response = api_for(fachstelle).patch(_path(partner_measure), {"version": partner_measure.version,
                                                                  "indicators": ["Zahl der Kinder"]})
    assert response.status_code == 200, response.content


def test_ids_of_another_municipality_are_refused(api_for: Any, koordination: Any, own_measure: Measure,
                                                 other_municipality: Any, foreign_plan_measure: Measure) -> None:
    with municipality_scope(other_municipality):
        foreign_unit = OrgUnit.objects.create(municipality=other_municipality, name="Fremdes Amt")
        foreign_org = Organisation.objects.create(municipality=other_municipality, name="Fremder Verein")
        foreign_goal = foreign_plan_measure.goals.get()
        foreign_group = TargetGroup.objects.create(municipality=other_municipality, name="Fremde")
        foreign_status = StatusOption.objects.filter(municipality=other_municipality).first()
        assert foreign_status is not None
    client = api_for(koordination)
    for key, value in (
        ("lead_org_unit_id", foreign_unit.pk), ("lead_organisation_id", foreign_org.pk),
        ("partner_org_unit_ids", [foreign_unit.pk]), ("partner_organisation_ids", [foreign_org.pk]),
        ("goal_ids", [foreign_goal.pk]), ("field_id", foreign_plan_measure.field_id),
        ("target_group_ids", [foreign_group.pk]), ("status_id", foreign_status.pk),
        ("goal_ids", [999_999]),
    ):
        before = _state(own_measure)
        response = client.patch(_path(own_measure), {"version": own_measure.version, key: value})
        assert response.status_code == 422, (key, response.content)
        assert key in response.json()["detail"]
        assert _state(own_measure) == before


def test_goal_of_another_edition_is_refused(api_for: Any, koordination: Any, coord_actor: Any, edition: Edition,
                                            own_measure: Measure) -> None:
    from teilhabe.plans.editions import start_new_edition

    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung")
    other_goal = Goal.objects.filter(edition=new).first()
    assert other_goal is not None
    response = api_for(koordination).patch(_path(own_measure), {"version": own_measure.version,
                                                                "goal_ids": [other_goal.pk]})
    assert response.status_code == 422


HOSTILE = [
    {"title": "<script>alert(1)</script>"},
    {"description": "Text <img src=x onerror=alert(1)>"},
    {"reference": "<b>1</b>"},
    {"funding": "javascript:alert(1)"},
    {"gender_diversity_note": "&#60;script&#62;"},
    {"indicators": ["<a href='x'>Zahl</a>"]},
    {"links": [{"url": "javascript:alert(1)"}]},
    {"links": [{"title": "<svg onload=alert(1)>", "url": "https://example.org"}]},
    {"links": ["https://example.org"]},
]
BROKEN = [
    {"title": ""}, {"title": None}, {"title": "x" * 301}, {"start_date": "2026-02-31"}, {"start_date": "Frühjahr 2026"},
    {"start_date": "2026-05-01", "end_date": "2026-04-01"}, {"cost_estimate": -1}, {"cost_estimate": "1e20"},
    {"cost_estimate": "12,50"}, {"cost_estimate": "1.234"}, {"goal_ids": "1"}, {"goal_ids": [0]},
    {"goal_ids": [10**20]}, {"goal_ids": [10**15]}, {"field_id": None}, {"status_id": None},
    {"is_key_project": "vielleicht"},
    {"unknown_field": 1}, {"indicators": [""]}, {"indicators": ["x"] * 51},
    {"lead_org_unit_id": 1, "lead_organisation_id": 1}, {"links": [{"url": "ftp://example.org/x"}]},
]


@pytest.mark.parametrize("body", HOSTILE + BROKEN, ids=lambda b: json.dumps(b)[:40])
def test_bad_input_is_422_and_changes_nothing(api_for: Any, koordination: Any, own_measure: Measure,
                                              body: dict[str, Any]) -> None:
    before = _state(own_measure)
    response = api_for(koordination).patch(_path(own_measure), {"version": own_measure.version, **body})
    assert response.status_code == 422, response.content
    assert "detail" in response.json()
    assert _state(own_measure) == before


@pytest.mark.parametrize("raw", ["", "not json", "[]", '{"version": "eins"}', '{"title": "ohne Version"}',
                                 '{"version": -1}', '{"version": 99999999999}',
                                 '{"version": 1, "goal_ids": [99999999999999999999]}'])
def test_broken_bodies_never_500(api_for: Any, koordination: Any, own_measure: Measure, raw: str) -> None:
    before = _state(own_measure)
    client: Client = api_for(koordination).client
    response = client.patch(_path(own_measure), raw, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    assert _state(own_measure) == before


@pytest.mark.parametrize("path", [
    "measures/99999999999", "measures/99999999999999999999", "measures/0", "measures/abc", "editions/0/tree",
    "editions/99999999999/tree", "editions/99999999999999999999/tree", "measures/1/history/x",
])
def test_bad_ids_in_paths_never_500(api_for: Any, koordination: Any, plan: Any, path: str) -> None:
    response = api_for(koordination).get(api_path(path))
    assert response.status_code in (404, 422), response.content


def test_archived_edition_refuses_changes(api_for: Any, koordination: Any, coord_actor: Any, edition: Edition,
                                         own_measure: Measure) -> None:
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"status": Edition.Status.ARCHIVED})
    before = _state(own_measure)
    response = api_for(koordination).patch(_path(own_measure), {"version": own_measure.version, "title": "Neu"})
    assert response.status_code == 400
    assert "archiviert" in response.json()["detail"]
    assert _state(own_measure) == before
    assert api_for(koordination).get(_path(own_measure)).json()["permissions"]["edit"] is False


# --- create and delete ---------------------------------------------------------------------------------------


def test_create_measure(api_for: Any, koordination: Any, edition: Edition, amt: OrgUnit) -> None:
    field = edition.fields.first()
    assert field is not None
    response = api_for(koordination).post(api_path("measures"), {
        "edition_id": edition.pk, "title": "Interkulturelle Elternabende", "field_id": field.pk,
        "lead_org_unit_id": amt.pk, "is_key_project": True, "end_date": None,
    })
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["version"] == 1 and data["status"]["label"] == "geplant"  # the default status
    measure = Measure.objects.get(pk=data["id"])
    assert measure.lead_org_unit == amt and measure.is_key_project
    assert AuditEntry.objects.filter(object_type="plans.measure", object_id=measure.pk, action="create").exists()


@pytest.mark.parametrize("change", [
    {"edition_id": None}, {"edition_id": 999_999}, {"title": "<i>x</i>"}, {"title": None}, {"field_id": None},
    {"field_id": 999_999}, {"version": 1},
])
def test_create_refuses_bad_input(api_for: Any, koordination: Any, edition: Edition, change: dict[str, Any]) -> None:
    field = edition.fields.first()
    assert field is not None
    body = {"edition_id": edition.pk, "title": "Neue Maßnahme", "field_id": field.pk, **change}
    body = {k: v for k, v in body.items() if v is not None}  # None: left out
    count = Measure.objects.count()
    response = api_for(koordination).post(api_path("measures"), body)
    assert response.status_code == 422, response.content
    assert Measure.objects.count() == count


def test_create_in_a_foreign_edition_is_refused(api_for: Any, koordination: Any, foreign_plan_measure: Measure,
                                                plan: Any) -> None:
    count = Measure.objects.count()
    response = api_for(koordination).post(api_path("measures"), {
        "edition_id": foreign_plan_measure.edition_id, "title": "X", "field_id": foreign_plan_measure.field_id})
    assert response.status_code == 422
    assert Measure.objects.count() == count


def test_delete_needs_the_current_version(api_for: Any, koordination: Any, coord_actor: Any,
                                          own_measure: Measure) -> None:
    client = api_for(koordination)
    stale = own_measure.version
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=stale, values={"title": "Neu"})
    response = client.delete(f"{_path(own_measure)}?version={stale}")
    assert response.status_code == 409
    assert response.json()["changes"][0]["changes"]["title"] == ["Mama lernt Deutsch", "Neu"]
    assert client.delete(_path(own_measure)).status_code == 422  # version is required
    assert client.delete(f"{_path(own_measure)}?version={stale + 1}").status_code == 204
    assert not Measure.objects.filter(pk=own_measure.pk).exists()
    assert AuditEntry.objects.filter(object_type="plans.measure", object_id=own_measure.pk, action="delete").exists()
    assert client.get(_path(own_measure)).status_code == 404


# --- CSRF ----------------------------------------------------------------------------------------------------------


def test_unsafe_methods_need_the_csrf_token(koordination: Any, own_measure: Measure) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(koordination)
    api = Api(client)
    assert api.get(_path(own_measure)).status_code == 200  # safe methods need no token
    body = {"version": own_measure.version, "title": "Ohne Token"}
    response = api.patch(_path(own_measure), body)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Measure.objects.get(pk=own_measure.pk).title == "Mama lernt Deutsch"
    token = "a" * 32
    client.cookies["csrftoken"] = token
    response = client.patch(_path(own_measure), json.dumps({**body, "title": "Mit Token"}),
                            content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    assert Measure.objects.get(pk=own_measure.pk).title == "Mit Token"
