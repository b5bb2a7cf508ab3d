"""Subscriptions in a real browser: the back office's overview (counts and the search by address) and a
member's "Meine Abonnements" with the one button, checked with axe-core; the portal's pages are in the table
of public pages (public_pages.py)."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Subscription
from teilhabe.participation.services import subscriptions as services
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_backoffice_subscription_pages_are_accessible(page: Any, municipality: Municipality, koordination: User,
                                                      body: Body) -> None:
    with municipality_scope(municipality):
        services.subscribe(municipality=municipality, topic="all", email="a@example.org")
        services.subscribe(municipality=municipality, topic="body", body=body, email="a@example.org")
        services.subscribe(municipality=municipality, topic="all", user=koordination)
    log_in(page, koordination.username)
    page.goto("/heidelberg/intern/beteiligung/abonnements/")
    assert "AG Bildung" in page.locator("table.kern-table").inner_text()
    assert_accessible(page)
    page.fill("input[name=adresse]", "a@example.org")
    page.click("button:has-text('Suchen')")
    page.wait_for_url("**adresse=**")
    assert page.locator("form.subscription-row").count() == 2
    assert_accessible(page)


def test_a_member_subscribes_to_their_body_with_one_button(page: Any, municipality: Municipality,
                                                            gremium_member: User, body: Body) -> None:
    log_in(page, gremium_member.username)
    page.goto("/heidelberg/intern/beteiligung/abonnements/meine/")
    assert_accessible(page)
    page.click("button:has-text('Abonnieren')")
    page.wait_for_load_state()
    assert "abonniert" in page.locator("main").inner_text()
    with municipality_scope(municipality):
        assert Subscription.objects.get().email == gremium_member.email
    assert_accessible(page)
