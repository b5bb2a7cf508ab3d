"""Reflow at 320 CSS px (WCAG 1.4.10): the calendar's month and year pages and the portal start page
fit a 320 px wide viewport without horizontal scrolling and pass axe-core there."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality
from tests.browser.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 800}
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
# Boxes that scroll sideways inside the page (a table in an overflow-x wrapper hides its right-hand columns
# without widening the document).
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
}).map((el) => el.tagName + "." + el.className)"""


def assert_reflows(page: Any) -> None:
    width = page.evaluate(SCROLL_WIDTH)
    assert width <= NARROW["width"], f"{page.url}: {width} px wide at a {NARROW['width']} px viewport"
    assert page.evaluate(SIDEWAYS_SCROLLERS) == [], page.url


@pytest.mark.parametrize("url", [
    "/heidelberg/kalender/2027/3/", "/heidelberg/kalender/2027/", "/heidelberg/",
])
def test_public_page_reflows_at_320_px(page: Any, municipality: Municipality, url: str) -> None:
    page.set_viewport_size(NARROW)
    page.goto(url)
    assert_reflows(page)
    assert_accessible(page)


def test_month_grid_becomes_a_list_of_days(page: Any, municipality: Municipality) -> None:
    page.set_viewport_size(NARROW)
    page.goto("/heidelberg/kalender/2027/3/")
    grid = page.locator("table.calendar-month")
    # Friday to Sunday are no longer cut off: Good Friday and Easter Sunday are on screen, one below the other.
    friday = grid.locator("td", has_text="Freitag, 26. März")
    sunday = grid.locator("td", has_text="Sonntag, 28. März")
    assert friday.is_visible() and sunday.is_visible()
    box_friday, box_sunday = friday.bounding_box(), sunday.bounding_box()
    assert box_friday["x"] + box_friday["width"] <= NARROW["width"]
    assert box_sunday["y"] > box_friday["y"]
    assert "Karfreitag" in friday.inner_text()
    # The list keeps the days that have something; empty days and the grid's padding cells are left out.
    assert not grid.locator("td", has_text="Montag, 1. März").is_visible()
    assert grid.locator("td.calendar-day--outside").first.is_hidden()


def test_english_month_page_reflows(page: Any, live_server: Any, municipality: Municipality) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_viewport_size(NARROW)
    page.goto("/heidelberg/kalender/2027/3/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Good Friday" in page.locator("table.calendar-month").inner_text()
    assert_reflows(page)
    assert_accessible(page)


def test_arabic_month_page_reflows(page: Any, live_server: Any, municipality: Municipality) -> None:
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    page.context.add_cookies([{"name": CONTENT_LANGUAGE_COOKIE, "value": "ar", "url": live_server.url}])
    page.set_viewport_size(NARROW)
    page.goto("/heidelberg/kalender/2027/3/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_reflows(page)
    assert_accessible(page)
