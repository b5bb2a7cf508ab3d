"""Bodies, members and meetings through the services: the rules, the guard, the trail and the news."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Attendance, Body, BodyMember, Decision, Meeting, News
from teilhabe.participation.selectors import meetings as meeting_selectors
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as services
from teilhabe.plans.models import Edition, FieldOfAction

START = timezone.make_aware(dt.datetime(2027, 5, 4, 17, 0))


def _meeting_values(**extra: object) -> dict[str, object]:
    return {"title": "Fokusgruppenrunde 1", "kind": Meeting.Kind.FOCUS_GROUP_ROUND, "starts_at": START,
            "ends_at": START + dt.timedelta(hours=3), "place": "Rathaus", "is_public": True, **extra}


# --- bodies -------------------------------------------------------------------------------------------------


def test_koordination_creates_a_body_with_fields_and_sanitised_purpose(
        coord_actor: Actor, municipality: Municipality, edition: Edition) -> None:
    fields = list(FieldOfAction.objects.filter(edition=edition)[:2])
    body = body_services.create_body(actor=coord_actor, municipality=municipality, values={
        "name": "Fokusgruppe Bildung", "kind": Body.Kind.FOCUS_GROUP, "fields_of_action": fields,
        "purpose": "<p>Ziele <script>alert(1)</script>benennen</p>", "active_from": dt.date(2014, 1, 1)})
    assert set(body.fields_of_action.all()) == set(fields)
    assert "<script" not in body.purpose and "alert" not in body.purpose
    assert AuditEntry.objects.filter(object_id=str(body.pk), action=AuditEntry.Action.CREATE).exists()


def test_a_body_ending_before_it_began_is_refused(coord_actor: Actor, municipality: Municipality) -> None:
    with pytest.raises(ValidationError, match="Ende"):
        body_services.create_body(actor=coord_actor, municipality=municipality, values={
            "name": "AG X", "active_from": dt.date(2020, 1, 1), "active_until": dt.date(2019, 1, 1)})
    assert not Body.objects.filter(name="AG X").exists()


def test_moderation_cannot_manage_bodies(municipality: Municipality, moderator: User, body: Body) -> None:
    actor = actor_for(moderator, municipality)
    with pytest.raises(NotAllowed):
        body_services.create_body(actor=actor, municipality=municipality, values={"name": "AG Y"})
    with pytest.raises(NotAllowed):
        body_services.update_body(actor=actor, body=body, expected_version=body.version, values={"name": "Z"})


def test_members_with_account_or_name_function_and_end(
        coord_actor: Actor, municipality: Municipality, other_body: Body, koordination: User,
        verein: Organisation) -> None:
    with_account = body_services.add_member(actor=coord_actor, body=other_body, values={
        "user": koordination, "function": BodyMember.Function.CHAIR})
    named = body_services.add_member(actor=coord_actor, body=other_body, values={
        "name": "Yusuf Kaya", "organisation": verein, "function": BodyMember.Function.CONTACT})
    assert named.affiliation == verein.name
    with pytest.raises(ValidationError, match="schon Mitglied"):
        body_services.add_member(actor=coord_actor, body=other_body, values={"user": koordination})
    with pytest.raises(ValidationError, match="Konto oder"):
        body_services.add_member(actor=coord_actor, body=other_body, values={"function": "member"})
    ended = body_services.end_membership(actor=coord_actor, member=named, expected_version=named.version,
                                         on=dt.date(2027, 1, 31))
    assert ended.active_until == dt.date(2027, 1, 31)
    body_services.remove_member(actor=coord_actor, member=with_account, expected_version=with_account.version)
    assert list(other_body.members.all()) == [ended]


def test_a_member_from_another_municipality_is_refused(
        coord_actor: Actor, other_body: Body, foreign_user: User) -> None:
    with pytest.raises(ValidationError, match="Kommune"):
        body_services.add_member(actor=coord_actor, body=other_body, values={"user": foreign_user})
    assert not other_body.members.exists()


def test_a_body_with_meetings_is_not_deleted(coord_actor: Actor, body: Body, meeting: Meeting,
                                            other_body: Body) -> None:
    with pytest.raises(ServiceError, match="Sitzungen"):
        body_services.delete_body(actor=coord_actor, body=body, expected_version=body.version)
    body_services.delete_body(actor=coord_actor, body=other_body, expected_version=other_body.version)
    assert not Body.objects.filter(pk=other_body.pk).exists()


def test_a_stale_body_edit_is_a_conflict(coord_actor: Actor, other_body: Body) -> None:
    body_services.update_body(actor=coord_actor, body=other_body, expected_version=1, values={"name": "AG A"})
    with pytest.raises(ConcurrentEdit):
        body_services.update_body(actor=coord_actor, body=other_body, expected_version=1, values={"name": "AG B"})
    assert Body.objects.get(pk=other_body.pk).name == "AG A"


# --- meetings -----------------------------------------------------------------------------------------------


def test_a_public_meeting_is_news(coord_actor: Actor, municipality: Municipality, body: Body) -> None:
    meeting = services.create_meeting(actor=coord_actor, municipality=municipality,
                                      values=_meeting_values(body=body))
    news = News.objects.get(meeting=meeting)
    assert news.kind == News.Kind.MEETING and news.body == body
    assert news.url == f"/heidelberg/beteiligung/sitzungen/{meeting.pk}/"


def test_a_moderator_plans_only_for_their_own_bodies(
        municipality: Municipality, moderator: User, body: Body, other_body: Body) -> None:
    actor = actor_for(moderator, municipality)
    with municipality_scope(municipality):
        body = Body.objects.prefetch_related("members").get(pk=body.pk)
        meeting = services.create_meeting(actor=actor, municipality=municipality, values=_meeting_values(body=body))
        assert meeting.body == body
        with pytest.raises(NotAllowed):
            services.create_meeting(actor=actor, municipality=municipality, values=_meeting_values(body=other_body))
        with pytest.raises(ValidationError, match="Gremien"):
            services.create_meeting(actor=actor, municipality=municipality, values=_meeting_values())
        with pytest.raises(NotAllowed):
            services.update_meeting(actor=actor, meeting=meeting, expected_version=meeting.version,
                                    values={"body": other_body})
    assert Meeting.objects.count() == 1


def test_a_body_member_cannot_run_meetings(municipality: Municipality, gremium_member: User,
                                           meeting: Meeting) -> None:
    actor = actor_for(gremium_member, municipality)
    with pytest.raises(NotAllowed):
        services.write_minutes(actor=actor, meeting=meeting, expected_version=meeting.version, minutes="x")


def test_ending_before_start_is_refused(coord_actor: Actor, municipality: Municipality) -> None:
    with pytest.raises(ValidationError, match="Ende"):
        services.create_meeting(actor=coord_actor, municipality=municipality,
                                values=_meeting_values(ends_at=START - dt.timedelta(hours=1)))
    assert not Meeting.objects.exists()


def test_cancel_and_held(coord_actor: Actor, meeting: Meeting) -> None:
    with pytest.raises(ServiceError, match="noch nicht begonnen"):
        services.mark_held(actor=coord_actor, meeting=meeting, expected_version=meeting.version)
    cancelled = services.cancel_meeting(actor=coord_actor, meeting=meeting, expected_version=meeting.version)
    assert cancelled.state == Meeting.State.CANCELLED
    with pytest.raises(ServiceError, match="abgesagt"):
        services.update_meeting(actor=coord_actor, meeting=cancelled, expected_version=cancelled.version,
                                values={"title": "Neu"})


def test_parallel_sessions_in_bulk_focus_groups_and_world_cafe(coord_actor: Actor, meeting: Meeting) -> None:
    groups = ["Bildung", "Alltagsdiskriminierung", "Personalentwicklung", "Zugewanderten- und Frauenökonomie"]
    sessions = services.create_sessions(actor=coord_actor, meeting=meeting, titles=groups)
    assert [s.title for s in sessions] == groups and {s.round for s in sessions} == {1}
    cafe = services.create_sessions(actor=coord_actor, meeting=meeting, titles=["Tisch A", "Tisch B", "Tisch C"],
                                    rounds=3, tables=["1", "2", "3"])
    assert len(cafe) == 9
    detail = meeting_selectors.meeting_detail(meeting.municipality, meeting.pk, coord_actor)
    rounds = meeting_selectors.sessions_by_round(detail)
    assert [r.number for r in rounds] == [1, 2, 3] and len(rounds[0].sessions) == 7
    with pytest.raises(ValidationError):
        services.create_sessions(actor=coord_actor, meeting=meeting, titles=["x"], rounds=0)
    with pytest.raises(ServiceError, match="höchstens"):
        services.create_sessions(actor=coord_actor, meeting=meeting, titles=[f"T{i}" for i in range(100)], rounds=2)
    assert meeting.sessions.count() == 13


# --- attendance ---------------------------------------------------------------------------------------------


def test_attendance_counts_and_parts_beyond_the_total_are_refused(coord_actor: Actor, meeting: Meeting) -> None:
    row = services.record_attendance(actor=coord_actor, meeting=meeting, values={
        "total": 30, "women": 17, "men": 12, "from_administration": 8, "from_migrant_organisations": 10})
    assert row.total == 30 and row.diverse == 0
    with pytest.raises(ValidationError, match="mehr als die 20 Teilnehmenden"):
        services.record_attendance(actor=coord_actor, meeting=meeting, expected_version=row.version,
                                   values={"total": 20, "women": 17, "men": 12})
    with pytest.raises(ValidationError, match="Art der Organisation"):
        services.record_attendance(actor=coord_actor, meeting=meeting, expected_version=row.version,
                                   values={"total": 20, "citizens": 15, "from_politics": 6})
    with pytest.raises(ValidationError, match="zwischen 0"):
        services.record_attendance(actor=coord_actor, meeting=meeting, expected_version=row.version,
                                   values={"total": -1})
    with pytest.raises(ValidationError, match="ganze Zahl"):
        services.record_attendance(actor=coord_actor, meeting=meeting, expected_version=row.version,
                                   values={"total": "viele"})
    assert Attendance.objects.get(pk=row.pk).total == 30
    with pytest.raises(ConcurrentEdit):
        services.record_attendance(actor=coord_actor, meeting=meeting, expected_version=0, values={"total": 5})


def test_attendance_per_session(coord_actor: Actor, meeting: Meeting, other_body: Body) -> None:
    session = services.add_session(actor=coord_actor, meeting=meeting, values={"title": "Tisch 1"})
    services.record_attendance(actor=coord_actor, meeting=meeting, session=session, values={"total": 8, "women": 5})
    services.record_attendance(actor=coord_actor, meeting=meeting, values={"total": 25})
    assert meeting.attendances.count() == 2


def test_attendance_aggregated_by_body_kind_and_year(coord_actor: Actor, municipality: Municipality,
                                                     body: Body, other_body: Body) -> None:
    def held(year: int, group: Body, kind: str, total: int, women: int) -> None:
        start = timezone.make_aware(dt.datetime(year, 3, 1, 18))
        meeting = services.create_meeting(actor=coord_actor, municipality=municipality, values=_meeting_values(
            body=group, kind=kind, starts_at=start, ends_at=start + dt.timedelta(hours=2)))
        services.record_attendance(actor=coord_actor, meeting=meeting,
                                   values={"total": total, "women": women, "citizens": 3})

    held(2014, body, Meeting.Kind.FOCUS_GROUP_ROUND, 30, 20)
    held(2014, body, Meeting.Kind.FOCUS_GROUP_ROUND, 25, 10)
    held(2015, body, Meeting.Kind.WORKSHOP, 40, 22)
    held(2014, other_body, Meeting.Kind.FOCUS_GROUP_ROUND, 12, 6)
    by_body = meeting_selectors.attendance_totals(municipality, body=body)
    assert (by_body.meetings, by_body.total, by_body.by_gender["women"]) == (3, 95, 52)
    assert by_body.gender_not_stated == 43 and by_body.by_organisation["citizens"] == 9
    in_2014 = meeting_selectors.attendance_totals(municipality, year=2014, kind=Meeting.Kind.FOCUS_GROUP_ROUND)
    assert (in_2014.meetings, in_2014.total) == (3, 67)
    assert meeting_selectors.attendance_totals(municipality, year=2030).total == 0


# --- minutes and decisions ----------------------------------------------------------------------------------


def test_minutes_are_sanitised_and_publishing_is_news(coord_actor: Actor, meeting: Meeting) -> None:
    with pytest.raises(ServiceError, match="kein Protokoll"):
        services.publish_minutes(actor=coord_actor, meeting=meeting, expected_version=meeting.version)
    meeting = services.write_minutes(actor=coord_actor, meeting=meeting, expected_version=meeting.version,
                                     minutes='<h2>Ergebnisse</h2><p onclick="x()">Gut <img src=x onerror=y></p>')
    assert "onclick" not in meeting.minutes and "<img" not in meeting.minutes
    decision = services.add_decision(actor=coord_actor, meeting=meeting, values={
        "text": "Eine Arbeitsgruppe Sprache wird gebildet.", "responsible": "Koordinierungsstelle"})
    meeting.is_public = True
    Meeting.objects.filter(pk=meeting.pk).update(is_public=True)
    meeting = services.publish_minutes(actor=coord_actor, meeting=meeting, expected_version=meeting.version)
    assert meeting.minutes_published_at is not None
    assert News.objects.filter(meeting=meeting, kind=News.Kind.MINUTES).exists()
    services.update_decision(actor=coord_actor, decision=decision, expected_version=decision.version,
                             values={"status": Decision.Status.DONE})
    assert News.objects.filter(meeting=meeting, kind=News.Kind.DECISION).count() == 1
    with pytest.raises(ServiceError, match="veröffentlicht"):
        services.delete_decision(actor=coord_actor, decision=decision, expected_version=decision.version + 1)


def test_a_decision_with_unknown_status_is_refused(coord_actor: Actor, meeting: Meeting) -> None:
    with pytest.raises(ValidationError, match="Stand"):
        services.add_decision(actor=coord_actor, meeting=meeting, values={"text": "x", "status": "bogus"})
    assert not Decision.objects.exists()


def test_a_foreign_actor_is_refused(municipality: Municipality, other_municipality: Municipality,
                                    foreign_user: User, meeting: Meeting) -> None:
    actor = actor_for(foreign_user, other_municipality)
    with pytest.raises(NotAllowed):
        services.record_attendance(actor=actor, meeting=meeting, values={"total": 3})
    assert not Attendance.objects.exists()


def test_a_meeting_time_with_an_impossible_offset_or_year_is_refused(municipality: Municipality,
                                                                     coord_actor: Actor) -> None:
    far = dt.timezone(dt.timedelta(hours=-16, minutes=-27))
    for start in (dt.datetime(2027, 9, 5, 15, tzinfo=far), dt.datetime(107, 9, 5, 15, tzinfo=dt.UTC)):
        with municipality_scope(municipality), pytest.raises(ValidationError) as refused:
            services.create_meeting(actor=coord_actor, municipality=municipality, values={
                "title": "Zeitreise", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})
        assert "starts_at" in refused.value.message_dict
    with municipality_scope(municipality):
        assert not Meeting.objects.filter(title="Zeitreise").exists()
