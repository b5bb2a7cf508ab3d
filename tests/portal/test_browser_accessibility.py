"""Every page of this slice in Chromium: no WCAG 2.1 A/AA violation (axe-core), no CSP refusal —
the portal in German, Arabic (rtl) and English, the account pages, the back-office pages and errors."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.pages.models import BarrierReport, LegalPage
from tests.browser.accessibility import assert_accessible
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTAL_PAGES = ["/heidelberg/", *[f"/heidelberg/{k}/" for k in LegalPage.Kind.values],
                "/heidelberg/barriere-melden/", "/heidelberg/barriere-melden/danke/"]


def visit(page: Any, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response and response.status}"
    assert_accessible(page)


def test_portal_in_german_arabic_and_english(page: Any, municipality: Municipality,
                                             csp_violations: list[str]) -> None:
    municipality.is_demo = True
    municipality.save()
    for path in PORTAL_PAGES:
        visit(page, path)
    # The barrier form with errors.
    page.goto("/heidelberg/barriere-melden/")
    page.get_by_role("button", name="Meldung senden").click()
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    # Switch to Arabic with the header's language form: the page turns right-to-left.
    page.goto("/heidelberg/impressum/")
    page.get_by_label("Sprache").select_option("ar")
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_url("**/heidelberg/impressum/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The interface turns Arabic too, the notice included; the German text below it is marked German.
    assert page.get_by_text("هذا المحتوى غير متوفر بعد بلغتك.").is_visible()
    assert page.locator("article.legal-page").get_attribute("lang") == "de"
    assert_accessible(page)
    visit(page, "/heidelberg/")
    # And to English: interface and content language.
    page.get_by_label("اللغة").select_option("en")
    page.get_by_role("button", name="تغيير").click()
    page.wait_for_url("**/heidelberg/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Accessibility statement").first.is_visible()
    assert_accessible(page)
    visit(page, "/heidelberg/nicht-da/", status=404)
    assert csp_violations == []


def test_account_pages(page: Any, koordination: User, csp_violations: list[str]) -> None:
    for path in ["/konto/anmelden/", "/konto/passwort-vergessen/", "/konto/passwort-vergessen/gesendet/",
                 "/konto/passwort-neu/fertig/", "/konto/passwort-neu/abc/def/"]:
        visit(page, path)
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    assert page.get_by_text("Bitte Benutzername und Passwort eingeben.").is_visible()
    assert_accessible(page)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    visit(page, "/konto/passwort/")
    page.get_by_role("button", name="Passwort ändern").click()
    assert_accessible(page)
    visit(page, "/konto/passwort/fertig/")
    visit(page, "/")
    assert csp_violations == []


def test_backoffice_pages(page: Any, koordination: User, municipality: Municipality,
                          csp_violations: list[str]) -> None:
    BarrierReport.objects.create(municipality=municipality, description="Kontrast zu schwach\nim Kalender",
                                 contact="a@example.org", page_url="/heidelberg/")
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    visit(page, "/heidelberg/intern/seiten/")
    visit(page, "/heidelberg/intern/seiten/barrierefreiheit/de/")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/heidelberg/intern/seiten/")
    assert_accessible(page)
    visit(page, "/heidelberg/intern/seiten/impressum/ar/")
    page.get_by_role("button", name="Speichern").click()  # empty: errors shown
    assert_accessible(page)
    visit(page, "/heidelberg/intern/seiten/barrieremeldungen/")
    assert csp_violations == []
