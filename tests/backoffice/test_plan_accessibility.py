"""Every plan page of the back office passes axe-core (WCAG 2.1 A/AA) in Chromium, and works under the
Content Security Policy. Uses the browser tests' set-up (Debian's Chromium, axe from node_modules).

The browser runs in a thread of its own: the browser tests keep a session-wide Playwright in the main
thread, and a second sync Playwright cannot start where the first one's event loop runs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from teilhabe.plans import services
from teilhabe.plans.models import FieldOfAction, Goal
from tests.browser.accessibility import AXE_JS, AXE_URL, assert_accessible
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_browser(live_server: Any, user: Any, steps: Callable[[Any], None]) -> list[str]:
    """Run `steps(page)` logged in as `user`; returns the Content Security Policy reports of the console."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium fehlt ({CHROMIUM}): bitte scripts/setup-browser.sh ausführen.")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    failures: list[BaseException] = []
    csp: list[str] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=CHROMIUM_ARGS)
                context = browser.new_context(base_url=live_server.url, locale="de-DE")
                context.set_default_timeout(15_000)
                context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=str(AXE_JS)))
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                                      "url": live_server.url}])
                page = context.new_page()
                page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
                try:
                    steps(page)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
    return csp


def visit(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    assert_accessible(page)


def test_plan_pages_are_accessible(live_server, koordination, coord_actor, own_measure, url):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"description": "Vormittags", "end_date": "2026-12-31"})
    field = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    goal = Goal.objects.get(title="Sprache fördern")
    paths = [
        url("dashboard"), url("tree"), url("measure_list"), url("measure_list", q="Deutsch", sortierung="-title"),
        url("measure_detail", pk=own_measure.pk), url("measure_edit", pk=own_measure.pk), url("measure_create"),
        url("measure_delete", pk=own_measure.pk), url("field_create"), url("field_edit", pk=field.pk),
        url("goal_create", handlungsfeld=field.pk), url("goal_edit", pk=goal.pk), url("goal_delete", pk=goal.pk),
        url("audit_log"), url("plan_create"),
    ]

    def steps(page: Any) -> None:
        for path in paths:
            visit(page, path)
        # a form with errors
        page.goto(url("measure_edit", pk=own_measure.pk))
        page.fill("#id_title", "")
        page.locator("button[type=submit]", has_text="Speichern").click()
        page.wait_for_load_state()
        assert page.locator(".kern-error").count() >= 1
        assert_accessible(page)
        # the tree after a move with JavaScript: htmx swaps it in place, plan.js keeps the focus
        page.goto(url("tree"))
        page.locator(f'button[value="f-{field.pk}-down"]').click()
        page.wait_for_function(
            "() => document.querySelector('#plan-tree details.tree-field').textContent.includes('Ausbildung')")
        page.wait_for_function("() => document.activeElement && document.activeElement.name === 'bewegen'")
        assert page.evaluate("() => document.activeElement.value") in (f"f-{field.pk}-down", f"f-{field.pk}-up")
        assert_accessible(page)

    csp = in_browser(live_server, koordination, steps)
    assert not csp, csp


def test_pages_without_a_plan_are_accessible(live_server, koordination, url):
    def steps(page: Any) -> None:
        for path in (url("dashboard"), url("tree"), url("measure_list")):
            visit(page, path)

    assert not in_browser(live_server, koordination, steps)
