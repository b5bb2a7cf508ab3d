"""Which edition the back office opens, per role (the rule of plans.rules): dashboard, tree, measure list,
measure page, the edition switch, the draft banner, opening a draft for comment, and the export form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from teilhabe.core.roles import Role
from teilhabe.plans import services
from teilhabe.plans.editions import open_edition_for_comment, start_new_edition
from teilhabe.plans.models import Edition, Measure

PAGES = ["dashboard", "my_measures", "tree", "measure_list"]
ROLES = ["koordination", "platform_admin", "fachstelle", "lesend"]
SEES_DRAFTS = {"koordination": True, "platform_admin": True, "fachstelle": False, "lesend": False}


def url(name, municipality, **query):
    path = reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug})
    if name == "dashboard":  # the overview itself: a Fachstelle's start would redirect to „Meine Maßnahmen“
        query = {"uebersicht": 1, **query}
    if query:
        from django.utils.http import urlencode

        path += "?" + urlencode(query)
    return path


def open_for(actor, edition, *roles):
    edition.refresh_from_db()
    return open_edition_for_comment(actor=actor, edition=edition, roles=roles, expected_version=edition.version)


@pytest.fixture
def draft(coord_actor, edition) -> Edition:
    """The plan in force (the fixture's adopted edition) and its Fortschreibung in draft, with a new measure."""
    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    field = new.fields.get(title="Bildung und Sprachförderung")
    services.create_measure(actor=coord_actor, edition=new, values={"title": "Nur im Entwurf", "field": field})
    return Edition.objects.get(pk=new.pk)


def shown(response) -> Edition | None:
    return response.context["edition"]


# --- the default edition, per role and page --------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ROLES)
def test_default_edition_per_role(who, page, request, client_for, municipality, edition, draft):
    response = client_for(request.getfixturevalue(who)).get(url(page, municipality))
    assert response.status_code == 200
    expected = draft if SEES_DRAFTS[who] else edition
    assert shown(response).pk == expected.pk
    body = response.content.decode()
    assert ("draft-banner" in body) is SEES_DRAFTS[who]
    switch = [e.pk for e in response.context["editions"]]
    assert (draft.pk in switch) is SEES_DRAFTS[who]
    assert edition.pk in switch


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_unreleased_draft_by_id_is_404(who, request, client_for, municipality, draft):
    client = client_for(request.getfixturevalue(who))
    for page in PAGES:
        assert client.get(url(page, municipality, ausgabe=draft.pk)).status_code == 404
    measure = Measure.objects.get(edition=draft, title="Nur im Entwurf")
    detail = reverse("backoffice:measure_detail", kwargs={"municipality": municipality.slug, "pk": measure.pk})
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("who", ["koordination", "platform_admin"])
def test_koordination_opens_the_draft_by_id_with_the_banner(who, request, client_for, municipality, edition, draft):
    client = client_for(request.getfixturevalue(who))
    for page in PAGES:
        response = client.get(url(page, municipality, ausgabe=draft.pk))
        assert shown(response).pk == draft.pk
        body = response.content.decode()
        assert "draft-banner" in body and "Entwurf „Fortschreibung 2026“" in body
        assert "Nicht zur Beratung freigegeben" in body
    response = client.get(url("tree", municipality, ausgabe=edition.pk))  # the plan in force: no banner
    assert shown(response).pk == edition.pk and "draft-banner" not in response.content.decode()


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_a_draft_open_for_comment_is_switchable_and_marked(who, request, client_for, coord_actor, municipality,
                                                          edition, draft):
    open_for(coord_actor, draft, Role.FACHSTELLE, Role.LESEND)
    client = client_for(request.getfixturevalue(who))
    default = client.get(url("tree", municipality))
    assert shown(default).pk == edition.pk  # the plan in force stays the default
    assert draft.pk in [e.pk for e in default.context["editions"]]
    for page in PAGES:
        response = client.get(url(page, municipality, ausgabe=draft.pk))
        assert response.status_code == 200 and shown(response).pk == draft.pk
        body = response.content.decode()
        assert "draft-banner" in body and "Zur Beratung freigegeben für: Fachstelle, Lesend" in body
        assert "bearbeiten kann ihn nur die Koordinierungsstelle" in body


def test_opened_to_fachstelle_only_stays_hidden_from_lesend(client_for, coord_actor, fachstelle, lesend,
                                                            municipality, draft):
    open_for(coord_actor, draft, Role.FACHSTELLE)
    assert client_for(fachstelle).get(url("tree", municipality, ausgabe=draft.pk)).status_code == 200
    assert client_for(lesend).get(url("tree", municipality, ausgabe=draft.pk)).status_code == 404


@pytest.mark.parametrize("who", ROLES)
def test_archived_edition_opens_by_id_for_everyone(who, request, client_for, coord_actor, municipality, edition,
                                                   draft):
    services.update_edition(actor=coord_actor, edition=draft, expected_version=draft.version,
                            values={"status": Edition.Status.ADOPTED, "adopted_on": dt.date(2026, 2, 1)})
    client = client_for(request.getfixturevalue(who))
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.ARCHIVED
    response = client.get(url("tree", municipality, ausgabe=edition.pk))
    assert response.status_code == 200 and shown(response).pk == edition.pk
    assert shown(client.get(url("tree", municipality))).pk == draft.pk  # adopted now: everyone's default


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_no_adopted_edition_yet(who, request, client_for, coord_actor, municipality):
    plan = services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan")
    client = client_for(request.getfixturevalue(who))
    for page in PAGES:
        response = client.get(url(page, municipality))
        assert response.status_code == 200 and shown(response) is None
        body = response.content.decode()
        assert "Noch keine beschlossene Ausgabe" in body and "Es gibt noch keinen Plan" not in body
    open_for(coord_actor, plan.editions.get(), Role.FACHSTELLE, Role.LESEND)
    response = client.get(url("tree", municipality))
    assert shown(response).pk == plan.editions.get().pk and "draft-banner" in response.content.decode()


def test_koordination_sees_its_first_draft(client_for, koordination, coord_actor, municipality):
    plan = services.create_plan(actor=coord_actor, municipality=municipality, title="Neuer Plan")
    response = client_for(koordination).get(url("dashboard", municipality))
    assert shown(response).pk == plan.editions.get().pk and "draft-banner" in response.content.decode()


# --- measures: comment is not edit ---------------------------------------------------------------------------


def test_fachstelle_reads_but_does_not_edit_its_measure_in_an_open_draft(client_for, fachstelle, coord_actor,
                                                                         municipality, edition, draft):
    open_for(coord_actor, draft, Role.FACHSTELLE)
    client = client_for(fachstelle)
    in_draft = Measure.objects.get(edition=draft, title="Mama lernt Deutsch")
    in_force = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    detail = client.get(reverse("backoffice:measure_detail", kwargs={"municipality": municipality.slug,
                                                                      "pk": in_draft.pk}))
    assert detail.status_code == 200 and detail.context["can_edit"] is False
    assert "draft-banner" in detail.content.decode()
    edit = reverse("backoffice:measure_edit", kwargs={"municipality": municipality.slug, "pk": in_draft.pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "x", "version": in_draft.version}).status_code == 403
    assert Measure.objects.get(pk=in_draft.pk).title == "Mama lernt Deutsch"
    detail = client.get(reverse("backoffice:measure_detail", kwargs={"municipality": municipality.slug,
                                                                      "pk": in_force.pk}))
    assert detail.context["can_edit"] is True and "draft-banner" not in detail.content.decode()


# --- the edition pages: switch, list, opening for comment ----------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_edition_list_and_comparison_offer_only_visible_editions(who, request, client_for, municipality, edition,
                                                                 draft):
    client = client_for(request.getfixturevalue(who))
    listed = {e.pk for p in client.get(url("edition_list", municipality)).context["plans"] for e in p.editions.all()}
    assert listed == ({edition.pk, draft.pk} if SEES_DRAFTS[who] else {edition.pk})
    compare = client.get(url("edition_compare", municipality, old=edition.pk, new=draft.pk))
    assert compare.status_code == 200
    assert (compare.context["comparison"] is not None) is SEES_DRAFTS[who]


