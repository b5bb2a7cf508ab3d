"""The round list, a round's page and the review page run a fixed number of SQL queries, whatever the number
of reports: one round over 3 measures, one over 40 (with answers, reviews and partner links in both)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from bench.plan import PlanData, build_plan
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Organisation
from teilhabe.core.tenancy import across_municipalities, actor_for, municipality_scope
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success


@pytest.fixture(autouse=True)
def _across_synthetic_municipalities() -> Iterator[None]:
    """Two synthetic municipalities side by side (the benchmark's builder); the requests run in their own scope."""
    with across_municipalities():
        yield


def _round_over(data: PlanData) -> ReportingRound:
    """Adopt the plan, open a round over all its measures, answer and review some, send partner links."""
    edition = Edition.objects.get(pk=data.edition_id)
    with municipality_scope(edition.municipality):
        actor = actor_for(data.user, edition.municipality)
        plan_services.update_edition(actor=actor, edition=edition, expected_version=edition.version, values={
            "status": Edition.Status.ADOPTED, "adopted_on": dt.date(2024, 3, 14)})
        edition.refresh_from_db()
        round_ = services.open_round(actor=actor, edition=edition, title="Umsetzungsbericht", period_start=dt.date(
            2025, 1, 1), period_end=dt.date(2025, 12, 31), deadline=dt.date.today() + dt.timedelta(days=14))
        status = StatusOption.objects.filter(municipality=edition.municipality).first()
        answer = {"status": status, "progress": "Läuft.", "success": Success.SUCCESSFUL}
        reports = list(MeasureReport.objects.filter(round=round_).order_by("pk"))
        for index, report in enumerate(reports[: max(2, len(reports) // 2)]):
            # Koordination answers here on behalf of the office (as the answerer of unaddressed reports would)
            MeasureReport.addressed_org_units.through.objects.filter(measurereport=report).delete()
            MeasureReport.addressed_organisations.through.objects.filter(measurereport=report).delete()
            submitted = services.submit(by=actor, report=report, expected_version=report.version, values=answer)
            if index % 2:
                services.accept(actor=actor, report=submitted, expected_version=submitted.version)
        addressed = MeasureReport.addressed_organisations.through.objects.filter(measurereport__round=round_)
        for organisation in Organisation.objects.filter(pk__in=addressed.values("organisation_id")):
            services.create_partner_link(actor=actor, round_=round_, organisation=organisation)
        return round_


def count_queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_number_of_reports(db: Any, client_for: Any) -> None:
    small = build_plan(fields=1, goals_per_field=1, measures_per_goal=3, slug="klein")
    large = build_plan(fields=2, goals_per_field=5, measures_per_goal=4, slug="gross")
    assert (small.measures, large.measures) == (3, 40)
    counts: dict[str, list[int]] = {}
    for data in (small, large):
        round_ = _round_over(data)
        report = MeasureReport.objects.filter(round=round_).order_by("pk").first()
        assert report is not None
        client = client_for(data.user)
        kwargs = {"municipality": data.slug}
        paths = {
            "round_list": reverse("backoffice:round_list", kwargs=kwargs),
            "round_detail": reverse("backoffice:round_detail", kwargs={**kwargs, "pk": round_.pk}),
            "round_detail_filtered": reverse("backoffice:round_detail", kwargs={**kwargs, "pk": round_.pk})
            + "?stand=missing&feld=Handlungsfeld+1",
            "report_review": reverse("backoffice:report_review", kwargs={**kwargs, "pk": report.pk}),
            "round_create": reverse("backoffice:round_create", kwargs=kwargs),
        }
        for name, path in paths.items():
            counts.setdefault(name, []).append(count_queries(client, path))
    for name, (small_count, large_count) in counts.items():
        assert large_count <= small_count, f"{name}: {small_count} queries for 3 reports, {large_count} for 40"
        assert small_count <= 25, f"{name}: {small_count} queries"
