"""Shared fixtures of reporting rounds: an open round over the small plan (tests/conftest.py build_small_plan),
the Fachstelle's actor and an answer that is complete."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for
from teilhabe.plans.models import Edition, Measure, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success


@pytest.fixture
def fach_actor(municipality: Municipality, fachstelle: User) -> Actor:
    return actor_for(fachstelle, municipality)


@pytest.fixture
def reporting_round(coord_actor: Actor, edition: Edition) -> ReportingRound:
    """"Umsetzungsbericht 2026" over all four measures of the small plan, deadline in two weeks."""
    today = dt.date.today()
    return services.open_round(
        actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), deadline=today + dt.timedelta(days=14))


@pytest.fixture
def own_report(reporting_round: ReportingRound, own_measure: Measure) -> MeasureReport:
    """The report the Fachstelle's office (Amt für Chancengleichheit) owes on "Mama lernt Deutsch"."""
    return MeasureReport.objects.get(round=reporting_round, measure=own_measure)


@pytest.fixture
def foreign_report(reporting_round: ReportingRound, foreign_measure: Measure) -> MeasureReport:
    return MeasureReport.objects.get(round=reporting_round, measure=foreign_measure)


@pytest.fixture
def complete_answer(municipality: Municipality) -> Any:
    def make(**overrides: Any) -> dict[str, Any]:
        status = StatusOption.objects.get(municipality=municipality, label="in Umsetzung")
        return {"status": status, "progress": "Drei Kurse mit 36 Müttern in zwei Stadtteilen.",
                "success": Success.SUCCESSFUL, "success_reason": "", "obstacles": "", "next_steps": "",
                "reached_total": 36, "reached_women": 36, **overrides}

    return make
