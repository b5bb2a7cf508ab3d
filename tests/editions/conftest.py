"""Fixtures for editions: a bulk builder for large plans (fast, without the per-object services)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption, TargetGroup


def build_bulk(edition: Edition, *, fields: int, goals_per_field: int, measures_per_goal: int) -> None:
    """Add fields × goals (two levels: a root and children) × measures with every kind of relation."""
    municipality_id = edition.municipality_id
    status = StatusOption.objects.filter(municipality_id=municipality_id).first()
    unit = OrgUnit.objects.filter(municipality_id=municipality_id).first()
    organisation = Organisation.objects.filter(municipality_id=municipality_id).first()
    group, _ = TargetGroup.objects.get_or_create(municipality_id=municipality_id, name="Neuzugewanderte")
    new_fields = FieldOfAction.objects.bulk_create(
        FieldOfAction(municipality_id=municipality_id, edition=edition, title=f"Feld {i}", position=100 + i)
        for i in range(fields)
    )
    roots = Goal.objects.bulk_create(
        Goal(municipality_id=municipality_id, edition=edition, field=f, title=f"Leitziel {f.title}")
        for f in new_fields
    )
    children = Goal.objects.bulk_create(
        Goal(municipality_id=municipality_id, edition=edition, field=root.field, parent=root,
             title=f"Ziel {j} in {root.field.title}")
        for root in roots for j in range(goals_per_field)
    )
    measures = Measure.objects.bulk_create(
        Measure(municipality_id=municipality_id, edition=edition, field=goal.field, status=status,
                title=f"Maßnahme {k} zu {goal.title}", lead_org_unit=unit)
        for goal in children for k in range(measures_per_goal)
    )
    goal_of = {c.pk: c for c in children}
    Through = Measure.goals.through
    Through.objects.bulk_create(
        Through(measure_id=m.pk, goal_id=g.pk)
        for m, g in zip(measures, [c for c in children for _ in range(measures_per_goal)], strict=True)
    )
    assert goal_of
    Measure.partner_organisations.through.objects.bulk_create(
        Measure.partner_organisations.through(measure_id=m.pk, organisation_id=organisation.pk) for m in measures
    )
    Measure.target_groups.through.objects.bulk_create(
        Measure.target_groups.through(measure_id=m.pk, targetgroup_id=group.pk) for m in measures
    )


@pytest.fixture
def bulk_plan() -> Callable[..., None]:
    def make(edition: Edition, **sizes: Any) -> None:
        build_bulk(edition, **sizes)

    return make
