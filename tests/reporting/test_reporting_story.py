"""The whole round as a user story, through the services: open → answered by two offices → returned →
resubmitted → accepted → closed, and what the close does to the measures."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.models import Municipality, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.plans.models import Measure, StatusOption
from teilhabe.reporting import selectors, services
from teilhabe.reporting.models import MeasureReport, ReportingRound, ReportStep, Success


def test_opening_creates_one_report_per_measure_addressed_to_its_leads(reporting_round: ReportingRound,
                                                                      amt: OrgUnit, other_amt: OrgUnit) -> None:
    reports = list(reporting_round.reports.prefetch_related("addressed_org_units", "addressed_organisations"))
    assert [r.title for r in reports] == ["Mama lernt Deutsch", "Hausaufgabenhilfe", "Schulsozialarbeit",
                                          "Ausbildungspatenschaften"]
    assert {r.title: sorted(u.name for u in r.addressed_org_units.all()) for r in reports} == {
        "Mama lernt Deutsch": [amt.name], "Hausaufgabenhilfe": [other_amt.name],  # partners are not asked
        "Schulsozialarbeit": [other_amt.name], "Ausbildungspatenschaften": []}
    assert [o.name for o in reports[3].addressed_organisations.all()] == ["Interkultureller Verein"]
    assert {r.state for r in reports} == {MeasureReport.State.PENDING}
    assert reports[0].status_before_label == "geplant"


def test_whole_round(municipality: Municipality, coord_actor: Actor, fach_actor: Actor, reporting_round: ReportingRound,
                     own_report: MeasureReport, foreign_report: MeasureReport, make_member: Any, other_amt: OrgUnit,
                     complete_answer: Any, own_measure: Measure) -> None:
    schule = actor_for(make_member(municipality, Role.FACHSTELLE, "schulamt", org_units=(other_amt,)), municipality)
    # Two offices answer: the Fachstelle saves a draft first, then submits; the Schulamt submits at once.
    draft = services.save_draft(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values={"progress": "Erste Kurse laufen."})
    assert draft.state == MeasureReport.State.DRAFT
    submitted = services.submit(by=fach_actor, report=draft, expected_version=draft.version,
                                values=complete_answer())
    other = services.submit(by=schule, report=foreign_report, expected_version=foreign_report.version,
                            values=complete_answer(progress="Zwei Schulen mehr mit Schulsozialarbeit."))
    assert (submitted.state, other.state) == (MeasureReport.State.SUBMITTED, MeasureReport.State.SUBMITTED)
    progress = selectors.round_progress(reporting_round)
    assert (progress.overall.submitted, progress.overall.missing, progress.overall.total) == (2, 2, 4)

    # Koordination returns one with a comment; the office resubmits; both are accepted.
    returned = services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                                      comment="Bitte die Zahl der Kurse je Stadtteil ergänzen.")
    assert returned.state == MeasureReport.State.RETURNED
    inbox = selectors.inbox(fach_actor)
    assert (inbox[0].title, inbox[0].state, inbox[0].review_comment) == (
        "Mama lernt Deutsch", "returned", "Bitte die Zahl der Kurse je Stadtteil ergänzen.")
    completed = StatusOption.objects.get(municipality=municipality, label="umgesetzt")
    resubmitted = services.submit(by=fach_actor, report=returned, expected_version=returned.version,
                                  values=complete_answer(status=completed, progress="Je Stadtteil drei Kurse."))
    accepted = services.accept(actor=coord_actor, report=resubmitted, expected_version=resubmitted.version)
    services.accept(actor=coord_actor, report=other, expected_version=other.version)
    assert accepted.status_label == "umgesetzt"
    assert [s.kind for s in ReportStep.objects.filter(report=own_report)] == [
        "submitted", "returned", "submitted", "accepted"]
    assert ReportStep.objects.filter(report=own_report, kind="returned").get().comment.startswith("Bitte die Zahl")

    # Closing flows the accepted status and Sachstand into the measure, with history.
    reporting_round.refresh_from_db()
    result = services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    assert (result.accepted, result.flowed, result.not_accepted) == (2, 2, 2)
    own_measure.refresh_from_db()
    assert (own_measure.status.label, own_measure.progress) == ("umgesetzt", "Je Stadtteil drei Kurse.")
    history = selectors.measure_rounds(own_measure)
    assert [(h.round_title, h.status, h.success) for h in history] == [
        ("Umsetzungsbericht 2026", "umgesetzt", Success.SUCCESSFUL)]
    counts = selectors.round_counts([result.round])[0]
    assert (counts.total, counts.accepted, counts.successful) == (4, 2, 2)
    assert services.summary_sentence(counts.total, counts.successful) == (
        "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt.")


def test_nobody_edits_another_offices_report(fach_actor: Actor, coord_actor: Actor, foreign_report: MeasureReport,
                                             own_report: MeasureReport, complete_answer: Any) -> None:
    with pytest.raises(NotAllowed):
        services.save_draft(by=fach_actor, report=foreign_report, expected_version=foreign_report.version,
                            values={"progress": "fremd"})
    with pytest.raises(NotAllowed):  # Koordination does not write other offices' answers either
        services.submit(by=coord_actor, report=own_report, expected_version=own_report.version,
                        values=complete_answer())
    assert [r.title for r in selectors.inbox(fach_actor)] == ["Mama lernt Deutsch"]
    foreign_report.refresh_from_db()
    assert (foreign_report.state, foreign_report.progress) == (MeasureReport.State.PENDING, "")


def test_incomplete_submission_and_closed_round_change_nothing(fach_actor: Actor, coord_actor: Actor,
                                                               own_report: MeasureReport,
                                                               reporting_round: ReportingRound,
                                                               complete_answer: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                        values=complete_answer(success=Success.PARTLY, success_reason=""))
    assert "success_reason" in refused.value.message_dict
    own_report.refresh_from_db()
    assert (own_report.state, own_report.progress, own_report.version) == (MeasureReport.State.PENDING, "", 1)
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    with pytest.raises(ServiceError, match="abgeschlossen"):
        services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                        values=complete_answer())


def test_review_and_resubmission_at_the_same_time(fach_actor: Actor, coord_actor: Actor, own_report: MeasureReport,
                                                   complete_answer: Any) -> None:
    submitted = services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                                values=complete_answer())
    returned = services.return_report(actor=coord_actor, report=submitted, expected_version=submitted.version,
                                      comment="Bitte ergänzen.")
    services.submit(by=fach_actor, report=returned, expected_version=returned.version, values=complete_answer())
    with pytest.raises(ConcurrentEdit):  # Koordination's page still shows the first submission
        services.accept(actor=coord_actor, report=submitted, expected_version=returned.version)


def test_status_of_another_municipality_is_refused(fach_actor: Actor, own_report: MeasureReport,
                                                   other_municipality: Any,
                                                   complete_answer: Any) -> None:
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.plans.services import ensure_default_status_scheme

    with municipality_scope(other_municipality):
        foreign_status = ensure_default_status_scheme(municipality=other_municipality)[0]
    with pytest.raises((ValidationError, NotAllowed)):
        services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                        values=complete_answer(status=foreign_status))
    own_report.refresh_from_db()
    assert own_report.state == MeasureReport.State.PENDING


def test_a_round_needs_the_plan_in_force(coord_actor: Actor, edition: Any) -> None:
    import datetime as dt

    from teilhabe.plans.models import Edition

    edition.status = Edition.Status.DRAFT
    edition.save()
    with pytest.raises(ServiceError, match="beschlossene Ausgabe"):
        services.open_round(actor=coord_actor, edition=edition, title="X", period_start=dt.date(2025, 1, 1),
                            period_end=dt.date(2025, 12, 31), deadline=dt.date(2026, 1, 31))
    assert not ReportingRound.objects.exists()


def test_fachstelle_cannot_open_or_review(fach_actor: Actor, edition: Any, own_report: MeasureReport) -> None:
    import datetime as dt

    with pytest.raises(NotAllowed):
        services.open_round(actor=fach_actor, edition=edition, title="X", period_start=dt.date(2025, 1, 1),
                            period_end=dt.date(2025, 12, 31), deadline=dt.date(2026, 1, 31))
    with pytest.raises(NotAllowed):
        services.accept(actor=fach_actor, report=own_report, expected_version=own_report.version)

