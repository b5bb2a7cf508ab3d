"""The comparison of rounds, the document page and the published reports in a real browser: no WCAG 2.1 A/AA
violation (axe-core), no CSP refusal (the chart is inline SVG without style attributes), and the chart and
tables reflow at 320 CSS px. Screenshots with TEILHABE_SCREENSHOTS=<dir>."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.reporting import services
from teilhabe.reporting.models import ReportingRound
from tests.browser.accessibility import assert_accessible
from tests.conftest import PASSWORD

pytest_plugins = ["tests.reporting.fixtures_documents"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]
NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("TEILHABE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _login(page: Any, user: User) -> None:
    page.goto(reverse("login"))
    form = page.locator("form", has=page.locator("input[name=username]"))
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").click()


def test_comparison_and_document_pages(page: Any, csp_violations: list[str], municipality: Municipality,
                                       closed_round: ReportingRound, koordination: User,
                                       run_tasks: Callable[[], list[Any]]) -> None:
    _login(page, koordination)
    page.goto(reverse("backoffice:round_compare", kwargs={"municipality": municipality.slug, "pk": closed_round.pk}))
    assert page.get_by_role("img", name="Maßnahmen je Berichtsrunde nach Status").count() == 1
    assert_accessible(page)
    _shot(page, "round-compare")
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reverse("backoffice:round_document_pdf", kwargs={"municipality": municipality.slug,
                                                               "pk": closed_round.pk}) + "?warten=1")
    assert "wird erstellt" in page.locator("main").inner_text()
    assert_accessible(page)
    _shot(page, "round-document-pending")
    assert [r.status for r in run_tasks()] == ["SUCCESSFUL"]
    page.get_by_text("Das Dokument ist fertig.").wait_for(timeout=15000)  # the page asked again by itself
    assert page.get_by_role("link", name="PDF herunterladen").count() == 1
    assert_accessible(page)
    _shot(page, "round-document-ready")
    assert csp_violations == []


def test_published_reports_on_the_portal(page: Any, csp_violations: list[str], municipality: Municipality,
                                         closed_round: ReportingRound, coord_actor: Actor) -> None:
    closed_round.refresh_from_db()
    services.publish_round(actor=coord_actor, round_=closed_round, expected_version=closed_round.version,
                           publish=True)
    page.goto(reverse("portal:home", kwargs={"municipality": municipality.slug}))
    with page.expect_navigation():
        page.get_by_role("link", name="Zu den Umsetzungsberichten").click()
    assert "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt." in page.locator("main").inner_text()
    assert_accessible(page)
    _shot(page, "portal-published")
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_accessible(page)
    assert csp_violations == []
