"""Prioritisation's pages: the back office list (fixed queries), set-up, tally, open/close/publish, the result
page; the portal's ballot for members and through the e-mail link, and the published result."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Ballot, Prioritisation, Proposal, Tally
from teilhabe.participation.services import prioritisation as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(municipality: Municipality) -> list[Proposal]:
    with municipality_scope(municipality):
        return [Proposal.objects.create(municipality=municipality, title=t, text="x")
                for t in ("Sprachcafé", "Elternlotsen", "Begegnungsfest")]


def _bo(municipality: Municipality, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:participation_prioritisation_{name}", kwargs={"municipality": municipality.slug,
                                                                             **kwargs})


def _portal(municipality: Municipality, pk: int) -> str:
    return reverse("portal:participation_prioritisation_detail", kwargs={"municipality": municipality.slug, "pk": pk})


def _create(actor: Any, municipality: Municipality, proposals: list[Proposal], **values: Any) -> Prioritisation:
    with municipality_scope(municipality):
        return services.create_prioritisation(
            actor=actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Schlüsselprojekte", "method": "points", "audience": "public",
                    "points_per_person": 3, **values})


def _many(actor: Any, municipality: Municipality, proposals: list[Proposal], count: int) -> None:
    for _ in range(count):
        _create(actor, municipality, proposals)


def test_list_runs_a_fixed_number_of_queries(client_for, koordination, coord_actor, municipality, proposals):
    client = client_for(koordination)
    url = _bo(municipality, "list")
    _many(coord_actor, municipality, proposals, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _many(coord_actor, municipality, proposals, 6)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert response.content.decode().count("Schlüsselprojekte") == 8
    assert len(more) == len(few)


def test_create_through_the_form(client_for, koordination, municipality, proposals, body):
    response = client_for(koordination).post(_bo(municipality, "create"), {
        "title": "AG Bildung priorisiert", "method": "ranking", "audience": "body", "body": body.pk,
        "proposals": [p.pk for p in proposals], "points_per_person": 3})
    assert response.status_code == 302
    with municipality_scope(municipality):
        prio = Prioritisation.objects.get()
    assert prio.method == "ranking" and prio.body == body and prio.proposals.count() == 3


def test_create_with_a_foreign_proposal_changes_nothing(client_for, koordination, municipality,
                                                        other_municipality, proposals):
    with municipality_scope(other_municipality):
        foreign = Proposal.objects.create(municipality=other_municipality, title="Fremd", text="x")
    response = client_for(koordination).post(_bo(municipality, "create"), {
        "title": "<b>Titel</b>", "method": "points", "audience": "public",
        "proposals": [proposals[0].pk, foreign.pk], "points_per_person": 3})
    assert response.status_code == 200
    assert "Bitte" in response.content.decode()
    with municipality_scope(municipality):
        assert not Prioritisation.objects.exists()


def test_tally_open_close_publish_and_result_page(client_for, moderator, municipality, proposals, meeting):
    actor = actor_for(moderator, municipality)
    prio = _create(actor, municipality, proposals, method="dots", audience="body", body=meeting.body,
                   meeting=meeting)
    client = client_for(moderator)
    form = {"participants": 5, **{f"dots_{p.pk}": n for p, n in zip(proposals, (7, 5, 3), strict=True)}}
    assert client.post(_bo(municipality, "tally", pk=prio.pk), form).status_code == 302
    too_many = {**form, f"dots_{proposals[0].pk}": 99}
    response = client.post(_bo(municipality, "tally", pk=prio.pk), too_many)
    assert response.status_code == 200 and "mehr Punkte" in response.content.decode()
    with municipality_scope(municipality):
        assert Tally.objects.get(proposal=proposals[0]).dots == 7
    assert client.post(_bo(municipality, "publish", pk=prio.pk)).status_code == 302
    page = client.get(_bo(municipality, "result", pk=prio.pk)).content.decode()
    assert "Punktabfrage in der Sitzung" in page and "priorisierung-diagramm" in page
    assert "als Maßnahme übernehmen" not in page  # Moderation does not adopt proposals
    public = client_for(None).get(_portal(municipality, prio.pk)).content.decode()
    assert "So wurde gezählt" in public and "Sprachcafé" in public


def test_result_page_links_chosen_proposals_to_their_adoption(client_for, koordination, coord_actor,
                                                              municipality, proposals):
    prio = _create(coord_actor, municipality, proposals)
    page = client_for(koordination).get(_bo(municipality, "result", pk=prio.pk)).content.decode()
    adopt = reverse("backoffice:participation_proposals_proposal_detail",
                    kwargs={"municipality": municipality.slug, "pk": proposals[0].pk}) + "#uebernehmen"
    assert f'href="{adopt}"' in page and page.count("als Maßnahme übernehmen") == 3


def test_result_page_queries_do_not_grow_with_ballots(client_for, koordination, coord_actor, municipality,
                                                      proposals):
    prio = _create(coord_actor, municipality, proposals)
    with municipality_scope(municipality):
        prio = services.open_prioritisation(actor=coord_actor, prioritisation=prio)
    client = client_for(koordination)
    url = _bo(municipality, "result", pk=prio.pk)

    def vote(first: int, last: int) -> None:
        with municipality_scope(municipality):
            for i in range(first, last):
                services.submit_ballot(prioritisation=prio, voter=services.Voter(key=f"mail:{i}"),
                                       choices={proposals[i % 3].pk: 2, proposals[(i + 1) % 3].pk: 1})

    vote(0, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    vote(3, 12)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_moderator_cannot_touch_another_bodys_prioritisation(client_for, moderator, coord_actor, municipality,
                                                             proposals, other_body):
    prio = _create(coord_actor, municipality, proposals, audience="body", body=other_body)
    client = client_for(moderator)
    assert client.post(_bo(municipality, "open", pk=prio.pk)).status_code == 404
    with municipality_scope(municipality):
        assert Prioritisation.objects.get().state == "draft"


# --- portal ------------------------------------------------------------------------------------------------------


def test_draft_is_not_public(client_for, coord_actor, municipality, proposals):
    prio = _create(coord_actor, municipality, proposals)
    assert client_for(None).get(_portal(municipality, prio.pk)).status_code == 404


def test_member_votes_in_the_portal(client_for, gremium_member, coord_actor, municipality, proposals, body):
    prio = _create(coord_actor, municipality, proposals, audience="body", body=body, method="ranking")
    with municipality_scope(municipality):
        services.open_prioritisation(actor=coord_actor, prioritisation=prio)
    assert client_for(None).get(_portal(municipality, prio.pk)).status_code == 404  # not public
    client = client_for(gremium_member)
    page = client.get(_portal(municipality, prio.pk)).content.decode()
    assert "Rang 3" in page and "Stimmzettel abgeben" in page
    fields = {f"p{p.pk}": "" for p in proposals}
    bad = client.post(_portal(municipality, prio.pk), {**fields, f"p{proposals[0].pk}": 2})
    assert "ohne Lücken" in bad.content.decode()
    good = client.post(_portal(municipality, prio.pk), {**fields, f"p{proposals[1].pk}": 1,
                                                        f"p{proposals[0].pk}": 2})
    assert good.status_code == 302
    again = client.get(_portal(municipality, prio.pk)).content.decode()
    assert "bereits abgestimmt" in again
    with municipality_scope(municipality):
        assert Ballot.objects.get().choices.count() == 2


def test_public_votes_through_the_mailed_link(client_for, coord_actor, municipality, proposals, smtp_server,
                                              run_tasks, django_capture_on_commit_callbacks):
    prio = _create(coord_actor, municipality, proposals, max_points_per_proposal=2)
    with municipality_scope(municipality):
        services.open_prioritisation(actor=coord_actor, prioritisation=prio)
    client = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_portal(municipality, prio.pk), {"email": "ana@example.org"})
    assert response.status_code == 302
    run_tasks()
    [message] = smtp_server.messages()
    path = "/" + message.get_content().split("/", 3)[3].split()[0]
    assert "/stimmzettel/" in path
    page = client.get(path)
    assert page["Referrer-Policy"] == "same-origin" and "data-ballot-total" in page.content.decode()
    over = client.post(path, {f"p{proposals[0].pk}": 2, f"p{proposals[1].pk}": 2})
    assert "4 Punkte vergeben, aber nur 3" in over.content.decode()
    assert client.post(path, {f"p{proposals[0].pk}": 2, f"p{proposals[1].pk}": 1}).status_code == 302
    assert "bereits abgestimmt" in client.get(path).content.decode()
    forged = path.replace("/stimmzettel/", "/stimmzettel/x")
    assert "ungültig" in client.get(forged).content.decode()
    with municipality_scope(municipality):
        assert Ballot.objects.count() == 1


def test_portal_list_shows_public_and_published(client_for, coord_actor, municipality, proposals, body):
    open_one = _create(coord_actor, municipality, proposals, title="Offen für alle")
    _create(coord_actor, municipality, proposals, title="Noch Entwurf")
    with municipality_scope(municipality):
        services.open_prioritisation(actor=coord_actor, prioritisation=open_one)
    url = reverse("portal:participation_prioritisation_list", kwargs={"municipality": municipality.slug})
    page = client_for(None).get(url).content.decode()
    assert "Offen für alle" in page and "Noch Entwurf" not in page
