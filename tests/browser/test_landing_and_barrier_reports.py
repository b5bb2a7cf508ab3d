"""In Chromium: the chooser after login, the barrier reports with their status forms, the portal settings,
and the focus on the error summary after a failed save — all without WCAG 2.1 A/AA violations (axe-core)
and without CSP refusals."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.pages import services
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_with_two_memberships_opens_the_chooser(page: Any, koordination: User, municipality: Municipality,
                                                      other_municipality: Municipality,
                                                      csp_violations: list[str]) -> None:
    with municipality_scope(other_municipality):
        MembershipFactory(municipality=other_municipality, user=koordination, role=Role.LESEND)
    log_in(page, "koordination")
    assert page.url.endswith("/konto/start/")
    assert_accessible(page)
    page.get_by_role("link", name="Herdecke").click()
    page.wait_for_load_state()
    assert page.url.endswith("/herdecke/intern/")
    assert csp_violations == []


def test_login_with_one_membership_opens_the_back_office(page: Any, koordination: User,
                                                         municipality: Municipality) -> None:
    log_in(page, "koordination")
    assert page.url.endswith("/heidelberg/intern/")


def test_barrier_reports_and_settings(page: Any, koordination: User, municipality: Municipality,
                                      csp_violations: list[str]) -> None:
    for text in ("Bilder ohne Alternativtext", "Video ohne Untertitel"):
        services.submit_barrier_report(municipality=municipality, description=text, contact="a@example.org")
    log_in(page, "koordination")
    page.goto("/heidelberg/intern/seiten/barrieremeldungen/")
    assert_accessible(page)
    first = page.locator("form.barrier-status-form").first
    first.get_by_label("Status").select_option("erledigt")
    first.get_by_role("button", name="Status speichern").click()
    page.wait_for_load_state()
    assert "wurde gespeichert" in page.locator(".messages").inner_text()
    assert_accessible(page)

    page.goto("/heidelberg/intern/seiten/einstellungen/")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse für Barrieremeldungen").fill("kein-mail")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), "focus not on summary"
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_accessibility_email"
    page.get_by_label("E-Mail-Adresse für Barrieremeldungen").fill("barrierefrei@heidelberg.example")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert page.locator("[data-error-summary]").count() == 0
    assert csp_violations == []


def test_portal_form_focuses_its_error_summary(page: Any, municipality: Municipality,
                                               csp_violations: list[str]) -> None:
    page.goto("/heidelberg/barriere-melden/")
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    assert csp_violations == []
