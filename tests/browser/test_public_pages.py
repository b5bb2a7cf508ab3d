"""Every public page type (tests/browser/public_pages.py: PUBLIC_PAGES) in German and in Arabic, in Chromium:

- axe-core finds no WCAG 2.1 A/AA violation, at desktop width and at 320 CSS px, and the CSP refuses nothing;
- reflow at 320 CSS px: no horizontal scrolling of the document, no box scrolling sideways, no text cut off;
- keyboard only: the first Tab reaches the skip link, which moves focus to <main>; Tab reaches every
  interactive element, each shows its focus (outline or box shadow), and Tab leaves the page in the end
  (no keyboard trap).

And two tasks done with the keyboard alone: switching the language, and sending a barrier report."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.pages.models import BarrierReport
from teilhabe.plans.models import Plan
from tests.browser import public_pages
from tests.browser.accessibility import assert_accessible
from tests.browser.public_pages import LANGUAGES, PUBLIC_PAGES, PublicPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The machines are shared: a page with a chart may take longer than the default 15 s to reach "load" under load.
NAVIGATION_TIMEOUT_MS = 60_000


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality, plan: Plan) -> dict[str, Any]:
    return public_pages.build_world(coord_actor, municipality, plan)


def _open(page: Any, live_server: Any, entry: PublicPage, world: dict[str, Any], language: str,
          width: int = 1280) -> None:
    page.context.add_cookies([{"name": CONTENT_LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    response = page.goto(entry.path.format(**world))
    assert response is not None and response.status == entry.status, f"{entry.path}: {response and response.status}"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", PUBLIC_PAGES, ids=[p.name for p in PUBLIC_PAGES])
def test_axe_core_and_csp(page: Any, live_server: Any, world: dict[str, Any], csp_violations: list[str],
                          entry: PublicPage, language: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _open(page, live_server, entry, world, language)
    assert_accessible(page)
    assert csp_violations == []
    # Everything the page loaded came from the app itself (the axe script is answered by the test itself).
    own = urlsplit(live_server.url).netloc
    assert [url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).netloc != own] == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", PUBLIC_PAGES, ids=[p.name for p in PUBLIC_PAGES])
def test_reflow_at_320_px(page: Any, live_server: Any, world: dict[str, Any], entry: PublicPage,
                          language: str) -> None:
    _open(page, live_server, entry, world, language, width=public_pages.NARROW)
    overflow = page.evaluate(public_pages.PAGE_OVERFLOW)
    assert overflow <= 1, f"{entry.path} ({language}): {overflow} px sideways scrolling at 320 px"
    assert page.evaluate(public_pages.SIDEWAYS_SCROLLERS) == [], entry.path
    assert page.evaluate(public_pages.CLIPPED_TEXT) == [], entry.path
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", PUBLIC_PAGES, ids=[p.name for p in PUBLIC_PAGES])
def test_keyboard_only(page: Any, live_server: Any, world: dict[str, Any], entry: PublicPage,
                       language: str) -> None:
    _open(page, live_server, entry, world, language)
    interactive = page.evaluate(public_pages.INTERACTIVE)
    stops, reached_end = public_pages.tab_through(page)
    where = f"{entry.path} ({language})"
    assert reached_end, f"{where}: keyboard trap after {[s['text'] for s in stops[-3:]]}"
    if entry.skip_link:
        assert stops and stops[0]["tag"] == "a" and stops[0]["text"], where
        assert page.locator("a.skip-link").get_attribute("data-tab-stop") == stops[0]["id"], \
            f"{where}: the first Tab stop is {stops[0]}, not the skip link"
    # A radio group is one Tab stop: arrow keys move between its buttons.
    reached = {s["id"] for s in stops} | {s["group"] for s in stops if s["group"]}
    unreachable = [e for e in interactive if e["id"] not in reached and (e["group"] or e["id"]) not in reached]
    assert unreachable == [], f"{where}: not reachable by Tab: {unreachable}"
    invisible = [s for s in stops if not s["visible"]]
    assert invisible == [], f"{where}: focus not visible on {invisible}"
    if not entry.skip_link:
        return
    # The skip link moves focus to the main content.
    page.goto(entry.path.format(**world))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", where
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main, footer') !== null"), \
        f"{where}: Tab after the skip link goes back to the header"


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached by Tab on {page.url}")


def test_language_switch_by_keyboard(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    page.goto("/heidelberg/impressum/")
    _choose_language_by_keyboard(page, "ar", "ArrowDown")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # And back to German, the same way.
    _choose_language_by_keyboard(page, "de", "ArrowUp")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("html").get_attribute("dir") == "ltr"


def _choose_language_by_keyboard(page: Any, language: str, key: str) -> None:
    """Tab to the language menu, arrow to `language` (arrow keys change a closed select's choice), submit."""
    _tab_to(page, "#portal-language")
    options = page.locator("#portal-language option").count()
    for _ in range(options):
        if page.evaluate("document.activeElement.value") == language:
            break
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.value") == language
    _tab_to(page, ".language-switch button", limit=3)
    with page.expect_navigation():  # wait for the new page, not the load state of the old one
        page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_barrier_form_by_keyboard(page: Any, live_server: Any, world: dict[str, Any], municipality: Municipality,
                                  language: str) -> None:
    page.context.add_cookies([{"name": CONTENT_LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
    page.goto("/heidelberg/barriere-melden/")
    # Sent empty first: the error summary takes the focus, its link leads to the field.
    _tab_to(page, "form.form-narrow button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.hasAttribute('data-error-summary')")
    _tab_to(page, "[data-error-summary] a", limit=5)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_description"
    page.keyboard.type("Das Video hat keine Untertitel.")
    page.keyboard.press("Tab")
    page.keyboard.type("/heidelberg/gebaerdensprache/")
    _tab_to(page, "form.form-narrow button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/barriere-melden/danke/" in url)
    report = BarrierReport.objects.get(municipality=municipality)
    assert report.description == "Das Video hat keine Untertitel."
    assert report.page_url == "/heidelberg/gebaerdensprache/"


VIDEO = "document.querySelector('video.page-video__player')"


def test_sign_language_video_plays_with_captions(page: Any, live_server: Any, world: dict[str, Any],
                                                 csp_violations: list[str]) -> None:
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page.goto("/heidelberg/gebaerdensprache/")
    page.wait_for_function(f"() => {VIDEO}.readyState >= 1")  # the app served the file; Chromium read its header
    track = page.evaluate(f"(() => {{ const t = {VIDEO}.textTracks[0]; return [t.kind, t.language, t.mode]; }})()")
    assert track == ["captions", "de", "showing"]
    page.wait_for_function(f"() => {VIDEO}.textTracks[0].cues && {VIDEO}.textTracks[0].cues.length === 2")
    assert page.evaluate(f"{VIDEO}.textTracks[0].cues[0].text") == "Willkommen im Portal."
    page.evaluate(f"{VIDEO}.muted = true; {VIDEO}.play()")
    page.wait_for_function(f"() => {VIDEO}.currentTime > 0.3")
    # The text alternative opens with the keyboard.
    page.locator("details.page-video__text summary").focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("Eine Frau erklärt in Gebärdensprache").is_visible()
    assert csp_violations == []
