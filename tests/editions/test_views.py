"""Edition and plan-settings pages: per role, foreign municipality, bad input, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans import services
from teilhabe.plans.editions import open_edition_for_comment, start_new_edition
from teilhabe.plans.models import Edition, Measure, Plan, StatusOption, TargetGroup
from tests.editions.conftest import build_bulk


def url(name, municipality, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- edition list -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["koordination", "fachstelle", "lesend", "platform_admin"])
def test_edition_list_for_every_role(who, request, client_for, municipality, edition):
    response = client_for(request.getfixturevalue(who)).get(url("edition_list", municipality))
    assert response.status_code == 200
    html = response.content.decode()
    assert edition.name in html and "beschlossen" in html
    can_edit = who in ("koordination", "platform_admin")
    assert (url("edition_create", municipality, pk=edition.pk) in html) is can_edit


def test_edition_list_shows_adoption_and_predecessor(client_for, koordination, coord_actor, municipality, edition):
    services.update_edition(actor=coord_actor, edition=edition, expected_version=edition.version, values={
        "status": Edition.Status.ADOPTED, "adopted_on": "2024-03-14", "council_reference": "Drucksache 0042/2024"})
    start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    html = client_for(koordination).get(url("edition_list", municipality)).content.decode()
    assert "14. März 2024" in html and "Drucksache 0042/2024" in html and "beschlossen" in html
    assert "Fortschreibung 2026" in html


@pytest.mark.parametrize("name", ["edition_list", "edition_compare", "status_scheme", "target_groups"])
def test_foreign_user_gets_404(name, client_for, foreign_user, municipality, edition):
    client = client_for(foreign_user)
    assert client.get(url(name, municipality)).status_code == 404
    assert client.post(url(name, municipality), {"label": "x", "name": "x"}).status_code == 404


def test_foreign_user_cannot_copy_or_adopt(client_for, foreign_user, municipality, edition):
    client = client_for(foreign_user)
    assert client.post(url("edition_create", municipality, pk=edition.pk), {"name": "X"}).status_code == 404
    archive = {"action": "archive", "version": edition.version}
    assert client.post(url("edition_edit", municipality, pk=edition.pk), archive).status_code == 404
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.ADOPTED
    assert Edition.objects.count() == 1


def test_edition_of_another_municipality_is_404(client_for, koordination, municipality, foreign_user,
                                                 other_municipality):
    from teilhabe.core.tenancy import actor_for
    with municipality_scope(other_municipality):
        foreign_plan = services.create_plan(actor=actor_for(foreign_user, other_municipality),
                                            municipality=other_municipality, title="Fremder Plan")
        foreign_edition = foreign_plan.editions.get()
    client = client_for(koordination)
    assert client.get(url("edition_edit", municipality, pk=foreign_edition.pk)).status_code == 404
    assert client.post(url("edition_create", municipality, pk=foreign_edition.pk), {"name": "X"}).status_code == 404
    assert client.get(url("plan_settings", municipality, pk=foreign_plan.pk)).status_code == 404
    response = client.get(url("edition_compare", municipality), {"old": foreign_edition.pk, "new": foreign_edition.pk})
    assert response.status_code == 200 and "gültige Auswahl" in response.content.decode()
    assert Edition.objects.count() == 0  # nothing was copied into ours
    with municipality_scope(other_municipality):
        assert Edition.objects.count() == 1  # nor into theirs


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_readers_cannot_change_editions(who, request, client_for, municipality, edition, plan):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("edition_create", municipality, pk=edition.pk)).status_code == 403
    assert client.post(url("edition_create", municipality, pk=edition.pk), {"name": "X"}).status_code == 403
    assert client.post(url("edition_edit", municipality, pk=edition.pk),
                       {"action": "archive", "version": edition.version}).status_code == 403
    assert client.get(url("plan_settings", municipality, pk=plan.pk)).status_code == 403
    assert client.post(url("status_scheme", municipality), {"label": "x"}).status_code == 403
    assert Edition.objects.count() == 1 and Edition.objects.get().status == Edition.Status.ADOPTED


# --- Fortschreibung, adoption, archiving -----------------------------------------------------------------------


def test_start_fortschreibung(client_for, koordination, municipality, edition):
    client = client_for(koordination)
    assert client.get(url("edition_create", municipality, pk=edition.pk)).status_code == 200
    response = client.post(url("edition_create", municipality, pk=edition.pk), {"name": "Fortschreibung 2026"},
                           follow=True)
    new = Edition.objects.get(name="Fortschreibung 2026")
    assert new.predecessor == edition and new.status == Edition.Status.DRAFT
    assert Measure.objects.filter(edition=new).count() == 4
    assert any("Fortschreibung 2026" in m for m in messages_of(response))


@pytest.mark.parametrize("name,message", [("", "erforderlich"), ("<script>x</script>", "HTML"),
                                          ("Erste Ausgabe", "bereits")])
def test_bad_fortschreibung_name(client_for, koordination, municipality, edition, name, message):
    response = client_for(koordination).post(url("edition_create", municipality, pk=edition.pk), {"name": name})
    assert response.status_code == 200 and message in response.content.decode()
    assert Edition.objects.count() == 1


def test_adopt_edition(client_for, koordination, municipality, edition):
    client = client_for(koordination)
    page = client.get(url("edition_edit", municipality, pk=edition.pk) + "?beschluss=1").content.decode()
    assert '<option value="adopted" selected>' in page
    response = client.post(url("edition_edit", municipality, pk=edition.pk), {
        "name": edition.name, "status": "adopted", "adopted_on": "2025-02-20",
        "council_reference": "GR-Drucksache 12/2025", "version": edition.version})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.ADOPTED and str(edition.adopted_on) == "2025-02-20"
    assert edition.council_reference == "GR-Drucksache 12/2025"
    page = client.get(url("edition_edit", municipality, pk=edition.pk)).content.decode()
    assert "GR-Drucksache 12/2025" in page  # in the form and in the history


@pytest.mark.parametrize("data,message", [
    ({"status": "adopted", "adopted_on": ""}, "Datum des Beschlusses"),
    ({"status": "adopted", "adopted_on": "31.02.2026"}, "gültiges Datum"),
    ({"status": "adopted", "adopted_on": "1066-10-14"}, "prüfen"),
    ({"status": "verworfen"}, "Auswahl"),
    ({"council_reference": "<a href=x>y</a>"}, "HTML"),
    ({"version": "abc"}, "veraltet"),
])
def test_bad_edition_input(client_for, koordination, municipality, edition, data, message):
    payload = {"name": edition.name, "status": "draft", "adopted_on": "", "council_reference": "",
               "version": edition.version, **data}
    response = client_for(koordination).post(url("edition_edit", municipality, pk=edition.pk), payload)
    assert response.status_code == 200 and message in response.content.decode()
    fresh = Edition.objects.get(pk=edition.pk)
    assert fresh.status == edition.status and fresh.version == edition.version


def test_stale_edition_form_is_refused(client_for, koordination, coord_actor, municipality, edition):
    stale = edition.version
    services.update_edition(actor=coord_actor, edition=edition, expected_version=stale, values={"name": "Neu"})
    response = client_for(koordination).post(url("edition_edit", municipality, pk=edition.pk), {
        "name": "Meins", "status": "draft", "version": stale})
    assert response.status_code == 200 and "inzwischen" in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).name == "Neu"


def test_archive_edition(client_for, koordination, municipality, edition):
    client = client_for(koordination)
    response = client.post(url("edition_edit", municipality, pk=edition.pk),
                           {"action": "archive", "version": edition.version}, follow=True)
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.ARCHIVED
    assert any("archiviert" in m for m in messages_of(response))
    response = client.post(url("edition_edit", municipality, pk=edition.pk),
                           {"action": "archive", "version": "x"}, follow=True)
    assert any("veraltet" in m for m in messages_of(response))


# --- comparison ---------------------------------------------------------------------------------------------


def test_compare_page_shows_changes(client_for, lesend, coord_actor, municipality, edition, other_amt):
    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung")
    m = Measure.objects.get(edition=new, title="Mama lernt Deutsch")
    services.update_measure(actor=coord_actor, measure=m, expected_version=m.version,
                            values={"lead_org_unit": other_amt, "description": "Neu <besser>"[:4]})
    new.refresh_from_db()  # a reader compares a draft once it is open for comment to its role
    open_edition_for_comment(actor=coord_actor, edition=new, roles=[Role.LESEND], expected_version=new.version)
    client = client_for(lesend)
    page = client.get(url("edition_compare", municipality)).content.decode()
    assert f'<option value="{new.pk}" selected>' in page  # newest edition with its predecessor preselected
    response = client.get(url("edition_compare", municipality), {"old": edition.pk, "new": new.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Federführung (Verwaltung)" in html
    assert "Amt für Chancengleichheit" in html and "Amt für Schule und Bildung" in html
    assert "Maßnahmen" in html and "unverändert" in html


@pytest.mark.parametrize("params", [{"old": "x", "new": "1"}, {"old": "999999", "new": "1"}, {"old": "1"}])
def test_compare_bad_input(client_for, koordination, municipality, edition, params):
    response = client_for(koordination).get(url("edition_compare", municipality), params)
    assert response.status_code == 200
    assert "kern-error" in response.content.decode() or "alert" in response.content.decode()


def test_compare_same_edition_or_different_plans(client_for, koordination, coord_actor, municipality, edition):
    other = services.create_plan(actor=coord_actor, municipality=municipality, title="Aktionsplan").editions.get()
    client = client_for(koordination)
    html = client.get(url("edition_compare", municipality), {"old": edition.pk, "new": edition.pk}).content.decode()
    assert "zwei verschiedene" in html
    html = client.get(url("edition_compare", municipality), {"old": edition.pk, "new": other.pk}).content.decode()
    assert "desselben Plans" in html


# --- plan settings, status scheme, target groups -----------------------------------------------------------


def test_plan_settings(client_for, koordination, municipality, plan):
    client = client_for(koordination)
    page = client.get(url("plan_settings", municipality, pk=plan.pk)).content.decode()
    assert "Leitziel, Teilziel, Handlungsziel" in page
    response = client.post(url("plan_settings", municipality, pk=plan.pk), {
        "title": "Integrationskonzept 2030", "description": "", "goal_level_names": "Oberziel, Ziel, Maßnahmenziel",
        "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Integrationskonzept 2030" and plan.goal_level_names == ["Oberziel", "Ziel", "Maßnahmenziel"]


@pytest.mark.parametrize("levels,message", [(" , ", "mindestens"), ("Ziel, ziel", "eigenen Namen"),
                                            ("<b>Ziel</b>", "HTML")])
def test_bad_plan_settings(client_for, koordination, municipality, plan, levels, message):
    response = client_for(koordination).post(url("plan_settings", municipality, pk=plan.pk), {
        "title": plan.title, "goal_level_names": levels, "version": plan.version})
    assert response.status_code == 200 and message in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).goal_level_names == ["Leitziel", "Teilziel", "Handlungsziel"]


def test_status_scheme_add_rename_map_delete(client_for, koordination, municipality, plan):
    client = client_for(koordination)
    page = client.get(url("status_scheme", municipality)).content.decode()
    assert "einheitliche Stufe" in page and "ins laufende Geschäft übergegangen" in page
    response = client.post(url("status_scheme", municipality),
                           {"label": "erfüllt", "normalised": "completed", "colour": "#15803d"})
    assert response.status_code == 302
    option = StatusOption.objects.get(municipality=municipality, label="erfüllt")
    response = client.post(url("status_edit", municipality, pk=option.pk), {
        "label": "vollständig erfüllt", "normalised": "routine", "colour": "#0f766e", "version": option.version})
    assert response.status_code == 302
    option.refresh_from_db()
    assert (option.label, option.normalised, option.colour) == ("vollständig erfüllt", "routine", "#0f766e")
    client.post(url("status_delete", municipality, pk=option.pk), {"version": option.version})
    assert not StatusOption.objects.filter(pk=option.pk).exists()


def test_status_in_use_cannot_be_deleted(client_for, koordination, municipality, own_measure):
    used = own_measure.status
    client = client_for(koordination)
    assert "Wird noch verwendet" in client.get(url("status_delete", municipality, pk=used.pk)).content.decode()
    response = client.post(url("status_delete", municipality, pk=used.pk), {"version": used.version})
    assert StatusOption.objects.filter(pk=used.pk).exists()
    assert response.status_code == 200 and "noch von Maßnahmen" in response.content.decode()


@pytest.mark.parametrize("data,message", [
    ({"label": "geplant"}, "gibt es bereits"),
    ({"label": "GEPLANT"}, "gibt es bereits"),
    ({"label": "<script>x</script>"}, "HTML"),
    ({"normalised": "super"}, "Auswahl"),
    ({"colour": "red; background:url(x)"}, "#RRGGBB"),
])
def test_bad_status_input(client_for, koordination, municipality, plan, data, message):
    before = StatusOption.objects.count()
    payload = {"label": "neu", "normalised": "planned", "colour": "#123456", **data}
    response = client_for(koordination).post(url("status_scheme", municipality), payload)
    assert response.status_code == 200 and message in response.content.decode()
    assert StatusOption.objects.count() == before


def test_target_groups_add_and_rename(client_for, koordination, municipality, plan):
    client = client_for(koordination)
    client.post(url("target_groups", municipality), {"name": "Neuzugewanderte"})
    group = TargetGroup.objects.get(name="Neuzugewanderte")
    response = client.post(url("target_groups", municipality), {"name": "neuzugewanderte"})
    assert response.status_code == 200 and "gibt es bereits" in response.content.decode()
    client.post(url("target_groups", municipality), {"name": "Eltern"})
    response = client.post(url("targetgroup_edit", municipality, pk=group.pk),
                           {"name": "Eltern", "version": group.version})
    assert response.status_code == 200 and "gibt es bereits" in response.content.decode()
    response = client.post(url("targetgroup_edit", municipality, pk=group.pk),
                           {"name": "Neu Zugewanderte", "version": group.version})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Neu Zugewanderte"
    assert client.post(url("targetgroup_edit", municipality, pk=group.pk),
                       {"name": "<i>x</i>", "version": group.version}).status_code == 200
    assert TargetGroup.objects.get(pk=group.pk).name == "Neu Zugewanderte"


def test_unused_target_group_can_be_deleted(client_for, koordination, municipality, own_measure):
    client = client_for(koordination)
    used = TargetGroup.objects.create(municipality=municipality, name="Eltern")
    own_measure.target_groups.add(used)
    unused = TargetGroup.objects.create(municipality=municipality, name="Seniorinnen")
    page = client.get(url("target_groups", municipality)).content.decode()
    assert url("targetgroup_delete", municipality, pk=unused.pk) in page
    assert url("targetgroup_delete", municipality, pk=used.pk) not in page
    assert "Wird noch verwendet" in client.get(url("targetgroup_delete", municipality, pk=used.pk)).content.decode()
    response = client.post(url("targetgroup_delete", municipality, pk=used.pk), {"version": used.version})
    assert response.status_code == 200 and "noch 1 Maßnahme zugeordnet" in response.content.decode()
    response = client.post(url("targetgroup_delete", municipality, pk=unused.pk), {"version": unused.version})
    assert response.status_code == 302
    assert list(TargetGroup.objects.values_list("name", flat=True)) == ["Eltern"]


# --- query counts ---------------------------------------------------------------------------------------------


def _queries(client, target, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_fixed_queries(client_for, koordination, coord_actor, municipality, edition):
    client = client_for(koordination)
    second = start_new_edition(actor=coord_actor, edition=edition, name="Zweite")
    pages = [url("edition_list", municipality), url("status_scheme", municipality), url("target_groups", municipality)]
    small = [_queries(client, p) for p in pages]
    small_compare = _queries(client, url("edition_compare", municipality), {"old": edition.pk, "new": second.pk})
    for i in range(4):
        plan = services.create_plan(actor=coord_actor, municipality=municipality, title=f"Plan {i}")
        build_bulk(plan.editions.get(), fields=3, goals_per_field=3, measures_per_goal=5)
        start_new_edition(actor=coord_actor, edition=plan.editions.get(), name="Fortschreibung")
    for i in range(10):
        services.create_status_option(actor=coord_actor, municipality=municipality, label=f"Stufe {i}",
                                      normalised="planned")
        services.get_or_create_target_group(actor=coord_actor, municipality=municipality, name=f"Gruppe {i}")
    build_bulk(second, fields=5, goals_per_field=4, measures_per_goal=10)
    large = [_queries(client, p) for p in pages]
    large_compare = _queries(client, url("edition_compare", municipality), {"old": edition.pk, "new": second.pk})
    assert large == small
    assert large_compare == small_compare
    assert max(large) <= 10 and large_compare <= 25
