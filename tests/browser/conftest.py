"""Playwright (sync API) against Debian's Chromium, on pytest-django's live server.

Playwright's own browser download does not work on these machines: we drive /usr/bin/chromium
(installed by scripts/setup-browser.sh). Never run `playwright install`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.accessibility import AXE_JS, AXE_URL

# Playwright's sync API runs an event loop in this thread; Django would refuse DB access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("TEILHABE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium fehlt ({CHROMIUM}): bitte scripts/setup-browser.sh ausführen.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    """A fresh browser context (no cookies) per test, with relative URLs resolved on the live server."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=str(AXE_JS)))
    page = context.new_page()
    yield page
    context.close()
