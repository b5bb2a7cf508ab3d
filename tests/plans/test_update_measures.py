"""update_measures: many measures at once with the rules, version check and history of update_measure."""

from __future__ import annotations

import pytest

from teilhabe.core import audit
from teilhabe.core.errors import ConcurrentEdit, NotAllowed
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor, Role
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Measure, StatusOption


def test_updates_many_with_history_like_update_measure(edition, municipality, coord_actor, verein, amt):
    done = StatusOption.objects.get(municipality=municipality, label="umgesetzt")
    mama, hausaufgaben, schule = (Measure.objects.get(edition=edition, title=t) for t in (
        "Mama lernt Deutsch", "Hausaufgabenhilfe", "Schulsozialarbeit"))
    plan_services.update_measures(actor=coord_actor, edition=edition, updates=[
        (mama, mama.version, {"status": done, "funding": "Land"}),
        (hausaufgaben, hausaufgaben.version, {"partner_organisations": [verein], "partner_org_units": []}),
        (schule, schule.version, {"funding": ""}),  # no change: no entry, same version
    ])
    for measure in (mama, hausaufgaben, schule):
        measure.refresh_from_db()
    assert (mama.status, mama.funding, mama.version) == (done, "Land", 2)
    assert list(hausaufgaben.partner_organisations.all()) == [verein]
    assert not hausaufgaben.partner_org_units.exists() and hausaufgaben.version == 2
    assert schule.version == 1
    assert audit.history_of(mama).get(action=AuditEntry.Action.UPDATE).changes == {
        "status": ["geplant", "umgesetzt"], "funding": ["", "Land"]}
    assert audit.history_of(hausaufgaben).get(action=AuditEntry.Action.UPDATE).changes == {
        "partner_org_units": [[amt.name], []], "partner_organisations": [[], [verein.name]]}
    assert not audit.history_of(schule).filter(action=AuditEntry.Action.UPDATE).exists()


def test_a_stale_version_writes_nothing(edition, municipality, coord_actor):
    done = StatusOption.objects.get(municipality=municipality, label="umgesetzt")
    mama, schule = (Measure.objects.get(edition=edition, title=t) for t in ("Mama lernt Deutsch", "Schulsozialarbeit"))
    plan_services.update_measure(actor=coord_actor, measure=schule, expected_version=1, values={"funding": "Bund"})
    with pytest.raises(ConcurrentEdit) as conflict:
        plan_services.update_measures(actor=coord_actor, edition=edition, updates=[
            (mama, 1, {"status": done}), (schule, 1, {"status": done})])
    assert [e.changes for e in conflict.value.entries] == [{"funding": ["", "Bund"]}]
    mama.refresh_from_db()
    assert mama.version == 1 and mama.status.label == "geplant"


def test_fachstelle_may_not_change_responsibility(edition, municipality, fachstelle, amt, verein):
    actor = Actor(user_id=fachstelle.pk, municipality_id=municipality.pk, role=Role.FACHSTELLE,
                  org_unit_ids=frozenset({amt.pk}))
    mama = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    with pytest.raises(NotAllowed):
        plan_services.update_measures(actor=actor, edition=edition, updates=[
            (mama, mama.version, {"partner_organisations": [verein]})])
    plan_services.update_measures(actor=actor, edition=edition, updates=[(mama, mama.version, {"funding": "Eigen"})])
    mama.refresh_from_db()
    assert mama.funding == "Eigen"
