"""Reporting a barrier: stored through the service for valid input, refused with a message otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from teilhabe.core.models import AuditEntry
from teilhabe.pages.models import BarrierReport

URL = "/heidelberg/barriere-melden/"


def _post(client, **data):
    values = {"description": "", "page_url": "", "contact": "", "website": ""}
    values.update(data)
    return client.post(URL, values)


def test_form_renders_with_privacy_note_and_hidden_honeypot(visitor, municipality):
    html = visitor.get(URL + "?seite=/heidelberg/impressum/").content.decode()
    assert 'name="description"' in html
    assert "Datenschutz:" in html
    assert '<div class="hp-field">' in html
    assert 'value="/heidelberg/impressum/"' in html  # the page the visitor came from


def test_valid_report_is_stored_and_confirmed(visitor, municipality, other_municipality):
    response = _post(visitor, description="Der Kalender ist mit der Tastatur nicht bedienbar.",
                     page_url="/heidelberg/", contact="leser@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/heidelberg/barriere-melden/danke/"
    report = BarrierReport.objects.get()
    assert report.municipality == municipality
    assert report.contact == "leser@example.org"
    entry = AuditEntry.objects.get(object_type="pages.barrierreport")
    assert entry.actor is None
    assert "leser@example.org" not in str(entry.changes)  # contact data stays out of the trail
    thanks = visitor.get(response["Location"])
    assert "Vielen Dank für Ihre Meldung" in thanks.content.decode()


def test_only_description_is_required(visitor, municipality):
    assert _post(visitor, description="Kontrast zu schwach").status_code == 302
    assert BarrierReport.objects.count() == 1


@pytest.mark.parametrize("description", ["", "   \n  "])
def test_empty_description_is_refused(visitor, municipality, description):
    response = _post(visitor, description=description)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte beschreiben Sie die Barriere." in html
    assert "Die Meldung wurde nicht gesendet." in html
    assert 'aria-invalid="true"' in html
    assert BarrierReport.objects.count() == 0


@pytest.mark.parametrize(("field", "limit"), [("description", 5000), ("page_url", 500), ("contact", 200)])
def test_too_long_input_is_refused(visitor, municipality, field, limit):
    data = {"description": "Barriere", field: "x" * (limit + 1)}
    response = _post(visitor, **data)
    assert response.status_code == 200
    assert f"höchstens {limit} Zeichen" in response.content.decode()
    assert BarrierReport.objects.count() == 0


@pytest.mark.parametrize("field", ["description", "page_url", "contact"])
def test_html_is_refused(visitor, municipality, field):
    data = {"description": "Barriere", field: '<img src=x onerror="alert(1)">'}
    response = _post(visitor, **data)
    assert response.status_code == 200
    assert "HTML oder Skripte sind hier nicht erlaubt." in response.content.decode()
    assert BarrierReport.objects.count() == 0


def test_honeypot_keeps_nothing_but_answers_like_success(visitor, municipality):
    response = _post(visitor, description="Billig kaufen!", website="http://spam.example")
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 0
    assert AuditEntry.objects.filter(object_type="pages.barrierreport").count() == 0


def test_post_without_csrf_token_is_refused(municipality):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"description": "Barriere"})
    assert response.status_code == 403
    assert BarrierReport.objects.count() == 0


def test_report_for_unknown_municipality_is_404(visitor, municipality):
    assert visitor.post("/nirgendwo/barriere-melden/", {"description": "x"}).status_code == 404
    assert BarrierReport.objects.count() == 0
