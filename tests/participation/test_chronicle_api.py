"""The chronicle in the REST API: the public list (paging, filters, fixed queries), and writes for whoever may
keep the chronicle (bad input, forged ids, versions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Meeting, Milestone
from teilhabe.participation.services import chronicle as services
from teilhabe.plans.models import Edition
from tests.api.conftest import Api, api_path

D = dt.date
PATH = api_path("chronicle")


@pytest.fixture
def api_for(client_for: Callable[[User | None], Client]) -> Callable[[User | None], Api]:
    def make(user: User | None) -> Api:
        return Api(client_for(user))

    return make


def _make(actor: Actor, municipality: Municipality, n: int, start: int = 0, **extra: Any) -> None:
    for i in range(start, start + n):
        services.create_milestone(actor=actor, municipality=municipality, values={
            "date": D(2000 + i % 20, 1 + i % 12, 1), "title": f"Station {i}", "kind": Milestone.Kind.EVENT,
            **extra})


def test_public_list(api_for: Any, municipality: Municipality, coord_actor: Actor, edition: Edition) -> None:
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2014, 9, 24), "end_date": D(2014, 9, 29), "title": "Zweite Fokusgruppenrunde",
        "kind": Milestone.Kind.PARTICIPATION, "edition": edition, "document_url": "https://example.org/a.pdf",
        "document_label": "Protokoll"})
    services.propose_milestones(municipality)  # proposals are not public
    response = api_for(None).get(PATH)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["when"] == "24. bis 29. September 2014"
    assert (item["date"], item["end_date"], item["precision"], item["kind"]) == (
        "2014-09-24", "2014-09-29", "day", "participation")
    assert item["edition"]["id"] == edition.pk
    assert item["document"] == {"url": "https://example.org/a.pdf", "label": "Protokoll"}
    assert item["url"] == f"http://testserver/heidelberg/chronik/#meilenstein-{item['id']}"


def test_filters_and_paging(api_for: Any, municipality: Municipality, coord_actor: Actor) -> None:
    _make(coord_actor, municipality, 24)
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2014, 3, 13), "title": "Beschluss", "kind": Milestone.Kind.COUNCIL_DECISION})
    api = api_for(None)
    assert api.get(PATH, kind="council_decision").json()["count"] == 1
    assert api.get(PATH, year=2014).json()["count"] == 2
    page = api.get(PATH, page=2, page_size=10).json()
    assert (page["count"], page["pages"], len(page["items"]), page["next_page"]) == (25, 3, 10, 3)
    assert api.get(PATH, page_size=1001).status_code == 422
    assert api.get(PATH, kind="unknown").status_code == 422
    assert api.get(PATH, jahr=2014).status_code == 422


def test_proposed_ones_only_for_koordination(api_for: Any, municipality: Municipality, edition: Edition,
                                             koordination: User, lesend: User) -> None:
    services.propose_milestones(municipality)
    assert api_for(None).get(PATH, state="proposed").status_code == 403
    assert api_for(lesend).get(PATH, state="proposed").status_code == 403
    body = api_for(koordination).get(PATH, state="proposed").json()
    assert body["count"] == 1 and body["items"][0]["proposed_by_teilhabe"] is True


def test_list_queries_do_not_grow(api_for: Any, municipality: Municipality, coord_actor: Actor,
                                  edition: Edition) -> None:
    api = api_for(None)
    _make(coord_actor, municipality, 10, edition=edition)
    with CaptureQueriesContext(connection) as small:
        assert api.get(PATH, page_size=1000).status_code == 200
    _make(coord_actor, municipality, 30, start=10, edition=edition)
    with CaptureQueriesContext(connection) as large:
        assert len(api.get(PATH, page_size=1000).json()["items"]) == 40
    assert len(large) == len(small)


def test_create_update_confirm_delete(api_for: Any, municipality: Municipality, koordination: User,
                                      edition: Edition) -> None:
    api = api_for(koordination)
    created = api.post(PATH, {"date": "2015-03-13", "title": "Beitritt zur Städtekoalition", "kind": "membership",
                              "text": "<p>Festakt<script>alert(1)</script></p>", "edition_id": edition.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["text"] == "<p>Festakt</p>" and body["state"] == "published"
    path = f"{PATH}/{body['id']}"
    changed = api.patch(path, {"version": body["version"], "title": "Beitritt zur ECCAR", "edition_id": None})
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["edition"]) == ("Beitritt zur ECCAR", None)
    stale = api.patch(path, {"version": body["version"], "title": "Veraltet"})
    assert stale.status_code == 409
    assert api.delete(f"{path}?version={changed.json()['version']}").status_code == 204
    assert not Milestone.objects.exists()


def test_confirm_and_dismiss_through_patch(api_for: Any, municipality: Municipality, koordination: User,
                                          edition: Edition) -> None:
    [proposed] = services.propose_milestones(municipality)
    api = api_for(koordination)
    confirmed = api.patch(f"{PATH}/{proposed.pk}", {"version": proposed.version, "state": "published"})
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "published"
    refused = api.patch(f"{PATH}/{proposed.pk}", {"version": confirmed.json()["version"], "state": "dismissed"})
    assert refused.status_code == 400
    assert Milestone.objects.get().state == Milestone.State.PUBLISHED


def test_bad_input_changes_nothing(api_for: Any, municipality: Municipality, other_municipality: Municipality,
                                   koordination: User, foreign_user: User) -> None:
    api = api_for(koordination)
    with municipality_scope(other_municipality):
        foreign = Meeting.objects.create(municipality=other_municipality, title="Fremd",
                                         starts_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                                         ends_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    end_first = api.post(PATH, {"date": "2014-09-29", "end_date": "2014-09-24", "title": "Runde"})
    assert end_first.status_code == 422
    assert end_first.json()["detail"]["end_date"] == ["Das Ende des Zeitraums liegt vor seinem Beginn."]
    forged = api.post(PATH, {"date": "2014-09-29", "title": "Runde", "meeting_id": foreign.pk})
    assert forged.status_code == 422
    assert forged.json()["detail"]["meeting_id"] == ["Unbekannte Id in dieser Kommune."]
    assert api.post(PATH, {"date": "2014-09-29", "title": "<b>Runde</b>"}).status_code == 422
    assert api.post(PATH, {"date": "2014-09-29", "title": "Runde", "document_url": "javascript:alert(1)"}
                    ).status_code == 422
    assert api.post(PATH, {"date": "2014-09-29", "title": "Runde", "meeting_id": 10**20}).status_code == 422
    assert api.post(PATH, {"date": "2014-09-29", "title": "Runde", "colour": "red"}).status_code == 422
    assert not Milestone.objects.exists()


def test_writes_need_the_role(api_for: Any, municipality: Municipality, coord_actor: Actor, fachstelle: User,
                              foreign_user: User) -> None:
    milestone = services.create_milestone(actor=coord_actor, municipality=municipality,
                                          values={"date": D(2015, 3, 13), "title": "Beitritt"})
    body = {"date": "2015-03-13", "title": "Neu"}
    assert api_for(None).post(PATH, body).status_code == 401
    assert api_for(fachstelle).post(PATH, body).status_code == 403
    assert api_for(foreign_user).post(PATH, body).status_code == 404
    assert api_for(fachstelle).patch(f"{PATH}/{milestone.pk}", {"version": 1, "title": "x"}).status_code == 403
    assert api_for(fachstelle).delete(f"{PATH}/{milestone.pk}?version=1").status_code == 403
    assert Milestone.objects.get().title == "Beitritt"
