"""The translation pages in Chromium: no WCAG 2.1 A/AA violation (axe-core), no CSP refusal; a translation
entered with the keyboard-usable editor shows on the list as up to date."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.plans.models import Measure, Plan
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_translation_pages_are_accessible(page: Any, koordination: User, municipality: Municipality, plan: Plan,
                                          csp_violations: list[str]) -> None:
    municipality.languages = ["de", "en", "ar", "ps", "ti"]
    municipality.save()
    measure = Measure.objects.get(title="Mama lernt Deutsch")
    log_in(page, "koordination")
    page.goto("/heidelberg/intern/uebersetzungen/")
    assert_accessible(page)
    # Tigrinya from English, with the row's own form.
    page.get_by_label("ትግርኛ übersetzt aus").select_option("en")
    page.get_by_role("button", name="Speichern (ti)").click()
    page.wait_for_url("**/uebersetzungen/")
    assert page.get_by_text("Der Sprachbaum wurde gespeichert.").is_visible()
    assert_accessible(page)
    page.goto("/heidelberg/intern/uebersetzungen/ar/?zustand=missing")
    assert_accessible(page)
    page.get_by_role("link", name="Mama lernt Deutsch").click()
    page.wait_for_url(f"**/ar/measure/{measure.pk}/")
    assert_accessible(page)
    page.get_by_label("Titel").fill("ماما تتعلم الألمانية")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/uebersetzungen/ar/")
    assert page.get_by_text("Die Übersetzung wurde gespeichert.").is_visible()
    assert_accessible(page)
    assert csp_violations == []
