"""Achieved values of a reporting round become observations of the monitoring indicators linked to the
measures (issue 9, item 8): the report asks about them, closing writes them with the round as their source,
and what is not a number stays on the report and is named in the close result and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.monitoring import services as monitoring
from teilhabe.monitoring.models import ImportBatch, Indicator, Kind, Observation, Unit
from teilhabe.monitoring.round_values import ReportedValue, parse_german_number, record_round_values
from teilhabe.plans.models import Edition, Measure
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound

pytestmark = pytest.mark.django_db


def indicator(actor: Actor, municipality: Municipality, key: str, name: str, measures: list[Measure],
              **values: Any) -> Indicator:
    return monitoring.create_indicator(actor=actor, municipality=municipality, values={
        "key": key, "name": name, "unit": Unit.COUNT, "kind": Kind.SUCCESS, "measures": measures, **values})


def open_round(actor: Actor, edition: Edition, title: str = "Umsetzungsbericht 2025") -> ReportingRound:
    return services.open_round(actor=actor, edition=edition, title=title, period_start=dt.date(2025, 1, 1),
                               period_end=dt.date(2025, 12, 31), deadline=dt.date.today() + dt.timedelta(days=14))


def answer_and_accept(report: MeasureReport, by: Actor, coord: Actor, values: dict[str, str],
                      complete_answer: Any) -> MeasureReport:
    submitted = services.submit(by=by, report=report, expected_version=report.version, values=complete_answer(
        indicator_values=[{"indicator": k, "value": v} for k, v in values.items()]))
    return services.accept(actor=coord, report=submitted, expected_version=submitted.version)


@pytest.fixture
def participants(coord_actor: Actor, municipality: Municipality, own_measure: Measure) -> Indicator:
    """A success indicator of "Mama lernt Deutsch", with a name the measure's text list also carries."""
    Measure.objects.filter(pk=own_measure.pk).update(indicators=["Zahl der Teilnehmerinnen", "Zahl der Kurse"])
    return indicator(coord_actor, municipality, "teilnehmerinnen", "Zahl der Teilnehmerinnen", [own_measure])


@pytest.fixture
def share_b1(coord_actor: Actor, municipality: Municipality, own_measure: Measure) -> Indicator:
    return indicator(coord_actor, municipality, "anteil-b1", "Anteil mit Abschluss B1", [own_measure],
                     unit=Unit.PERCENT, unit_label="%")


def test_german_numbers() -> None:
    assert parse_german_number("1.234") == Decimal("1234")
    assert parse_german_number("12,5") == Decimal("12.5")
    assert parse_german_number("12,5 %") == Decimal("12.5")
    assert parse_german_number("1.234.567,25") == Decimal("1234567.25")
    assert parse_german_number("1\u00a0234") == Decimal("1234")
    assert parse_german_number(" 86 ") == Decimal("86")
    assert parse_german_number("-3") == Decimal("-3")
    for text in ("rund 300", "1.5", "12.34", "", "%", "3 von 5", "12,5 Personen", "1,2,3"):
        assert parse_german_number(text) is None, text


def test_an_opened_round_asks_about_the_linked_monitoring_indicators_once(
        coord_actor: Actor, edition: Edition, own_measure: Measure, participants: Indicator,
        share_b1: Indicator) -> None:
    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    # The text indicators stay first; the monitoring indicator of the same name is not asked twice.
    assert report.indicators == ["Zahl der Teilnehmerinnen", "Zahl der Kurse", "Anteil mit Abschluss B1"]
    others = MeasureReport.objects.filter(round=round_).exclude(measure=own_measure)
    assert all(r.indicators == [] for r in others)


def test_closing_writes_accepted_values_as_observations_of_the_round(
        coord_actor: Actor, fach_actor: Actor, edition: Edition, own_measure: Measure, participants: Indicator,
        share_b1: Indicator, complete_answer: Any) -> None:
    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    answer_and_accept(report, fach_actor, coord_actor, {"Zahl der Teilnehmerinnen": "1.234", "Zahl der Kurse": "3",
                                                        "Anteil mit Abschluss B1": "rund zwei Drittel"},
                      complete_answer)
    round_.refresh_from_db()
    result = services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)

    observation = Observation.objects.select_related("batch").get(indicator=participants)
    assert (observation.period, observation.value, observation.breakdown_key, observation.area) == (
        "2025", Decimal("1234"), "", "")
    assert observation.source == "Umsetzungsbericht 2025"
    assert (observation.batch.origin, observation.batch.label) == (ImportBatch.Origin.ROUND, "Umsetzungsbericht 2025")
    assert ImportBatch.objects.get(indicator=participants).get_origin_display() == "Berichtsrunde"
    # The value that is not a number is kept on the report, not written, and named in the result and the audit.
    assert not Observation.objects.filter(indicator=share_b1).exists()
    report.refresh_from_db()
    assert {"indicator": "Anteil mit Abschluss B1", "value": "rund zwei Drittel"} in report.indicator_values
    assert result.recorded == 1
    assert [(n.indicator, n.value) for n in result.not_recorded] == [("Anteil mit Abschluss B1", "rund zwei Drittel")]
    assert "keine Zahl" in result.not_recorded[0].reason
    entry = AuditEntry.objects.filter(object_type="reporting.reportinground", object_id=round_.pk,
                                      changes__has_key="monitoring").get()
    logged = entry.changes["monitoring"][1]
    assert (logged["period"], logged["recorded"]) == ("2025", 1)
    assert logged["not_recorded"][0]["value"] == "rund zwei Drittel"


