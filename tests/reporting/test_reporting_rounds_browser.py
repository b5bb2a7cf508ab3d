"""Koordination's pages of a reporting round in a real browser: the round list, the round's page (with a partner
link just created) and the review page of a submitted report pass axe-core (WCAG 2.1 A/AA), raise no CSP
refusal, and reflow at phone width without horizontal scrolling. Screenshots land in $TEILHABE_SCREENSHOTS
when it is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportingRound
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SCREENSHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")


def _shoot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_koordination_follows_a_round(page: Any, csp_violations: list[str], municipality: Municipality,
                                      koordination: User, coord_actor: Actor, fach_actor: Actor,
                                      reporting_round: ReportingRound, own_report: MeasureReport, verein: Organisation,
                                      complete_answer: Any) -> None:
    services.submit(by=fach_actor, report=own_report, expected_version=own_report.version,
                    values=complete_answer(obstacles="Zu wenige Räume.", next_steps="Zwei weitere Kurse."))
    slug = municipality.slug
    log_in(page, koordination.username)
    pages = {
        "round_list": reverse("backoffice:round_list", kwargs={"municipality": slug}),
        "round_detail": reverse("backoffice:round_detail", kwargs={"municipality": slug, "pk": reporting_round.pk}),
        "report_review": reverse("backoffice:report_review", kwargs={"municipality": slug, "pk": own_report.pk}),
        "round_create": reverse("backoffice:round_create", kwargs={"municipality": slug}),
    }
    for width, label in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(path)
            assert_accessible(page)
            assert page.evaluate(NO_HORIZONTAL_SCROLL), f"{name} at {width} px scrolls sideways"
            _shoot(page, f"{name}-{label}")

    # A partner link: created on the round's page, shown once in a read-only field.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(pages["round_detail"])
    form = page.locator("form", has=page.locator("select[name=organisation]"))
    form.locator("input[name=email]").fill("info@verein.example")
    with page.expect_navigation():
        form.get_by_role("button", name="Link erstellen").click()
    link = page.get_by_label("Persönlicher Link")
    assert "/mitwirken/" in link.input_value()
    assert_accessible(page)
    _shoot(page, "round_detail-new-link")

    # The review: the answer is there; returning it without a comment is refused, with it it works.
    page.goto(pages["report_review"])
    assert "Drei Kurse mit 36 Müttern" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Zurückgeben").click()
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    page.get_by_label("Was soll die Stelle ergänzen oder ändern?").fill("Bitte Zahlen je Stadtteil ergänzen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Zurückgeben").click()
    assert "zurückgegeben" in page.locator("main").inner_text()
    assert_accessible(page)
    _shoot(page, "report_review-returned")
    assert not csp_violations, "\n".join(csp_violations)
