"""The back office's multi-selects are checkbox lists (backoffice.widgets.ChoiceList), and the measure form can
create a missing target group or organisation on the spot ("Neue Zielgruppe / Organisation anlegen")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import AuditEntry, Organisation
from teilhabe.plans import services
from teilhabe.plans.models import Goal, Measure, StatusOption, TargetGroup
from tests.backoffice.measure_form import form_data

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def fieldset(page: str, name: str) -> str:
    match = re.search(rf'<fieldset class="kern-fieldset choice-list[^"]*" id="id_{name}_choices".*?</fieldset>\s*'
                      rf"(?=<fieldset class=\"kern-fieldset choice-list|</fieldset>|<div)", page, re.S)
    assert match, f"no checkbox list for {name}"
    return match.group(0)


def checked_values(page: str, name: str) -> set[str]:
    return set(re.findall(rf'<input type="checkbox"[^>]*name="{name}" value="([^"]*)"[^>]*\bchecked\b', page))


def new_measure_payload(edition: Any, **changes: Any) -> dict[str, Any]:
    field = edition.fields.get(title="Bildung und Sprachförderung")
    data = {"title": "Elterncafé", "description": "Treffpunkt für Eltern", "field": field.pk, "goals": [],
            "lead": "", "partners": [], "target_groups": [], "start_date": "", "end_date": "",
            "cost_estimate": "12.500,00", "funding": "",
            "status": StatusOption.objects.filter(municipality=edition.municipality).first().pk,
            "gender_diversity_note": "", "indicators": "", "links": "", "reference": "B-9"}
    data.update(changes)
    return data


# --- the widget ------------------------------------------------------------------------------------------------


def test_goals_are_a_grouped_checkbox_list_with_levels(client_for, koordination, edition, url):
    page = html(client_for(koordination).get(url("measure_create", ausgabe=edition.pk)))
    assert "multiple" not in page
    goals = fieldset(page, "goals")
    assert re.search(r"<legend[^>]*>Ziele <span", goals)
    assert '<legend class="choice-list__group-label">Bildung und Sprachförderung</legend>' in goals
    teil = Goal.objects.get(title="Sprache fördern")
    assert re.search(
        rf'choice-list__item--depth-1"><input type="checkbox" class="kern-form-check__checkbox" name="goals" '
        rf'value="{teil.pk}" id="id_goals_\d+"><label class="kern-label" for="id_goals_\d+">'
        rf'<span class="choice-list__level">Teilziel:</span> Sprache fördern</label>', goals)
    assert "0 ausgewählt" in goals
    assert "data-choice-filter" not in goals  # three goals need no filter box


def test_edit_form_checks_the_measure_s_goals_partners_and_target_groups(client_for, koordination, coord_actor,
                                                                         edition, url, amt):
    measure = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    group = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality, name="Kinder")
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"target_groups": [group]})
    page = html(client_for(koordination).get(url("measure_edit", pk=measure.pk)))
    teil = Goal.objects.get(title="Sprache fördern")
    assert checked_values(page, "goals") == {str(teil.pk)}
    assert checked_values(page, "partners") == {f"u{amt.pk}"}
    assert checked_values(page, "target_groups") == {str(group.pk)}
    assert "1 ausgewählt" in fieldset(page, "goals")


def test_long_lists_get_a_filter_and_a_scroll_area(client_for, make_plan, url):
    data = make_plan(fields=3, goals_per_field=5, measures_per_goal=0, slug="filterstadt")
    from teilhabe.core.models import User

    user = User.objects.get(username=f"bench-{data.slug}")
    page = html(client_for(user).get(url("measure_create", slug=data.slug, ausgabe=data.edition_id)))
    goals = fieldset(page, "goals")
    assert 'class="choice-list__options choice-list__options--scroll"' in goals
    assert '<label class="kern-label" for="id_goals_filter">Ziele filtern</label>' in goals
    assert 'aria-controls="id_goals_options"' in goals and 'aria-live="polite"' in goals
    assert "data-choice-tools hidden" in goals  # shown by choices.js; without JavaScript the list just scrolls
    assert goals.count('type="checkbox"') == 15


def test_member_and_comment_forms_use_checkbox_lists(client_for, koordination, url):
    page = html(client_for(koordination).get(url("member_create")))
    assert 'id="id_org_units_choices"' in page and 'id="id_organisations_choices"' in page


def test_saving_with_checkboxes_posts_the_same_names(client_for, koordination, edition, url):
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    response = client_for(koordination).post(url("measure_create", ausgabe=edition.pk),
                                             new_measure_payload(edition, goals=[leit.pk]))
    assert response.status_code == 302
    assert list(Measure.objects.get(title="Elterncafé").goals.all()) == [leit]


def test_measure_form_queries_do_not_grow_with_goals(client_for, make_plan, url):
    from teilhabe.core.models import User

    counts = []
    for slug, fields in (("klein", 2), ("gross", 20)):
        data = make_plan(fields=fields, goals_per_field=10, measures_per_goal=1, slug=slug)
        client = client_for(User.objects.get(username=f"bench-{slug}"))
        client.get(url("measure_create", slug=slug, ausgabe=data.edition_id))  # warm caches
        with CaptureQueriesContext(connection) as queries:
            page = html(client.get(url("measure_create", slug=slug, ausgabe=data.edition_id)))
        assert page.count('name="goals"') == fields * 10
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- creating a missing target group or organisation ----------------------------------------------------------


def create_entry(client: Any, path: str, data: dict[str, Any], action: str, name: str, **headers: Any) -> Any:
    return client.post(path, {**data, "anlegen": action, f"neu_{action}": name}, **headers)


def test_new_target_group_is_created_checked_and_the_rest_kept(client_for, koordination, edition, url):
    leit = Goal.objects.get(title="Bildungschancen verbessern")
    existing = services.get_or_create_target_group(
        actor=_actor(koordination, edition), municipality=edition.municipality, name="Eltern")
    client = client_for(koordination)
    path = url("measure_create", ausgabe=edition.pk)
    payload = new_measure_payload(edition, goals=[leit.pk], target_groups=[existing.pk])
    page = html(create_entry(client, path, payload, "zielgruppe", "  Geflüchtete   Frauen "))
    group = TargetGroup.objects.get(name="Geflüchtete Frauen")
    assert checked_values(page, "target_groups") == {str(existing.pk), str(group.pk)}
    assert checked_values(page, "goals") == {str(leit.pk)}
    assert 'value="Elterncafé"' in page and 'value="12.500,00"' in page and "Treffpunkt für Eltern" in page
    assert "Die Zielgruppe „Geflüchtete Frauen“ wurde angelegt und ausgewählt." in page
    assert re.search(rf'value="{group.pk}" id="id_target_groups_\d+" checked autofocus', page)
    assert not Measure.objects.filter(title="Elterncafé").exists()  # nothing saved but the target group
    entry = AuditEntry.objects.get(object_type="plans.targetgroup", object_id=group.pk)
    assert entry.action == AuditEntry.Action.CREATE
    # Saving now stores the measure with both groups.
    saved = client.post(path, {**payload, "target_groups": [existing.pk, group.pk]})
    assert saved.status_code == 302
    assert set(Measure.objects.get(title="Elterncafé").target_groups.all()) == {existing, group}


def _actor(user: Any, edition: Any) -> Any:
    from teilhabe.core.tenancy import actor_for

    return actor_for(user, edition.municipality)


def test_a_duplicate_name_selects_the_existing_entry(client_for, koordination, edition, url):
    existing = services.get_or_create_target_group(
        actor=_actor(koordination, edition), municipality=edition.municipality, name="Ältere Menschen")
    path = url("measure_create", ausgabe=edition.pk)
    before = TargetGroup.objects.count()
    page = html(create_entry(client_for(koordination), path, new_measure_payload(edition), "zielgruppe",
                             "ÄLTERE MENSCHEN"))
    assert TargetGroup.objects.count() == before
    assert checked_values(page, "target_groups") == {str(existing.pk)}
    assert "Die Zielgruppe „Ältere Menschen“ gibt es bereits; sie ist jetzt ausgewählt." in page


@pytest.mark.parametrize(("name", "message"), [
    ("", "Bitte geben Sie einen Namen ein."),
    ("   ", "Bitte geben Sie einen Namen ein."),
    ("<b>Eltern</b>", "HTML"),
    ("x" * 121, "Der Name darf höchstens 120 Zeichen lang sein."),
    ("Eltern\u202e", "Schreibrichtung"),
    ("Eltern\x07", "Steuerzeichen"),
])
def test_bad_names_get_a_german_message_in_place_and_change_nothing(client_for, koordination, edition, url,
                                                                   name, message):
    path = url("measure_create", ausgabe=edition.pk)
    groups, entries = TargetGroup.objects.count(), AuditEntry.objects.count()
    page = html(create_entry(client_for(koordination), path, new_measure_payload(edition), "zielgruppe", name))
    assert (TargetGroup.objects.count(), AuditEntry.objects.count()) == (groups, entries)
    box = fieldset(page, "target_groups")
    assert '<details class="choice-list__create" open>' in box
    error = re.search(r'<p class="kern-error" id="id_target_groups_new_error">.*?</p>', box, re.S)
    assert error and message in error.group(0), box
    assert 'aria-invalid="true" aria-describedby="id_target_groups_new_error" autofocus' in box
    assert 'value="Elterncafé"' in page


def test_new_organisation_as_partner_and_a_unit_of_the_same_name(client_for, koordination, edition, url, amt):
    client = client_for(koordination)
    path = url("measure_create", ausgabe=edition.pk)
    page = html(create_entry(client, path, new_measure_payload(edition, partners=[f"u{amt.pk}"]),
                             "organisation", "Elternverein Emmertsgrund"))
    organisation = Organisation.objects.get(name="Elternverein Emmertsgrund")
    assert organisation.kind == Organisation.Kind.OTHER
    assert checked_values(page, "partners") == {f"u{amt.pk}", f"o{organisation.pk}"}
    assert AuditEntry.objects.filter(object_type="core.organisation", object_id=organisation.pk).count() == 1
    count = Organisation.objects.count()
    page = html(create_entry(client, path, new_measure_payload(edition), "organisation", amt.name.upper()))
    assert Organisation.objects.count() == count
    assert checked_values(page, "partners") == {f"u{amt.pk}"}
    assert "gibt es bereits als Verwaltungseinheit" in page


def test_edit_form_keeps_the_version_and_saves_afterwards(client_for, koordination, edition, url):
    measure = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    client = client_for(koordination)
    path = url("measure_edit", pk=measure.pk)
    payload = form_data(measure, title="Hausaufgabenhilfe plus")
    page = html(create_entry(client, path, payload, "zielgruppe", "Grundschulkinder"))
    group = TargetGroup.objects.get(name="Grundschulkinder")
    assert f'name="version" value="{measure.version}"' in page
    assert 'value="Hausaufgabenhilfe plus"' in page
    measure.refresh_from_db()
    assert measure.title == "Hausaufgabenhilfe"
    response = client.post(path, {**payload, "target_groups": [group.pk]})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Hausaufgabenhilfe plus"
    assert list(measure.target_groups.all()) == [group]


def test_htmx_request_answers_with_the_list(client_for, koordination, edition, url):
    page = html(create_entry(client_for(koordination), url("measure_create", ausgabe=edition.pk),
                             new_measure_payload(edition), "zielgruppe", "Studierende", HTTP_HX_REQUEST="true"))
    assert 'id="id_target_groups_choices"' in page
    assert 'hx-select="#id_target_groups_choices"' in page


def test_only_who_may_create_sees_the_controls(client_for, koordination, fachstelle, edition, url, own_measure):
    page = html(client_for(koordination).get(url("measure_create", ausgabe=edition.pk)))
    assert "Neue Zielgruppe anlegen" in page and "Neue Organisation anlegen" in page
    assert '<button type="submit" hidden tabindex="-1"></button>' in page  # Enter still saves
    page = html(client_for(fachstelle).get(url("measure_edit", pk=own_measure.pk)))
    assert "Neue Zielgruppe anlegen" not in page and "Neue Organisation anlegen" not in page
    assert "hidden tabindex" not in page


@pytest.mark.parametrize("action", ["zielgruppe", "organisation"])
def test_fachstelle_cannot_create_entries(client_for, fachstelle, own_measure, url, action):
    groups, organisations = TargetGroup.objects.count(), Organisation.objects.count()
    response = create_entry(client_for(fachstelle), url("measure_edit", pk=own_measure.pk), form_data(own_measure),
                            action, "Neu")
    assert response.status_code == 403
    assert (TargetGroup.objects.count(), Organisation.objects.count()) == (groups, organisations)


def test_unknown_entry_kind_is_a_bad_request(client_for, koordination, edition, url):
    response = create_entry(client_for(koordination), url("measure_create", ausgabe=edition.pk),
                            new_measure_payload(edition), "gremium", "Neu")
    assert response.status_code == 400



def test_lists_speak_english(client_for, koordination, edition, url):
    client = client_for(koordination)
    client.cookies["django_language"] = "en"
    page = html(client.get(url("measure_create", ausgabe=edition.pk)))
    goals = fieldset(page, "goals")
    assert "0 selected" in goals and 'data-text="%(n)s selected"' in goals
    assert "Create a new target group" in page and "Create a new organisation" in page
    assert "ausgewählt" not in page


def test_co_leads_are_a_checkbox_list(client_for, koordination, coord_actor, edition, url, amt, verein):
    measure = Measure.objects.get(edition=edition, title="Hausaufgabenhilfe")
    services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                            values={"co_lead_org_units": [amt], "co_lead_organisations": [verein]})
    page = html(client_for(koordination).get(url("measure_edit", pk=measure.pk)))
    assert 'id="id_co_leads_choices"' in page
    assert checked_values(page, "co_leads") == {f"u{amt.pk}", f"o{verein.pk}"}
    assert "2 ausgewählt" in fieldset(page, "co_leads")
