"""The chronicle's back office pages in a real browser, checked with axe-core (WCAG 2.1 AA): the list with a
proposal to confirm, the form; confirming through the button."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Milestone
from teilhabe.participation.services import chronicle as services
from teilhabe.plans.models import Plan
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chronicle_back_office_is_accessible(page: Any, municipality: Municipality, plan: Plan,
                                             koordination: User) -> None:
    import datetime as dt

    with municipality_scope(municipality):
        services.create_milestone(actor=Actor.system(municipality.pk), municipality=municipality, values={
            "date": dt.date(2014, 9, 24), "end_date": dt.date(2014, 9, 29), "title": "Zweite Fokusgruppenrunde",
            "kind": Milestone.Kind.PARTICIPATION, "document_url": "https://example.org/p.pdf",
            "document_label": "Protokoll"})
    log_in(page, koordination.username)
    page.goto("/heidelberg/intern/chronik/")
    assert page.locator(".chronicle-admin__item").count() == 1  # the adopted plan, proposed
    assert_accessible(page)
    page.locator(".chronicle-admin__item").get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/intern/chronik/")
    assert page.locator(".chronicle-admin__item").count() == 0
    with municipality_scope(municipality):
        assert Milestone.objects.filter(state=Milestone.State.PUBLISHED).count() == 2
    page.goto("/heidelberg/intern/chronik/neu/")
    assert page.locator("input[name=date]").get_attribute("type") == "date"
    assert_accessible(page)
