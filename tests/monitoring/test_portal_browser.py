"""The public indicator page in Chromium: the breakdown selector works without script, axe-core finds no
WCAG 2.1 A/AA violation and the CSP refuses nothing — in German and in Arabic (right to left), on a desktop
and at 390 px phone width without sideways scrolling. With TEILHABE_SCREENSHOT_DIR set, the pages are saved
there as PNG for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring.models import Indicator
from teilhabe.plans.models import FieldOfAction, Plan
from tests.browser.accessibility import assert_accessible
from tests.monitoring import published
from tests.portal.test_browser_languages import PHONE, assert_reflows_at, choose, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality, plan: Plan) -> dict[str, Indicator]:
    municipality.languages = ["de", "en", "ar"]
    municipality.save()
    fields = FieldOfAction.objects.filter(edition__plan=plan).order_by("position")[:1]
    return published.build(coord_actor, municipality, years=6, fields=fields)


def test_indicator_page_with_breakdown_in_german(page: Any, live_server: Any, world: dict[str, Indicator],
                                                 csp_violations: list[str]) -> None:
    page.goto("/heidelberg/monitoring/")
    assert_accessible(page)
    screenshot(page, "de-monitoring-liste")
    page.get_by_role("link", name="Einwohnerinnen und Einwohner").first.click()
    page.wait_for_url("**/monitoring/einwohner/")
    # expect(…) waits until the page shows it: all_inner_texts() would read a page still loading
    expect(page.locator("h1")).to_have_text("Einwohnerinnen und Einwohner")
    expect(page.locator("table th[scope=col]")).to_have_text(["Periode", "insgesamt"])
    page.get_by_label("Aufgliedern nach").select_option("sex")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**aufgliederung=sex")
    headers = page.locator("table th[scope=col]").all_inner_texts()
    assert headers[:2] == ["Periode", "insgesamt"] and {"weiblich", "männlich"} <= set(headers)
    assert_accessible(page)
    screenshot(page, "de-monitoring-indikator")
    page.goto("/heidelberg/monitoring/auslaenderanteil/")
    assert_accessible(page)
    assert csp_violations == []


def test_indicator_page_in_arabic_right_to_left_at_phone_width(page: Any, live_server: Any,
                                                               world: dict[str, Indicator],
                                                               csp_violations: list[str]) -> None:
    choose(page, live_server, "ar")
    for width, suffix in ((1280, "desktop"), (PHONE["width"], "390")):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        for name, path in (("liste", "/heidelberg/monitoring/"),
                           ("indikator", "/heidelberg/monitoring/einwohner/?aufgliederung=sex"),
                           ("quote", "/heidelberg/monitoring/auslaenderanteil/")):
            page.goto(path)
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.locator("html").get_attribute("lang") == "ar"
            assert_accessible(page)
            assert_reflows_at(page, width)
            screenshot(page, f"ar-monitoring-{name}-{suffix}")
    page.set_viewport_size(PHONE)
    choose(page, live_server, "de")
    page.goto("/heidelberg/monitoring/einwohner/?aufgliederung=sex")
    assert_accessible(page)
    assert_reflows_at(page, PHONE["width"])
    screenshot(page, "de-monitoring-indikator-390")
    assert csp_violations == []
