"""The import's bulk write applies create_measure's rules and records the same audit entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import AuditEntry
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import FieldOfAction, Goal, Measure, StatusOption, TargetGroup
from teilhabe.plans.services import RowsRefused, create_measures


def _values(edition, amt, verein, title):
    field = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    return {
        "title": title, "field": field, "goals": list(Goal.objects.filter(edition=edition)[:2]),
        "lead_org_unit": amt, "partner_organisations": [verein],
        "target_groups": [TargetGroup.objects.get_or_create(municipality=edition.municipality, name="Eltern")[0]],
        "start_date": dt.date(2026, 1, 1), "cost_estimate": Decimal("10.00"), "indicators": ["a"],
        "status": StatusOption.objects.of(edition.municipality).first(), "position": 9,
    }


def test_same_audit_entry_as_create_measure(coord_actor, edition, amt, verein):
    single = plan_services.create_measure(actor=coord_actor, edition=edition,
                                          values=_values(edition, amt, verein, "Einzeln"))
    [bulk] = create_measures(actor=coord_actor, edition=edition, rows=[_values(edition, amt, verein, "Gesammelt")])

    def entry(measure: Measure) -> AuditEntry:
        return AuditEntry.objects.get(object_type="plans.measure", object_id=measure.pk)

    expected = entry(single).changes
    expected["title"] = [None, "Gesammelt"]
    assert entry(bulk).changes == expected
    assert (entry(bulk).actor_id, entry(bulk).action, entry(bulk).version) == (coord_actor.user_id, "create", 1)
    assert set(bulk.goals.all()) == set(single.goals.all())
    assert list(bulk.partner_organisations.all()) == [verein]


def test_rules_of_create_measure_apply(coord_actor, edition, amt, verein):
    bad_dates = {**_values(edition, amt, verein, "A"), "end_date": dt.date(2020, 1, 1)}
    two_leads = {**_values(edition, amt, verein, "B"), "lead_organisation": verein}
    markup = {**_values(edition, amt, verein, "<b>C</b>")}
    before = Measure.objects.count()
    with pytest.raises(RowsRefused) as refused:
        create_measures(actor=coord_actor, edition=edition,
                        rows=[bad_dates, _values(edition, amt, verein, "ok"), two_leads, markup])
    assert sorted(refused.value.errors) == [0, 2, 3]
    assert refused.value.errors[0] == ["Das Ende liegt vor dem Beginn."]
    assert Measure.objects.count() == before


def test_permission_and_tenant(municipality, fachstelle, foreign_user, other_municipality, edition, amt, verein):
    with pytest.raises(NotAllowed):
        create_measures(actor=actor_for(fachstelle, municipality), edition=edition,
                        rows=[_values(edition, amt, verein, "x")])
    with pytest.raises(NotAllowed):
        create_measures(actor=actor_for(foreign_user, other_municipality), edition=edition,
                        rows=[_values(edition, amt, verein, "x")])
