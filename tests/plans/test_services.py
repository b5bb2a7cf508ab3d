"""The plan services: writes, permissions, history and concurrent edits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from teilhabe.core.audit import history_of
from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import services
from teilhabe.plans.models import Edition, Goal, Measure


def test_update_records_each_changed_field(coord_actor, own_measure):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"title": "Mama lernt Deutsch – Kurs 2", "description": "Vormittags"})
    entry = history_of(own_measure).first()
    assert entry.action == "update"
    assert entry.actor_id == coord_actor.user_id
    assert entry.changes == {"title": ["Mama lernt Deutsch", "Mama lernt Deutsch – Kurs 2"],
                             "description": ["", "Vormittags"]}


def test_second_save_from_stale_form_is_refused_with_the_other_change(coord_actor, own_measure):
    stale_version = own_measure.version
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=stale_version,
                            values={"title": "Erste Änderung"})
    with pytest.raises(ConcurrentEdit) as caught:
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=stale_version,
                                values={"title": "Zweite Änderung"})
    assert Measure.objects.get(pk=own_measure.pk).title == "Erste Änderung"
    assert [e.changes["title"] for e in caught.value.entries] == [["Mama lernt Deutsch", "Erste Änderung"]]


def test_save_without_change_keeps_version_and_records_nothing(coord_actor, own_measure):
    before = history_of(own_measure).count()
    updated = services.update_measure(actor=coord_actor, measure=own_measure,
                                      expected_version=own_measure.version, values={"title": own_measure.title})
    assert updated.version == own_measure.version
    assert history_of(own_measure).count() == before


def test_fachstelle_edits_own_measure_but_not_foreign(municipality, fachstelle, own_measure, foreign_measure):
    actor = actor_for(fachstelle, municipality)
    services.update_measure(actor=actor, measure=own_measure, expected_version=own_measure.version,
                            values={"description": "Stand: läuft"})
    with pytest.raises(NotAllowed):
        services.update_measure(actor=actor, measure=foreign_measure, expected_version=foreign_measure.version,
                                values={"description": "fremd"})


def test_fachstelle_may_edit_as_named_partner(municipality, fachstelle, edition):
    with scopes_disabled():
        partnered = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    actor = actor_for(fachstelle, municipality)
    updated = services.update_measure(actor=actor, measure=partnered, expected_version=partnered.version,
                                      values={"description": "Partner berichtet"})
    assert updated.version == partnered.version + 1
    with scopes_disabled():
        assert Measure.objects.get(pk=partnered.pk).description == "Partner berichtet"
        entry = history_of(partnered).first()
    assert entry.actor_id == fachstelle.pk
    assert entry.changes == {"description": ["", "Partner berichtet"]}


def test_fachstelle_cannot_change_responsibility(municipality, fachstelle, own_measure, other_amt):
    actor = actor_for(fachstelle, municipality)
    with pytest.raises(NotAllowed):
        services.update_measure(actor=actor, measure=own_measure, expected_version=own_measure.version,
                                values={"lead_org_unit": other_amt})


def test_lesend_cannot_write(municipality, lesend, own_measure):
    with pytest.raises(NotAllowed):
        services.update_measure(actor=actor_for(lesend, municipality), measure=own_measure,
                                expected_version=own_measure.version, values={"title": "x"})


def test_foreign_municipality_objects_are_refused(other_municipality, foreign_user, own_measure):
    with pytest.raises(NotAllowed):
        services.update_measure(actor=actor_for(foreign_user, other_municipality), measure=own_measure,
                                expected_version=own_measure.version, values={"title": "x"})


def test_markup_in_text_is_refused_and_nothing_changes(coord_actor, own_measure):
    with pytest.raises(ValidationError):
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                values={"description": "<script>alert(1)</script>"})
    fresh = Measure.objects.get(pk=own_measure.pk)
    assert fresh.description == "" and fresh.version == own_measure.version


def test_goal_cannot_be_moved_below_itself(coord_actor, edition):
    root = Goal.objects.get(edition=edition, parent=None, title="Bildungschancen verbessern")
    leaf = Goal.objects.get(edition=edition, title="Sprachkurse für Eltern")
    with pytest.raises(ServiceError):
        services.update_goal(actor=coord_actor, goal=root, expected_version=root.version, values={"parent": leaf})


def test_archived_edition_is_read_only(coord_actor, edition, own_measure):
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"status": Edition.Status.ARCHIVED})
    own_measure.refresh_from_db()
    with pytest.raises(ServiceError):
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                values={"title": "x"})


def test_adoption_needs_a_date(coord_actor, municipality):
    draft = services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan").editions.get()
    with pytest.raises(ServiceError):
        services.update_edition(actor=coord_actor, edition=draft, expected_version=draft.version,
                                values={"status": Edition.Status.ADOPTED})


def test_end_before_start_is_refused(coord_actor, own_measure):
    import datetime as dt

    with pytest.raises(ServiceError):
        services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                values={"start_date": dt.date(2026, 5, 1), "end_date": dt.date(2026, 4, 1)})


def test_move_swaps_neighbours(coord_actor, edition):
    fields = list(edition.fields.order_by("position"))
    services.move(actor=coord_actor, obj=fields[1], direction=-1)
    assert [f.title for f in edition.fields.order_by("position")] == [fields[1].title, fields[0].title]
