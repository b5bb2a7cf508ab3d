"""„Meine Maßnahmen“ in a real browser, as a Fachstelle: the start page after login, no WCAG 2.1 A/AA violation
(axe-core), no CSP refusal, and at 320 CSS px it reflows without horizontal scrolling (WCAG 1.4.10)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.plans.models import Measure
from tests.browser.accessibility import assert_accessible
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_fachstelle_starts_on_my_measures(page: Any, csp_violations: list[str], municipality: Municipality,
                                          fachstelle: User, own_measure: Measure, foreign_measure: Measure) -> None:
    my_measures = reverse("backoffice:my_measures", kwargs={"municipality": municipality.slug})
    dashboard = reverse("backoffice:dashboard", kwargs={"municipality": municipality.slug})
    page.goto(f"{reverse('login')}?next={dashboard}")
    login_form = page.locator("form", has=page.locator("input[name=username]"))
    login_form.locator("input[name=username]").fill(fachstelle.username)
    login_form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        login_form.locator("[type=submit]").click()
    assert page.url.endswith(my_measures), page.url
    assert_accessible(page)

    main = page.locator("main")
    assert page.get_by_role("heading", name="Braucht Aufmerksamkeit").count() == 1
    assert main.get_by_role("link", name=own_measure.title, exact=True).count() == 1
    assert main.get_by_role("link", name="Hausaufgabenhilfe", exact=True).count() == 1
    assert foreign_measure.title not in main.inner_text()
    assert "federführend" in main.inner_text() and "Partner" in main.inner_text()
    assert "Kein Enddatum" in main.inner_text()

    # The edit link names its measure for screen readers and opens the form.
    with page.expect_navigation():
        main.get_by_role("link", name=re.compile(rf"^Bearbeiten\W+{own_measure.title}$")).click()
    assert page.url.endswith(f"/massnahmen/{own_measure.pk}/bearbeiten/"), page.url

    # Narrow screen: 320 CSS px, nothing cut off, nothing to scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(my_measures)
    assert page.evaluate(NO_HORIZONTAL_SCROLL), page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert_accessible(page)

    # The overview stays one link away.
    with page.expect_navigation():
        main = page.locator("main")
        main.get_by_role("link", name="Zur Übersicht des ganzen Plans").click()
    assert "/intern/?uebersicht=1" in page.url
    assert page.get_by_role("heading", name="Übersicht", exact=True).count() == 1
    assert not csp_violations, "\n".join(csp_violations)
