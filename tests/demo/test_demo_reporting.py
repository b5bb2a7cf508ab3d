"""The demo's reporting rounds tell the seeds' story: Heidelberg's Umsetzungsbericht 2013 (55 measures, 50
successful), an open, late round of this year, Waiblingen's evaluation of 2014; and the demo stays idempotent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import across_municipalities, actor_for, municipality_scope
from teilhabe.plans.models import Measure
from teilhabe.reporting import selectors, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound, ReportStep, Success

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The demo built once for this module, rolled back at the end (as in test_demo.py)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _across() -> Iterator[None]:
    with across_municipalities():
        yield


def round_named(title: str) -> ReportingRound:
    return ReportingRound.objects.get(title=title)


def test_heidelberg_2013_round_counts(demo: str) -> None:
    round_ = round_named("Umsetzungsbericht 2013")
    assert (round_.state, round_.is_published) == (ReportingRound.State.CLOSED, True)
    assert (str(round_.period_start), str(round_.period_end), str(round_.deadline)) == (
        "2011-02-10", "2013-06-30", "2013-09-30")
    assert (round_.closed_at.year, round_.closed_at.month) == (2013, 11)
    reports = MeasureReport.objects.filter(round=round_)
    assert reports.count() == 55
    assert set(reports.values_list("state", flat=True)) == {MeasureReport.State.ACCEPTED}
    success = Counter(reports.values_list("success", flat=True))
    assert success[Success.SUCCESSFUL] == 50
    assert {Success.PARTLY, Success.NOT_SUCCESSFUL, Success.NOT_YET} <= set(success)
    assert all(r.progress for r in reports)
    assert reports.exclude(indicator_values=[]).count() > 40
    assert reports.filter(reached_women__isnull=False).exists()
    assert all(s.at.year == 2013 for s in ReportStep.objects.filter(report__round=round_))
    assert list(selectors.published_rounds(round_.municipality)) == [round_]
    counts = selectors.round_counts([round_])[0]
    assert services.summary_sentence(counts.total, counts.successful) == (
        "Von 55 Maßnahmen wurden 50 mit Erfolg durchgeführt.")


def test_the_2013_snapshot_and_the_measures_today_differ(demo: str) -> None:
    """The statuses of 2013 flowed into the measures and moved on since; the round keeps 2013's words."""
    round_ = round_named("Umsetzungsbericht 2013")
    report = MeasureReport.objects.get(round=round_, reference="4.11")
    assert report.status_label == "noch nicht begonnen"
    measure = Measure.objects.select_related("status").get(pk=report.measure_id)
    assert measure.status.label == "erfüllt"
    assert measure.progress == report.progress  # the Sachstand of the last closed round


def test_heidelbergs_open_round_has_a_mix_and_late_reports(demo: str) -> None:
    round_ = round_named("Umsetzungsbericht 2026")
    assert round_.state == ReportingRound.State.OPEN
    assert round_.is_late()
    states = Counter(MeasureReport.objects.filter(round=round_).values_list("state", flat=True))
    assert all(states[s] > 0 for s in MeasureReport.State.values)
    assert states[MeasureReport.State.PENDING] > 25
    progress = selectors.round_progress(round_)
    assert progress.overall.late == states["pending"] + states["draft"] + states["returned"]
    assert MeasureReport.objects.filter(round=round_, state="returned").exclude(review_comment="").count() == 3
    link = PartnerLink.objects.get(round=round_)
    assert link.is_valid() and link.organisation.name == "Freiwilligenbörse Heidelberg"
    assert ReportStep.objects.filter(partner_link=link).exists()


def test_heidelberg_fachstelle_owes_reports_and_has_a_returned_one(demo: str) -> None:
    heidelberg = Municipality.objects.get(slug="heidelberg")
    with municipality_scope(heidelberg):
        rows = selectors.inbox(actor_for(User.objects.get(username="fachstelle.heidelberg"), heidelberg))
        vhs = selectors.inbox(actor_for(User.objects.get(username="vhs.heidelberg"), heidelberg))
    open_rows = [r for r in rows if r.round_title == "Umsetzungsbericht 2026"]
    assert {"pending", "returned", "accepted"} <= {r.state for r in open_rows}
    assert {r.state for r in vhs if r.round_title == "Umsetzungsbericht 2026"} >= {"draft", "submitted"}


