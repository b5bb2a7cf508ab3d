"""Prioritisation in Chromium: the moderator enters a dot voting's tally and publishes it (back office pages
pass axe-core, the chart is drawn, the CSP refuses nothing); a person with a ballot link sees the remaining
points change as they type, and submits."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Ballot, Meeting, Proposal
from teilhabe.participation.services import prioritisation as services
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _proposals(municipality: Municipality) -> list[Proposal]:
    return [Proposal.objects.create(municipality=municipality, title=t, text="x")
            for t in ("Sprachcafé", "Elternlotsen", "Begegnungsfest")]


def test_moderator_enters_and_publishes_a_dot_voting(page: Any, moderator: User, municipality: Municipality,
                                                     meeting: Meeting, csp_violations: list[str]) -> None:
    with municipality_scope(municipality):
        proposals = _proposals(municipality)
        prio = services.create_prioritisation(
            actor=actor_for(moderator, municipality), municipality=municipality,
            proposal_ids=[p.pk for p in proposals],
            values={"title": "Punktabfrage AG Bildung", "method": "dots", "audience": "body", "body": meeting.body,
                    "meeting": meeting, "points_per_person": 3})
    log_in(page, "moderation")
    page.goto("/heidelberg/intern/beteiligung/priorisierung/")
    assert_accessible(page)
    page.get_by_role("link", name="Punktabfrage AG Bildung").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Punktabfrage eintragen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Teilnehmende, die Punkte vergeben haben").fill("4")
    page.get_by_label("Sprachcafé").fill("20")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert page.get_by_text("mehr Punkte").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Sprachcafé").fill("5")
    page.get_by_label("Elternlotsen").fill("5")
    page.get_by_label("Begegnungsfest").fill("2")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ergebnis veröffentlichen").click()
    page.wait_for_load_state()
    page.locator("#priorisierung-diagramm svg, #priorisierung-diagramm canvas").first.wait_for()
    assert_accessible(page)
    assert page.locator("#priorisierung-tabelle").get_by_text("gleichauf").count() == 2
    page.goto(f"/heidelberg/beteiligung/priorisierung/{prio.pk}/")
    assert page.get_by_text("So wurde gezählt").is_visible()
    assert csp_violations == []


def test_remaining_points_hint_and_ballot(page: Any, coord_actor: Any, municipality: Municipality,
                                         csp_violations: list[str]) -> None:
    with municipality_scope(municipality):
        proposals = _proposals(municipality)
        prio = services.create_prioritisation(
            actor=coord_actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Online", "method": "points", "audience": "public", "points_per_person": 5,
                    "max_points_per_proposal": 3})
        prio = services.open_prioritisation(actor=coord_actor, prioritisation=prio)
        token = services.ballot_token(prio, "ana@example.org")
    page.goto(f"/heidelberg/beteiligung/priorisierung/{prio.pk}/stimmzettel/{token}/")
    hint = page.locator("[data-ballot-remaining]")
    assert hint.inner_text() == "Noch 5 von 5 Punkten übrig."
    page.get_by_label("Sprachcafé").fill("3")
    page.get_by_label("Elternlotsen").fill("3")
    assert hint.inner_text() == "Sie haben 6 Punkte vergeben, aber nur 5 zur Verfügung."
    page.get_by_label("Elternlotsen").fill("2")
    assert hint.inner_text() == "Noch 0 von 5 Punkten übrig."
    assert_accessible(page)
    page.get_by_role("button", name="Stimmzettel abgeben").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ihr Stimmzettel ist gezählt").is_visible()
    with municipality_scope(municipality):
        assert Ballot.objects.filter(prioritisation=prio).count() == 1
    assert csp_violations == []
