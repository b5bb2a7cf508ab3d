"""Dashboard, plan creation, the tree with reordering, and the forms for fields of action and goals."""

from __future__ import annotations

import pytest

from teilhabe.core.audit import history_of
from teilhabe.core.models import AuditEntry
from teilhabe.plans import services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan


def html(response) -> str:
    return response.content.decode()


# --- dashboard and plan creation -------------------------------------------------------------------------


def test_dashboard_without_plan_offers_to_create_one(client_for, koordination, url):
    page = html(client_for(koordination).get(url("dashboard")))
    assert "Es gibt noch keinen Plan." in page
    assert url("plan_create") in page


def test_dashboard_without_plan_does_not_offer_creation_to_readers(client_for, lesend, url):
    page = html(client_for(lesend).get(url("dashboard")))
    assert "Es gibt noch keinen Plan." in page
    assert url("plan_create") not in page


def test_dashboard_counts_by_field_and_status(client_for, lesend, plan, url):
    response = client_for(lesend).get(url("dashboard"))
    counts = response.context["counts"]
    assert counts.total == 4
    assert counts.key_projects == 1
    assert [(f.title, f.total) for f in counts.by_field] == [
        ("Bildung und Sprachförderung", 3), ("Ausbildung und Arbeitsmarkt", 1)]
    assert counts.by_normalised[0] == ("planned", "geplant", 4)
    page = html(response)
    assert '<th scope="row" class="kern-table__header">' in page
    assert "Maßnahmen nach Status" in page


def test_plan_create_makes_plan_with_first_edition(client_for, koordination, municipality, url):
    response = client_for(koordination).post(url("plan_create"), {
        "title": "Integrationskonzept", "description": "", "goal_level_names": "Leitziel, Handlungsziel"})
    plan = Plan.objects.of(municipality).get()
    edition = plan.editions.get()
    assert response.status_code == 302
    assert response["Location"] == url("tree", ausgabe=edition.pk)
    assert plan.goal_level_names == ["Leitziel", "Handlungsziel"]


@pytest.mark.parametrize("data", [
    {"title": "<script>alert(1)</script>", "goal_level_names": "Leitziel"},
    {"title": "Plan", "goal_level_names": " , ,"},
    {"title": "", "goal_level_names": "Leitziel"},
])
def test_plan_create_refuses_bad_input(client_for, koordination, municipality, url, data):
    response = client_for(koordination).post(url("plan_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Plan.objects.of(municipality).exists()


# --- the tree ------------------------------------------------------------------------------------------------


def test_tree_shows_fields_goals_with_level_names_and_measures(client_for, lesend, plan, url, own_measure):
    page = html(client_for(lesend).get(url("tree")))
    assert page.index("Bildung und Sprachförderung") < page.index("Ausbildung und Arbeitsmarkt")
    assert '<span class="tree-level">Leitziel</span> Bildungschancen verbessern' in page
    assert '<span class="tree-level">Teilziel</span> Sprache fördern' in page
    assert '<span class="tree-level">Handlungsziel</span> Sprachkurse für Eltern' in page
    assert url("measure_detail", pk=own_measure.pk) in page
    assert "Amt für Chancengleichheit" in page  # the lead
    assert 'name="bewegen"' not in page  # readers get no move buttons
    assert "<details" in page and "<summary>" in page


def test_measure_with_several_goals_appears_under_each(coord_actor, client_for, koordination, plan, url, own_measure):
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"goals": [leit, hand]})
    page = html(client_for(koordination).get(url("tree")))
    assert page.count(f'href="{url("measure_detail", pk=own_measure.pk)}"') == 2
    assert page.count(f'id="m-{own_measure.pk}"') == 1


def test_measure_without_goal_sits_under_its_field(client_for, koordination, plan, url, foreign_measure):
    response = client_for(koordination).get(url("tree"))
    field = next(f for f in response.context["tree"].fields if f.id == foreign_measure.field_id)
    assert [m.title for m in field.measures] == ["Schulsozialarbeit"]


def test_tree_escapes_text(coord_actor, client_for, koordination, edition, url):
    field = FieldOfAction.objects.filter(edition=edition).first()
    # Markup is refused by the services; ampersands and quotes are allowed and must be escaped.
    services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                          values={"title": 'Bildung & "Sprache"'})
    page = html(client_for(koordination).get(url("tree")))
    assert "Bildung &amp; &quot;Sprache&quot;" in page


def test_tree_of_another_edition_via_query(coord_actor, client_for, koordination, plan, edition, url):
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"status": Edition.Status.ARCHIVED})
    newer = services.create_plan(actor=coord_actor, municipality=plan.municipality, title="Aktionsplan")
    client = client_for(koordination)
    assert client.get(url("tree")).context["edition"] == newer.editions.get()  # newest non-archived
    response = client.get(url("tree", ausgabe=edition.pk))
    assert response.context["edition"] == edition
    assert "archiviert" in html(response)
    assert not response.context["can_edit"]
    assert client.get(url("tree", ausgabe="abc")).status_code == 404


