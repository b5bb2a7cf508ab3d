"""Mails of a report's review and of partner links, received by a real SMTP server process: a returned report
mails its office with the comment and where to answer, an accepted one says so; a mail server that is down
leaves the review done and is logged; the partner link mail holds a link that opens the partner's reports."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Actor
from teilhabe.reporting import notifications, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, ReportStep

BASE = "https://teilhabe.example.de"


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


@pytest.fixture
def submitted(fach_actor: Actor, own_report: MeasureReport, complete_answer: Any) -> MeasureReport:
    return services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                           values=complete_answer())


def test_a_returned_report_mails_its_office_with_the_comment(smtp_server: Any, settings: Any, coord_actor: Actor,
                                                             submitted: MeasureReport,
                                                             django_capture_on_commit_callbacks: Any) -> None:
    settings.TEILHABE_BASE_URL = BASE
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                               comment="Bitte die Zahl der Kurse je Stadtteil ergänzen.")
    [message] = smtp_server.wait_for(1)
    assert str(message["To"]) == "fachstelle@example.org"
    assert "Mama lernt Deutsch" in str(message["Subject"])
    body = _body(message)
    assert "Bitte die Zahl der Kurse je Stadtteil ergänzen." in body
    assert f"{BASE}/heidelberg/intern/berichte/bericht/{submitted.pk}/" in body  # where to answer again


def test_an_accepted_report_mails_its_office(smtp_server: Any, coord_actor: Actor, submitted: MeasureReport,
                                             django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
    [message] = smtp_server.wait_for(1)
    assert str(message["To"]) == "fachstelle@example.org"
    assert str(message["Subject"]).strip().startswith("Bericht angenommen")
    assert "angenommen" in _body(message)


def test_a_mail_server_that_is_down_leaves_the_review_done(smtp_server: Any, coord_actor: Actor,
                                                           submitted: MeasureReport,
                                                           caplog: pytest.LogCaptureFixture,
                                                           django_capture_on_commit_callbacks: Any) -> None:
    smtp_server.stop()
    with caplog.at_level(logging.ERROR, logger="teilhabe.reporting.notifications"), \
            django_capture_on_commit_callbacks(execute=True):
        returned = services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                                          comment="Bitte ergänzen.")
    assert returned.state == MeasureReport.State.RETURNED
    returned.refresh_from_db()
    assert (returned.state, returned.review_comment) == (MeasureReport.State.RETURNED, "Bitte ergänzen.")
    assert ReportStep.objects.filter(report=returned, kind=ReportStep.Kind.RETURNED).count() == 1
    assert any("nicht gesendet" in r.getMessage() for r in caplog.records)


def test_reminders_are_tried_again_after_a_failure(smtp_server: Any, municipality: Any,
                                                   reporting_round: ReportingRound, fachstelle: Any,
                                                   settings: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    now = dt.datetime.combine(reporting_round.deadline - dt.timedelta(days=3), dt.time(8),
                              tzinfo=timezone.get_current_timezone())
    smtp_server.stop()
    failed = notifications.send_due_reminders(municipality, now=now, base_url=BASE)
    assert (failed.mails, failed.failed) == (0, 1)
    reporting_round.refresh_from_db()
    assert reporting_round.reminded_before_at is None  # nobody was reached: tried again next time
    smtp_server.start()  # on another free port
    settings.EMAIL_PORT = smtp_server.port
    assert notifications.send_due_reminders(municipality, now=now, base_url=BASE).mails == 1
    assert [str(m["To"]) for m in smtp_server.wait_for(1)] == ["fachstelle@example.org"]


def test_the_partner_link_mail_holds_a_working_link(smtp_server: Any, coord_actor: Actor,
                                                    reporting_round: ReportingRound, verein: Organisation) -> None:
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="info@verein.example.org")
    notifications.send_partner_link(link, base_url=BASE)
    [message] = smtp_server.wait_for(1)
    assert str(message["To"]) == "info@verein.example.org"
    body = _body(message)
    assert "Ausbildungspatenschaften" in body and "Umsetzungsbericht 2026" in body
    assert reporting_round.deadline.strftime("%Y") in body and "Der Link gilt bis" in body
    url = next(line.strip() for line in body.splitlines() if line.strip().startswith(BASE))
    link.refresh_from_db()
    assert link.sent_at is not None
    assert urlsplit(url).path == reverse("portal:partner_reports",
                                         kwargs={"municipality": "heidelberg", "token": link.token})
    page = Client().get(urlsplit(url).path)  # no account: the link alone opens the partner's reports
    assert page.status_code == 200
    assert "Ausbildungspatenschaften" in page.content.decode()
    assert "Mama lernt Deutsch" not in page.content.decode()


def test_a_partner_link_mail_that_cannot_go_out_says_so(smtp_server: Any, coord_actor: Actor,
                                                        reporting_round: ReportingRound, verein: Organisation) -> None:
    old = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                       email="info@verein.example.org")
    without = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    with pytest.raises(ServiceError, match="gilt nicht mehr"):  # replaced by a newer link
        notifications.send_partner_link(old, base_url=BASE)
    with pytest.raises(ServiceError, match="keine E-Mail-Adresse"):
        notifications.send_partner_link(without, base_url=BASE)
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="info@verein.example.org")
    smtp_server.stop()
    with pytest.raises(ServiceError, match="nicht gesendet werden"):
        notifications.send_partner_link(link, base_url=BASE)
    assert PartnerLink.objects.get(pk=link.pk).sent_at is None
