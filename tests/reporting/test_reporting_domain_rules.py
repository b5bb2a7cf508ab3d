"""Rules of the reporting domain beyond the story: partner links, the snapshot of a closed round, which measures a
round asks about, and changing an open round."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Organisation
from teilhabe.core.roles import Actor
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from teilhabe.reporting import selectors, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, Success


@pytest.fixture
def partner_report(reporting_round: ReportingRound) -> MeasureReport:
    return MeasureReport.objects.get(round=reporting_round, title="Ausbildungspatenschaften")


def test_partner_link_opens_only_its_organisations_reports(coord_actor: Actor, reporting_round: ReportingRound,
                                                          verein: Organisation, partner_report: MeasureReport,
                                                          own_report: MeasureReport, complete_answer: Any) -> None:
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="info@verein.example")
    found = services.partner_link_for(link.token)
    assert found.pk == link.pk
    assert list(selectors.partner_reports(found)) == [partner_report]
    saved = services.submit(by=found, report=partner_report, expected_version=partner_report.version,
                            values=complete_answer())
    assert saved.state == MeasureReport.State.SUBMITTED
    step = saved.steps.get()
    assert (step.actor_id, step.partner_link_id, step.who) == (None, link.pk, verein.name)
    with pytest.raises(NotAllowed):
        services.save_draft(by=found, report=own_report, expected_version=own_report.version,
                            values={"progress": "x"})


def test_a_link_is_refused_when_forged_expired_replaced_or_the_round_closed(
        coord_actor: Actor, reporting_round: ReportingRound, verein: Organisation) -> None:
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    with pytest.raises(NotAllowed, match="ungültig"):
        services.partner_link_for(link.token[:-1] + ("0" if link.token[-1] != "0" else "1"))
    with pytest.raises(NotAllowed, match="ungültig"):
        services.partner_link_for("garbage")
    newer = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    with pytest.raises(NotAllowed, match="nicht mehr"):  # replaced: the older link no longer works
        services.partner_link_for(link.token)
    PartnerLink.objects.filter(pk=newer.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(NotAllowed, match="abgelaufen"):
        services.partner_link_for(newer.token)
    newest = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein)
    reporting_round.refresh_from_db()
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    with pytest.raises(NotAllowed, match="abgeschlossen"):
        services.partner_link_for(newest.token)


def test_a_link_only_for_organisations_the_round_asks(coord_actor: Actor, reporting_round: ReportingRound,
                                                     municipality: Any) -> None:
    stranger = Organisation.objects.create(municipality=municipality, name="Sportverein ohne Maßnahme")
    with pytest.raises(ServiceError):
        services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=stranger)
    assert not PartnerLink.objects.exists()


def test_a_closed_round_is_a_snapshot(coord_actor: Actor, fach_actor: Actor, reporting_round: ReportingRound,
                                      own_report: MeasureReport, own_measure: Measure, complete_answer: Any) -> None:
    answer = complete_answer()
    submitted = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values=answer)
    services.accept(actor=coord_actor, report=submitted, expected_version=submitted.version)
    reporting_round.refresh_from_db()
    closed = services.close_round(actor=coord_actor, round_=reporting_round,
                                  expected_version=reporting_round.version).round
    before = list(MeasureReport.objects.filter(round=closed).values())
    own_measure.refresh_from_db()
    status = own_measure.status
    plan_services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                 values={"title": "Mama lernt Deutsch – neu", "progress": "Später geändert"})
    plan_services.update_status_option(actor=coord_actor, option=status, expected_version=status.version,
                                       label="in Arbeit", normalised=status.normalised, colour=status.colour)
    after = list(MeasureReport.objects.filter(round=closed).values())
    assert after == before
    history = selectors.measure_rounds(own_measure)
    assert [(h.status, h.progress) for h in history] == [("in Umsetzung", answer["progress"])]


def test_scope_fields_and_key_projects(coord_actor: Actor, edition: Edition) -> None:
    bildung = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    dates = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31),
             "deadline": dt.date(2026, 2, 1)}
    by_field = services.open_round(actor=coord_actor, edition=edition, title="Bildung", scope="fields",
                                   fields=[bildung], **dates)
    key = services.open_round(actor=coord_actor, edition=edition, title="Schlüsselprojekte", scope="key_projects",
                              **dates)
    assert by_field.reports.count() == 3
    assert list(key.reports.values_list("title", flat=True)) == ["Ausbildungspatenschaften"]
    with pytest.raises(ValidationError) as refused:
        services.open_round(actor=coord_actor, edition=edition, title="Leer", scope="fields", fields=[], **dates)
    assert "fields" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.open_round(actor=coord_actor, edition=edition, title="Rückwärts", **{
            **dates, "period_end": dt.date(2024, 1, 1)})
    assert ReportingRound.objects.count() == 2


def test_update_round_changes_the_deadline_not_the_scope(coord_actor: Actor, reporting_round: ReportingRound) -> None:
    reporting_round.reminded_before_at = timezone.now()
    reporting_round.save()
    new_deadline = reporting_round.deadline + dt.timedelta(days=7)
    changed = services.update_round(actor=coord_actor, round_=reporting_round,
                                    expected_version=reporting_round.version, values={"deadline": new_deadline})
    assert (changed.deadline, changed.reminded_before_at) == (new_deadline, None)
    with pytest.raises(ServiceError):
        services.update_round(actor=coord_actor, round_=changed, expected_version=changed.version,
                              values={"scope": "key_projects"})


def test_progress_counts_late_and_per_office(fach_actor: Actor, reporting_round: ReportingRound,
                                             own_report: MeasureReport, complete_answer: Any) -> None:
    services.submit(by=fach_actor, report=own_report, expected_version=own_report.version, values=complete_answer())
    after_deadline = reporting_round.deadline + dt.timedelta(days=1)
    progress = selectors.round_progress(reporting_round, today=after_deadline)
    assert (progress.overall.submitted, progress.overall.late) == (1, 3)
    offices = dict(progress.by_office)
    assert (offices["Amt für Chancengleichheit"].submitted, offices["Amt für Schule und Bildung"].late) == (1, 2)
    assert offices["Interkultureller Verein"].pending == 1
    assert [name for name, _c in progress.by_field] == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]


def test_accepted_only_once_and_reason_rules(coord_actor: Actor, fach_actor: Actor, own_report: MeasureReport,
                                            complete_answer: Any) -> None:
    with pytest.raises(ServiceError, match="eingereicht"):
        services.accept(actor=coord_actor, report=own_report, expected_version=own_report.version)
    with pytest.raises(ValidationError) as refused:
        services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                        values=complete_answer(reached_total=10, reached_women=8, reached_men=5))
    assert "reached_total" in refused.value.message_dict
    not_yet = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                              values=complete_answer(success=Success.NOT_YET, success_reason=""))
    assert not_yet.state == MeasureReport.State.SUBMITTED
    with pytest.raises(ServiceError):  # submitted reports are not edited until returned
        services.save_draft(by=fach_actor, report=not_yet, expected_version=not_yet.version,
                            values={"progress": "nachträglich"})


def test_indicator_values_only_for_the_measures_indicators(coord_actor: Actor, fach_actor: Actor,
                                                           own_measure: Measure, edition: Edition) -> None:
    plan_services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                                 values={"indicators": ["Teilnehmerinnen je Kurs", "Kurse je Jahr"]})
    round_ = services.open_round(actor=coord_actor, edition=edition, title="R", period_start=dt.date(2025, 1, 1),
                                 period_end=dt.date(2025, 12, 31), deadline=dt.date(2026, 1, 31))
    report = MeasureReport.objects.get(round=round_, measure=own_measure)
    saved = services.save_draft(by=fach_actor, report=report, expected_version=report.version, values={
        "indicator_values": [{"indicator": "Kurse je Jahr", "value": "6"},
                             {"indicator": "Teilnehmerinnen je Kurs", "value": " "}]})
    assert saved.indicator_values == [{"indicator": "Kurse je Jahr", "value": "6"}]
    with pytest.raises(ValidationError):
        services.save_draft(by=fach_actor, report=saved, expected_version=saved.version,
                            values={"indicator_values": [{"indicator": "Erfunden", "value": "1"}]})


def test_opening_a_round_takes_the_same_queries_for_few_and_many_measures(
        coord_actor: Actor, edition: Edition, amt: Any, verein: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dates = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31),
             "deadline": dt.date(2026, 2, 1)}
    with CaptureQueriesContext(connection) as few:
        services.open_round(actor=coord_actor, edition=edition, title="Wenige", **dates)
    field = FieldOfAction.objects.filter(edition=edition).first()
    for n in range(30):
        plan_services.create_measure(actor=coord_actor, edition=edition, values={
            "title": f"Maßnahme {n}", "field": field, "lead_org_unit": amt, "co_lead_organisations": [verein]})
    with CaptureQueriesContext(connection) as many:
        round_ = services.open_round(actor=coord_actor, edition=edition, title="Viele", **dates)
    # Reads do not grow with the measures; inserts come in the database's batches (SQLite: ~30 rows each).
    def reads(queries: Any) -> int:
        return sum(q["sql"].startswith("SELECT") for q in queries.captured_queries)

    assert reads(many) == reads(few)
    assert round_.reports.get(title="Maßnahme 3").lead_names == f"{amt.name}; {verein.name}"
