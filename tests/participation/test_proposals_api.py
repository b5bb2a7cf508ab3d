"""The proposals' API: public reads, reads by role, entering and submitting, status and answer; bad input and
forged ids refused; a fixed number of queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Meeting, Proposal
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import Measure

URL = "/api/v1/heidelberg/proposals"


def _send(client: Any, method: str, url: str, body: Any) -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _bulk(municipality: Municipality, meeting: Meeting, n: int, start: int = 0) -> None:
    Proposal.objects.bulk_create([
        Proposal(municipality=municipality, title=f"Vorschlag {i}", text="<p>Text</p>", meeting=meeting,
                 proposer_kind="body", proposer_body=meeting.body) for i in range(start, start + n)])


def test_public_list_shows_published_ones_with_a_fixed_number_of_queries(
        municipality: Municipality, meeting: Meeting, coord_actor: Actor, own_measure: Measure,
        client_for: Callable[..., Any]) -> None:
    _bulk(municipality, meeting, 5)
    linked = services.enter_proposal(actor=coord_actor, municipality=municipality,
                                     values={"title": "Mit Maßnahme", "text": "x", "meeting": meeting})
    services.link_measure(actor=coord_actor, proposal=linked, measure=own_measure)
    services.submit_proposal(municipality=municipality, values={"title": "Wartet", "text": "x"})
    client = client_for(None)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"body": meeting.body_id, "page_size": 1000})
        assert response.status_code == 200
        return len(captured)

    few = count()
    _bulk(municipality, meeting, 20, start=5)
    assert count() == few
    data = client.get(URL, {"page_size": 1000}).json()
    assert data["count"] == 26 and "Wartet" not in {i["title"] for i in data["items"]}
    item = next(i for i in data["items"] if i["title"] == "Mit Maßnahme")
    assert item["measures"][0]["title"] == "Mama lernt Deutsch" and item["meeting"]["id"] == meeting.pk
    assert client.get(URL, {"bogus": 1}).status_code == 422


def test_members_read_by_role(municipality: Municipality, gremium_member: User, lesend: User, body: Body,
                              client_for: Callable[..., Any]) -> None:
    pending = services.submit_proposal(municipality=municipality, values={"title": "Offen", "text": "x"})
    assert client_for(None).get(f"{URL}/{pending.pk}").status_code == 404
    assert client_for(lesend).get(f"{URL}/{pending.pk}").status_code == 200
    assert client_for(gremium_member).get(f"{URL}/{pending.pk}").status_code == 404  # not of their body
    assert client_for(lesend).get(URL, {"moderation": "pending"}).json()["count"] == 1


def test_enter_submit_and_answer(municipality: Municipality, moderator: User, gremium_member: User,
                                 koordination: User, meeting: Meeting, body: Body, other_body: Body,
                                 client_for: Callable[..., Any]) -> None:
    entered = _send(client_for(moderator), "post", URL, {
        "title": "Elterncafé", "text": "<p>Ein Café</p><script>x()</script>", "meeting_id": meeting.pk})
    assert entered.status_code == 201, entered.content
    assert entered.json()["moderation"] == "published" and "script" not in entered.json()["text"]
    refused = _send(client_for(moderator), "post", URL, {
        "title": "Fremd", "text": "x", "proposer_kind": "body", "proposer_body_id": other_body.pk})
    assert refused.status_code == 403
    submitted = _send(client_for(gremium_member), "post", URL, {
        "mode": "submitted", "title": "Lesepaten", "text": "x", "proposer_kind": "body",
        "proposer_body_id": body.pk})
    assert submitted.status_code == 201 and submitted.json()["moderation"] == "pending"
    assert _send(client_for(gremium_member), "post", URL, {"title": "x", "text": "y"}).status_code == 403
    proposal = entered.json()
    url = f"{URL}/{proposal['id']}"
    no_reason = _send(client_for(koordination), "patch", url, {"version": proposal["version"],
                                                               "status": "not_pursued"})
    assert no_reason.status_code == 422 and "answer" in no_reason.json()["detail"]
    assert _send(client_for(moderator), "patch", url, {"version": proposal["version"],
                                                       "status": "under_consideration"}).status_code == 403
    ok = _send(client_for(koordination), "patch", url, {"version": proposal["version"], "status": "not_pursued",
                                                       "answer": "Gibt es schon."})
    assert ok.status_code == 200 and ok.json()["status"] == "not_pursued"
    stale = _send(client_for(koordination), "patch", url, {"version": proposal["version"],
                                                          "status": "under_consideration"})
    assert stale.status_code == 409


def test_forged_ids_and_markup_are_refused(municipality: Municipality, other_municipality: Municipality,
                                           koordination: User, client_for: Callable[..., Any]) -> None:
    with municipality_scope(other_municipality):
        foreign = Body.objects.create(municipality=other_municipality, name="Fremd")
    client = client_for(koordination)
    forged = _send(client, "post", URL, {"title": "x", "text": "y", "proposer_kind": "body",
                                         "proposer_body_id": foreign.pk})
    assert forged.status_code == 422 and "proposer_body_id" in forged.json()["detail"]
    markup = _send(client, "post", URL, {"title": "<b>x</b>", "text": "y"})
    assert markup.status_code == 422
    assert not Proposal.objects.exists()
