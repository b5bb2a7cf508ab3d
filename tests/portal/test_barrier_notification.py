"""A new barrier report is mailed to the municipality's contact address — tested against a real SMTP server
(the shared `smtp_server` fixture: an aiosmtpd process) — and Koordination moves its status on in the back
office, versioned and audited, with the reporter's contact data kept out of the trail."""

from __future__ import annotations

import socket
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import pytest
from django.core import mail

from teilhabe.core.models import AuditEntry
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.pages import services
from teilhabe.pages.models import BarrierReport, PortalSettings

REPORT_URL = "/heidelberg/barriere-melden/"
LIST_URL = "/heidelberg/intern/seiten/barrieremeldungen/"
STATUS_URL = "/heidelberg/intern/seiten/barrieremeldungen/status/"
SETTINGS_URL = "/heidelberg/intern/seiten/einstellungen/"


def _free_port() -> int:
    """A port nobody listens on: the mail server is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _body(message: EmailMessage) -> str:
    return str(message.get_content())


def _set_contact(municipality: Any, coord_actor: Any, address: str) -> None:
    services.save_portal_settings(actor=coord_actor, municipality=municipality, expected_version=0,
                                  accessibility_email=address)


def test_a_new_report_is_mailed_to_the_contact(smtp_server, visitor, municipality, coord_actor,
                                               django_capture_on_commit_callbacks):
    _set_contact(municipality, coord_actor, "barrierefrei@heidelberg.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(REPORT_URL, {
            "description": "Der Kalender lässt sich mit der Tastatur nicht bedienen.", "page_url": "/heidelberg/",
            "contact": "leser@example.org", "website": ""})
    assert response.status_code == 302
    [message] = smtp_server.wait_for(1)
    assert message["X-RcptTo"] == "barrierefrei@heidelberg.example"
    report = BarrierReport.objects.get()
    assert str(message["Subject"]) == f"Neue Barrieremeldung Nr. {report.pk} – Heidelberg"
    body = _body(message)
    assert "Der Kalender lässt sich mit der Tastatur nicht bedienen." in body
    assert "leser@example.org" in body  # the office can answer
    entry = AuditEntry.objects.get(object_type="pages.barrierreport")
    assert "leser@example.org" not in str(entry.changes)


def test_no_contact_no_mail(visitor, municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(REPORT_URL, {"description": "Kontrast zu schwach", "website": ""})
    assert BarrierReport.objects.count() == 1
    assert mail.outbox == []


def test_mail_is_sent_only_after_commit(visitor, municipality, coord_actor, django_capture_on_commit_callbacks):
    _set_contact(municipality, coord_actor, "barrierefrei@heidelberg.example")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_barrier_report(municipality=municipality, description="Video ohne Untertitel")
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1 and "Video ohne Untertitel" in mail.outbox[0].body


def test_a_mail_server_that_is_down_loses_no_report(settings, visitor, municipality, coord_actor,
                                                    django_capture_on_commit_callbacks, caplog):
    _set_contact(municipality, coord_actor, "barrierefrei@heidelberg.example")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(REPORT_URL, {"description": "Kontrast zu schwach", "website": ""})
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 1
    assert "nicht gesendet" in caplog.text


# --- the back office ------------------------------------------------------------------------------------


@pytest.fixture
def report(municipality: Any) -> BarrierReport:
    return services.submit_barrier_report(municipality=municipality, description="Bilder ohne Alternativtext",
                                          contact="leser@example.org")


def test_new_reports_are_new(report):
    assert report.status == BarrierReport.Status.NEW and report.version == 1


def test_koordination_changes_the_status_on_the_list(report, koordination, client_for):
    client = client_for(koordination)
    html = client.get(LIST_URL).content.decode()
    assert f'id="id_r{report.pk}_status"' in html
    response = client.post(STATUS_URL, {"report": report.pk, "version": 1, "status": "in_bearbeitung"})
    assert response.status_code == 302 and response["Location"] == LIST_URL
    report.refresh_from_db()
    assert report.status == "in_bearbeitung" and report.version == 2
    entry = AuditEntry.objects.filter(object_type="pages.barrierreport", action="update").get()
    assert entry.changes == {"status": ["neu", "in Bearbeitung"]}
    assert "leser@example.org" not in str(entry.changes)
    page = client.get(response["Location"]).content.decode()
    assert f"Der Status von Meldung Nr. {report.pk} wurde gespeichert." in page


def test_a_stale_status_form_changes_nothing_and_says_so(report, koordination, coord_actor, client_for):
    services.set_barrier_report_status(actor=coord_actor, report=report, expected_version=1, status="erledigt")
    client = client_for(koordination)
    response = client.post(STATUS_URL, {"report": report.pk, "version": 1, "status": "in_bearbeitung"},
                           follow=True)
    report.refresh_from_db()
    assert report.status == "erledigt" and report.version == 2
    assert "wurde inzwischen von jemand anderem geändert (Status jetzt: erledigt)" in response.content.decode()


@pytest.mark.parametrize("data", [{"status": "weg"}, {"version": "x"}, {"report": "x"}, {"report": ""}])
def test_bad_status_input_changes_nothing(report, koordination, client_for, data):
    values = {"report": report.pk, "version": 1, "status": "erledigt", **data}
    response = client_for(koordination).post(STATUS_URL, values, follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.status, report.version) == ("neu", 1)


def test_another_municipalitys_report_is_404(koordination, client_for, other_municipality):
    with municipality_scope(other_municipality):
        foreign = services.submit_barrier_report(municipality=other_municipality, description="fremd")
    response = client_for(koordination).post(STATUS_URL, {"report": foreign.pk, "version": 1,
                                                          "status": "erledigt"})
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_only_koordination_changes_status_or_settings(who, request, report, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.post(STATUS_URL, {"report": report.pk, "version": 1, "status": "erledigt"}).status_code == 403
    assert client.get(SETTINGS_URL).status_code == 403


def test_koordination_sets_the_contact_address(koordination, client_for, municipality):
    client = client_for(koordination)
    assert "E-Mail-Adresse für Barrieremeldungen" in client.get(SETTINGS_URL).content.decode()
    response = client.post(SETTINGS_URL, {"version": 0, "accessibility_email": "kein-mail"})
    assert response.status_code == 200 and "kern-error" in response.content.decode()
    response = client.post(SETTINGS_URL, {"version": 0, "accessibility_email": "barrierefrei@heidelberg.example"})
    assert response.status_code == 302
    settings_row = PortalSettings.objects.get()
    assert settings_row.accessibility_email == "barrierefrei@heidelberg.example"
    assert AuditEntry.objects.filter(object_type="pages.portalsettings", action="create").count() == 1
    assert "barrierefrei@heidelberg.example" in client.get(LIST_URL).content.decode()


def test_a_stale_settings_form_shows_the_conflict(koordination, client_for, municipality, make_member: Callable):
    from teilhabe.core.roles import Role

    ben = make_member(municipality, Role.KOORDINATION, "ben")
    services.save_portal_settings(actor=actor_for(ben, municipality), municipality=municipality,
                                  expected_version=0, accessibility_email="ben@heidelberg.example")
    response = client_for(koordination).post(SETTINGS_URL, {"version": 0,
                                                             "accessibility_email": "anna@heidelberg.example"})
    assert response.status_code == 200
    assert "wurde inzwischen von jemand anderem" in response.content.decode()
    assert PortalSettings.objects.get().accessibility_email == "ben@heidelberg.example"
