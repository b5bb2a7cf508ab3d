"""The demo's bodies and meetings follow the seeds: Heidelberg's focus groups in three rounds of 2014,
Waiblingen's workshop, working groups and Runder Tisch Vielfalt, Herdecke's steering group, World Café and
expert workshops; the demo moderators and body members are members of bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import across_municipalities, actor_for
from teilhabe.demo.loader import DEMO_PASSWORD
from teilhabe.participation.models import Body, Meeting
from teilhabe.participation.permissions import RUN_MEETINGS
from teilhabe.participation.selectors import meetings as meeting_selectors
from tests.demo.test_demo import demo  # noqa: F401 - the module-scoped demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _across() -> Iterator[None]:
    with across_municipalities():
        yield


def test_heidelbergs_focus_groups_meet_in_three_parallel_rounds(demo: str) -> None:  # noqa: F811
    heidelberg = Municipality.objects.get(slug="heidelberg")
    rounds = Meeting.objects.filter(municipality=heidelberg, kind=Meeting.Kind.FOCUS_GROUP_ROUND).order_by("starts_at")
    assert [m.starts_at.date() for m in rounds] == [dt.date(2014, 7, 23), dt.date(2014, 9, 24), dt.date(2014, 11, 28)]
    for meeting in rounds:
        assert sorted(s.title for s in meeting.sessions.all()) == sorted(
            ["Bildung", "Alltagsdiskriminierung", "Personalentwicklung", "Zugewanderten- und Frauenökonomie"])
        assert all(s.body is not None for s in meeting.sessions.all())
    assert Meeting.objects.filter(municipality=heidelberg, kind=Meeting.Kind.KICK_OFF,
                                  starts_at__date=dt.date(2014, 4, 29)).exists()
    assert Body.objects.filter(municipality=heidelberg, name="Ausländer- und Migrationsrat").exists()
    totals = meeting_selectors.attendance_totals(heidelberg, kind=Meeting.Kind.FOCUS_GROUP_ROUND, year=2014)
    assert totals.meetings == 3 and totals.total > 100


def test_waiblingen_has_a_working_group_per_field_and_the_round_table(demo: str) -> None:  # noqa: F811
    waiblingen = Municipality.objects.get(slug="waiblingen")
    groups = Body.objects.filter(municipality=waiblingen, kind=Body.Kind.WORKING_GROUP)
    assert groups.count() == 4
    table = Body.objects.get(municipality=waiblingen, name="Runder Tisch Vielfalt")
    assert table.members.filter(function="contact").count() == 4
    workshop = Meeting.objects.get(municipality=waiblingen, title="Integrationsworkshop")
    assert {s.body_id for s in workshop.sessions.all()} == {g.pk for g in groups}


def test_herdeckes_world_cafe_and_expert_workshops(demo: str) -> None:  # noqa: F811
    herdecke = Municipality.objects.get(slug="herdecke")
    forum = Meeting.objects.get(municipality=herdecke, kind=Meeting.Kind.CITIZENS_FORUM)
    assert forum.starts_at.date() == dt.date(2017, 7, 5)
    assert forum.sessions.count() == 12 and {s.round for s in forum.sessions.all()} == {1, 2, 3}
    assert forum.minutes_published_at is not None
    assert Meeting.objects.filter(municipality=herdecke, kind=Meeting.Kind.EXPERT_WORKSHOP).count() == 4
    assert Body.objects.filter(municipality=herdecke, kind=Body.Kind.STEERING_GROUP).exists()
    assert Meeting.objects.filter(municipality=herdecke, kind=Meeting.Kind.MULTIPLIER_MEETING,
                                  starts_at__date=dt.date(2017, 5, 31)).exists()


@pytest.mark.parametrize("slug", ["heidelberg", "waiblingen", "herdecke"])
def test_demo_moderators_run_their_bodies_meetings_and_pages_render(demo: str, slug: str) -> None:  # noqa: F811
    municipality = Municipality.objects.get(slug=slug)
    moderator = User.objects.get(username=f"moderation.{slug}")
    actor = actor_for(moderator, municipality)
    own = [m for m in Meeting.objects.filter(municipality=municipality).select_related("body")
           .prefetch_related("body__members") if actor.can(RUN_MEETINGS, m)]
    assert own
    client = Client()
    assert client.login(username=moderator.username, password=DEMO_PASSWORD)
    assert client.get(reverse("backoffice:meeting_edit", kwargs={"municipality": slug, "pk": own[0].pk})
                      ).status_code == 200
    public = Client()
    for name in ("participation_bodies_overview", "participation_bodies_meetings"):
        assert public.get(reverse(f"portal:{name}", kwargs={"municipality": slug})).status_code == 200
    for meeting in Meeting.objects.filter(municipality=municipality, is_public=True)[:5]:
        assert public.get(reverse("portal:participation_bodies_meeting",
                                  kwargs={"municipality": slug, "pk": meeting.pk})).status_code == 200
