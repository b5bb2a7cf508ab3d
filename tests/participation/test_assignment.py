"""Moderation and body members hold their permissions only for the bodies they are members of."""

from __future__ import annotations

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Body, Meeting
from teilhabe.participation.permissions import RUN_MEETINGS, SUBMIT_PROPOSALS, VIEW


def test_a_moderator_runs_the_meetings_of_their_own_bodies_only(
        municipality: Municipality, moderator: User, body: Body, other_body: Body, meeting: Meeting) -> None:
    actor = actor_for(moderator, municipality)
    with municipality_scope(municipality):
        assert actor.can(RUN_MEETINGS, meeting)
        assert actor.can(RUN_MEETINGS, body)
        assert not actor.can(RUN_MEETINGS, other_body)


def test_a_body_member_sees_and_proposes_in_their_own_bodies_but_runs_nothing(
        municipality: Municipality, gremium_member: User, body: Body, other_body: Body, meeting: Meeting) -> None:
    actor = actor_for(gremium_member, municipality)
    with municipality_scope(municipality):
        assert actor.can(VIEW, body) and actor.can(SUBMIT_PROPOSALS, body)
        assert not actor.can(VIEW, other_body)
        assert not actor.can(RUN_MEETINGS, meeting)


def test_koordination_holds_them_everywhere(municipality: Municipality, koordination: User, other_body: Body) -> None:
    actor = actor_for(koordination, municipality)
    with municipality_scope(municipality):
        assert actor.can(RUN_MEETINGS, other_body)
