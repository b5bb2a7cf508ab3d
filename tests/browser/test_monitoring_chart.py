"""The monitoring charts in a real browser: the report page's preview draws each indicator's Vega-Lite spec
with vega-embed (an <svg> appears) under the Content Security Policy, without 'unsafe-eval' (the
vega-interpreter evaluates the expressions), with no console error and no WCAG 2.1 A/AA violation (axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.plans.models import Edition
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.monitoring.report_world import build_monitoring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_preview_draws_its_charts(page: Any, csp_violations: list[str], municipality: Municipality,
                                             koordination: User, coord_actor: Actor, edition: Edition) -> None:
    build_monitoring(coord_actor, municipality, edition)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, koordination.username)
    page.goto(reverse("backoffice:monitoring_report", kwargs={"municipality": municipality.slug}))
    chart = page.locator("#diagramm-auslaenderanteil")
    chart.locator("svg").first.wait_for(state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-vega-spec]')].every(e => e.dataset.vegaState === 'drawn')")
    assert page.locator("[data-vega-spec] svg").count() == 4  # every indicator with values
    svg_text = chart.locator("svg").first.text_content() or ""
    assert "weiblich" in svg_text and "Ziel 2030" in svg_text and "Bruch" in svg_text
    assert chart.locator(".role-legend").count() == 1  # colour and dash in one legend
    assert chart.get_attribute("role") == "img"
    assert chart.get_attribute("aria-label", timeout=1000).startswith("Liniendiagramm Ausländeranteil (%)")
    assert page.locator("#werte-auslaenderanteil").count() == 1  # the numbers as a table, linked from the caption
    # The tooltip (vega-tooltip, styled by chart.css) shows a point's value, also under the CSP.
    point = chart.locator("path[role='graphics-symbol'], .mark-symbol path").first
    point.hover(force=True)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
    assert "Periode" in page.locator("#vg-tooltip-element").inner_text()
    page.mouse.move(0, 0)
    assert_accessible(page)
    # The PDF is made in the background: the waiting page (database queue, no worker here) is accessible too.
    page.get_by_role("button", name="PDF (barrierefrei)").click()
    expect(page.locator("main")).to_contain_text("Das Dokument wird erstellt")  # waits for the new page
    assert_accessible(page)
    assert csp_violations == []
    assert errors == []
