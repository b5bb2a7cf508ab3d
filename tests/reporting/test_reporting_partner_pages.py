"""An external partner answers through its personal link, without an account: only its organisation's
reports of the link's round, while the link is valid; a private page (noindex, no referrer), CSRF on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor
from teilhabe.plans.models import StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportAttachment, ReportingRound, ReportStep
from tests.reporting.files_answers import form_data, image_bytes, upload


@pytest.fixture
def link(coord_actor: Actor, reporting_round: ReportingRound, verein: Organisation) -> PartnerLink:
    return services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="info@verein.example")


@pytest.fixture
def partner_report(reporting_round: ReportingRound, verein: Organisation) -> MeasureReport:
    return MeasureReport.objects.get(round=reporting_round, addressed_organisations=verein)


def _list(token: str) -> str:
    return reverse("portal:partner_reports", kwargs={"municipality": "heidelberg", "token": token})


def _page(token: str, report: MeasureReport) -> str:
    return reverse("portal:partner_report", kwargs={"municipality": "heidelberg", "token": token, "pk": report.pk})


def _private(response: Any, referrer_policy: str = "no-referrer") -> None:
    """The token is in the URL: never indexed, never sent to another site (the answer form's page sends its
    referrer to its own origin, or the browser would post the form with `Origin: null`, refused as CSRF)."""
    assert response["Referrer-Policy"] == referrer_policy
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_valid_link_lists_the_organisations_reports(link: PartnerLink, partner_report: MeasureReport,
                                                    own_report: MeasureReport) -> None:
    response = Client().get(_list(link.token))
    assert response.status_code == 200
    _private(response)
    page = response.content.decode()
    assert "Ausbildungspatenschaften" in page and _page(link.token, partner_report) in page
    assert "Mama lernt Deutsch" not in page  # an office's report, not the partner's
    assert "Umsetzungsbericht 2026" in page and "Frist" in page


def test_partner_saves_a_draft_and_submits_with_an_attachment(link: PartnerLink, partner_report: MeasureReport,
                                                              municipality: Municipality) -> None:
    client = Client()
    url = _page(link.token, partner_report)
    response = client.get(url)
    assert response.status_code == 200
    _private(response, "same-origin")
    response = client.post(url, form_data(partner_report, progress="Zwölf Patenschaften.",
                                          attachments=[upload("Foto.png", image_bytes("PNG"))]))
    assert response.status_code == 302
    draft = MeasureReport.objects.get(pk=partner_report.pk)
    assert (draft.state, draft.progress) == (MeasureReport.State.DRAFT, "Zwölf Patenschaften.")
    attachment = ReportAttachment.objects.get(report=draft)
    assert attachment.uploaded_by_id is None
    download = client.get(f"{url}anhang/{attachment.pk}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    status = StatusOption.objects.get(municipality=municipality, label="in Umsetzung")
    response = client.post(url, form_data(draft, aktion="einreichen", status=status.pk,
                                          progress="Zwölf Patenschaften.", success="successful"))
    assert response.status_code == 302
    report = MeasureReport.objects.get(pk=partner_report.pk)
    assert report.state == MeasureReport.State.SUBMITTED
    step = ReportStep.objects.get(report=report)
    assert (step.partner_link_id, step.actor_id) == (link.pk, None)
    page = client.get(url).content.decode()
    assert "Der Bericht wurde eingereicht" in page and "Entwurf speichern" not in page


def test_incomplete_submission_keeps_the_partners_input(link: PartnerLink, partner_report: MeasureReport) -> None:
    response = Client().post(_page(link.token, partner_report), form_data(
        partner_report, aktion="einreichen", progress="Nur Sachstand", obstacles="Wenig Patinnen"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte geben Sie den Status an." in page and "Bitte bewerten Sie den Erfolg." in page
    assert "Nur Sachstand" in page and "Wenig Patinnen" in page
    assert MeasureReport.objects.get(pk=partner_report.pk).state == MeasureReport.State.PENDING


def test_conflict_keeps_the_partners_input(link: PartnerLink, partner_report: MeasureReport) -> None:
    opened = form_data(partner_report, progress="Fassung A")
    services.save_draft(by=link, report=partner_report, expected_version=partner_report.version,
                        values={"progress": "Fassung B"})
    response = Client().post(_page(link.token, partner_report), opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fassung A" in page and "Ihre Eingaben stehen noch im Formular" in page
    assert MeasureReport.objects.get(pk=partner_report.pk).progress == "Fassung B"


def _refused(response: Any, words: str, status: int = 403) -> None:
    assert response.status_code == status
    _private(response)
    page = response.content.decode()
    assert words in page
    assert "Ausbildungspatenschaften" not in page


def test_unknown_and_forged_tokens(link: PartnerLink, partner_report: MeasureReport) -> None:
    _refused(Client().get(_list("nonsense")), "Dieser Link ist ungültig")
    _refused(Client().get(_list(f"{link.pk}-{'0' * 40}")), "Dieser Link ist ungültig")
    _refused(Client().get(_page(link.token[:-1], partner_report)), "Dieser Link ist ungültig")


def test_expired_link(link: PartnerLink, partner_report: MeasureReport) -> None:
    PartnerLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))  # time passed
    _refused(Client().get(_list(link.token)), "Dieser Link ist abgelaufen")
    response = Client().post(_page(link.token, partner_report), form_data(partner_report, progress="Zu spät"))
    _refused(response, "Dieser Link ist abgelaufen")
    assert MeasureReport.objects.get(pk=partner_report.pk).progress == ""


def test_replaced_link(link: PartnerLink, partner_report: MeasureReport, coord_actor: Actor,
                       reporting_round: ReportingRound, verein: Organisation) -> None:
    newer = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    _refused(Client().get(_list(link.token)), "durch einen neueren Link ersetzt")
    assert Client().get(_list(newer.token)).status_code == 200


def test_revoked_link(link: PartnerLink, partner_report: MeasureReport, coord_actor: Actor) -> None:
    services.revoke_partner_link(actor=coord_actor, link=link)
    _refused(Client().get(_page(link.token, partner_report)), "widerrufen")


def test_closed_round(link: PartnerLink, partner_report: MeasureReport, coord_actor: Actor,
                      reporting_round: ReportingRound) -> None:
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    _refused(Client().get(_list(link.token)), "Diese Berichtsrunde ist abgeschlossen")


def test_other_organisations_report_is_404(link: PartnerLink, own_report: MeasureReport,
                                           foreign_report: MeasureReport) -> None:
    assert Client().get(_page(link.token, own_report)).status_code == 404
    response = Client().post(_page(link.token, foreign_report), form_data(foreign_report, progress="Fremd"))
    assert response.status_code == 404
    assert MeasureReport.objects.get(pk=foreign_report.pk).progress == ""


def test_link_of_another_municipality_is_invalid_here(link: PartnerLink, other_municipality: Municipality) -> None:
    url = reverse("portal:partner_reports", kwargs={"municipality": other_municipality.slug, "token": link.token})
    _refused(Client().get(url), "Dieser Link ist ungültig")


def test_csrf_stays_on(link: PartnerLink, partner_report: MeasureReport) -> None:
    response = Client(enforce_csrf_checks=True).post(_page(link.token, partner_report),
                                                     form_data(partner_report, progress="Ohne Token"))
    assert response.status_code == 403
    assert MeasureReport.objects.get(pk=partner_report.pk).progress == ""


def test_huge_upload_is_413(settings: Any, link: PartnerLink, partner_report: MeasureReport) -> None:
    settings.TEILHABE_REPORT_ATTACHMENT_MAX_BYTES = 100
    response = Client().post(_page(link.token, partner_report), form_data(
        partner_report, progress="Groß", attachments=[upload("x.png", b"0" * (2 * 1024 * 1024))]))
    assert response.status_code == 413
    assert MeasureReport.objects.get(pk=partner_report.pk).progress == ""


def test_partner_pages_run_few_queries(link: PartnerLink, partner_report: MeasureReport,
                                       django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(6):
        assert Client().get(_list(link.token)).status_code == 200
    with django_assert_max_num_queries(12):
        assert Client().get(_page(link.token, partner_report)).status_code == 200
    with django_assert_max_num_queries(6):
        assert Client().get(_list(link.token)).status_code == 200


def test_an_arabic_speaking_partner_gets_a_right_to_left_page_with_the_reports_marked_german(
        link: PartnerLink, partner_report: MeasureReport) -> None:
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    client = Client()
    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    for url in (_list(link.token), _page(link.token, partner_report)):
        page = client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in page
        assert re.search(r'lang="de" dir="ltr">(<a [^>]*>)?Ausbildungspatenschaften', page)
