"""An office answers its reports in the back office: the inbox on Meine Maßnahmen, draft and submit through
the answer form, what it refuses (another office's report, an incomplete submission, a status not in the
scheme, a concurrent change) with the input kept, the read-only page after submitting, and the measure page's
rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound, ReportStep
from tests.reporting.files_answers import form_data

MY_MEASURES = "/heidelberg/intern/meine-massnahmen/"


def _url(report: MeasureReport) -> str:
    return reverse("backoffice:report_answer", kwargs={"municipality": "heidelberg", "pk": report.pk})


def _status(municipality: Municipality, label: str = "in Umsetzung") -> StatusOption:
    return StatusOption.objects.get(municipality=municipality, label=label)


def test_inbox_lists_the_offices_reports_only(fachstelle: User, own_report: MeasureReport,
                                              foreign_report: MeasureReport,
                                              client_for: Callable[[User | None], Client]) -> None:
    page = client_for(fachstelle).get(MY_MEASURES).content.decode()
    inbox = page.split('id="reports-heading"')[1].split("</section>")[0]
    assert "Mama lernt Deutsch" in inbox and _url(own_report) in inbox
    assert "Umsetzungsbericht 2026" in inbox and "Bericht beantworten" in inbox
    assert "Schulsozialarbeit" not in inbox and _url(foreign_report) not in inbox


def test_inbox_marks_late_reports_and_shows_the_comment_of_a_returned_one(
        fachstelle: User, fach_actor: Actor, coord_actor: Actor, own_report: MeasureReport,
        reporting_round: ReportingRound,
        complete_answer: Callable[..., dict[str, Any]], client_for: Callable[[User | None], Client]) -> None:
    submitted = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values=complete_answer())
    services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                           comment="Bitte die Kurse je Stadtteil nennen.")
    services.update_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version,
                          values={"deadline": dt.date.today() - dt.timedelta(days=1)})
    client = client_for(fachstelle)
    inbox = client.get(MY_MEASURES).content.decode().split('id="reports-heading"')[1].split("</section>")[0]
    assert "überfällig" in inbox and "zurückgegeben" in inbox
    assert "Bitte die Kurse je Stadtteil nennen." in inbox
    page = client.get(_url(own_report)).content.decode()
    assert "Die Koordinierungsstelle hat den Bericht zurückgegeben" in page
    assert "Bitte die Kurse je Stadtteil nennen." in page


def test_draft_then_submit_through_the_form(fachstelle: User, own_report: MeasureReport, municipality: Municipality,
                                            client_for: Callable[[User | None], Client]) -> None:
    client = client_for(fachstelle)
    response = client.post(_url(own_report), form_data(own_report, progress="Erste Kurse laufen."))
    assert response.status_code == 302
    draft = MeasureReport.objects.get(pk=own_report.pk)
    assert (draft.state, draft.progress) == (MeasureReport.State.DRAFT, "Erste Kurse laufen.")
    assert "Der Entwurf wurde gespeichert." in client.get(_url(draft)).content.decode()

    status = _status(municipality)
    response = client.post(_url(draft), form_data(
        draft, aktion="einreichen", status=status.pk, progress="Drei Kurse mit 36 Müttern.", success="partly",
        success_reason="Ein Kurs fiel aus.", obstacles="Raumnot", next_steps="Vierter Kurs", reached_total="36",
        reached_women="36"))
    assert response.status_code == 302
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert (report.state, report.status_id, report.success, report.reached_women) == (
        MeasureReport.State.SUBMITTED, status.pk, "partly", 36)
    assert [s.kind for s in ReportStep.objects.filter(report=report)] == [ReportStep.Kind.SUBMITTED]
    page = client.get(_url(report)).content.decode()
    assert "Der Bericht wurde eingereicht." in page
    assert "<form method=\"post\" enctype" not in page  # read-only now
    assert "Drei Kurse mit 36 Müttern." in page and "Ein Kurs fiel aus." in page
    assert "Verlauf des Berichts" in page and "eingereicht (" in page
    # A late POST (an old tab) changes nothing and says why.
    response = client.post(_url(report), form_data(report, progress="Nachträglich"))
    assert response.status_code == 200
    assert MeasureReport.objects.get(pk=own_report.pk).progress == "Drei Kurse mit 36 Müttern."


def test_indicator_values_are_one_input_each(fachstelle: User, coord_actor: Actor, edition: Edition,
                                             own_measure: Measure, client_for: Callable[[User | None], Client]) -> None:
    plan_services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                 values={"indicators": ["Zahl der Kurse", "Teilnehmerinnen"]})
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Runde mit Indikatoren",
                                 period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                 deadline=dt.date.today() + dt.timedelta(days=7))
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    client = client_for(fachstelle)
    page = client.get(_url(report)).content.decode()
    assert 'name="indicator_0"' in page and "Zahl der Kurse" in page and 'name="indicator_1"' in page
    client.post(_url(report), form_data(report, indicator_0="3", indicator_1=""))
    assert MeasureReport.objects.get(pk=report.pk).indicator_values == [{"indicator": "Zahl der Kurse", "value": "3"}]


def test_another_offices_report_is_403_and_a_foreign_id_404(
        fachstelle: User, koordination: User, lesend: User, foreign_report: MeasureReport, own_report: MeasureReport,
        client_for: Callable[[User | None], Client]) -> None:
    assert client_for(fachstelle).get(_url(foreign_report)).status_code == 403
    response = client_for(fachstelle).post(_url(foreign_report), form_data(foreign_report, progress="Fremd"))
    assert response.status_code == 403
    assert MeasureReport.objects.get(pk=foreign_report.pk).progress == ""
    assert client_for(koordination).get(_url(own_report)).status_code == 403  # nobody sees another's draft
    assert client_for(lesend).get(_url(own_report)).status_code == 403
    missing = reverse("backoffice:report_answer", kwargs={"municipality": "heidelberg", "pk": 999_999})
    assert client_for(fachstelle).get(missing).status_code == 404


def test_incomplete_submission_keeps_the_input(fachstelle: User, own_report: MeasureReport,
                                               client_for: Callable[[User | None], Client]) -> None:
    response = client_for(fachstelle).post(_url(own_report), form_data(
        own_report, aktion="einreichen", progress="Nur der Sachstand.", success="not_successful",
        obstacles="Kein Raum", reached_total="3", reached_women="5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte geben Sie den Status an." in page
    assert "Bitte begründen Sie die Erfolgsbewertung." in page
    assert "Die Angaben nach Geschlecht ergeben mehr Personen als insgesamt erreicht." in page
    assert "Nur der Sachstand." in page and "Kein Raum" in page and 'value="5"' in page
    assert 'value="not_successful" class="kern-form-check__radio" id="id_success_2" checked' in page
    report = MeasureReport.objects.get(pk=own_report.pk)
    assert (report.state, report.progress, report.version) == (MeasureReport.State.PENDING, "", own_report.version)


def test_a_status_not_in_the_scheme_is_refused(fachstelle: User, own_report: MeasureReport, other_municipality: Any,
                                               client_for: Callable[[User | None], Client]) -> None:
    response = client_for(fachstelle).post(_url(own_report), form_data(own_report, status="999999",
                                                                      progress="Mit fremdem Status"))
    assert response.status_code == 200
    assert "Mit fremdem Status" in response.content.decode()
    assert MeasureReport.objects.get(pk=own_report.pk).state == MeasureReport.State.PENDING


def test_conflict_keeps_the_input(municipality: Municipality, fachstelle: User, amt: Any, own_report: MeasureReport,
                                  make_member: Any, client_for: Callable[[User | None], Client]) -> None:
    colleague = actor_for(make_member(municipality, Role.FACHSTELLE, "kollegin", org_units=(amt,)), municipality)
    opened = form_data(own_report, progress="Meine Fassung des Sachstands.", obstacles="Meine Hindernisse")
    services.save_draft(by=colleague, report=own_report, expected_version=own_report.version,
                        values={"progress": "Die Fassung der Kollegin."})
    response = client_for(fachstelle).post(_url(own_report), opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert "conflict" in page and "Die Fassung der Kollegin." in page  # what the other person changed
    assert "Meine Fassung des Sachstands." in page and "Meine Hindernisse" in page  # nothing lost
    current = MeasureReport.objects.get(pk=own_report.pk)
    assert current.progress == "Die Fassung der Kollegin."
    assert f'name="version" value="{current.version}"' in page  # saving again applies it on top
    response = client_for(fachstelle).post(_url(own_report), form_data(current, progress="Meine Fassung."))
    assert response.status_code == 302
    assert MeasureReport.objects.get(pk=own_report.pk).progress == "Meine Fassung."


def test_a_closed_round_is_read_only(fachstelle: User, coord_actor: Actor, own_report: MeasureReport,
                                     reporting_round: ReportingRound,
                                     client_for: Callable[[User | None], Client]) -> None:
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    client = client_for(fachstelle)
    page = client.get(_url(own_report)).content.decode()
    assert "Diese Berichtsrunde ist abgeschlossen" in page and "Entwurf speichern" not in page
    client.post(_url(own_report), form_data(own_report, progress="Zu spät"))
    assert MeasureReport.objects.get(pk=own_report.pk).progress == ""
    assert "Mama lernt Deutsch" not in client.get(MY_MEASURES).content.decode().split("<h2")[0]


# --- query counts ------------------------------------------------------------------------------------------

def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _more_rounds(coord_actor: Actor, edition: Edition, n: int) -> None:
    for index in range(n):
        services.open_round(actor=coord_actor, edition=edition, title=f"Runde {index}",
                            period_start=dt.date(2020 + index, 1, 1), period_end=dt.date(2020 + index, 12, 31),
                            deadline=dt.date.today() + dt.timedelta(days=index))


def test_inbox_query_count_does_not_grow(fachstelle: User, coord_actor: Actor, edition: Edition,
                                         own_report: MeasureReport, client_for: Callable[[User | None],
                                                                                         Client]) -> None:
    client = client_for(fachstelle)
    one = _queries(client, MY_MEASURES)
    _more_rounds(coord_actor, edition, 4)
    page = client.get(MY_MEASURES).content.decode()
    assert page.count("Bericht beantworten") == 5
    assert _queries(client, MY_MEASURES) == one


@pytest.mark.parametrize("who", ["koordination", "fachstelle"])
def test_measure_page_shows_the_rounds_with_constant_queries(
        who: str, request: pytest.FixtureRequest, coord_actor: Actor, fach_actor: Actor, edition: Edition,
        own_report: MeasureReport, own_measure: Measure, reporting_round: ReportingRound, municipality: Municipality,
        complete_answer: Callable[..., dict[str, Any]], client_for: Callable[[User | None], Client]) -> None:
    client = client_for(request.getfixturevalue(who))
    url = reverse("backoffice:measure_detail", kwargs={"municipality": "heidelberg", "pk": own_measure.pk})
    page = client.get(url).content.decode()
    assert "Berichtsrunden" in page
    before = _queries(client, url)
    # The round is answered, accepted and closed: its status and Sachstand flow into the measure.
    submitted = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values=complete_answer(progress="Drei Kurse in zwei Stadtteilen."))
    services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    _more_rounds(coord_actor, edition, 3)
    page = client.get(url).content.decode()
    rounds = page.split('id="berichtsrunden"')[1].split("</table>")[0]
    assert "Umsetzungsbericht 2026" in rounds and "Drei Kurse in zwei Stadtteilen." in rounds
    assert "erfolgreich" in rounds and "in Umsetzung" in rounds
    facts = page.split('id="berichtsrunden"')[0]
    assert "Drei Kurse in zwei Stadtteilen." in facts  # the measure's current Sachstand
    if who == "koordination":
        assert rounds.count("laufende Runde: offen") == 3
    else:
        assert "laufende Runde" not in rounds
    assert _queries(client, url) == before
