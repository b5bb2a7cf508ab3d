"""The monitoring's progress pages in a real browser, as a reader (Lesend): the goal-tree roll-up opens its
"So berechnet" disclosure, the dashboard and a field of action show status in words and icons; no WCAG 2.1 A/AA
violation (axe-core), no CSP refusal, and at 320 CSS px nothing needs scrolling sideways."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Direction
from teilhabe.plans.models import Edition, Goal, Measure
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.monitoring.conftest import row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# Set TEILHABE_SCREENSHOTS=<dir> to keep screenshots of the pages (for looking at them, not for the test).
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_rollup_dashboard_and_field_pages(page: Any, csp_violations: list[str], municipality: Municipality,
                                          edition: Edition, coord_actor: Actor, lesend: User) -> None:
    hand = Goal.objects.get(title="Sprachkurse für Eltern")
    kurs = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "kursteilnahme", "name": "Teilnahme an Elternkursen", "kind": "success", "goals": [hand],
        "measures": [Measure.objects.get(title="Mama lernt Deutsch")], "weight": Decimal(2),
        "unit_label": "Personen", "baseline_value": Decimal(20), "baseline_period": "2018",
        "target_value": Decimal(30), "target_period": "2028", "direction": Direction.INCREASE})
    services.write_observations(actor=coord_actor, indicator=kurs, label="Kurse.csv", rows=[
        row("2018", 20), row("2023", 23)])
    services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "einbuergerung", "name": "Einbürgerungsquote", "fields": [hand.field], "kind": "success"})
    log_in(page, lesend.username)

    rollup_url = reverse("backoffice:monitoring_rollup", kwargs={"municipality": municipality.slug})
    page.goto(rollup_url)
    goal = page.locator(f"#g-{hand.pk}")
    goal.get_by_text("So berechnet").click()
    assert "(0,30×2 + 0,00×1) ÷ 3 = 0,20" in goal.inner_text()
    assert "etwas Fortschritt" in goal.inner_text()
    assert_accessible(page)
    _shot(page, "rollup")

    page.goto(reverse("backoffice:monitoring_dashboard", kwargs={"municipality": municipality.slug}))
    main = page.locator("main")
    assert "ohne Zielvorgabe" in main.inner_text() and "etwas Fortschritt" in main.inner_text()
    assert_accessible(page)
    _shot(page, "dashboard")

    with page.expect_navigation():
        main.get_by_role("link", name=hand.field.title).first.click()
    assert page.get_by_role("heading", name=hand.field.title).count() == 1
    assert_accessible(page)
    _shot(page, "field")

    page.set_viewport_size({"width": 390, "height": 844})
    for url, name in ((rollup_url, "rollup-390"), (page.url, "field-390")):
        page.goto(url)
        page.locator("details.rollup-how").first.evaluate("d => d.open = true")
        assert page.evaluate(NO_HORIZONTAL_SCROLL), name
        _shot(page, name)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(rollup_url)
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_accessible(page)
    assert not csp_violations, "\n".join(csp_violations)