def _field_titles(edition):
    return list(FieldOfAction.objects.filter(edition=edition).order_by("position").values_list("title", flat=True))


def test_move_without_javascript_redirects_back_to_the_tree(client_for, koordination, edition, url):
    arbeit = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    response = client_for(koordination).post(url("move"), {"bewegen": f"f-{arbeit.pk}-up"})
    assert response.status_code == 302
    assert response["Location"].startswith(url("tree", ausgabe=edition.pk))
    assert response["Location"].endswith(f"#f-{arbeit.pk}")
    assert _field_titles(edition) == ["Ausbildung und Arbeitsmarkt", "Bildung und Sprachförderung"]
    entry = history_of(arbeit).first()
    assert entry.action == AuditEntry.Action.MOVE


def test_move_with_htmx_returns_the_tree_fragment(client_for, koordination, edition, url):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    response = client_for(koordination).post(url("move"), {"bewegen": f"f-{bildung.pk}-down"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<form id="plan-tree"')
    assert "<html" not in page
    assert page.index("Ausbildung und Arbeitsmarkt") < page.index("Bildung und Sprachförderung")
    assert _field_titles(edition) == ["Ausbildung und Arbeitsmarkt", "Bildung und Sprachförderung"]


def test_move_goal_and_measure(client_for, koordination, edition, url, coord_actor):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    second = services.create_goal(actor=coord_actor, field=bildung, title="Zweites Leitziel")
    client = client_for(koordination)
    client.post(url("move"), {"bewegen": f"g-{second.pk}-up"})
    tops = Goal.objects.filter(field=bildung, parent=None).order_by("position").values_list("title", flat=True)
    assert list(tops) == ["Zweites Leitziel", "Bildungschancen verbessern"]
    last = Measure.objects.get(title="Schulsozialarbeit")
    client.post(url("move"), {"bewegen": f"m-{last.pk}-up"})
    order = Measure.objects.filter(field=bildung).order_by("position").values_list("title", flat=True)
    assert list(order) == ["Mama lernt Deutsch", "Schulsozialarbeit", "Hausaufgabenhilfe"]


@pytest.mark.parametrize("value", ["", "x-1-up", "f-1-sideways", "f-abc-up", "f-1-up; DROP TABLE", "m--1-up"])
def test_move_with_bad_value_changes_nothing(client_for, koordination, edition, url, value):
    before = _field_titles(edition)
    response = client_for(koordination).post(url("move"), {"bewegen": value})
    assert response.status_code == 302
    assert _field_titles(edition) == before


def test_move_in_archived_edition_is_refused_with_message(coord_actor, client_for, koordination, edition, url):
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version,
                            values={"status": Edition.Status.ARCHIVED})
    arbeit = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    client = client_for(koordination)
    response = client.post(url("move"), {"bewegen": f"f-{arbeit.pk}-up"}, follow=True)
    assert "archiviert" in html(response)
    assert _field_titles(edition) == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]


# --- fields of action ---------------------------------------------------------------------------------------


def test_field_create_edit_delete(client_for, koordination, edition, url):
    client = client_for(koordination)
    response = client.post(url("field_create", ausgabe=edition.pk),
                           {"title": "Wohnen", "description": "Gutes Wohnen für alle", "colour": "#AA0000"})
    field = FieldOfAction.objects.get(title="Wohnen")
    assert response.status_code == 302
    assert field.colour == "#aa0000"
    assert field.position == 3
    response = client.post(url("field_edit", pk=field.pk),
                           {"title": "Wohnen und Quartier", "description": "", "colour": "#aa0000",
                            "version": field.version})
    assert response.status_code == 302
    field.refresh_from_db()
    assert field.title == "Wohnen und Quartier"
    response = client.post(url("field_delete", pk=field.pk), {"version": field.version})
    assert response.status_code == 302
    assert not FieldOfAction.objects.filter(pk=field.pk).exists()


def test_field_with_measures_cannot_be_deleted(client_for, koordination, edition, url):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    response = client_for(koordination).post(url("field_delete", pk=bildung.pk), {"version": bildung.version})
    assert response.status_code == 200
    assert "enthält noch Maßnahmen" in html(response)
    assert FieldOfAction.objects.filter(pk=bildung.pk).exists()


