"""The portal in Arabic, Persian and Ukrainian in Chromium at phone width: axe-core passes, the start page
reflows at 320 CSS px, right-to-left pages run right to left. With TEILHABE_SCREENSHOT_DIR set, the start
page and the calendar are saved there as PNG (390 px wide) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE
from teilhabe.core.models import Municipality
from tests.browser.accessibility import assert_accessible
from tests.browser.test_reflow import NARROW, SCROLL_WIDTH, SIDEWAYS_SCROLLERS, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def polyglot(municipality: Municipality) -> Municipality:
    municipality.languages = ["de", "en", "ar", "fa", "tr", "uk", "ru"]
    municipality.is_demo = True
    municipality.save()
    return municipality


def choose(page: Any, live_server: Any, code: str) -> None:
    page.context.add_cookies([{"name": CONTENT_LANGUAGE_COOKIE, "value": code, "url": live_server.url}])


def screenshot(page: Any, name: str) -> None:
    directory = os.environ.get("TEILHABE_SCREENSHOT_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_right_to_left_start_page_at_phone_width(page: Any, live_server: Any, polyglot: Municipality,
                                                 csp_violations: list[str], code: str) -> None:
    choose(page, live_server, code)
    page.set_viewport_size(PHONE)
    page.goto("/heidelberg/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == code
    # Right to left for real: the heading starts at the right edge of the page.
    box = page.locator("h1").bounding_box()
    assert box["x"] + box["width"] > PHONE["width"] - 40
    assert_accessible(page)
    assert_reflows_at(page, PHONE["width"])
    assert csp_violations == []


def assert_reflows_at(page: Any, width: int) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= width, page.url
    assert page.evaluate(SIDEWAYS_SCROLLERS) == [], page.url


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_right_to_left_start_page_reflows_at_320_px(page: Any, live_server: Any, polyglot: Municipality,
                                                     code: str) -> None:
    choose(page, live_server, code)
    page.set_viewport_size(NARROW)
    page.goto("/heidelberg/")
    assert_reflows(page)
    assert_accessible(page)


@pytest.mark.parametrize("code", ["ar", "fa", "uk"])
def test_start_page_and_calendar_at_phone_width(page: Any, live_server: Any, polyglot: Municipality,
                                                code: str) -> None:
    choose(page, live_server, code)
    page.set_viewport_size(PHONE)
    for name, path in [("start", "/heidelberg/"), ("kalender", "/heidelberg/kalender/2027/3/")]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == code
        assert_reflows_at(page, PHONE["width"])
        assert_accessible(page)
        screenshot(page, f"{code}-{name}-390")