def test_koordination_opens_and_closes_a_draft_for_comment(client_for, koordination, lesend, municipality, draft):
    client = client_for(koordination)
    page = reverse("backoffice:edition_edit", kwargs={"municipality": municipality.slug, "pk": draft.pk})
    action = reverse("backoffice:edition_comment", kwargs={"municipality": municipality.slug, "pk": draft.pk})
    body = client.get(page).content.decode()
    assert "Zur Beratung freigeben" in body and action in body
    response = client.post(action, {"roles": ["fachstelle", "lesend"], "version": draft.version}, follow=True)
    assert response.redirect_chain[-1][0] == page
    assert "zur Beratung freigegeben für: Fachstelle, Lesend" in response.content.decode()
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == ["fachstelle", "lesend"]
    listing = client.get(url("edition_list", municipality)).content.decode()
    assert "zur Beratung freigegeben für: Fachstelle, Lesend" in listing
    assert client_for(lesend).get(url("tree", municipality, ausgabe=draft.pk)).status_code == 200
    stale = draft.version
    client.post(action, {"version": stale + 1})  # none chosen: closed again
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []
    assert client_for(lesend).get(url("tree", municipality, ausgabe=draft.pk)).status_code == 404
    response = client.post(action, {"roles": ["lesend"], "version": stale}, follow=True)  # a stale form
    assert "inzwischen" in response.content.decode()
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []


@pytest.mark.parametrize("data", [{"roles": ["koordination"]}, {"roles": ["x\x00"]}, {"version": "abc"}, {}])
def test_bad_comment_input_changes_nothing(client_for, koordination, municipality, draft, data):
    action = reverse("backoffice:edition_comment", kwargs={"municipality": municipality.slug, "pk": draft.pk})
    response = client_for(koordination).post(action, {"version": draft.version, **data}, follow=True)
    assert response.status_code == 200
    fresh = Edition.objects.get(pk=draft.pk)
    assert fresh.open_for_comment_roles == [] and fresh.version == draft.version


def test_an_adopted_edition_cannot_be_opened_for_comment(client_for, koordination, municipality, edition):
    action = reverse("backoffice:edition_comment", kwargs={"municipality": municipality.slug, "pk": edition.pk})
    response = client_for(koordination).post(action, {"roles": ["lesend"], "version": edition.version}, follow=True)
    assert "nur ein Entwurf" in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).open_for_comment_roles == []


@pytest.mark.parametrize(("who", "status"), [("fachstelle", 403), ("lesend", 403), ("foreign_user", 404),
                                              (None, 302)])
def test_only_koordination_may_open_for_comment(who, status, request, client_for, municipality, draft):
    user = request.getfixturevalue(who) if who else None
    action = reverse("backoffice:edition_comment", kwargs={"municipality": municipality.slug, "pk": draft.pk})
    assert client_for(user).post(action, {"roles": ["lesend"], "version": draft.version}).status_code == status
    assert Edition.objects.get(pk=draft.pk).open_for_comment_roles == []


# --- export ------------------------------------------------------------------------------------------------------


def test_export_form_starts_with_the_edition_koordination_works_in(client_for, koordination, municipality, edition,
                                                                   draft):
    response = client_for(koordination).get(url("exchange", municipality))
    assert response.context["export_form"].fields["edition"].initial == draft.pk


# --- queries -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["koordination", "lesend"])
def test_pages_run_the_same_number_of_queries_whatever_the_size(who, request, client_for, coord_actor, municipality,
                                                                edition, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.editions.conftest import build_bulk

    client = client_for(request.getfixturevalue(who))
    shown_edition = draft if SEES_DRAFTS[who] else edition

    def counts() -> dict[str, int]:
        result = {}
        for page in PAGES:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url(page, municipality)).status_code == 200
            result[page] = len(ctx.captured_queries)
        return result

    small = counts()
    build_bulk(shown_edition, fields=5, goals_per_field=4, measures_per_goal=5)  # 100 more measures
    start_new_edition(actor=coord_actor, edition=edition, name="Variante")  # and more editions
    assert counts() == small


def _export(*args: str) -> dict:
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("export_plan", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_export_plan_command_follows_the_rule(municipality, edition, draft):
    """The command acts for the coordination office: its draft by default; any edition by --edition."""
    assert _export("heidelberg")["plan"]["edition"] == "Fortschreibung 2026"
    assert _export("heidelberg", "--edition", str(edition.pk))["plan"]["edition"] == edition.name
    assert _export("heidelberg", "--plan", str(edition.plan_id), "--edition", str(edition.pk))["plan"]["edition"] == (
        edition.name)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="gibt es in dieser Kommune nicht"):
        _export("heidelberg", "--edition", "999999")