def test_waiblingens_evaluation_2014(demo: str) -> None:
    round_ = round_named("Evaluation Integrationskonzept 2014")
    assert round_.municipality.slug == "waiblingen"
    assert (round_.state, round_.is_published) == (ReportingRound.State.CLOSED, False)
    assert (round_.closed_at.year, round_.closed_at.month) == (2014, 12)
    reports = MeasureReport.objects.filter(round=round_)
    assert reports.count() == Measure.objects.filter(edition=round_.edition).count() == 18
    assert set(reports.values_list("state", flat=True)) == {MeasureReport.State.ACCEPTED}
    # The statuses stood: the evaluation changed no measure's status.
    assert all(r.status_label == r.status_before_label for r in reports)


def test_demo_twice_changes_nothing(demo: str) -> None:
    before = (ReportingRound.objects.count(), MeasureReport.objects.count(), ReportStep.objects.count(),
              PartnerLink.objects.count())
    call_command("demo", stdout=StringIO())
    assert (ReportingRound.objects.count(), MeasureReport.objects.count(), ReportStep.objects.count(),
            PartnerLink.objects.count()) == before == (3, 128, before[2], 1)


def test_fachstelle_sees_its_late_and_returned_reports_on_my_measures(demo: str, client_for: Any) -> None:
    client = client_for(User.objects.get(username="fachstelle.heidelberg"))
    page = client.get("/heidelberg/intern/meine-massnahmen/").content.decode()
    assert "Umsetzungsbericht 2026" in page
    assert "überfällig" in page
    assert "Bitte ergänzen Sie die Zahl der aktiven Elternmentorinnen" in page  # the returned one's comment


def test_partner_link_of_the_demo_opens_the_organisations_reports(demo: str, client_for: Any) -> None:
    link = PartnerLink.objects.get(round__title="Umsetzungsbericht 2026")
    page = client_for(None).get(f"/heidelberg/mitwirken/{link.token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ausbildungspatenschaften" in text and "Hausaufgabenhilfe und Lernpatenschaften" in text


def test_koordination_follows_the_demo_rounds_in_the_back_office(demo: str, client_for: Any) -> None:
    client = client_for(User.objects.get(username="koordination.heidelberg"))
    listing = client.get("/heidelberg/intern/berichte/").content.decode()
    assert "Umsetzungsbericht 2013" in listing and "Umsetzungsbericht 2026" in listing
    open_round = round_named("Umsetzungsbericht 2026")
    page = client.get(f"/heidelberg/intern/berichte/{open_round.pk}/")
    assert page.status_code == 200
    assert "Freiwilligenbörse Heidelberg" in page.content.decode()  # its partner link
    submitted = MeasureReport.objects.filter(round=open_round, state=MeasureReport.State.SUBMITTED).first()
    assert submitted is not None
    review = client.get(f"/heidelberg/intern/berichte/bericht/{submitted.pk}/pruefen/").content.decode()
    assert submitted.progress in review and "Annehmen" in review
    draft = MeasureReport.objects.filter(round=open_round, state=MeasureReport.State.DRAFT).first()
    assert draft is not None
    assert draft.progress not in client.get(f"/heidelberg/intern/berichte/bericht/{draft.pk}/pruefen/").content.decode()


def test_the_published_2013_report_is_on_heidelbergs_public_pages(demo: str, client_for: Any) -> None:
    page = client_for(None).get("/heidelberg/umsetzung/").content.decode()
    assert "Umsetzungsbericht 2013" in page
    assert "Von 55 Maßnahmen wurden 50 mit Erfolg durchgeführt." in page
    assert "Umsetzungsbericht 2026" not in page  # open rounds are never public
    assert "Evaluation Integrationskonzept 2014" not in client_for(None).get("/waiblingen/umsetzung/").content.decode()
