"""Koordination's back office of reporting rounds, through the views: list, open (and bad input), the round's
page with progress, filters and actions, edit, close, publish, partner links, and the review of a report
(accept, return, a stale version, drafts never shown)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.plans.editions import start_new_edition
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from teilhabe.reporting import attachments, selectors, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound
from tests.reporting.files_answers import pdf_bytes, upload


def url(name: str, pk: int | None = None, **query: Any) -> str:
    kwargs: dict[str, Any] = {"municipality": "heidelberg"}
    if pk is not None:
        kwargs["pk"] = pk
    path = reverse(f"backoffice:{name}", kwargs=kwargs)
    return f"{path}?{urlencode(query)}" if query else path


def html(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def coord(client_for: Any, koordination: User) -> Any:
    return client_for(koordination)


def _submit(by: Actor, report: MeasureReport, answer: dict[str, Any]) -> MeasureReport:
    report.refresh_from_db()
    return services.submit(by=by, report=report, expected_version=report.version, values=answer)


# --- list and menu ----------------------------------------------------------------------------------------

def test_round_list_for_koordination_and_lesend(coord: Any, client_for: Any, lesend: User,
                                               reporting_round: ReportingRound, own_report: MeasureReport,
                                               fach_actor: Actor, complete_answer: Any) -> None:
    _submit(fach_actor, own_report, complete_answer())
    page = html(coord.get(url("round_list")))
    assert "Umsetzungsbericht 2026" in page
    assert "1 von 4 (25 %)" in page
    assert url("round_create") in page and "Berichtsrunde eröffnen" in page
    assert url("round_list") in page  # the menu entry
    read = html(client_for(lesend).get(url("round_list")))
    assert "Umsetzungsbericht 2026" in read and url("round_create") not in read
    assert ">Berichtsrunden<" in read


def test_fachstelle_has_no_round_pages(client_for: Any, fachstelle: User, reporting_round: ReportingRound,
                                       own_report: MeasureReport) -> None:
    client = client_for(fachstelle)
    for path in (url("round_list"), url("round_detail", reporting_round.pk), url("report_review", own_report.pk),
                 url("round_create")):
        assert client.get(path).status_code == 403
    assert f'href="{url("round_list")}"' not in html(client.get(url("my_measures")))  # no menu entry


def test_late_count_in_list(coord: Any, coord_actor: Actor, reporting_round: ReportingRound) -> None:
    services.update_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version,
                          values={"deadline": dt.date.today() - dt.timedelta(days=1)})
    page = html(coord.get(url("round_list")))
    assert re.search(r"kern-table__cell--numeric\">4</td>", page)


# --- opening ----------------------------------------------------------------------------------------------

def test_create_form_says_how_many_measures_each_choice_asks(coord: Any, plan: Any) -> None:
    page = html(coord.get(url("round_create")))
    assert "alle Maßnahmen (4 Maßnahmen)" in page
    assert "nur Schlüsselprojekte (1 Maßnahme)" in page
    assert "Bildung und Sprachförderung (3 Maßnahmen)" in page
    assert f"Umsetzungsbericht {dt.date.today().year}" in page


def _open_data(edition_: Edition, **overrides: Any) -> dict[str, Any]:
    return {"edition": edition_.pk, "title": "Umsetzungsbericht 2026", "period_start": "2025-01-01",
            "period_end": "2025-12-31", "deadline": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "scope": "all", "remind_days_before": "7", **overrides}


def test_open_round_through_the_form(coord: Any, edition: Edition) -> None:
    response = coord.post(url("round_create"), _open_data(edition))
    round_ = ReportingRound.objects.get()
    assert response.status_code == 302 and response["Location"] == url("round_detail", round_.pk)
    assert round_.reports.count() == 4
    page = html(coord.get(response["Location"]))
    assert "4 Berichte wurden angefragt" in page


def test_open_round_over_chosen_fields(coord: Any, edition: Edition) -> None:
    bildung = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    coord.post(url("round_create"), _open_data(edition, scope="fields", selected_fields=[bildung.pk]))
    round_ = ReportingRound.objects.get()
    assert (round_.scope, round_.reports.count(), list(round_.fields.all())) == ("fields", 3, [bildung])


def _draft_edition(coord_actor: Actor, edition: Edition) -> dict[str, Any]:
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    return {"edition": draft.pk}


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"period_end": "2024-12-31"}, "period_end", "Das Ende des Berichtszeitraums liegt vor seinem Beginn."),
    ({"scope": "fields"}, "selected_fields", "Bitte wählen Sie mindestens ein Handlungsfeld."),
    ("draft", "edition", ""),
    ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
    ({"deadline": "kein Datum"}, "deadline", ""),
])
def test_open_with_bad_input_changes_nothing(coord: Any, coord_actor: Actor, edition: Edition, overrides: Any,
                                             field: str, message: str) -> None:
    if overrides == "draft":
        overrides = _draft_edition(coord_actor, edition)
    response = coord.post(url("round_create"), _open_data(edition, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in html(response) and f'id="id_{field}_error1"' in html(response)
    assert ReportingRound.objects.count() == 0 and MeasureReport.objects.count() == 0


# --- the round's page -------------------------------------------------------------------------------------

def test_round_page_progress_and_filters(coord: Any, coord_actor: Actor, fach_actor: Actor,
                                         reporting_round: ReportingRound, own_report: MeasureReport,
                                         complete_answer: Any) -> None:
    _submit(fach_actor, own_report, complete_answer())
    page = html(coord.get(url("round_detail", reporting_round.pk)))
    assert "1 von 4 Berichten eingereicht (25 %)" in page
    assert "Amt für Chancengleichheit" in page and "Interkultureller Verein" in page  # per office
    assert "Ausbildung und Arbeitsmarkt" in page  # per field
    assert "_round_documents" not in page  # the documents' partial is included, not named
    submitted = html(coord.get(url("round_detail", reporting_round.pk, stand="submitted")))
    assert "Mama lernt Deutsch" in submitted and "Schulsozialarbeit" not in submitted
    assert url("report_review", own_report.pk) + "?stand=submitted" in submitted
    missing = html(coord.get(url("round_detail", reporting_round.pk, stand="missing",
                                 feld="Bildung und Sprachförderung")))
    assert "Schulsozialarbeit" in missing and "Mama lernt Deutsch" not in missing
    assert "Ausbildungspatenschaften</a>" not in missing
    assert "Keine Berichte gefunden." in html(coord.get(url("round_detail", reporting_round.pk, stand="late")))
    # an unknown filter value is dropped, not an error page
    assert coord.get(url("round_detail", reporting_round.pk, stand="gibtsnicht")).status_code == 200


def test_review_list_in_pages(coord: Any, reporting_round: ReportingRound) -> None:
    page = selectors.reports_page(reporting_round, page=2, per_page=3)
    assert ([r.title for r in page.items], page.num_pages, page.start_index) == (["Ausbildungspatenschaften"], 2, 4)
    assert selectors.reports_page(reporting_round, page=99, per_page=3).number == 2
    assert "Berichte 1–4 von 4" in html(coord.get(url("round_detail", reporting_round.pk, seite="999")))


def test_late_reports_are_marked(coord: Any, coord_actor: Actor, reporting_round: ReportingRound) -> None:
    services.update_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version,
                          values={"deadline": dt.date.today() - dt.timedelta(days=1)})
    page = html(coord.get(url("round_detail", reporting_round.pk, stand="late")))
    assert "Berichte 1–4 von 4" in page and page.count("late-badge") == 4


def test_lesend_sees_everything_but_the_actions(client_for: Any, lesend: User, reporting_round: ReportingRound,
                                               own_report: MeasureReport, fach_actor: Actor,
                                               complete_answer: Any) -> None:
    _submit(fach_actor, own_report, complete_answer())
    client = client_for(lesend)
    page = html(client.get(url("round_detail", reporting_round.pk)))
    assert "1 von 4 Berichten eingereicht" in page and "Mama lernt Deutsch" in page
    for action in ("round_edit", "round_close", "round_partnerlink_create"):
        assert url(action, reporting_round.pk) not in page
    assert "Partnerlinks" not in page
    review = html(client.get(url("report_review", own_report.pk)))
    assert "Drei Kurse mit 36 Müttern" in review and "Annehmen" not in review
    assert client.get(url("round_edit", reporting_round.pk)).status_code == 403
    response = client.post(url("report_review", own_report.pk), {"annehmen-version": own_report.version + 1})
    own_report.refresh_from_db()
    assert response.status_code == 302 and own_report.state == MeasureReport.State.SUBMITTED


def test_edit_round_and_a_stale_version(coord: Any, coord_actor: Actor, reporting_round: ReportingRound) -> None:
    data = {"title": "Umsetzungsbericht 2025/26", "period_start": "2025-01-01", "period_end": "2025-12-31",
            "deadline": "2026-12-01", "remind_days_before": "3", "version": reporting_round.version}
    assert coord.get(url("round_edit", reporting_round.pk)).status_code == 200
    response = coord.post(url("round_edit", reporting_round.pk), data)
    assert response.status_code == 302
    reporting_round.refresh_from_db()
    assert (reporting_round.title, reporting_round.deadline, reporting_round.remind_days_before) == (
        "Umsetzungsbericht 2025/26", dt.date(2026, 12, 1), 3)
    stale = coord.post(url("round_edit", reporting_round.pk), {**data, "title": "Alter Stand", "version": 0})
    assert stale.status_code == 200 and 'class="kern-alert kern-alert--warning conflict"' in html(stale)
    reporting_round.refresh_from_db()
    assert reporting_round.title == "Umsetzungsbericht 2025/26"
    bad = coord.post(url("round_edit", reporting_round.pk), {**data, "period_end": "2024-01-01",
                                                              "version": reporting_round.version})
    assert "Das Ende des Berichtszeitraums liegt vor seinem Beginn." in html(bad)
    reporting_round.refresh_from_db()
    assert reporting_round.period_end == dt.date(2025, 12, 31)


# --- closing and publishing -------------------------------------------------------------------------------

def test_close_flow(coord: Any, coord_actor: Actor, fach_actor: Actor, reporting_round: ReportingRound,
                    own_report: MeasureReport, own_measure: Measure, complete_answer: Any) -> None:
    submitted = _submit(fach_actor, own_report, complete_answer())
    services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
    confirm = html(coord.get(url("round_close", reporting_round.pk)))
    assert "1 von 4 Berichten ist angenommen." in confirm
    assert "Status und Sachstand der angenommenen Berichte werden in die Maßnahmen übernommen" in confirm
    assert "0 eingereicht und noch nicht geprüft, 3 nicht eingereicht" in confirm
    response = coord.post(url("round_close", reporting_round.pk), {"version": reporting_round.version})
    assert response.status_code == 302
    page = html(coord.get(response["Location"]))
    assert "1 Maßnahme wurde mit Status oder Sachstand aus ihrem angenommenen Bericht aktualisiert." in page
    assert "3 Berichte waren nicht angenommen" in page
    reporting_round.refresh_from_db()
    own_measure.refresh_from_db()
    assert reporting_round.state == ReportingRound.State.CLOSED
    assert own_measure.progress == "Drei Kurse mit 36 Müttern in zwei Stadtteilen."
    # a closed round has no edit/close actions, and the close page sends back
    assert url("round_close", reporting_round.pk) not in page
    assert coord.get(url("round_close", reporting_round.pk)).status_code == 302
    assert coord.get(url("round_edit", reporting_round.pk)).status_code == 302


def test_close_with_a_stale_version_changes_nothing(coord: Any, coord_actor: Actor,
                                                    reporting_round: ReportingRound) -> None:
    old = reporting_round.version
    services.update_round(actor=coord_actor, round_=reporting_round, expected_version=old,
                          values={"title": "Neuer Titel"})
    response = coord.post(url("round_close", reporting_round.pk), {"version": old})
    assert response.status_code == 200 and "conflict" in html(response)
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


def test_publish_only_closed_rounds_and_unpublish(coord: Any, coord_actor: Actor,
                                                  reporting_round: ReportingRound) -> None:
    response = coord.post(url("round_publish", reporting_round.pk), {"version": reporting_round.version,
                                                                      "publish": "1"})
    assert response.status_code == 302
    assert "Veröffentlicht werden kann nur eine abgeschlossene Berichtsrunde." in html(coord.get(response["Location"]))
    reporting_round.refresh_from_db()
    assert reporting_round.published_at is None
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    reporting_round.refresh_from_db()
    page = html(coord.get(url("round_detail", reporting_round.pk)))
    assert "Veröffentlichen" in page
    coord.post(url("round_publish", reporting_round.pk), {"version": reporting_round.version, "publish": "1"})
    reporting_round.refresh_from_db()
    assert reporting_round.is_published
    assert "Veröffentlichung zurücknehmen" in html(coord.get(url("round_detail", reporting_round.pk)))
    coord.post(url("round_publish", reporting_round.pk), {"version": reporting_round.version, "publish": "0"})
    reporting_round.refresh_from_db()
    assert not reporting_round.is_published
    # a tampered version is a message, nothing changes
    coord.post(url("round_publish", reporting_round.pk), {"version": "x", "publish": "1"})
    reporting_round.refresh_from_db()
    assert not reporting_round.is_published


# --- partner links ----------------------------------------------------------------------------------------

def test_partner_link_is_shown_once_and_can_be_revoked(coord: Any, reporting_round: ReportingRound,
                                                       verein: Organisation) -> None:
    page = html(coord.get(url("round_detail", reporting_round.pk)))
    assert "Interkultureller Verein" in page and "noch keiner" in page
    assert coord.get(url("round_partnerlink_create", reporting_round.pk, organisation=verein.pk)).status_code == 200
    response = coord.post(url("round_partnerlink_create", reporting_round.pk),
                          {"organisation": verein.pk, "email": "info@verein.example", "valid_days": "30"})
    assert response.status_code == 302
    link = PartnerLink.objects.get()
    first = html(coord.get(response["Location"]))
    assert f"{settings.TEILHABE_BASE_URL}/heidelberg/mitwirken/{link.token}/" in first
    assert "wird hier nicht noch einmal angezeigt" in first
    again = html(coord.get(url("round_detail", reporting_round.pk)))
    assert link.token not in again and "gültig bis" in again and "info@verein.example" in again
    coord.post(url("partnerlink_revoke", link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "widerrufen" in html(coord.get(url("round_detail", reporting_round.pk)))


def test_partner_link_bad_input_changes_nothing(coord: Any, reporting_round: ReportingRound, amt: Any,
                                                verein: Organisation) -> None:
    for data in ({"organisation": verein.pk, "valid_days": "0"},
                 {"organisation": verein.pk, "valid_days": "30", "email": "kein-mail"},
                 {"organisation": 999999, "valid_days": "30"}):
        response = coord.post(url("round_partnerlink_create", reporting_round.pk), data)
        assert response.status_code == 200 and "kern-error" in html(response)
    assert PartnerLink.objects.count() == 0


# --- reviewing a report -----------------------------------------------------------------------------------

def test_accept_and_return_through_the_review_page(coord: Any, fach_actor: Actor, own_report: MeasureReport,
                                                   complete_answer: Any) -> None:
    submitted = _submit(fach_actor, own_report, complete_answer())
    page = html(coord.get(url("report_review", own_report.pk)))
    assert "Drei Kurse mit 36 Müttern" in page and "Annehmen" in page and "Zurückgeben" in page
    no_comment = coord.post(url("report_review", own_report.pk),
                            {"zurueck-version": submitted.version, "zurueck-comment": " "})
    assert no_comment.status_code == 200 and "kern-error" in html(no_comment)
    own_report.refresh_from_db()
    assert own_report.state == MeasureReport.State.SUBMITTED
    response = coord.post(url("report_review", own_report.pk),
                          {"zurueck-version": submitted.version, "zurueck-comment": "Bitte Zahlen je Stadtteil."})
    assert response.status_code == 302
    own_report.refresh_from_db()
    assert (own_report.state, own_report.review_comment) == (MeasureReport.State.RETURNED, "Bitte Zahlen je Stadtteil.")
    resubmitted = _submit(fach_actor, own_report, complete_answer(progress="Je Stadtteil drei Kurse."))
    coord.post(url("report_review", own_report.pk), {"annehmen-version": resubmitted.version})
    own_report.refresh_from_db()
    assert own_report.state == MeasureReport.State.ACCEPTED
    steps = html(coord.get(url("report_review", own_report.pk)))
    assert steps.count("<details") == 2 and "Bitte Zahlen je Stadtteil." in steps


def test_accept_with_a_stale_version_shows_the_conflict(coord: Any, coord_actor: Actor, fach_actor: Actor,
                                                        own_report: MeasureReport, complete_answer: Any) -> None:
    first = _submit(fach_actor, own_report, complete_answer())
    returned = services.return_report(actor=coord_actor, report=first, expected_version=first.version,
                                      comment="Bitte ergänzen.")
    again = _submit(fach_actor, returned, complete_answer(progress="Ergänzt."))
    response = coord.post(url("report_review", own_report.pk), {"annehmen-version": first.version})
    assert response.status_code == 200
    assert 'class="kern-alert kern-alert--warning conflict"' in html(response)
    own_report.refresh_from_db()
    assert (own_report.state, own_report.version) == (MeasureReport.State.SUBMITTED, again.version)


def test_a_draft_is_never_shown(coord: Any, coord_actor: Actor, fach_actor: Actor, own_report: MeasureReport,
                                complete_answer: Any) -> None:
    services.save_draft(by=fach_actor, report=own_report, expected_version=own_report.version,
                        values={"progress": "GEHEIMER ENTWURF", "obstacles": "INTERNE NOTIZ"})
    page = html(coord.get(url("report_review", own_report.pk)))
    assert "Noch nicht eingereicht." in page
    assert "GEHEIMER ENTWURF" not in page and "INTERNE NOTIZ" not in page
    assert "Annehmen" not in page
    # after a return, the office's new draft stays hidden; the last submission is shown
    submitted = _submit(fach_actor, own_report, complete_answer(progress="Eingereichter Stand."))
    returned = services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                                      comment="Bitte ergänzen.")
    services.save_draft(by=fach_actor, report=returned, expected_version=returned.version,
                        values={"progress": "NEUER ENTWURF NACH RÜCKGABE"})
    page = html(coord.get(url("report_review", own_report.pk)))
    assert "NEUER ENTWURF NACH RÜCKGABE" not in page
    assert "Eingereichter Stand." in page and "Bitte ergänzen." in page


def test_review_navigation_in_the_filtered_list(coord: Any, reporting_round: ReportingRound) -> None:
    reports = list(MeasureReport.objects.filter(round=reporting_round).order_by("field_position", "position", "pk"))
    page = html(coord.get(url("report_review", reports[1].pk, stand="missing")))
    assert "Bericht 2 von 4" in page
    assert url("report_review", reports[0].pk, stand="missing") in page
    assert url("report_review", reports[2].pk, stand="missing") in page
    assert url("round_detail", reporting_round.pk) + "?stand=missing#berichte" in page


def test_foreign_report_is_404(client_for: Any, foreign_user: User, own_report: MeasureReport,
                               other_municipality: Municipality) -> None:
    response = client_for(foreign_user).get(reverse("backoffice:report_review", kwargs={
        "municipality": "herdecke", "pk": own_report.pk}))
    assert response.status_code == 404


def test_attachments_are_listed_with_their_download_once_submitted(coord: Any, fach_actor: Actor,
                                                                   own_report: MeasureReport,
                                                                  complete_answer: Any) -> None:
    attachment = attachments.add_attachment(by=fach_actor, report=own_report, upload=upload("Kursplan.pdf",
                                                                                             pdf_bytes()))
    draft = html(coord.get(url("report_review", own_report.pk)))
    assert "Kursplan.pdf" not in draft  # a draft's attachments are the draft's too
    _submit(fach_actor, own_report, complete_answer())
    page = html(coord.get(url("report_review", own_report.pk)))
    download = reverse("backoffice:attachment_download", kwargs={"municipality": "heidelberg", "pk": attachment.pk})
    assert f'href="{download}"' in page and "Kursplan.pdf" in page
    assert coord.get(download).status_code == 200


def test_partner_link_by_mail(coord: Any, reporting_round: ReportingRound, verein: Organisation,
                              smtp_server: Any) -> None:
    refused = coord.post(url("round_partnerlink_create", reporting_round.pk),
                         {"organisation": verein.pk, "valid_days": "30", "send": "on"})
    assert "Zum Senden per E-Mail geben Sie bitte die Adresse an." in html(refused)
    assert PartnerLink.objects.count() == 0
    response = coord.post(url("round_partnerlink_create", reporting_round.pk),
                          {"organisation": verein.pk, "valid_days": "30", "send": "on",
                           "email": "info@verein.example"})
    link = PartnerLink.objects.get()
    page = html(coord.get(response["Location"]))
    assert "Der Link wurde per E-Mail an info@verein.example gesendet." in page
    mails = smtp_server.messages()
    assert len(mails) == 1 and mails[0]["To"] == "info@verein.example"
    assert f"/heidelberg/mitwirken/{link.token}/" in mails[0].get_body(("plain",)).get_content()
    # sent again from the round's page
    assert url("partnerlink_send", link.pk) in page
    coord.post(url("partnerlink_send", link.pk))
    assert len(smtp_server.messages()) == 2
    # a mail server that is down: the link stays, the person is told
    smtp_server.stop()
    coord.post(url("partnerlink_send", link.pk))
    assert "Die E-Mail konnte nicht gesendet werden" in html(coord.get(url("round_detail", reporting_round.pk)))