def test_values_of_reports_not_accepted_and_of_text_indicators_are_not_written(
        coord_actor: Actor, fach_actor: Actor, edition: Edition, own_measure: Measure, participants: Indicator,
        complete_answer: Any) -> None:
    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    services.submit(by=fach_actor, report=report, expected_version=report.version, values=complete_answer(
        indicator_values=[{"indicator": "Zahl der Teilnehmerinnen", "value": "40"}]))
    round_.refresh_from_db()
    result = services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)
    assert (result.recorded, result.not_recorded) == (0, ())
    assert not Observation.objects.exists()


def test_closing_twice_or_writing_the_round_again_adds_nothing(
        coord_actor: Actor, fach_actor: Actor, edition: Edition, own_measure: Measure, participants: Indicator,
        complete_answer: Any) -> None:
    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    answer_and_accept(report, fach_actor, coord_actor, {"Zahl der Teilnehmerinnen": "36"}, complete_answer)
    round_.refresh_from_db()
    closed = services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version).round
    with pytest.raises(ServiceError, match="abgeschlossen"):
        services.close_round(actor=coord_actor, round_=closed, expected_version=closed.version)
    again = record_round_values(actor=coord_actor, indicator=participants, values=[ReportedValue("36")],
                                period="2025", label="Umsetzungsbericht 2025")
    assert (again.batch, again.written) == (None, Decimal("36"))
    corrected = record_round_values(actor=coord_actor, indicator=participants, values=[ReportedValue("38")],
                                    period="2025", label="Umsetzungsbericht 2025")
    assert corrected.batch is not None
    assert list(Observation.objects.filter(indicator=participants).values_list("period", "value")) == [
        ("2025", Decimal("38"))]
    assert ImportBatch.objects.filter(indicator=participants).count() == 2


def test_rates_and_contradicting_reports_are_not_written(
        coord_actor: Actor, municipality: Municipality, participants: Indicator, own_measure: Measure) -> None:
    population = indicator(coord_actor, municipality, "einwohner", "Einwohner", [])
    rate = monitoring.define_rate(actor=coord_actor, municipality=municipality, key="quote", name="Quote",
                                  numerator=participants, denominator=population, per=100)
    result = record_round_values(actor=coord_actor, indicator=rate, values=[ReportedValue("12,5 %", "1.01")],
                                 period="2025", label="Runde")
    assert result.batch is None
    assert "berechnete Quote" in result.not_recorded[0].reason
    contradicting = record_round_values(actor=coord_actor, indicator=participants, period="2025", label="Runde",
                                        values=[ReportedValue("36", "1.01"), ReportedValue("40", "1.02")])
    assert contradicting.batch is None
    assert [n.measure for n in contradicting.not_recorded] == ["1.01", "1.02"]
    agreeing = record_round_values(actor=coord_actor, indicator=participants, period="2025", label="Runde",
                                   values=[ReportedValue("36", "1.01"), ReportedValue("36", "1.02")])
    assert agreeing.written == Decimal("36")
    assert not Observation.objects.filter(indicator=rate).exists()


def test_another_municipalitys_indicator_of_the_same_name_is_untouched(
        coord_actor: Actor, fach_actor: Actor, edition: Edition, own_measure: Measure, participants: Indicator,
        complete_answer: Any, other_municipality: Municipality, make_member: Any) -> None:
    from tests.conftest import build_small_plan

    other_coord = actor_for(make_member(other_municipality, Role.KOORDINATION, "koord-herdecke"), other_municipality)
    with municipality_scope(other_municipality):
        unit = OrgUnit.objects.create(municipality=other_municipality, name="Amt A")
        unit2 = OrgUnit.objects.create(municipality=other_municipality, name="Amt B")
        org = Organisation.objects.create(municipality=other_municipality, name="Verein")
        other_plan = build_small_plan(other_coord, other_municipality, unit, unit2, org)
        their_measure = Measure.objects.get(edition__plan=other_plan, title="Mama lernt Deutsch")
        theirs = indicator(other_coord, other_municipality, "teilnehmerinnen", "Zahl der Teilnehmerinnen",
                           [their_measure])
    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    answer_and_accept(report, fach_actor, coord_actor, {"Zahl der Teilnehmerinnen": "36"}, complete_answer)
    round_.refresh_from_db()
    services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)
    assert Observation.objects.get(indicator=participants).value == Decimal("36")
    with municipality_scope(other_municipality):
        assert not Observation.objects.filter(indicator=theirs).exists()
        foreign = Indicator.objects.get(pk=theirs.pk)
    with pytest.raises(NotAllowed):  # our Koordination cannot write into their monitoring
        record_round_values(actor=coord_actor, indicator=foreign, values=[ReportedValue("1")], period="2025",
                            label="Runde")


