"""Printing the plan tree and a measure page (print media in Chromium): the content only – no header,
navigation, skip link, buttons or forms – and the whole tree, also its closed branches. The pages with the
document buttons pass axe-core and the CSP on screen; downloading works from the button."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.plans.models import Edition, Measure
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_IN_PRINT = [".skip-link", ".site-header", ".backoffice-bar", "nav", ".page-actions", ".plan-documents",
                   ".tree-tools", "button"]


def _hidden_in_print(page: Any) -> None:
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is printed"
    page.emulate_media(media="screen")


def test_the_tree_prints_cleanly_and_whole(page: Any, koordination: User, municipality: Municipality,
                                            edition: Edition, own_measure: Measure,
                                            csp_violations: list[str]) -> None:
    log_in(page, "koordination")
    page.goto(f"/heidelberg/intern/plan/?ausgabe={edition.pk}")
    assert_accessible(page)
    assert page.locator(".tree-tools").first.is_visible()  # editing tools on screen
    # a closed branch: its measure is not on screen, but it is printed
    page.locator(".tree-field > summary").first.click()
    measure = page.get_by_role("link", name="Mama lernt Deutsch")
    assert not measure.is_visible()
    _hidden_in_print(page)
    page.emulate_media(media="print")
    assert measure.is_visible()
    assert page.get_by_role("heading", name="Kommunaler Integrationsplan").is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("button", name="Word (DOCX)").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert csp_violations == []


def test_a_measure_page_prints_cleanly(page: Any, lesend: User, municipality: Municipality, own_measure: Measure,
                                       csp_violations: list[str]) -> None:
    log_in(page, "lesend")
    page.goto(f"/heidelberg/intern/massnahmen/{own_measure.pk}/")
    assert_accessible(page)
    _hidden_in_print(page)
    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="Mama lernt Deutsch").is_visible()
    assert page.get_by_text("Amt für Chancengleichheit").first.is_visible()
    page.emulate_media(media="screen")
    page.goto("/heidelberg/intern/")
    assert_accessible(page)
    assert page.get_by_role("button", name="PDF (barrierefrei)").is_visible()
    assert csp_violations == []
