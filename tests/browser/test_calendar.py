"""The public intercultural calendar in a real browser: month switch, community filter, the Arabic
page right to left, the back office page — each checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE
from teilhabe.core.models import Municipality, User
from tests.browser.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_month_switch_and_filter(page: Any, municipality: Municipality) -> None:
    page.goto("/heidelberg/kalender/2026/3/")
    assert page.locator("h1").inner_text().startswith("Interkultureller Kalender")
    assert page.locator("table.calendar-month caption").inner_text() == "Monatsübersicht März 2026"
    assert_accessible(page)

    page.get_by_role("link", name="April 2026").click()
    page.wait_for_url("**/kalender/2026/4/")
    assert "Pessach" in page.locator("table.calendar-month").inner_text()

    page.get_by_label("Judentum").check()
    page.get_by_role("button", name="Auswahl anzeigen").click()
    page.wait_for_url("**/kalender/2026/4/?gemeinschaft=jewish")
    entries = page.locator(".calendar-entries").inner_text()
    assert "Pessach" in entries and "Ostern" not in entries
    assert page.get_by_label("Judentum").is_checked()
    # The filter stays on when switching months.
    page.get_by_role("link", name="Mai 2026").click()
    page.wait_for_url("**/kalender/2026/5/?gemeinschaft=jewish")
    entries = page.locator(".calendar-entries").inner_text()
    assert "Schawuot" in entries and "Christi Himmelfahrt" not in entries
    assert_accessible(page)


def test_year_page(page: Any, municipality: Municipality) -> None:
    page.goto("/heidelberg/kalender/2026/")
    assert page.locator("section.calendar-year-month").count() == 12
    assert_accessible(page)


def test_arabic_page_is_right_to_left(page: Any, municipality: Municipality) -> None:
    page.goto("/heidelberg/kalender/2026/3/")
    page.select_option("#portal-language", "ar")
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_url("**/kalender/2026/3/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    first_name = page.locator(".calendar-entries .calendar-name--primary[lang='ar']").first
    assert first_name.get_attribute("dir") == "rtl"
    # The grid is laid out right to left: Monday's column is at the right.
    box_monday = page.locator("table.calendar-month thead th").first.bounding_box()
    box_sunday = page.locator("table.calendar-month thead th").last.bounding_box()
    assert box_monday["x"] > box_sunday["x"]
    assert CONTENT_LANGUAGE_COOKIE in {cookie["name"] for cookie in page.context.cookies()}
    assert_accessible(page)


def test_backoffice_calendar_page(page: Any, municipality: Municipality, koordination: User) -> None:
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("test-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.goto("/heidelberg/intern/kalender/?jahr=2026")
    assert page.locator("h1").inner_text() == "Interkultureller Kalender"
    assert_accessible(page)
    page.goto("/heidelberg/intern/kalender/eigene/neu/")
    assert_accessible(page)
