"""Fixtures of the implementation report's tests (a test module names this module in `pytest_plugins`): a
closed round over the small plan whose reports say what a council reads, preceded by an earlier closed round
to compare with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from teilhabe.core.models import Municipality, OrgUnit, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.plans.models import Edition, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success


def status(municipality: Municipality, label: str) -> StatusOption:
    return StatusOption.objects.get(municipality=municipality, label=label)


def answer_and_accept(coord: Actor, by: Actor, report: MeasureReport, **values: Any) -> MeasureReport:
    submitted = services.submit(by=by, report=report, expected_version=report.version, values=values)
    return services.accept(actor=coord, report=submitted, expected_version=submitted.version)


def close(coord: Actor, round_: ReportingRound) -> ReportingRound:
    round_.refresh_from_db()
    return services.close_round(actor=coord, round_=round_, expected_version=round_.version).round


@pytest.fixture
def schulamt(municipality: Municipality, other_amt: OrgUnit, make_member: Callable[..., User]) -> Actor:
    return actor_for(make_member(municipality, Role.FACHSTELLE, "schulamt", org_units=(other_amt,)), municipality)


@pytest.fixture
def earlier_round(municipality: Municipality, coord_actor: Actor, fach_actor: Actor, schulamt: Actor,
                  edition: Edition) -> ReportingRound:
    """"Umsetzungsbericht 2024", closed: Mama lernt Deutsch and Hausaufgabenhilfe in Umsetzung,
    Schulsozialarbeit geplant; Ausbildungspatenschaften not answered."""
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2024",
                                 period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                 deadline=dt.date(2025, 1, 31))
    reports = {r.title: r for r in MeasureReport.objects.filter(round=round_)}
    common = {"success": Success.NOT_YET, "success_reason": ""}
    answer_and_accept(coord_actor, fach_actor, reports["Mama lernt Deutsch"],
                      status=status(municipality, "in Umsetzung"), progress="Erster Kurs geplant.", **common)
    answer_and_accept(coord_actor, schulamt, reports["Hausaufgabenhilfe"],
                      status=status(municipality, "in Umsetzung"), progress="Zwei Gruppen.", **common)
    answer_and_accept(coord_actor, schulamt, reports["Schulsozialarbeit"],
                      status=status(municipality, "geplant"), progress="Stellen ausgeschrieben.", **common)
    return close(coord_actor, round_)


@pytest.fixture
def closed_round(municipality: Municipality, coord_actor: Actor, fach_actor: Actor, schulamt: Actor,
                 earlier_round: ReportingRound, edition: Edition) -> ReportingRound:
    """"Umsetzungsbericht 2025", closed: three reports accepted (two successful), one never answered."""
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2025",
                                 period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                 deadline=dt.date(2026, 1, 31))
    reports = {r.title: r for r in MeasureReport.objects.filter(round=round_)}
    mama = MeasureReport.objects.get(pk=reports["Mama lernt Deutsch"].pk)
    mama.indicators = ["Zahl der Teilnehmerinnen"]  # as if the measure had had an indicator at opening
    mama.save(update_fields=["indicators"])
    answer_and_accept(coord_actor, fach_actor, mama, status=status(municipality, "umgesetzt"),
                      progress="Drei Kurse mit 36 Müttern in zwei Stadtteilen.", success=Success.SUCCESSFUL,
                      indicator_values=[{"indicator": "Zahl der Teilnehmerinnen", "value": "36"}],
                      reached_total=36, reached_women=36, next_steps="Ein vierter Kurs im Herbst.")
    answer_and_accept(coord_actor, schulamt, reports["Hausaufgabenhilfe"],
                      status=status(municipality, "in Umsetzung"), progress="Drei Gruppen an zwei Schulen.",
                      success=Success.SUCCESSFUL, obstacles="Zu wenige Ehrenamtliche.")
    answer_and_accept(coord_actor, schulamt, reports["Schulsozialarbeit"], status=status(municipality, "geplant"),
                      progress="Stellen noch nicht besetzt.", success=Success.PARTLY,
                      success_reason="Die Finanzierung kam spät.")
    return close(coord_actor, round_)


@pytest.fixture
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Rendered documents land in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_measures(coord: Actor, edition: Edition, count: int) -> None:
    """More measures in the plan's first field, each with a lead (for rounds of different sizes)."""
    from teilhabe.plans import services as plan_services
    from teilhabe.plans.models import FieldOfAction, Measure

    field = FieldOfAction.objects.filter(edition=edition).order_by("position", "pk").first()
    lead = Measure.objects.filter(edition=edition, lead_org_unit__isnull=False).first()
    assert field is not None and lead is not None
    for n in range(count):
        plan_services.create_measure(actor=coord, edition=edition, values={
            "reference": f"9.{n}", "title": f"Zusätzliche Maßnahme {n}", "field": field,
            "lead_org_unit": lead.lead_org_unit})