@pytest.mark.parametrize("data", [
    {"title": "<b>Fett</b>", "colour": "#005a9c"},
    {"title": "Bildung und Sprachförderung", "colour": "#005a9c"},  # duplicate title in the edition
    {"title": "Ok", "colour": "red; background: url(x)"},
])
def test_field_bad_input_changes_nothing(client_for, koordination, edition, url, data):
    before = FieldOfAction.objects.count()
    response = client_for(koordination).post(url("field_create", ausgabe=edition.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert FieldOfAction.objects.count() == before


def test_field_edit_from_stale_form_shows_the_other_change(client_for, koordination, coord_actor, edition, url):
    field = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    stale = field.version
    services.update_field(actor=coord_actor, field=field, expected_version=stale, values={"title": "Arbeit"})
    response = client_for(koordination).post(url("field_edit", pk=field.pk), {
        "title": "Ausbildung, Arbeit", "description": "", "colour": "#005a9c", "version": stale})
    page = html(response)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in page
    assert "Ausbildung und Arbeitsmarkt" in page and "Arbeit" in page
    assert 'value="Ausbildung, Arbeit"' in page  # the user's input is kept
    field.refresh_from_db()
    assert field.title == "Arbeit"
    assert response.context["form"]["version"].value() == str(field.version)


# --- goals ------------------------------------------------------------------------------------------------------


def test_goal_create_under_parent_and_edit(client_for, koordination, edition, url):
    bildung = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    client = client_for(koordination)
    page = html(client.get(url("goal_create", handlungsfeld=bildung.pk, uebergeordnet=leit.pk)))
    assert f'<option value="{leit.pk}" selected>Leitziel: Bildungschancen verbessern</option>' in page
    assert "\u2003Teilziel: Sprache fördern" in page  # indented by level
    response = client.post(url("goal_create", handlungsfeld=bildung.pk),
                           {"title": "Mehrsprachigkeit wertschätzen", "parent": leit.pk})
    assert response.status_code == 302
    goal = Goal.objects.get(title="Mehrsprachigkeit wertschätzen")
    assert goal.parent == leit and goal.field == bildung
    response = client.post(url("goal_edit", pk=goal.pk),
                           {"title": "Mehrsprachigkeit fördern", "parent": "", "version": goal.version})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Mehrsprachigkeit fördern" and goal.parent is None


def test_goal_parent_choices_are_limited_to_the_field(client_for, koordination, edition, url, coord_actor):
    arbeit = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    other_goal = services.create_goal(actor=coord_actor, field=arbeit, title="Ausbildung sichern")
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    client = client_for(koordination)
    page = html(client.get(url("goal_edit", pk=leit.pk)))
    assert "Ausbildung sichern" not in page
    assert "Sprache fördern" not in page  # its own sub-goals are no parents either
    response = client.post(url("goal_edit", pk=leit.pk),
                           {"title": leit.title, "parent": other_goal.pk, "version": leit.version})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    leit.refresh_from_db()
    assert leit.parent is None


def test_goal_cannot_become_its_own_descendant(client_for, koordination, edition, url):
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    response = client_for(koordination).post(url("goal_edit", pk=leit.pk),
                                             {"title": leit.title, "parent": hand.pk, "version": leit.version})
    assert response.status_code == 200
    leit.refresh_from_db()
    assert leit.parent is None


def test_goal_delete_keeps_measures(client_for, koordination, edition, url, own_measure):
    teil = Goal.objects.get(title="Sprache fördern")
    response = client_for(koordination).post(url("goal_delete", pk=teil.pk), {"version": teil.version})
    assert response.status_code == 302
    assert not Goal.objects.filter(title__in=["Sprache fördern", "Sprachkurse für Eltern"]).exists()
    assert Measure.objects.filter(pk=own_measure.pk).exists()


def test_goal_create_needs_a_field(client_for, koordination, edition, url):
    for response in (client_for(koordination).get(url("goal_create")),
                     client_for(koordination).get(url("goal_create", handlungsfeld="x"))):
        assert response.status_code == 302
        assert response["Location"] == url("tree")
    assert client_for(koordination).get(url("goal_create", handlungsfeld=999999)).status_code == 404


def test_tampered_version_is_a_form_error(client_for, koordination, edition, url):
    field = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    response = client_for(koordination).post(url("field_edit", pk=field.pk),
                                             {"title": "X", "colour": "#005a9c", "version": "abc"})
    assert response.status_code == 200
    assert "veraltet oder beschädigt" in html(response)
    field.refresh_from_db()
    assert field.title == "Ausbildung und Arbeitsmarkt"


# --- audit log ------------------------------------------------------------------------------------------------------


def test_audit_log_lists_recent_changes_with_german_labels(client_for, lesend, plan, url, coord_actor, own_measure):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"start_date": "2026-03-01"})
    response = client_for(lesend).get(url("audit_log"))
    page = html(response)
    assert "Beginn:</span> – → 1. März 2026" in page
    assert "Maßnahme:" in page
    assert response.context["page"].number == 1


def test_audit_log_paginates(client_for, lesend, plan, url, coord_actor):
    field = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    for i in range(50):
        field = services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                                      values={"description": f"Stand {i}"})
    client = client_for(lesend)
    first = client.get(url("audit_log"))
    assert len(first.context["entries"]) == 50
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(url("audit_log", seite=2))
    assert second.context["page"].number == 2
    assert client.get(url("audit_log", seite="xyz")).status_code == 200
