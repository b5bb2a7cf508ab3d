"""The chronicle's services: writing milestones by hand (dates, precision, links, hostile input), confirming and
dismissing, and what Teilhabe proposes from what happened in it — each source, once, and never again after a
dismissal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Body, Meeting, Milestone
from teilhabe.participation.selectors import chronicle as selectors
from teilhabe.participation.services import chronicle as services
from teilhabe.plans.models import Edition, Plan
from teilhabe.reporting import services as reporting_services
from teilhabe.reporting.models import ReportingRound

D = dt.date


def _meeting(municipality: Municipality, title: str, starts: dt.datetime, *, public: bool = True,
             state: str = Meeting.State.PLANNED, body: Body | None = None, hours: int = 3) -> Meeting:
    return Meeting.objects.create(municipality=municipality, title=title, kind=Meeting.Kind.FOCUS_GROUP_ROUND,
                                  starts_at=starts, ends_at=starts + dt.timedelta(hours=hours), is_public=public,
                                  state=state, body=body, place="Rathaus")


def _published_round(actor: Actor, edition: Edition) -> ReportingRound:
    round_ = reporting_services.open_round(actor=actor, edition=edition, title="Umsetzungsbericht 2025",
                                           period_start=D(2025, 1, 1), period_end=D(2025, 12, 31),
                                           deadline=D.today() + dt.timedelta(days=14))
    round_ = reporting_services.close_round(actor=actor, round_=round_, expected_version=round_.version).round
    return reporting_services.publish_round(actor=actor, round_=round_, expected_version=round_.version,
                                            publish=True)


# --- by hand ----------------------------------------------------------------------------------------------


def test_create_a_milestone_with_period_and_precision(municipality: Municipality, coord_actor: Actor) -> None:
    milestone = services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2008, 7, 15), "end_date": D(2008, 12, 3), "precision": Milestone.Precision.MONTH,
        "kind": Milestone.Kind.REPORT, "title": "Repräsentative Umfrage",
        "text": "Das Institut führt eine Umfrage durch.\n\nZweiter Absatz."})
    assert milestone.state == Milestone.State.PUBLISHED
    assert (milestone.date, milestone.end_date) == (D(2008, 7, 1), D(2008, 12, 1))  # as precise as said
    assert milestone.text == "<p>Das Institut führt eine Umfrage durch.</p><p>Zweiter Absatz.</p>"
    assert AuditEntry.objects.filter(object_type="participation.milestone", object_id=milestone.pk,
                                     action=AuditEntry.Action.CREATE).count() == 1
    shown = selectors.when(milestone)
    assert shown.text == "Juli bis Dezember 2008"
    assert (shown.start_value, shown.end_value) == ("2008-07", "2008-12")


@pytest.mark.parametrize(("start", "end", "precision", "text", "values"), [
    (D(2015, 3, 13), None, "day", "13. März 2015", ("2015-03-13", "")),
    (D(2014, 9, 24), D(2014, 9, 29), "day", "24. bis 29. September 2014", ("2014-09-24", "2014-09-29")),
    (D(2007, 12, 10), D(2008, 3, 5), "day", "10. Dezember 2007 bis 5. März 2008", ("2007-12-10", "2008-03-05")),
    (D(2013, 3, 1), D(2013, 11, 1), "month", "März bis November 2013", ("2013-03", "2013-11")),
    (D(2007, 12, 1), D(2008, 7, 1), "month", "Dezember 2007 bis Juli 2008", ("2007-12", "2008-07")),
    (D(2008, 1, 1), D(2009, 1, 1), "year", "2008 bis 2009", ("2008", "2009")),
    (D(2007, 5, 1), None, "month", "Mai 2007", ("2007-05", "")),
])
def test_dates_read_like_the_history_page(start: dt.date, end: dt.date | None, precision: str, text: str,
                                          values: tuple[str, str]) -> None:
    shown = selectors.when(Milestone(date=start, end_date=end, precision=precision))
    assert shown.text == text
    assert (shown.start_value, shown.end_value) == values


def test_end_before_start_is_refused(municipality: Municipality, coord_actor: Actor) -> None:
    with pytest.raises(ValidationError) as raised:
        services.create_milestone(actor=coord_actor, municipality=municipality, values={
            "date": D(2014, 9, 29), "end_date": D(2014, 9, 24), "title": "Zweite Fokusgruppenrunde"})
    assert raised.value.message_dict["end_date"] == ["Das Ende des Zeitraums liegt vor seinem Beginn."]
    assert not Milestone.objects.exists()


def test_end_before_start_on_update_is_refused(municipality: Municipality, coord_actor: Actor) -> None:
    milestone = services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2014, 9, 24), "end_date": D(2014, 9, 29), "title": "Zweite Fokusgruppenrunde"})
    with pytest.raises(ValidationError):
        services.update_milestone(actor=coord_actor, milestone=milestone, expected_version=milestone.version,
                                  values={"date": D(2014, 10, 1)})
    fresh = Milestone.objects.get(pk=milestone.pk)
    assert (fresh.date, fresh.version) == (D(2014, 9, 24), milestone.version)


def test_hostile_html(municipality: Municipality, coord_actor: Actor) -> None:
    with pytest.raises(ValidationError) as raised:
        services.create_milestone(actor=coord_actor, municipality=municipality, values={
            "date": D(2015, 3, 13), "title": "<script>alert(1)</script>Beitritt"})
    assert "title" in raised.value.message_dict
    assert not Milestone.objects.exists()
    milestone = services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2015, 3, 13), "title": "Beitritt zur ECCAR",
        "text": '<p onclick="x()">Festakt<script>alert(1)</script><img src=x onerror=alert(1)> im '
                '<a href="javascript:alert(1)">Rathaus</a></p><iframe src="https://evil.example"></iframe>'})
    assert "script" not in milestone.text and "onclick" not in milestone.text and "onerror" not in milestone.text
    assert "javascript" not in milestone.text and "iframe" not in milestone.text
    assert "Festakt" in milestone.text


def test_inaccessible_link_text_is_refused(municipality: Municipality, coord_actor: Actor) -> None:
    with pytest.raises(ValidationError) as raised:
        services.create_milestone(actor=coord_actor, municipality=municipality, values={
            "date": D(2015, 3, 13), "title": "Beitritt", "text": '<p><a href="https://eccar.info">hier</a></p>'})
    assert "text" in raised.value.message_dict


def test_forged_edition_of_another_municipality(municipality: Municipality, other_municipality: Municipality,
                                                coord_actor: Actor, foreign_user: User) -> None:
    from tests.conftest import build_small_plan
    from tests.factories import OrganisationFactory, OrgUnitFactory

    foreign_actor = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        other = OrgUnitFactory(municipality=other_municipality, name="Anderes Amt")
        verein = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    foreign_plan: Plan = build_small_plan(foreign_actor, other_municipality, amt, other, verein)
    with municipality_scope(other_municipality):
        foreign_edition = foreign_plan.editions.get()
    with pytest.raises(ValidationError) as raised:
        services.create_milestone(actor=coord_actor, municipality=municipality, values={
            "date": D(2011, 2, 10), "title": "Integrationsplan verabschiedet", "edition": foreign_edition})
    assert raised.value.message_dict["edition"] == ["Diese Verknüpfung gehört nicht zu Ihrer Kommune."]
    assert not Milestone.objects.exists()


def test_document_label_needs_its_address(municipality: Municipality, coord_actor: Actor) -> None:
    with pytest.raises(ValidationError) as raised:
        services.create_milestone(actor=coord_actor, municipality=municipality, values={
            "date": D(2017, 11, 20), "title": "Sitzungsvorlage", "document_label": "Vorlage (PDF)"})
    assert "document_url" in raised.value.message_dict


def test_only_koordination_writes(municipality: Municipality, fachstelle: User, lesend: User,
                                  moderator: User) -> None:
    for user in (fachstelle, lesend, moderator):
        with pytest.raises(NotAllowed):
            services.create_milestone(actor=actor_for(user, municipality), municipality=municipality,
                                      values={"date": D(2015, 3, 13), "title": "Beitritt"})
    assert not Milestone.objects.exists()


def test_delete_by_hand_and_proposed(municipality: Municipality, coord_actor: Actor, edition: Edition) -> None:
    hand = services.create_milestone(actor=coord_actor, municipality=municipality,
                                     values={"date": D(2015, 3, 13), "title": "Beitritt"})
    services.delete_milestone(actor=coord_actor, milestone=hand, expected_version=hand.version)
    assert not Milestone.objects.filter(pk=hand.pk).exists()
    [proposed] = services.propose_milestones(municipality)
    services.delete_milestone(actor=coord_actor, milestone=proposed, expected_version=proposed.version)
    assert Milestone.objects.get(pk=proposed.pk).state == Milestone.State.DISMISSED  # kept, so not proposed again
    assert services.propose_milestones(municipality) == []


# --- proposals ------------------------------------------------------------------------------------------------


def test_an_adopted_edition_is_proposed(municipality: Municipality, edition: Edition) -> None:
    [proposed] = services.propose_milestones(municipality)
    assert proposed.state == Milestone.State.PROPOSED
    assert proposed.source_key == f"edition:{edition.pk}:adopted"
    assert (proposed.date, proposed.kind, proposed.edition) == (D(2024, 3, 14), Milestone.Kind.PLAN, edition)
    assert proposed.title == "„Kommunaler Integrationsplan“ beschlossen"
    assert "wird beschlossen" in proposed.text
    entry = AuditEntry.objects.get(object_type="participation.milestone", object_id=proposed.pk,
                                   action=AuditEntry.Action.CREATE)
    assert entry.actor_id is None  # Teilhabe itself
    assert not selectors.timeline(municipality)  # a proposal is not public


def test_a_draft_edition_is_not_proposed(municipality: Municipality, coord_actor: Actor) -> None:
    from teilhabe.plans import services as plan_services

    plan_services.create_plan(actor=coord_actor, municipality=municipality, title="Entwurf")
    assert services.propose_milestones(municipality) == []


def test_a_published_round_is_proposed(municipality: Municipality, coord_actor: Actor, edition: Edition) -> None:
    round_ = _published_round(coord_actor, edition)
    proposed = {m.source_key: m for m in services.propose_milestones(municipality)}
    milestone = proposed[f"round:{round_.pk}:published"]
    assert milestone.reporting_round == round_ and milestone.kind == Milestone.Kind.REPORT
    assert milestone.date == timezone.localdate(round_.published_at)
    assert milestone.title == "Umsetzungsbericht veröffentlicht: Umsetzungsbericht 2025"
    assert "1. Januar 2025 bis 31. Dezember 2025" in milestone.text


def test_a_closed_unpublished_round_is_not_proposed(municipality: Municipality, coord_actor: Actor,
                                                    edition: Edition) -> None:
    round_ = reporting_services.open_round(actor=coord_actor, edition=edition, title="Runde",
                                           period_start=D(2025, 1, 1), period_end=D(2025, 12, 31),
                                           deadline=D.today() + dt.timedelta(days=14))
    reporting_services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version)
    keys = {m.source_key for m in services.propose_milestones(municipality)}
    assert not any(k.startswith("round:") for k in keys)


def test_public_meetings_held_are_proposed(municipality: Municipality, body: Body) -> None:
    now = timezone.now()
    past = _meeting(municipality, "Erste Fokusgruppenrunde", now - dt.timedelta(days=30), body=body)
    held = _meeting(municipality, "Heute gehalten", now - dt.timedelta(hours=1), state=Meeting.State.HELD,
                    hours=3)
    _meeting(municipality, "Nicht öffentlich", now - dt.timedelta(days=30), public=False)
    _meeting(municipality, "Abgesagt", now - dt.timedelta(days=30), state=Meeting.State.CANCELLED)
    _meeting(municipality, "Kommt noch", now + dt.timedelta(days=30))
    two_days = _meeting(municipality, "Zweite Fokusgruppenrunde", timezone.make_aware(dt.datetime(2014, 9, 24, 9)),
                        hours=24 * 5)
    proposed = {m.source_key: m for m in services.propose_milestones(municipality)}
    assert set(proposed) == {f"meeting:{m.pk}:held" for m in (past, held, two_days)}
    first = proposed[f"meeting:{past.pk}:held"]
    assert (first.title, first.kind, first.meeting) == ("Erste Fokusgruppenrunde", Milestone.Kind.PARTICIPATION,
                                                        past)
    assert first.text == "<p>Fokusgruppenrunde von „AG Bildung“ (Rathaus), öffentlich.</p>"
    period = proposed[f"meeting:{two_days.pk}:held"]
    assert (period.date, period.end_date) == (D(2014, 9, 24), D(2014, 9, 29))


def test_nothing_is_proposed_twice_and_dismissed_stays_dismissed(municipality: Municipality, coord_actor: Actor,
                                                                  edition: Edition) -> None:
    _meeting(municipality, "Bürgerforum", timezone.now() - dt.timedelta(days=3))
    first = services.propose_milestones(municipality)
    assert len(first) == 2
    assert services.propose_milestones(municipality) == []
    meeting_milestone = next(m for m in first if m.meeting_id)
    services.dismiss_milestone(actor=coord_actor, milestone=meeting_milestone,
                               expected_version=meeting_milestone.version)
    assert services.propose_milestones(municipality) == []
    assert Milestone.objects.filter(state=Milestone.State.DISMISSED).count() == 1
    assert Milestone.objects.count() == 2


def test_what_the_chronicle_tells_already_is_not_proposed(municipality: Municipality, coord_actor: Actor,
                                                          edition: Edition) -> None:
    meeting = _meeting(municipality, "Auftaktveranstaltung", timezone.now() - dt.timedelta(days=3))
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2024, 3, 14), "title": "Integrationsplan einstimmig verabschiedet", "edition": edition,
        "kind": Milestone.Kind.COUNCIL_DECISION})
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": timezone.localdate(meeting.starts_at), "title": "Auftakt", "meeting": meeting})
    assert services.propose_milestones(municipality) == []


def test_confirm_and_dismiss(municipality: Municipality, coord_actor: Actor, edition: Edition) -> None:
    [proposed] = services.propose_milestones(municipality)
    confirmed = services.confirm_milestone(actor=coord_actor, milestone=proposed, expected_version=proposed.version)
    assert confirmed.state == Milestone.State.PUBLISHED
    assert [m for _, ms in selectors.timeline(municipality) for m in ms] == [confirmed]
    with pytest.raises(ServiceError):
        services.confirm_milestone(actor=coord_actor, milestone=confirmed, expected_version=confirmed.version)
    with pytest.raises(ServiceError):
        services.dismiss_milestone(actor=coord_actor, milestone=confirmed, expected_version=confirmed.version)


def test_proposals_cost_a_fixed_number_of_queries(municipality: Municipality, coord_actor: Actor,
                                                  edition: Edition) -> None:
    for i in range(30):
        _meeting(municipality, f"Sitzung {i}", timezone.now() - dt.timedelta(days=i + 1))
    assert len(services.propose_milestones(municipality)) == 31
    with CaptureQueriesContext(connection) as queries:
        assert services.propose_milestones(municipality) == []
    assert len(queries) == 4


def test_ordering_newest_first_grouped_by_year(municipality: Municipality, coord_actor: Actor) -> None:
    def make(day: dt.date, title: str, **extra: object) -> Milestone:
        return services.create_milestone(actor=coord_actor, municipality=municipality,
                                         values={"date": day, "title": title, **extra})

    a = make(D(2014, 7, 23), "Erste Fokusgruppenrunde")
    b = make(D(2015, 3, 13), "Beitritt")
    c = make(D(2014, 9, 24), "Zweite Fokusgruppenrunde", end_date=D(2014, 9, 29))
    d = make(D(2014, 1, 1), "Das Jahr 2014", precision=Milestone.Precision.YEAR)
    years = selectors.timeline(municipality)
    assert [(year, [m.title for m in items]) for year, items in years] == [
        (2015, [b.title]), (2014, [c.title, a.title, d.title])]


def test_propose_task_runs_for_every_municipality(municipality: Municipality, edition: Edition,
                                                  other_municipality: Municipality) -> None:
    from teilhabe.participation.tasks_chronicle import propose_all

    assert propose_all() == 1
    assert propose_all() == 0


def test_command_and_periodic_schedule(municipality: Municipality, edition: Edition) -> None:
    import io

    from django.core.management import call_command

    from teilhabe.participation import tasks_chronicle

    out = io.StringIO()
    call_command("propose_milestones", "heidelberg", stdout=out)
    assert "1 Meilensteine vorgeschlagen." in out.getvalue()
    assert tasks_chronicle.schedule_next() is True
    assert tasks_chronicle.schedule_next() is False  # one run planned is enough
