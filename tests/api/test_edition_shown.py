"""Which edition the API serves, per role (the rule of plans.rules): the measure list without `edition`, the plans
with their editions, an edition's tree, one measure — and 404 for a draft not open for comment to the caller."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.roles import Role
from teilhabe.plans import services
from teilhabe.plans.editions import open_edition_for_comment, start_new_edition
from teilhabe.plans.models import Edition, Measure
from tests.api.conftest import api_path

ROLES = ["koordination", "platform_admin", "fachstelle", "lesend"]
SEES_DRAFTS = {"koordination": True, "platform_admin": True, "fachstelle": False, "lesend": False}


@pytest.fixture
def draft(coord_actor: Any, edition: Edition) -> Edition:
    """The plan in force (the fixture's adopted edition) and its Fortschreibung in draft."""
    return Edition.objects.get(pk=start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung").pk)


def open_for(actor: Any, edition: Edition, *roles: Role) -> None:
    edition.refresh_from_db()
    open_edition_for_comment(actor=actor, edition=edition, roles=roles, expected_version=edition.version)


@pytest.mark.parametrize("who", ROLES)
def test_default_edition_per_role(who: str, request: Any, api_for: Any, edition: Edition, draft: Edition) -> None:
    api = api_for(request.getfixturevalue(who))
    response = api.get(api_path("measures"))
    assert response.status_code == 200
    assert response.json()["edition_id"] == (draft.pk if SEES_DRAFTS[who] else edition.pk)
    plans = api.get(api_path("plans")).json()
    listed = {e["id"] for p in plans for e in p["editions"]}
    assert listed == ({edition.pk, draft.pk} if SEES_DRAFTS[who] else {edition.pk})


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_unreleased_draft_is_404(who: str, request: Any, api_for: Any, draft: Edition) -> None:
    api = api_for(request.getfixturevalue(who))
    measure = Measure.objects.filter(edition=draft).first()
    assert measure is not None
    assert api.get(api_path(f"editions/{draft.pk}/tree")).status_code == 404
    assert api.get(api_path("measures"), edition=draft.pk).status_code == 404
    assert api.get(api_path(f"measures/{measure.pk}")).status_code == 404
    assert api.get(api_path(f"measures/{measure.pk}/history")).status_code == 404


@pytest.mark.parametrize("who", ["koordination", "platform_admin"])
def test_koordination_reads_the_draft(who: str, request: Any, api_for: Any, draft: Edition) -> None:
    api = api_for(request.getfixturevalue(who))
    tree = api.get(api_path(f"editions/{draft.pk}/tree"))
    assert tree.status_code == 200 and tree.json()["edition"]["status"] == "draft"


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_a_draft_open_for_comment_is_readable(who: str, request: Any, api_for: Any, coord_actor: Any,
                                              edition: Edition, draft: Edition) -> None:
    open_for(coord_actor, draft, Role.FACHSTELLE, Role.LESEND)
    api = api_for(request.getfixturevalue(who))
    assert api.get(api_path("measures")).json()["edition_id"] == edition.pk  # the plan in force stays the default
    assert api.get(api_path("measures"), edition=draft.pk).json()["edition_id"] == draft.pk
    assert api.get(api_path(f"editions/{draft.pk}/tree")).status_code == 200
    assert draft.pk in {e["id"] for p in api.get(api_path("plans")).json() for e in p["editions"]}


def test_fachstelle_edits_in_the_edition_in_force_only(api_for: Any, fachstelle: Any, coord_actor: Any,
                                                       edition: Edition, draft: Edition) -> None:
    open_for(coord_actor, draft, Role.FACHSTELLE)
    api = api_for(fachstelle)
    in_draft = Measure.objects.get(edition=draft, title="Mama lernt Deutsch")
    in_force = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    shown = api.get(api_path(f"measures/{in_draft.pk}")).json()
    assert shown["permissions"]["edit"] is False
    response = api.patch(api_path(f"measures/{in_draft.pk}"), {"version": in_draft.version, "description": "x"})
    assert response.status_code == 403
    assert Measure.objects.get(pk=in_draft.pk).description == ""
    assert api.get(api_path(f"measures/{in_force.pk}")).json()["permissions"]["edit"] is True
    response = api.patch(api_path(f"measures/{in_force.pk}"), {"version": in_force.version, "description": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_no_adopted_edition_yet(who: str, request: Any, api_for: Any, coord_actor: Any, municipality: Any) -> None:
    services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan")
    body = api_for(request.getfixturevalue(who)).get(api_path("measures")).json()
    assert body["edition_id"] is None and body["items"] == []