def _open_queries(actor: Actor, edition: Edition, title: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        open_round(actor, edition, title)
    return len(captured)


def test_opening_asks_the_monitoring_in_one_query_whatever_the_links(
        coord_actor: Actor, municipality: Municipality, edition: Edition, own_measure: Measure) -> None:
    indicator(coord_actor, municipality, "eins", "Eins", [own_measure])
    one_link = _open_queries(coord_actor, edition, "Runde A")
    everything = list(Measure.objects.filter(edition=edition))
    for n in range(6):
        indicator(coord_actor, municipality, f"weitere-{n}", f"Weitere {n}", everything)
    many_links = _open_queries(coord_actor, edition, "Runde B")
    assert many_links == one_link
    assert len(MeasureReport.objects.get(round__title="Runde B", measure=own_measure).indicators) == 7


def test_closing_writes_once_per_indicator_whatever_the_number_of_reports(
        coord_actor: Actor, fach_actor: Actor, municipality: Municipality, edition: Edition, own_measure: Measure,
        other_amt: OrgUnit, make_member: Any, complete_answer: Any) -> None:
    other = actor_for(make_member(municipality, Role.FACHSTELLE, "fach-2", org_units=(other_amt,)), municipality)
    measures = {m.title: m for m in Measure.objects.filter(edition=edition)}
    shared = indicator(coord_actor, municipality, "kurse", "Zahl der Kurse",
                       [measures["Mama lernt Deutsch"], measures["Hausaufgabenhilfe"], measures["Schulsozialarbeit"]])

    def close_with(title: str, answers: list[tuple[Actor, str]]) -> int:
        round_ = open_round(coord_actor, edition, title)
        for by, measure_title in answers:
            report = MeasureReport.objects.get(round=round_, measure=measures[measure_title])
            answer_and_accept(report, by, coord_actor, {"Zahl der Kurse": "12"}, complete_answer)
        round_.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)
        return len(captured)

    one = close_with("Runde A", [(fach_actor, "Mama lernt Deutsch")])
    Observation.objects.filter(indicator=shared).delete()
    three = close_with("Runde B", [(fach_actor, "Mama lernt Deutsch"), (other, "Hausaufgabenhilfe"),
                                   (other, "Schulsozialarbeit")])
    assert Observation.objects.get(indicator=shared).value == Decimal(12)
    # Flowing three reports into their measures costs what it costs without the monitoring; the monitoring's
    # part (the links, the written indicator, the audit entry) does not grow with the reports.
    without = _close_queries_without_monitoring(coord_actor, edition, measures, fach_actor, other, complete_answer)
    assert three - without[3] == one - without[1]


def _close_queries_without_monitoring(coord_actor: Actor, edition: Edition, measures: dict[str, Measure],
                                      fach_actor: Actor, other: Actor, complete_answer: Any) -> dict[int, int]:
    counts = {}
    for n, answers in ((1, [(fach_actor, "Mama lernt Deutsch")]),
                       (3, [(fach_actor, "Mama lernt Deutsch"), (other, "Hausaufgabenhilfe"),
                            (other, "Schulsozialarbeit")])):
        round_ = open_round(coord_actor, edition, f"Ohne {n}")
        for by, title in answers:
            report = MeasureReport.objects.get(round=round_, measure=measures[title])
            submitted = services.submit(by=by, report=report, expected_version=report.version,
                                        values=complete_answer())
            services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
        round_.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)
        counts[n] = len(captured)
    return counts


def test_the_close_page_says_what_went_into_the_monitoring_and_what_did_not(
        client_for: Any, koordination: Any, coord_actor: Actor, fach_actor: Actor, edition: Edition,
        own_measure: Measure, participants: Indicator, share_b1: Indicator, complete_answer: Any) -> None:
    from django.urls import reverse

    round_ = open_round(coord_actor, edition)
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    answer_and_accept(report, fach_actor, coord_actor, {"Zahl der Teilnehmerinnen": "36",
                                                        "Anteil mit Abschluss B1": "etwa 60 %"}, complete_answer)
    round_.refresh_from_db()
    client = client_for(koordination)
    response = client.post(reverse("backoffice:round_close", kwargs={"municipality": "heidelberg", "pk": round_.pk}),
                           {"version": round_.version}, follow=True)
    page = response.content.decode()
    assert "1 erreichter Wert wurde als Messwert in das Monitoring übernommen." in page
    assert "Nicht übernommen (bleibt im Bericht): Anteil mit Abschluss B1: „etwa 60 %“" in page
    assert "Mama lernt Deutsch) – „etwa 60 %“ ist keine Zahl; der Wert bleibt nur im Bericht." in page
    assert Observation.objects.get(indicator=participants).value == Decimal(36)
