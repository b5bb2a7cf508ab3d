"""Error pages: German, helpful, inside and outside a municipality; never a bare server error."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from teilhabe.core import views as core_views
from tests.portal.conftest import footer_links


def test_404_outside_municipality_uses_platform_layout(visitor, db):
    response = visitor.get("/nirgendwo/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Seite nicht gefunden" in html
    assert 'class="site-header"' in html
    assert "Zur Startseite von Teilhabe" in html


def test_404_inside_municipality_keeps_portal_header_and_footer(visitor, municipality):
    response = visitor.get("/heidelberg/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<header class="portal-header"' in html
    assert "Zur Startseite von Heidelberg" in html
    assert len(footer_links(response)) == 6


def test_403_in_back_office(client_for, fachstelle, municipality):
    response = client_for(fachstelle).get("/heidelberg/intern/seiten/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Keine Berechtigung" in html
    assert "Zur Übersicht der Verwaltung" in html


def test_404_in_english(visitor, db):
    html = visitor.get("/nirgendwo/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in html


def test_500_page_renders(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = core_views.server_error(request)
    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.content.decode()
