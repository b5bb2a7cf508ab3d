"""Fortschreibung (copy with lineage) and the comparison of editions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.audit import history_of
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans import services
from teilhabe.plans.editions import compare_editions, start_new_edition
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, TargetGroup
from tests.editions.conftest import build_bulk


def _copy(coord_actor, edition, name="Fortschreibung 2026"):
    return start_new_edition(actor=coord_actor, edition=edition, name=name)


def test_copy_keeps_every_item_with_its_predecessor(coord_actor, edition):
    new = _copy(coord_actor, edition)
    assert new.status == Edition.Status.DRAFT
    assert new.predecessor_id == edition.pk
    assert new.plan_id == edition.plan_id
    for model in (FieldOfAction, Goal, Measure):
        originals = list(model.objects.filter(edition=edition).order_by("pk"))
        copies = list(model.objects.filter(edition=new).order_by("pk"))
        assert len(copies) == len(originals) > 0
        assert [c.predecessor_id for c in copies] == [o.pk for o in originals]
        assert all(c.version == 1 and c.municipality_id == edition.municipality_id for c in copies)
    # The originals are untouched.
    assert Measure.objects.filter(edition=edition).count() == 4


def test_copy_keeps_goal_tree_and_fields(coord_actor, edition):
    new = _copy(coord_actor, edition)
    for copy in Goal.objects.filter(edition=new).select_related("predecessor", "parent", "field"):
        original = copy.predecessor
        assert copy.field.edition_id == new.pk
        assert copy.field.predecessor_id == original.field_id
        if original.parent_id is None:
            assert copy.parent_id is None
        else:
            assert copy.parent.edition_id == new.pk
            assert copy.parent.predecessor_id == original.parent_id
    assert Goal.objects.get(edition=new, title="Sprachkurse für Eltern").parent.parent.title == (
        "Bildungschancen verbessern")


def test_copy_keeps_all_fields_and_relations_of_measures(coord_actor, edition, amt, verein):
    group = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality,
                                                name="Eltern")
    measure = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    measure = services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version, values={
        "partner_organisations": [verein], "target_groups": [group], "start_date": dt.date(2025, 1, 1),
        "cost_estimate": Decimal("1234.50"), "funding": "Land BW", "indicators": ["Teilnehmende"],
        "links": [{"title": "Info", "url": "https://example.org"}], "description": "Mo–Fr",
        "gender_diversity_note": "Mädchen gezielt ansprechen", "is_key_project": True, "reference": "1.2",
    })
    new = _copy(coord_actor, edition)
    copy = Measure.objects.get(edition=new, predecessor=measure)
    for name in ("title", "description", "reference", "start_date", "end_date", "cost_estimate", "funding",
                 "is_key_project", "status_id", "gender_diversity_note", "indicators", "links", "lead_org_unit_id",
                 "lead_organisation_id", "position"):
        assert getattr(copy, name) == getattr(measure, name), name
    assert copy.field.edition_id == new.pk and copy.field.predecessor_id == measure.field_id
    assert [g.predecessor_id for g in copy.goals.all()] == [g.pk for g in measure.goals.all()]
    assert all(g.edition_id == new.pk for g in copy.goals.all())
    assert list(copy.partner_org_units.all()) == [amt]
    assert list(copy.partner_organisations.all()) == [verein]
    assert list(copy.target_groups.all()) == [group]
    # The original keeps its relations.
    assert list(measure.target_groups.all()) == [group]


def test_copy_writes_one_audit_entry_naming_the_source(coord_actor, edition):
    new = _copy(coord_actor, edition)
    entries = list(history_of(new))
    assert len(entries) == 1
    assert entries[0].changes["predecessor"] == [None, edition.name]
    assert "4 Maßnahmen" in entries[0].changes["copied"][1]
    copied_measure = Measure.objects.filter(edition=new).first()
    assert not history_of(copied_measure).exists()


def test_only_koordination_may_copy(municipality, fachstelle, lesend, edition):
    for user in (fachstelle, lesend):
        with pytest.raises(NotAllowed):
            start_new_edition(actor=actor_for(user, municipality), edition=edition, name="X")
    assert Edition.objects.count() == 1


def test_foreign_actor_may_not_copy(other_municipality, foreign_user, edition):
    with municipality_scope(other_municipality), pytest.raises(NotAllowed):  # acting where it belongs
        start_new_edition(actor=actor_for(foreign_user, other_municipality), edition=edition, name="X")
    assert Edition.objects.count() == 1


@pytest.mark.parametrize("name", ["", "   ", "<b>Neu</b>", "x" * 201])
def test_bad_name_is_refused_and_nothing_is_copied(coord_actor, edition, name):
    with pytest.raises(ValidationError):
        _copy(coord_actor, edition, name)
    assert Edition.objects.count() == 1
    assert Measure.objects.count() == 4


def test_duplicate_name_in_same_plan_is_refused(coord_actor, edition):
    with pytest.raises(ValidationError):
        _copy(coord_actor, edition, edition.name.upper())


def _queries_for_copy(coord_actor, edition, name):
    with CaptureQueriesContext(connection) as ctx:
        new = _copy(coord_actor, edition, name)
    return len(ctx.captured_queries), new


def test_copy_runs_a_fixed_number_of_queries_whatever_the_size(coord_actor, edition, plan, municipality):
    small_queries, _ = _queries_for_copy(coord_actor, edition, "klein")
    big = services.create_plan(actor=coord_actor, municipality=municipality, title="Großer Plan").editions.get()
    build_bulk(big, fields=20, goals_per_field=10, measures_per_goal=10)  # 2,000 measures
    big_queries, new = _queries_for_copy(coord_actor, big, "groß")
    assert Measure.objects.filter(edition=new).count() == 2000
    assert Measure.goals.through.objects.filter(measure__edition=new).count() == 2000
    assert big_queries == small_queries
    assert big_queries <= 25


# --- comparison -----------------------------------------------------------------------------------

def test_compare_reports_added_removed_changed_with_fields(coord_actor, edition, other_amt, verein):
    new = _copy(coord_actor, edition)
    m = Measure.objects.get(edition=new, title="Mama lernt Deutsch")
    services.update_measure(actor=coord_actor, measure=m, expected_version=m.version, values={
        "title": "Mama lernt Deutsch plus", "lead_org_unit": other_amt, "end_date": dt.date(2027, 12, 31),
        "target_groups": [TargetGroup.objects.create(municipality=edition.municipality, name="Mütter")],
    })
    gone = Measure.objects.get(edition=new, title="Schulsozialarbeit")
    services.delete_measure(actor=coord_actor, measure=gone, expected_version=gone.version)
    field = FieldOfAction.objects.get(edition=new, title="Ausbildung und Arbeitsmarkt")
    services.create_measure(actor=coord_actor, edition=new, values={"title": "Jobbrücke", "field": field})
    services.create_field(actor=coord_actor, edition=new, title="Wohnen")
    goal = Goal.objects.get(edition=new, title="Sprache fördern")
    services.update_goal(actor=coord_actor, goal=goal, expected_version=goal.version,
                         values={"title": "Sprache fördern und stärken"})

    result = compare_editions(edition, new)

    assert [r.label for r in result.measures.added] == ["Jobbrücke"]
    assert [r.label for r in result.measures.removed] == ["Schulsozialarbeit"]
    assert len(result.measures.changed) == 1
    change = result.measures.changed[0]
    assert change.old.label == "Mama lernt Deutsch" and change.new.label == "Mama lernt Deutsch plus"
    by_name = {c.name: c for c in change.changes}
    assert set(by_name) == {"title", "lead_org_unit", "end_date", "target_groups"}
    assert by_name["lead_org_unit"].old == "Amt für Chancengleichheit"
    assert by_name["lead_org_unit"].new == "Amt für Schule und Bildung"
    assert by_name["end_date"].old is None and by_name["end_date"].new == "31.12.2027"
    assert by_name["target_groups"].new == ["Mütter"]
    assert by_name["lead_org_unit"].label == "Federführung (Verwaltung)"
    # Hausaufgabenhilfe (its goal was only renamed: same lineage) and Ausbildungspatenschaften.
    assert result.measures.unchanged == 2

    assert [r.label for r in result.fields.added] == ["Wohnen"]
    assert result.fields.unchanged == 2
    assert [c.new.label for c in result.goals.changed] == ["Sprache fördern und stärken"]
    assert result.goals.unchanged == 2


def test_compare_follows_lineage_over_several_editions(coord_actor, edition):
    second = _copy(coord_actor, edition, "Zweite")
    m = Measure.objects.get(edition=second, title="Hausaufgabenhilfe")
    services.update_measure(actor=coord_actor, measure=m, expected_version=m.version,
                            values={"is_key_project": True})
    third = _copy(coord_actor, second, "Dritte")
    result = compare_editions(edition, third)
    assert not result.measures.added and not result.measures.removed
    assert [(c.name, c.old, c.new) for c in result.measures.changed[0].changes] == [
        ("is_key_project", "nein", "ja")]
    # Sibling editions (both copied from the first) correspond too.
    sibling = _copy(coord_actor, edition, "Alternative")
    assert compare_editions(sibling, third).measures.unchanged == 3


def test_compare_of_a_fresh_copy_shows_no_differences(coord_actor, edition):
    result = compare_editions(edition, _copy(coord_actor, edition))
    assert not result.has_differences
    assert (result.fields.unchanged, result.goals.unchanged, result.measures.unchanged) == (2, 3, 4)


def test_compare_refuses_editions_of_different_plans(coord_actor, edition, municipality):
    other = services.create_plan(actor=coord_actor, municipality=municipality, title="Anderer").editions.get()
    with pytest.raises(ServiceError):
        compare_editions(edition, other)
    with pytest.raises(ServiceError):
        compare_editions(edition, edition)


def test_compare_runs_a_fixed_number_of_queries(coord_actor, edition, municipality):
    new = _copy(coord_actor, edition)
    with CaptureQueriesContext(connection) as small:
        compare_editions(edition, new)
    big = services.create_plan(actor=coord_actor, municipality=municipality, title="Groß").editions.get()
    build_bulk(big, fields=10, goals_per_field=5, measures_per_goal=10)
    big_new = _copy(coord_actor, big, "Neu")
    with CaptureQueriesContext(connection) as large:
        result = compare_editions(big, big_new)
    assert result.measures.unchanged == 500
    assert len(large.captured_queries) == len(small.captured_queries) <= 20
