"""The Kalender-Import pages in a real browser: upload an organisation's calendar, the status page, a broken
file's message — each checked with axe-core (WCAG 2.1 AA) and the strict CSP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.core.models import Municipality, Organisation, User
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURES = Path(__file__).parent.parent / "calendar" / "feeds" / "fixtures"


def test_upload_status_and_broken_file(page: Any, csp_violations: list[str], municipality: Municipality,
                                       koordination: User, verein: Organisation) -> None:
    log_in(page, "koordination")
    page.goto("/heidelberg/intern/kalender/import/")
    assert page.locator("h1").inner_text() == "Kalender-Import"
    assert_accessible(page)

    page.locator("#id_datei-organisation").select_option(label=verein.name)
    page.get_by_label("iCalendar-Datei (.ics)").set_input_files(str(FIXTURES / "google.ics"))
    page.get_by_role("button", name="Datei übernehmen").click()
    page.wait_for_url("**/kalender/import/*/")
    assert "Übernommen: 3 neu, 0 geändert, 0 entfernt" in page.content()
    assert "Deutsch-Arabischer Kulturverein (Demo)" in page.locator("h1").inner_text()
    assert_accessible(page)

    page.goto("/heidelberg/intern/kalender/import/")
    page.locator("#id_datei-organisation").select_option(label=verein.name)
    page.get_by_label("iCalendar-Datei (.ics)").set_input_files(files=[{
        "name": "kaputt.ics", "mimeType": "text/calendar", "buffer": b"<html>kein Kalender</html>"}])
    page.get_by_role("button", name="Datei übernehmen").click()
    page.wait_for_load_state()
    assert "keine iCalendar-Datei" in page.content()
    assert_accessible(page)
    assert csp_violations == []
