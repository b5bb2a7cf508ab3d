"""The plan in public and the search in Chromium: every page type passes axe-core (WCAG 2.1 A/AA) with no CSP
refusal in German and in Arabic (right to left), reflows at 320 px, and the header's search field works with
the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans.models import FieldOfAction, Measure, Plan
from teilhabe.search import services
from tests.browser.accessibility import assert_accessible
from tests.browser.test_reflow import NARROW, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(municipality: Municipality, plan: Plan) -> dict[str, str]:
    municipality.languages = ["de", "ar"]
    municipality.save()
    with municipality_scope(municipality):
        services.index(municipality=municipality, kind="page", object_id=4, language="ar",
                       title="اللغة المبسطة", body="معلومات عن دورات اللغة الألمانية مع رعاية الأطفال",
                       url="/heidelberg/leichte-sprache/")
        field = FieldOfAction.objects.get(title="Bildung und Sprachförderung")
        measure = Measure.objects.get(title="Hausaufgabenhilfe")
    return {
        "overview": "/heidelberg/plan/", "field": f"/heidelberg/plan/handlungsfeld/{field.pk}/",
        "measure": f"/heidelberg/plan/massnahme/{measure.pk}/",
        "search": "/heidelberg/suche/?q=Sprachkurse", "search_kind": "/heidelberg/suche/?q=Bildung&art=plan_field",
        "search_none": "/heidelberg/suche/?q=Unauffindbar", "search_ar": "/heidelberg/suche/?q=الأطفال",
    }


def _visit(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_page_type_is_accessible(page: Any, live_server: Any, world: dict[str, str], language: str,
                                       csp_violations: list[str]) -> None:
    page.context.add_cookies([{"name": "teilhabe_sprache", "value": language, "url": live_server.url}])
    for path in world.values():
        _visit(page, path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.goto(world["search_ar"])
    if language == "ar":
        assert page.locator('.portal-search__hit [lang="ar"][dir="rtl"]').count() == 1
    assert csp_violations == []


@pytest.mark.parametrize("name", ["overview", "field", "measure", "search"])
def test_pages_reflow_at_320_px(page: Any, world: dict[str, str], name: str) -> None:
    page.set_viewport_size(NARROW)
    page.goto(world[name])
    assert_reflows(page)
    assert_accessible(page)


def test_search_with_the_keyboard_from_the_header(page: Any, world: dict[str, str]) -> None:
    page.goto("/heidelberg/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "portal-search":
            break
    assert page.evaluate("document.activeElement.id") == "portal-search"
    page.keyboard.type("Hausaufgaben")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Hausaufgaben")
    hit = page.get_by_role("link", name="Hausaufgabenhilfe")
    assert hit.is_visible()
    hit.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/plan/massnahme/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hausaufgabenhilfe"
    assert_accessible(page)
