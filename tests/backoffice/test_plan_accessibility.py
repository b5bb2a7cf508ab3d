"""Every plan page of the back office passes axe-core (WCAG 2.1 A/AA) in Chromium, and works under the
Content Security Policy. Runs with the browser tests' set-up (Debian's Chromium, axe from node_modules)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from teilhabe.plans import services
from teilhabe.plans.models import FieldOfAction, Goal
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import browser, page  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Any, user: Any, live_server: Any) -> None:  # noqa: F811
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                               "url": live_server.url}])


def test_plan_pages_are_accessible(page, live_server, koordination, coord_actor, own_measure, url):  # noqa: F811
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"description": "Vormittags", "end_date": "2026-12-31"})
    csp: list[str] = []
    page.on("console", lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, koordination, live_server)
    field = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
    goal = Goal.objects.get(title="Sprache fördern")
    paths = [
        url("dashboard"), url("tree"), url("measure_list"), url("measure_list", q="Deutsch", sortierung="-title"),
        url("measure_detail", pk=own_measure.pk), url("measure_edit", pk=own_measure.pk), url("measure_create"),
        url("measure_delete", pk=own_measure.pk), url("field_create"), url("field_edit", pk=field.pk),
        url("goal_create", handlungsfeld=field.pk), url("goal_edit", pk=goal.pk), url("goal_delete", pk=goal.pk),
        url("audit_log"), url("plan_create"),
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(page)
    # a form with errors, and the tree after a move with JavaScript (htmx) swapping it in place
    page.goto(url("measure_edit", pk=own_measure.pk))
    page.fill("#id_title", "")
    page.fill("#id_start_date", "2026-05-01")
    page.locator("button[type=submit]", has_text="Speichern").click()
    page.wait_for_load_state()
    assert page.locator(".kern-error").count() >= 1
    assert_accessible(page)
    page.goto(url("tree"))
    page.locator(f'button[value="f-{field.pk}-down"]').click()
    page.wait_for_function(
        "() => document.querySelector('#plan-tree details.tree-field').textContent.includes('Ausbildung')")
    # plan.js puts the keyboard focus back on the pressed button (or its enabled neighbour at the end)
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'bewegen'")
    focused = page.evaluate("() => document.activeElement.value")
    assert focused in (f"f-{field.pk}-down", f"f-{field.pk}-up")
    assert_accessible(page)
    assert not csp, csp


def test_empty_municipality_dashboard_is_accessible(page, live_server, koordination, url):  # noqa: F811
    login(page, koordination, live_server)
    for path in (url("dashboard"), url("tree"), url("measure_list")):
        page.goto(path)
        assert_accessible(page)
