"""Reminder mails of reporting rounds, received by a real SMTP server process: before the deadline to exactly
the offices that still owe reports, to late offices at most weekly, one mail per address with all its owed
reports, idempotent; the task and the cron command; recipients of a whole round in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.core.models import Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Actor, Role
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure
from teilhabe.reporting import notifications, services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound
from teilhabe.reporting.tasks import send_reminders_task

BASE = "https://teilhabe.example.de"


def _at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _to(message: EmailMessage) -> str:
    return str(message["To"])


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


@pytest.fixture
def schule(municipality: Municipality, make_member: Any, other_amt: OrgUnit) -> User:
    """A Fachstelle member of the Amt für Schule und Bildung (two reports of the small plan)."""
    return make_member(municipality, Role.FACHSTELLE, "schule", org_units=(other_amt,))


@pytest.fixture
def partner_link(coord_actor: Actor, reporting_round: ReportingRound, verein: Organisation) -> PartnerLink:
    return services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="info@verein.example.org")


def test_before_the_deadline_exactly_the_offices_that_owe_reports(
        smtp_server: Any, municipality: Municipality, reporting_round: ReportingRound, fach_actor: Actor,
        own_report: MeasureReport, schule: User, partner_link: PartnerLink, complete_answer: Any,
        lesend: User, koordination: User) -> None:
    # The Fachstelle is done; the Schulamt owes two reports, the Verein one (through its partner link).
    services.submit(by=fach_actor, report=own_report, expected_version=own_report.version, values=complete_answer())
    too_early = reporting_round.deadline - dt.timedelta(days=8)
    assert notifications.send_due_reminders(municipality, now=_at(too_early), base_url=BASE).mails == 0
    assert smtp_server.messages() == []

    result = notifications.send_due_reminders(municipality, now=_at(reporting_round.deadline - dt.timedelta(days=7)),
                                              base_url=BASE)
    assert (result.mails, result.failed, result.rounds_before) == (2, 0, [reporting_round.pk])
    messages = {_to(m): m for m in smtp_server.wait_for(2)}
    assert set(messages) == {"schule@example.org", "info@verein.example.org"}  # not fachstelle, lesend, koordination
    school = _body(messages["schule@example.org"])
    assert "Hausaufgabenhilfe" in school and "Schulsozialarbeit" in school  # one mail, both owed reports
    assert "Mama lernt Deutsch" not in school and "noch 7 Tage" in school
    assert f"{BASE}/heidelberg/intern/meine-massnahmen/" in school
    assert messages["schule@example.org"]["Subject"].strip().startswith("Erinnerung: Berichte bis")
    verein = _body(messages["info@verein.example.org"])
    assert "Ausbildungspatenschaften" in verein and f"{BASE}/heidelberg/mitwirken/{partner_link.token}/" in verein
    reporting_round.refresh_from_db()
    assert reporting_round.reminded_before_at is not None

    # Idempotent: the same day, the next day — nothing new.
    for day in (0, 1):
        again = notifications.send_due_reminders(
            municipality, now=_at(reporting_round.deadline - dt.timedelta(days=7 - day)), base_url=BASE)
        assert again.mails == 0
    assert len(smtp_server.messages()) == 2


def test_late_offices_are_reminded_weekly(smtp_server: Any, municipality: Municipality,
                                          reporting_round: ReportingRound, fach_actor: Actor, own_report: MeasureReport,
                                          schule: User, complete_answer: Any, coord_actor: Actor) -> None:
    services.submit(by=fach_actor, report=own_report, expected_version=own_report.version, values=complete_answer())
    deadline = reporting_round.deadline
    late = notifications.send_due_reminders(municipality, now=_at(deadline + dt.timedelta(days=1)), base_url=BASE)
    assert (late.mails, late.late_reports) == (1, 3)  # the Verein has no address; its report counts as reminded
    [message] = smtp_server.wait_for(1)
    assert _to(message) == "schule@example.org"
    assert message["Subject"].strip().startswith("Erinnerung: Berichte überfällig")
    assert "Frist ist am" in _body(message) and "Schulsozialarbeit" in _body(message)

    for days in (2, 5, 7):  # within the week: nothing
        assert notifications.send_due_reminders(
            municipality, now=_at(deadline + dt.timedelta(days=days)), base_url=BASE).mails == 0
    week = notifications.send_due_reminders(municipality, now=_at(deadline + dt.timedelta(days=8)), base_url=BASE)
    assert week.mails == 1
    assert notifications.send_due_reminders(municipality, now=_at(deadline + dt.timedelta(days=8), 9),
                                            base_url=BASE).mails == 0
    assert len(smtp_server.wait_for(2)) == 2

    # A closed round reminds nobody.
    reporting_round.refresh_from_db()
    services.close_round(actor=coord_actor, round_=reporting_round, expected_version=reporting_round.version)
    assert notifications.send_due_reminders(municipality, now=_at(deadline + dt.timedelta(days=30)),
                                            base_url=BASE).mails == 0


def test_members_of_parent_units_and_organisations_receive_it(
        municipality: Municipality, make_member: Any, coord_actor: Actor, edition: Edition, amt: OrgUnit,
        verein: Organisation, reporting_round: ReportingRound, own_report: MeasureReport) -> None:
    from tests.factories import OrgUnitFactory

    dezernat = OrgUnitFactory(municipality=municipality, name="Dezernat II")
    amt.parent = dezernat
    amt.save()
    make_member(municipality, Role.FACHSTELLE, "dezernent", org_units=(dezernat,))
    make_member(municipality, Role.FACHSTELLE, "vereinsmitglied", organisations=(verein,))
    make_member(municipality, Role.LESEND, "leser", org_units=(amt,))  # reads, does not answer
    without = make_member(municipality, Role.FACHSTELLE, "ohnemail", org_units=(amt,))
    without.email = ""
    without.save()
    gone = make_member(municipality, Role.FACHSTELLE, "ehemalig", org_units=(amt,))
    gone.is_active = False
    gone.save()
    make_member(municipality, Role.FACHSTELLE, "fachstelle", org_units=(amt,))
    assert notifications.recipients_for(own_report) == ["dezernent@example.org", "fachstelle@example.org"]
    verein_report = MeasureReport.objects.get(round=reporting_round, title="Ausbildungspatenschaften")
    assert notifications.recipients_for(verein_report) == ["vereinsmitglied@example.org"]
    link = services.create_partner_link(actor=coord_actor, round_=reporting_round, organisation=verein,
                                        email="Info@Verein.example.org")
    assert notifications.recipients_for(verein_report) == ["Info@Verein.example.org", "vereinsmitglied@example.org"]
    services.revoke_partner_link(actor=coord_actor, link=link)
    assert notifications.recipients_for(verein_report) == ["vereinsmitglied@example.org"]


def test_recipients_of_a_round_take_a_fixed_number_of_queries(
        municipality: Municipality, coord_actor: Actor, edition: Edition, amt: OrgUnit, other_amt: OrgUnit,
        verein: Organisation, make_member: Any) -> None:
    def open_round(title: str) -> list[MeasureReport]:
        round_ = services.open_round(actor=coord_actor, edition=edition, title=title,
                                     period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                     deadline=dt.date(2030, 1, 31))
        return list(round_.reports.all())

    make_member(municipality, Role.FACHSTELLE, "a", org_units=(amt,))
    small = open_round("klein")
    with CaptureQueriesContext(connection) as few:
        notifications.recipients_for(small)
    field = edition.fields.first()
    for n in range(20):
        unit = OrgUnit.objects.create(municipality=municipality, name=f"Amt {n}", parent=amt)
        make_member(municipality, Role.FACHSTELLE, f"m{n}", org_units=(unit,), organisations=(verein,))
        plan_services.create_measure(actor=coord_actor, edition=edition,
                                     values={"title": f"Maßnahme {n}", "field": field, "lead_org_unit": unit,
                                             "co_lead_organisations": [verein]})
    large = open_round("groß")
    with CaptureQueriesContext(connection) as many:
        found = notifications.recipients_for(large)
    assert len(found) == 21 and len(many) == len(few)
    assert Measure.objects.filter(edition=edition).count() == 24


def test_the_task_and_the_command_send_the_due_reminders(
        smtp_server: Any, municipality: Municipality, coord_actor: Actor, edition: Edition, fachstelle: User,
        run_tasks: Any, django_capture_on_commit_callbacks: Any) -> None:
    # Opening a round enqueues the task for the reminder moments (7 days before, the day after the deadline).
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.open_round(actor=coord_actor, edition=edition, title="Bald fällig",
                                     period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                     deadline=timezone.localdate() + dt.timedelta(days=10))
    from django_tasks_db.models import DBTaskResult

    queued = sorted(DBTaskResult.objects.values_list("run_after", flat=True))
    assert [timezone.localtime(q).date() for q in queued] == [round_.deadline - dt.timedelta(days=7),
                                                              round_.deadline + dt.timedelta(days=1)]
    assert run_tasks() == []  # not due yet
    # Changing the deadline enqueues again; a run now (the moment came) sends the reminder once.
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.update_round(actor=coord_actor, round_=round_, expected_version=round_.version,
                                       values={"deadline": timezone.localdate() + dt.timedelta(days=3)})
    assert DBTaskResult.objects.count() == 3  # 3 days before: the "before" moment has passed, only the late one
    send_reminders_task.enqueue(municipality.pk)
    ran = run_tasks()
    assert [r.return_value for r in ran] == [{"mails": 1, "failed": 0, "late_reports": 0}]
    assert [_to(m) for m in smtp_server.wait_for(1)] == ["fachstelle@example.org"]

    out = io.StringIO()
    call_command("send_reminders", "heidelberg", stdout=out)  # already reminded: nothing new
    call_command("send_reminders", stdout=out)
    assert len(smtp_server.messages()) == 1 and out.getvalue() == ""


def test_the_command_for_all_municipalities(smtp_server: Any, municipality: Municipality,
                                            reporting_round: ReportingRound, fachstelle: User) -> None:
    ReportingRound.objects.filter(pk=reporting_round.pk).update(deadline=timezone.localdate() + dt.timedelta(days=2))
    out = io.StringIO()
    call_command("send_reminders", "--base-url", BASE, stdout=out)
    assert "heidelberg: 1 E-Mail(s) gesendet" in out.getvalue()
    [message] = smtp_server.wait_for(1)
    assert f"{BASE}/heidelberg/intern/meine-massnahmen/" in _body(message)


def test_a_report_addressed_to_nobody_reminds_koordination(
        municipality: Municipality, coord_actor: Actor, edition: Edition, koordination: User, make_member: Any,
        reporting_round: ReportingRound) -> None:
    """A measure without a lead is answered by Koordination, so Koordination is reminded of it."""
    make_member(municipality, Role.LESEND, "leserin")
    field = edition.fields.first()
    plan_services.create_measure(actor=coord_actor, edition=edition, values={"title": "Ohne Federführung",
                                                                              "field": field})
    round_ = services.open_round(actor=coord_actor, edition=edition, title="Mit einer Maßnahme ohne Stelle",
                                 period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                 deadline=dt.date(2030, 1, 31))
    orphan = MeasureReport.objects.get(round=round_, title="Ohne Federführung")
    assert notifications.recipients_for(orphan) == ["koordination@example.org"]
    led = MeasureReport.objects.get(round=round_, title="Mama lernt Deutsch")
    assert "koordination@example.org" not in notifications.recipients_for(led)
