"""The prioritisation API: lists and one prioritisation (result when published), a member's ballot, refusals,
and query counts that do not grow with the data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Ballot, Prioritisation, Proposal
from teilhabe.participation.services import prioritisation as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(municipality: Municipality) -> list[Proposal]:
    with municipality_scope(municipality):
        return [Proposal.objects.create(municipality=municipality, title=t, text="x")
                for t in ("Sprachcafé", "Elternlotsen", "Begegnungsfest")]


def _url(municipality: Municipality, path: str = "") -> str:
    return f"/api/v1/{municipality.slug}/prioritisations{path}"


def _make(actor: Any, municipality: Municipality, proposals: list[Proposal], *, open_: bool = True,
          **values: Any) -> Prioritisation:
    with municipality_scope(municipality):
        prio = services.create_prioritisation(
            actor=actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Online", "method": "points", "audience": "public", "points_per_person": 3, **values})
        return services.open_prioritisation(actor=actor, prioritisation=prio) if open_ else prio


def test_public_list_and_fixed_queries(client_for, coord_actor, municipality, proposals):
    client = client_for(None)
    for _ in range(2):
        _make(coord_actor, municipality, proposals)
    _make(coord_actor, municipality, proposals, open_=False, title="Entwurf")
    client.get(_url(municipality))
    with CaptureQueriesContext(connection) as few:
        first = client.get(_url(municipality)).json()
    for _ in range(6):
        _make(coord_actor, municipality, proposals)
    with CaptureQueriesContext(connection) as more:
        data = client.get(_url(municipality)).json()
    assert first["count"] == 2 and data["count"] == 8
    assert all(item["title"] == "Online" for item in data["items"])
    assert len(more) == len(few)


def test_result_only_when_published(client_for, coord_actor, municipality, proposals, koordination):
    prio = _make(coord_actor, municipality, proposals)
    with municipality_scope(municipality):
        services.submit_ballot(prioritisation=prio, voter=services.Voter(key="mail:x"),
                               choices={proposals[1].pk: 3})
    anonymous = client_for(None)
    assert anonymous.get(_url(municipality, f"/{prio.pk}")).json()["result"] is None
    member = client_for(koordination).get(_url(municipality, f"/{prio.pk}")).json()
    assert member["result"]["published"] is False
    with municipality_scope(municipality):
        prio = services.close_prioritisation(actor=coord_actor, prioritisation=prio)
        services.publish_result(actor=coord_actor, prioritisation=prio)
    with CaptureQueriesContext(connection) as queries:
        data = anonymous.get(_url(municipality, f"/{prio.pk}")).json()
    rows = data["result"]["rows"]
    assert rows[0]["proposal"]["title"] == "Elternlotsen" and rows[0]["score"] == 3 and rows[0]["place"] == 1
    assert rows[1]["tied"] and rows[2]["tied"] and rows[1]["place"] == rows[2]["place"] == 2
    assert "Punkte" in data["result"]["method_explained"]
    assert len(queries) <= 8


def test_member_posts_one_ballot(client_for, coord_actor, gremium_member, municipality, proposals, body,
                                 other_municipality):
    prio = _make(coord_actor, municipality, proposals, audience="body", body=body, method="ranking")
    client = client_for(gremium_member)
    url = _url(municipality, f"/{prio.pk}/ballots")

    def post(choices: list[dict[str, int]]) -> Any:
        return client.post(url, json.dumps({"choices": choices}), content_type="application/json")

    assert post([{"proposal_id": proposals[0].pk, "rank": 2}]).status_code == 400  # a gap
    with municipality_scope(other_municipality):
        foreign = Proposal.objects.create(municipality=other_municipality, title="Fremd", text="x")
    refused = post([{"proposal_id": foreign.pk, "rank": 1}])
    assert refused.status_code == 400 and "gehört nicht" in refused.json()["detail"]
    created = post([{"proposal_id": proposals[0].pk, "rank": 1}, {"proposal_id": proposals[2].pk, "rank": 2}])
    assert created.status_code == 201
    again = post([{"proposal_id": proposals[1].pk, "rank": 1}])
    assert again.status_code == 400 and "bereits abgestimmt" in again.json()["detail"]
    with municipality_scope(municipality):
        assert Ballot.objects.count() == 1
    assert client_for(None).post(url, "{}", content_type="application/json").status_code == 401


def test_foreign_and_draft_ids_are_404(client_for, coord_actor, municipality, proposals, foreign_user,
                                       other_municipality):
    draft = _make(coord_actor, municipality, proposals, open_=False)
    assert client_for(None).get(_url(municipality, f"/{draft.pk}")).status_code == 404
    assert client_for(foreign_user).get(_url(municipality, f"/{draft.pk}")).status_code == 404
