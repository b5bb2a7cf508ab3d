"""The offer directory in Chromium: no WCAG 2.1 A/AA violation (axe-core) and no CSP refusal in German and
Arabic (right to left), on the directory, a filtered result and an offer's page; the filter form works with
the keyboard alone. The back office's offer pages and the inventory analysis (with its chart) too."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality
from teilhabe.directory.models import Offer
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _arabic(page: Any, live_server: Any) -> None:
    page.context.add_cookies([{"name": "teilhabe_sprache", "value": "ar", "url": live_server.url}])


def test_directory_in_german_and_arabic(page: Any, live_server: Any, offers: list[Offer],
                                        municipality: Municipality, csp_violations: list[str]) -> None:
    offer = offers[0]
    for arabic in (False, True):
        if arabic:
            _arabic(page, live_server)
        for path in ("/heidelberg/angebote/", "/heidelberg/angebote/?sprache=ar&kostenlos=on",
                     f"/heidelberg/angebote/{offer.pk}/"):
            response = page.goto(path)
            assert response is not None and response.status == 200
            assert page.locator("html").get_attribute("dir") == ("rtl" if arabic else "ltr")
            assert_accessible(page)
    assert csp_violations == []


def test_filter_form_with_the_keyboard(page: Any, offers: list[Offer]) -> None:
    page.goto("/heidelberg/angebote/")
    search = page.get_by_label("Suchbegriff")
    search.focus()
    page.keyboard.type("beratung")
    page.keyboard.press("Tab")  # to the category
    assert page.evaluate("document.activeElement.name") == "kategorie"
    for _ in range(3):  # language, district, target group
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "nur kostenlose Angebote"
    assert page.evaluate("document.activeElement.name") == "kostenlos"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "nur Online-Angebote" stays off: toggle twice
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the submit button
    assert "Angebote anzeigen" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/?q=beratung*")
    assert page.get_by_role("link", name="Migrationsberatung").is_visible()
    assert page.get_by_role("status").inner_text().startswith("Angebote 1–1 von 1")


def test_backoffice_pages(page: Any, offers: list[Offer], koordination: Any, csp_violations: list[str]) -> None:
    log_in(page, "koordination")
    for path in ("/heidelberg/intern/angebote/", "/heidelberg/intern/angebote/neu/",
                 f"/heidelberg/intern/angebote/{offers[0].pk}/", "/heidelberg/intern/bestandsaufnahme/",
                 "/heidelberg/intern/bestandsaufnahme/neu/", "/heidelberg/intern/bestandsaufnahme/auswertung/"):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(page)
    page.wait_for_selector("#angebote-diagramm[data-vega-state]", state="attached")
    assert csp_violations == []
