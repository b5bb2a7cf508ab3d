"""The REST API of reporting rounds: rounds with progress, reports for review (no draft's answer), an office's
inbox and answer (draft, submit), review (accept, return) — per role, for a foreign municipality, with
conflicts, bad input and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans.models import Edition, Measure, StatusOption
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound, Success
from tests.api.conftest import Api, api_path
from tests.conftest import build_small_plan


@pytest.fixture
def round_(coord_actor: Actor, edition: Edition) -> ReportingRound:
    return services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                               period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                               deadline=dt.date.today() + dt.timedelta(days=14))


@pytest.fixture
def mine(round_: ReportingRound, own_measure: Measure) -> MeasureReport:
    return MeasureReport.objects.get(round=round_, measure=own_measure)


@pytest.fixture
def theirs(round_: ReportingRound, foreign_measure: Measure) -> MeasureReport:
    return MeasureReport.objects.get(round=round_, measure=foreign_measure)


@pytest.fixture
def fach_actor(municipality: Municipality, fachstelle: User) -> Actor:
    return actor_for(fachstelle, municipality)


def _answer(municipality: Municipality, **overrides: Any) -> dict[str, Any]:
    status = StatusOption.objects.get(municipality=municipality, label="in Umsetzung")
    return {"status": status, "progress": "Drei Kurse mit 36 Müttern.", "success": Success.SUCCESSFUL,
            "reached_total": 36, "reached_women": 36, **overrides}


def _submitted(report: MeasureReport, by: Actor, municipality: Municipality) -> MeasureReport:
    return services.submit(by=by, report=report, expected_version=report.version, values=_answer(municipality))


def _put(api: Api, report: MeasureReport, body: dict[str, Any]) -> Any:
    return api.send("put", api_path(f"reporting/reports/{report.pk}/answer"), body)


# --- rounds ---------------------------------------------------------------------------------------------------


def test_rounds_with_progress_for_koordination_and_lesend(api_for: Callable[..., Api], koordination: User,
                                                           lesend: User, mine: MeasureReport, fach_actor: Actor,
                                                           municipality: Municipality) -> None:
    _submitted(mine, fach_actor, municipality)
    for user in (koordination, lesend):
        response = api_for(user).get(api_path("reporting/rounds"))
        assert response.status_code == 200, response.content
        [item] = response.json()
        assert item["title"] == "Umsetzungsbericht 2026" and item["state"] == "open"
        assert {k: item["progress"][k] for k in ("total", "submitted", "missing", "late", "percent_in")} == {
            "total": 4, "submitted": 1, "missing": 3, "late": 0, "percent_in": 25}


def test_round_detail_with_progress_per_office_and_field(api_for: Callable[..., Api], koordination: User,
                                                          round_: ReportingRound, amt: OrgUnit) -> None:
    response = api_for(koordination).get(api_path(f"reporting/rounds/{round_.pk}"))
    assert response.status_code == 200, response.content
    body = response.json()
    offices = {o["name"]: o["progress"]["total"] for o in body["by_office"]}
    assert offices[amt.name] == 1 and offices["Interkultureller Verein"] == 1
    assert [f["name"] for f in body["by_field"]] == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]


@pytest.mark.parametrize("path", ["reporting/rounds", "reporting/rounds/{round}", "reporting/rounds/{round}/reports"])
def test_rounds_by_role(api_for: Callable[..., Api], path: str, round_: ReportingRound, fachstelle: User,
                        foreign_user: User) -> None:
    url = api_path(path.format(round=round_.pk))
    assert api_for(fachstelle).get(url).status_code == 403  # the Fachstelle sees its own reports, not rounds
    assert api_for(None).get(url).status_code == 401
    assert api_for(foreign_user).get(url).status_code == 404


def test_foreign_round_and_report_are_404(api_for: Callable[..., Api], koordination: User, fachstelle: User,
                                          other_municipality: Municipality, foreign_user: User) -> None:
    with municipality_scope(other_municipality):
        from tests.factories import OrganisationFactory, OrgUnitFactory

        unit = OrgUnitFactory(municipality=other_municipality, name="Fachbereich Bildung")
        other_unit = OrgUnitFactory(municipality=other_municipality, name="Fachbereich Soziales")
        verein = OrganisationFactory(municipality=other_municipality, name="Verein Herdecke")
        actor = actor_for(foreign_user, other_municipality)
        plan = build_small_plan(actor, other_municipality, unit, other_unit, verein)
        foreign_round = services.open_round(actor=actor, edition=plan.editions.get(), title="Fremd",
                                            period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                            deadline=dt.date(2026, 12, 31))
        foreign_report = foreign_round.reports.first()
        assert foreign_report is not None
    koord = api_for(koordination)
    assert koord.get(api_path(f"reporting/rounds/{foreign_round.pk}")).status_code == 404
    assert koord.get(api_path(f"reporting/rounds/{foreign_round.pk}/reports")).status_code == 404
    assert koord.post(api_path(f"reporting/reports/{foreign_report.pk}/accept"), {"version": 1}).status_code == 404
    assert api_for(fachstelle).get(api_path(f"reporting/reports/{foreign_report.pk}/answer")).status_code == 404


def test_a_drafts_answer_is_never_in_the_review_list(api_for: Callable[..., Api], lesend: User, mine: MeasureReport,
                                                     theirs: MeasureReport, fach_actor: Actor, make_member: Any,
                                                     municipality: Municipality, other_amt: OrgUnit) -> None:
    services.save_draft(by=fach_actor, report=mine, expected_version=mine.version,
                        values={"progress": "Geheimer Entwurf"})
    schule = actor_for(make_member(municipality, Role.FACHSTELLE, "schule", org_units=(other_amt,)), municipality)
    _submitted(theirs, schule, municipality)
    response = api_for(lesend).get(api_path(f"reporting/rounds/{mine.round_id}/reports"))
    assert response.status_code == 200, response.content
    by_title = {r["title"]: r for r in response.json()}
    assert by_title["Mama lernt Deutsch"]["state"] == "draft"
    assert by_title["Mama lernt Deutsch"]["answer"] is None
    assert "Geheimer Entwurf" not in response.content.decode()
    assert by_title["Schulsozialarbeit"]["answer"]["progress"] == "Drei Kurse mit 36 Müttern."
    assert by_title["Schulsozialarbeit"]["answer"]["status"]["label"] == "in Umsetzung"
    assert by_title["Schulsozialarbeit"]["addressed_org_units"] == [{"id": other_amt.pk, "name": other_amt.name}]
    only = api_for(lesend).get(api_path(f"reporting/rounds/{mine.round_id}/reports"), state="missing").json()
    assert [r["title"] for r in only] == ["Mama lernt Deutsch", "Hausaufgabenhilfe", "Ausbildungspatenschaften"]
    assert api_for(lesend).get(api_path(f"reporting/rounds/{mine.round_id}/reports"),
                               state="fertig").status_code == 422


# --- answering ------------------------------------------------------------------------------------------------


def test_inbox_lists_the_callers_reports(api_for: Callable[..., Api], fachstelle: User, lesend: User,
                                         mine: MeasureReport) -> None:
    response = api_for(fachstelle).get(api_path("reporting/inbox"))
    assert response.status_code == 200, response.content
    assert [(r["id"], r["title"], r["state"], r["is_late"]) for r in response.json()] == [
        (mine.pk, "Mama lernt Deutsch", "pending", False)]
    assert api_for(lesend).get(api_path("reporting/inbox")).status_code == 403


def test_office_saves_a_draft_and_submits(api_for: Callable[..., Api], fachstelle: User, mine: MeasureReport,
                                          municipality: Municipality) -> None:
    api = api_for(fachstelle)
    got = api.get(api_path(f"reporting/reports/{mine.pk}/answer"))
    assert got.status_code == 200, got.content
    assert got.json()["editable"] is True and got.json()["answer"]["progress"] == ""
    status = StatusOption.objects.get(municipality=municipality, label="in Umsetzung")
    assert {s["label"] for s in got.json()["status_options"]} >= {"in Umsetzung", "geplant"}
    saved = _put(api, mine, {"version": mine.version, "progress": "Erste Kurse laufen.", "status_id": status.pk})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["state"], saved.json()["answer"]["progress"]) == ("draft", "Erste Kurse laufen.")
    version = saved.json()["version"]
    incomplete = api.post(api_path(f"reporting/reports/{mine.pk}/submit"), {"version": version})
    assert incomplete.status_code == 422
    assert "success" in incomplete.json()["detail"]
    mine.refresh_from_db()
    assert (mine.state, mine.version) == (MeasureReport.State.DRAFT, version)
    saved = _put(api, mine, {"version": version, "progress": "Drei Kurse.", "status_id": status.pk,
                             "success": "partly", "success_reason": "Ein Kurs fiel aus.", "reached_total": 30})
    submitted = api.post(api_path(f"reporting/reports/{mine.pk}/submit"), {"version": saved.json()["version"]})
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["state"], submitted.json()["editable"]) == ("submitted", False)
    assert submitted.json()["answer"]["success_label"] == "teilweise erfolgreich"
    again = _put(api, mine, {"version": submitted.json()["version"], "progress": "Nachtrag"})
    assert again.status_code == 400  # handed in: nothing to change until returned


def test_answer_conflict_bad_input_and_other_offices(api_for: Callable[..., Api], fachstelle: User,
                                                     koordination: User, lesend: User, mine: MeasureReport,
                                                     theirs: MeasureReport,
                                                     other_municipality: Municipality) -> None:
    api = api_for(fachstelle)
    first = _put(api, mine, {"version": mine.version, "progress": "A"})
    assert first.status_code == 200
    stale = _put(api, mine, {"version": mine.version, "progress": "B"})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == first.json()["version"]
    unknown_status = _put(api, mine, {"version": first.json()["version"], "status_id": 999_999})
    assert unknown_status.status_code == 422 and "status_id" in unknown_status.json()["detail"]
    markup = _put(api, mine, {"version": first.json()["version"], "progress": "<script>x</script>"})
    assert markup.status_code == 422 and isinstance(markup.json()["detail"], list)
    wrong_indicator = _put(api, mine, {"version": first.json()["version"],
                                       "indicator_values": [{"indicator": "Erfunden", "value": "3"}]})
    assert wrong_indicator.status_code == 422 and "indicator_values" in wrong_indicator.json()["detail"]
    negative = _put(api, mine, {"version": first.json()["version"], "reached_total": -1})
    assert negative.status_code == 422
    mine.refresh_from_db()
    assert (mine.progress, mine.version) == ("A", first.json()["version"])
    # Nobody else sees or writes the office's draft: another office, Koordination, Lesend.
    assert api.get(api_path(f"reporting/reports/{theirs.pk}/answer")).status_code == 403
    assert _put(api, theirs, {"version": theirs.version, "progress": "fremd"}).status_code == 403
    for user in (koordination, lesend):
        assert api_for(user).get(api_path(f"reporting/reports/{mine.pk}/answer")).status_code == 403
        assert _put(api_for(user), mine, {"version": mine.version, "progress": "X"}).status_code == 403
    assert api_for(None).get(api_path(f"reporting/reports/{mine.pk}/answer")).status_code == 401
    theirs.refresh_from_db()
    assert (theirs.state, theirs.progress) == (MeasureReport.State.PENDING, "")


# --- review ---------------------------------------------------------------------------------------------------


def test_koordination_returns_and_accepts(api_for: Callable[..., Api], koordination: User, fachstelle: User,
                                          mine: MeasureReport, fach_actor: Actor, municipality: Municipality,
                                          django_capture_on_commit_callbacks: Any) -> None:
    submitted = _submitted(mine, fach_actor, municipality)
    url = api_path(f"reporting/reports/{mine.pk}/return")
    assert api_for(fachstelle).post(url, {"version": submitted.version, "comment": "Mehr"}).status_code == 403
    blank = api_for(koordination).post(url, {"version": submitted.version, "comment": "   "})
    assert blank.status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        returned = api_for(koordination).post(url, {"version": submitted.version,
                                                    "comment": "Bitte die Zahl der Kurse ergänzen."})
    assert returned.status_code == 200, returned.content
    assert (returned.json()["state"], returned.json()["answer"]) == ("returned", None)
    assert [m.to for m in mail.outbox] == [["fachstelle@example.org"]]
    assert "Bitte die Zahl der Kurse ergänzen." in mail.outbox[0].body
    accept_url = api_path(f"reporting/reports/{mine.pk}/accept")
    assert api_for(koordination).post(accept_url, {"version": returned.json()["version"]}).status_code == 400
    resubmitted = _submitted(MeasureReport.objects.get(pk=mine.pk), fach_actor, municipality)
    stale = api_for(koordination).post(accept_url, {"version": submitted.version})
    assert stale.status_code == 409
    accepted = api_for(koordination).post(accept_url, {"version": resubmitted.version})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "accepted" and accepted.json()["answer"]["status"]["label"] == "in Umsetzung"


# --- query counts ---------------------------------------------------------------------------------------------


def _queries(api: Api, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_data(api_for: Callable[..., Api], koordination: User, fachstelle: User,
                                           coord_actor: Actor, edition: Edition, round_: ReportingRound,
                                           amt: OrgUnit, verein: Organisation, municipality: Municipality) -> None:
    koord, fach = api_for(koordination), api_for(fachstelle)

    def paths(round_id: int) -> dict[str, str]:
        return {"rounds": api_path("reporting/rounds"), "reports": api_path(f"reporting/rounds/{round_id}/reports"),
                "round": api_path(f"reporting/rounds/{round_id}")}

    small = {name: _queries(koord, path) for name, path in paths(round_.pk).items()}
    small_inbox = _queries(fach, api_path("reporting/inbox"))
    # More measures led by the Fachstelle's office, more rounds over them, some answers handed in.
    from teilhabe.plans import services as plan_services

    field = edition.fields.first()
    assert field is not None
    for n in range(12):
        plan_services.create_measure(actor=coord_actor, edition=edition,
                                     values={"title": f"Maßnahme {n}", "field": field, "lead_org_unit": amt})
    rounds = [services.open_round(actor=coord_actor, edition=edition, title=f"Runde {n}",
                                  period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                  deadline=dt.date(2025, 1, 31)) for n in range(3)]
    for report in MeasureReport.objects.filter(round=rounds[0], addressed_org_units=amt)[:5]:
        _submitted(report, actor_for(fachstelle, municipality), municipality)
    large = {name: _queries(koord, path) for name, path in paths(rounds[0].pk).items()}
    assert large == small
    assert _queries(fach, api_path("reporting/inbox")) == small_inbox
    assert len(fach.get(api_path("reporting/inbox")).json()) > 30
