"""Every plan view × every role × a user of another municipality, as a table."""

from __future__ import annotations

import pytest

from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans.models import Goal

READ = {"koordination": 200, "fachstelle": 200, "lesend": 200, "foreign_user": 404, "anonymous": 302}
PLAN_WRITE = {"koordination": 200, "fachstelle": 403, "lesend": 403, "foreign_user": 404, "anonymous": 302}

# (url name, how to find the pk / query, expected status per role)
VIEWS = [
    ("dashboard", None, {**READ, "fachstelle": 302}),  # a Fachstelle starts on „Meine Maßnahmen“
    ("my_measures", None, READ),
    ("tree", None, READ),
    ("measure_list", None, READ),
    ("measure_detail", "own_measure", READ),
    ("audit_log", None, READ),
    ("plan_create", None, PLAN_WRITE),
    ("field_create", None, PLAN_WRITE),
    ("field_edit", "field", PLAN_WRITE),
    ("field_delete", "field", PLAN_WRITE),
    ("goal_create", "goal_query", PLAN_WRITE),
    ("goal_edit", "goal", PLAN_WRITE),
    ("goal_delete", "goal", PLAN_WRITE),
    ("measure_create", None, PLAN_WRITE),
    ("measure_delete", "own_measure", PLAN_WRITE),
    ("measure_edit", "own_measure",
     {"koordination": 200, "fachstelle": 200, "lesend": 403, "foreign_user": 404, "anonymous": 302}),
    ("measure_edit", "foreign_measure",
     {"koordination": 200, "fachstelle": 403, "lesend": 403, "foreign_user": 404, "anonymous": 302}),
]
ROLES = ["koordination", "fachstelle", "lesend", "foreign_user", "anonymous"]


def _target(name, target, own_measure, foreign_measure):
    goal = Goal.objects.get(title="Sprache fördern")
    if target == "own_measure":
        return {"pk": own_measure.pk}
    if target == "foreign_measure":
        return {"pk": foreign_measure.pk}
    if target == "field":
        return {"pk": own_measure.field_id}
    if target == "goal":
        return {"pk": goal.pk}
    if target == "goal_query":
        return {"handlungsfeld": goal.field_id}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "expected"), VIEWS, ids=[f"{v[0]}-{v[1]}" for v in VIEWS])
def test_view_by_role(request, client_for, url, own_measure, foreign_measure, role, name, target, expected):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(url(name, **_target(name, target, own_measure, foreign_measure)))
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response["Location"].startswith("/konto/") or "login" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_move_by_role(request, client_for, url, own_measure, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).post(url("move"), {"bewegen": f"m-{own_measure.pk}-down"})
    assert response.status_code == {**PLAN_WRITE, "koordination": 302}[role]


def test_foreign_ids_are_404_for_koordination(client_for, koordination, other_municipality, url, coord_actor):
    """Koordination of Heidelberg asks for another municipality's objects under its own slug: 404."""
    from teilhabe.core.tenancy import actor_for
    from teilhabe.plans import services
    from tests.factories import MembershipFactory, UserFactory

    other_user = UserFactory()
    with municipality_scope(other_municipality):
        MembershipFactory(municipality=other_municipality, user=other_user, role="koordination")
        other_actor = actor_for(other_user, other_municipality)
        plan = services.create_plan(actor=other_actor, municipality=other_municipality, title="Fremder Plan")
        edition = plan.editions.get()
        field = services.create_field(actor=other_actor, edition=edition, title="Fremdes Feld")
        goal = services.create_goal(actor=other_actor, field=field, title="Fremdes Ziel")
        measure = services.create_measure(actor=other_actor, edition=edition, values={"title": "Fremd", "field": field})
    client = client_for(koordination)
    for name, kwargs in [
        ("measure_detail", {"pk": measure.pk}), ("measure_edit", {"pk": measure.pk}),
        ("measure_delete", {"pk": measure.pk}), ("field_edit", {"pk": field.pk}), ("goal_edit", {"pk": goal.pk}),
        ("tree", {"ausgabe": edition.pk}), ("measure_list", {"ausgabe": edition.pk}),
        ("goal_create", {"handlungsfeld": field.pk}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 404, name
    assert client.post(url("move"), {"bewegen": f"m-{measure.pk}-up"}).status_code == 404
    assert client.post(url("measure_delete", pk=measure.pk), {"version": measure.version}).status_code == 404
