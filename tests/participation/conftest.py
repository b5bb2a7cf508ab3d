"""Shared fixtures of the participation tests: a working group with a moderator and a member who are not
staff, and one of its meetings. Each subject's tests build the rest through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, BodyMember, Meeting


@pytest.fixture
def moderator(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.MODERATION, "moderation")


@pytest.fixture
def gremium_member(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.GREMIUM, "gremium")


@pytest.fixture
def body(municipality: Municipality, moderator: User, gremium_member: User) -> Body:
    """A working group: the moderator moderates it, the body member is a member (plain rows, no services:
    the services under test build their own)."""
    with municipality_scope(municipality):
        group = Body.objects.create(municipality=municipality, name="AG Bildung", kind=Body.Kind.WORKING_GROUP)
        BodyMember.objects.create(municipality=municipality, body=group, user=moderator,
                                  function=BodyMember.Function.MODERATOR)
        BodyMember.objects.create(municipality=municipality, body=group, user=gremium_member,
                                  function=BodyMember.Function.MEMBER)
        BodyMember.objects.create(municipality=municipality, body=group, name="Aylin Demir",
                                  organisation_name="Elternverein", function=BodyMember.Function.CONTACT)
    return group


@pytest.fixture
def other_body(municipality: Municipality) -> Body:
    """A body the moderator and the member are not assigned to."""
    with municipality_scope(municipality):
        return Body.objects.create(municipality=municipality, name="AG Arbeit", kind=Body.Kind.WORKING_GROUP)


@pytest.fixture
def meeting(municipality: Municipality, body: Body) -> Meeting:
    starts = timezone.make_aware(dt.datetime(2027, 3, 10, 17, 0))
    with municipality_scope(municipality):
        return Meeting.objects.create(
            municipality=municipality, body=body, title="Sitzung der AG Bildung", kind=Meeting.Kind.BODY_SESSION,
            starts_at=starts, ends_at=starts + dt.timedelta(hours=2), place="Rathaus, Saal 1")

