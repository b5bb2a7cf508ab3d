"""The back-office pages of bodies and meetings in a real browser, checked with axe-core (WCAG 2.1 AA):
bodies, a body, its member form, meetings, a meeting, its form, sessions, attendance, minutes; and a moderator
recording attendance with the keyboard's help of the error message."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Attendance, Body, Meeting
from teilhabe.participation.services import meetings as services
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.participation.conftest import body, gremium_member, moderator  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def cafe(municipality: Municipality, body: Body) -> Meeting:  # noqa: F811
    actor = Actor.system(municipality.pk)
    start = dt.datetime(2027, 7, 5, 18, tzinfo=BERLIN)
    with municipality_scope(municipality):
        meeting = services.create_meeting(actor=actor, municipality=municipality, values={
            "title": "Bürgerforum (World Café)", "kind": "citizens_forum", "body": body, "starts_at": start,
            "ends_at": start + dt.timedelta(hours=3), "place": "Rathaus", "is_public": True,
            "agenda": "<ol><li>Begrüßung</li><li>World Café</li></ol>"})
        services.create_sessions(actor=actor, meeting=meeting, titles=["Tisch A", "Tisch B"], rounds=2)
        services.add_decision(actor=actor, meeting=meeting, values={"text": "Expertenworkshops folgen."})
    return meeting


def test_backoffice_pages_are_accessible(page: Any, municipality: Municipality, koordination: User,
                                         body: Body, cafe: Meeting) -> None:  # noqa: F811
    log_in(page, koordination.username)
    for path in ("beteiligung/", f"beteiligung/gremien/{body.pk}/", f"beteiligung/gremien/{body.pk}/mitglied/",
                 f"beteiligung/gremien/{body.pk}/bearbeiten/", "beteiligung/sitzungen/",
                 f"beteiligung/sitzungen/{cafe.pk}/", f"beteiligung/sitzungen/{cafe.pk}/bearbeiten/",
                 f"beteiligung/sitzungen/{cafe.pk}/teilsitzungen/", f"beteiligung/sitzungen/{cafe.pk}/teilnahme/",
                 f"beteiligung/sitzungen/{cafe.pk}/protokoll/"):
        page.goto(f"/heidelberg/intern/{path}")
        assert_accessible(page)


def test_a_moderator_records_attendance_and_corrects_a_refused_count(
        page: Any, municipality: Municipality, moderator: User, cafe: Meeting) -> None:  # noqa: F811
    log_in(page, moderator.username)
    page.goto(f"/heidelberg/intern/beteiligung/sitzungen/{cafe.pk}/")
    page.get_by_role("link", name="Teilnahme eintragen").click()
    page.get_by_label("Teilnehmende insgesamt").fill("20")
    page.get_by_label("Frauen").fill("15")
    page.get_by_label("Männer").fill("9")
    page.get_by_role("button", name="Speichern").click()
    assert "mehr als die 20 Teilnehmenden" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Männer").fill("5")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/beteiligung/sitzungen/{cafe.pk}/")
    with municipality_scope(municipality):
        assert Attendance.objects.get(meeting=cafe, session=None).total == 20
