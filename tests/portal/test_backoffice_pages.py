"""Back office: Koordination writes the legal pages and reads barrier reports; nobody else does."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.audit import history_of
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.tenancy import actor_for
from teilhabe.pages import services
from teilhabe.pages.models import BarrierReport, LegalPage

LIST = "/heidelberg/intern/seiten/"
EDIT = "/heidelberg/intern/seiten/impressum/de/"
REPORTS = "/heidelberg/intern/seiten/barrieremeldungen/"


def test_overview_lists_kinds_by_language(client_for, koordination, municipality):
    LegalPage.objects.create(municipality=municipality, kind="impressum", language="de", title="I", body="B")
    response = client_for(koordination).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit", "Leichte Sprache",
                  "Gebärdensprache"]:
        assert f'<th scope="row" class="kern-table__header">{label}</th>' in html
    assert "eigener Text" in html
    assert "Standardtext" in html
    assert "/heidelberg/intern/seiten/datenschutz/ar/" in html
    assert html.count("<h1") == 1


def test_edit_form_starts_from_default_text(client_for, koordination, municipality):
    html = client_for(koordination).get("/heidelberg/intern/seiten/barrierefreiheit/de/").content.decode()
    assert "Schlichtungsstelle nach § 16" in html
    assert '<input type="hidden" name="version" value="0"' in html


def test_koordination_writes_a_page_that_the_portal_shows(client_for, koordination, municipality, visitor):
    client = client_for(koordination)
    response = client.post(EDIT, {"title": "Impressum", "body": "Stadt Heidelberg\nMarktplatz 10", "version": 0})
    assert response.status_code == 302
    page = LegalPage.objects.get(municipality=municipality, kind="impressum", language="de")
    entry = history_of(page).get()
    assert entry.action == "create"
    assert entry.actor == koordination
    assert entry.changes["body"] == [None, "Stadt Heidelberg\nMarktplatz 10"]
    assert "Marktplatz 10" in visitor.get("/heidelberg/impressum/").content.decode()
    # Edit again with the version from the form.
    form_html = client.get(EDIT).content.decode()
    assert "Marktplatz 10" in form_html
    assert f'name="version" value="{page.version}"' in form_html
    response = client.post(EDIT, {"title": "Impressum", "body": "Marktplatz 11", "version": page.version})
    assert response.status_code == 302
    assert history_of(page).first().changes == {"body": ["Stadt Heidelberg\nMarktplatz 10", "Marktplatz 11"]}


def test_stale_form_is_refused(client_for, koordination, municipality, coord_actor):
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="de",
                             title="Impressum", body="Erste Fassung", expected_version=0)
    response = client_for(koordination).post(EDIT, {"title": "Impressum", "body": "Zweite", "version": 0})
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    assert "Erste Fassung" in response.content.decode()  # what the other person wrote
    assert LegalPage.objects.get(kind="impressum").body == "Erste Fassung"


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "Impressum", "body": "<b>fett</b>"}, "HTML oder Skripte sind hier nicht erlaubt."),
    ({"title": "", "body": "Text"}, "Dieses Feld ist zwingend erforderlich."),
    ({"title": "x" * 201, "body": "Text"}, "höchstens 200 Zeichen"),
])
def test_bad_input_is_refused(client_for, koordination, municipality, data, message):
    response = client_for(koordination).post(EDIT, {**data, "version": 0})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LegalPage.objects.count() == 0


def test_arabic_page_is_a_translation_edited_right_to_left(client_for, koordination, municipality, coord_actor):
    client = client_for(koordination)
    # No German page yet: write it first.
    response = client.get("/heidelberg/intern/seiten/impressum/ar/", follow=True)
    assert response.redirect_chain[-1][0] == EDIT
    assert "Bitte schreiben Sie zuerst die deutsche Fassung" in response.content.decode()
    page = services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="de",
                                    title="Impressum", body="Verantwortlich: Stadt Heidelberg", expected_version=0)
    response = client.get("/heidelberg/intern/seiten/impressum/ar/", follow=True)
    assert response.redirect_chain[-1][0] == f"/heidelberg/intern/uebersetzungen/ar/legalpage/{page.pk}/"
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert 'class="translation-source" lang="de" dir="ltr">Verantwortlich: Stadt Heidelberg' in html
    html = client.get(LIST).content.decode()
    assert "fehlt – Deutsch wird gezeigt" in html
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="ar",
                             title="بيانات النشر", body="نص", expected_version=0)
    assert "Übersetzung aktuell" in client.get(LIST).content.decode()
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="de",
                             title="Impressum", body="Verantwortlich: Stadt Heidelberg, Marktplatz 10",
                             expected_version=page.version)
    assert "Übersetzung veraltet" in client.get(LIST).content.decode()


def test_minor_edit_of_the_german_page_keeps_translations_up_to_date(client_for, koordination, municipality,
                                                                     coord_actor):
    page = services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="de",
                                    title="Impressum", body="Verantwortlich: Stadt Heidelberg", expected_version=0)
    services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="ar",
                             title="بيانات النشر", body="نص", expected_version=0)
    response = client_for(koordination).post(EDIT, {"title": "Impressum", "body": "Verantwortlich: Stadt Heidelberg.",
                                                    "version": page.version, "minor_edit": "on"})
    assert response.status_code == 302
    assert "Übersetzung aktuell" in client_for(koordination).get(LIST).content.decode()


def test_language_not_enabled_is_404(client_for, koordination, municipality):
    assert client_for(koordination).get("/heidelberg/intern/seiten/impressum/fr/").status_code == 404
    assert client_for(koordination).get("/heidelberg/intern/seiten/agb/de/").status_code == 404


@pytest.mark.parametrize("url", [LIST, EDIT, REPORTS])
@pytest.mark.parametrize(("who", "status"), [
    ("koordination", 200), ("platform_admin", 200), ("fachstelle", 403), ("lesend", 403), ("foreign_user", 404),
])
def test_roles(request, client_for, municipality, url, who, status):
    user = request.getfixturevalue(who)
    assert client_for(user).get(url).status_code == status


@pytest.mark.parametrize("who", ["fachstelle", "lesend", "foreign_user"])
def test_others_cannot_write(request, client_for, municipality, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(EDIT, {"title": "Gekapert", "body": "x", "version": 0})
    assert response.status_code in (403, 404)
    assert LegalPage.objects.count() == 0


def test_anonymous_is_sent_to_login(visitor, municipality):
    response = visitor.get(EDIT)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_service_refuses_without_permission_and_foreign_actor(municipality, other_municipality, fachstelle,
                                                               foreign_user):
    for actor in (actor_for(fachstelle, municipality), actor_for(foreign_user, other_municipality)):
        with pytest.raises(NotAllowed):
            services.save_legal_page(actor=actor, municipality=municipality, kind="impressum", language="de",
                                     title="x", body="y", expected_version=0)
    assert LegalPage.objects.count() == 0


def test_service_refuses_unknown_kind_and_language(municipality, coord_actor):
    with pytest.raises(ServiceError):
        services.save_legal_page(actor=coord_actor, municipality=municipality, kind="agb", language="de",
                                 title="x", body="y", expected_version=0)
    with pytest.raises(ServiceError):
        services.save_legal_page(actor=coord_actor, municipality=municipality, kind="impressum", language="fr",
                                 title="x", body="y", expected_version=0)


def test_barrier_reports_of_own_municipality_only(client_for, koordination, municipality, other_municipality):
    services.submit_barrier_report(municipality=municipality, description="Kontrast zu schwach",
                                   contact="a@example.org")
    services.submit_barrier_report(municipality=other_municipality, description="Fremde Meldung")
    html = client_for(koordination).get(REPORTS).content.decode()
    assert "Kontrast zu schwach" in html
    assert "a@example.org" in html
    assert "Fremde Meldung" not in html


def test_barrier_report_list_paginates_with_fixed_queries(client_for, koordination, municipality):
    client = client_for(koordination)
    client.get(REPORTS)  # warm the session
    BarrierReport.objects.create(municipality=municipality, description="eine")
    with CaptureQueriesContext(connection) as small:
        client.get(REPORTS)
    BarrierReport.objects.bulk_create(BarrierReport(municipality=municipality, description=f"Meldung {i}")
                                      for i in range(120))
    with CaptureQueriesContext(connection) as large:
        response = client.get(REPORTS)
    assert len(large) == len(small)
    assert "Seite 1 von 5" in response.content.decode()
    assert client.get(REPORTS + "?seite=5").status_code == 200
    assert client.get(REPORTS + "?seite=abc").status_code == 200


def test_overview_runs_fixed_queries(client_for, koordination, municipality):
    client = client_for(koordination)
    LegalPage.objects.create(municipality=municipality, kind="impressum", language="de", title="I", body="B")
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    LegalPage.objects.bulk_create(LegalPage(municipality=municipality, kind=k, language="de", title="t", body="b")
                                  for k in LegalPage.Kind.values if k != "impressum")
    with CaptureQueriesContext(connection) as large:
        client.get(LIST)
    assert len(large) == len(small)
