"""A public meeting in Chromium: a visitor registers on the portal (the form and its error state pass axe-core),
and the moderator sees the registration in the back office (axe-core) and sends the invitation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, BodyMember, Meeting, Registration
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_registers_and_moderator_invites(page: Any, municipality: Municipality,
                                                 make_member: Callable[..., User], csp_violations: list[str]) -> None:
    moderator = make_member(municipality, Role.MODERATION, "moderation")
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    with municipality_scope(municipality):
        body = Body.objects.create(municipality=municipality, name="Runder Tisch Vielfalt",
                                   kind=Body.Kind.ROUND_TABLE)
        BodyMember.objects.create(municipality=municipality, body=body, user=moderator,
                                  function=BodyMember.Function.MODERATOR)
        meeting = Meeting.objects.create(
            municipality=municipality, body=body, title="Integrationsworkshop 2027", is_public=True,
            registration_open=True, capacity=50, starts_at=starts, ends_at=starts + dt.timedelta(hours=6),
            place="Bürgerzentrum", agenda="<p>Begrüßung</p><p>Arbeitsgruppen</p>")
    page.goto(f"/heidelberg/beteiligung/veranstaltungen/{meeting.pk}/anmelden/")
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Ayşe Yılmaz")
    page.get_by_label("Ihre E-Mail-Adresse").fill("ayse@example.org")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ohne Ihre Einwilligung").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Ich willige ein.").check()
    page.get_by_role("button", name="Verbindlich anmelden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Vielen Dank für Ihre Anmeldung").is_visible()
    assert_accessible(page)
    with municipality_scope(municipality):
        assert Registration.objects.get().name == "Ayşe Yılmaz"

    log_in(page, "moderation")
    page.goto(f"/heidelberg/intern/beteiligung/sitzungen/{meeting.pk}/anmeldungen/")
    assert page.get_by_role("cell", name="Ayşe Yılmaz").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jetzt einladen").click()
    page.wait_for_load_state()
    assert "Die Einladung wird an 1 Adresse(n) versandt." in page.locator(".messages").inner_text()
    assert_accessible(page)
    assert csp_violations == []
