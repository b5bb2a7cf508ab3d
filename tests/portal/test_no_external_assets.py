"""No public page loads anything from another host: every page type of the accessibility suite's table
(tests/browser/public_pages.py), in German and Arabic, is parsed for src, href (of anything but a link to
follow), srcset, poster, data, action, inline style url() — and so is every stylesheet it links, for its url()
and @import. The Content-Security-Policy header forbids other hosts for every kind of resource. (In Chromium,
tests/browser/test_public_pages.py also records every request a page makes.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.models import Plan
from tests.browser import public_pages
from tests.browser.public_pages import LANGUAGES, PUBLIC_PAGES

HOST = "testserver"
BASE = f"http://{HOST}/"
# Attributes that make the browser fetch something (or send a form somewhere) — <a href> is a link to follow.
FETCHING = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest", "imagesrcset"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
# Fetch directives of the CSP (and where forms may go): each may hold only 'self', 'none' (and data:).
# frame-ancestors is not among them: it says who may embed the page (the events widget is meant to be
# embedded in an organisation's own site), not what the page loads.
FETCH_DIRECTIVES = {"default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "media-src",
                    "object-src", "frame-src", "child-src", "worker-src", "manifest-src", "form-action",
                    "base-uri"}
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in FETCHING:
                for part in value.split(","):
                    if part.strip():
                        self.urls.append((f"<{tag} {name}>", part.strip().split()[0]))
            elif name == "style":
                self.urls += [(f"<{tag} style>", u) for u in _css_urls(value)]
        if tag in {"link", "base"} and values.get("href"):
            self.urls.append((f"<{tag} rel={values.get('rel', '')}>", values["href"]))


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def external(url: str, base: str = BASE) -> bool:
    """A URL that is fetched from another host than the page's (data: URLs are part of the page)."""
    if url.startswith(("data:", "#")):
        return False
    return urlsplit(urljoin(base, url)).netloc not in ("", HOST)


def test_the_check_finds_external_assets() -> None:
    parser = _Fetches()
    parser.feed('<link rel="stylesheet" href="https://fonts.example.org/css"><img src="//cdn.example.org/a.png">'
                '<a href="https://example.org/">a link is fine</a><div style="background: url(https://t.example/x)">'
                '<video poster="/heidelberg/x"><source src="https://videos.example/v.mp4"></video>'
                '<img srcset="/a.png 1x, https://cdn.example/b.png 2x">')
    found = [url for _where, url in parser.urls if external(url)]
    assert found == ["https://fonts.example.org/css", "//cdn.example.org/a.png", "https://t.example/x",
                     "https://videos.example/v.mp4", "https://cdn.example/b.png"]
    assert _css_urls("@font-face{src:url('https://fonts.example/f.woff2')} @import 'https://x.example/a.css';") \
        == ["https://fonts.example/f.woff2", "https://x.example/a.css"]


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality, plan: Plan) -> dict[str, Any]:
    return public_pages.build_world(coord_actor, municipality, plan)


def _csp_sources(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_references_an_external_asset(world: dict[str, Any], language: str) -> None:
    client = Client()
    client.cookies[CONTENT_LANGUAGE_COOKIE] = language
    stylesheets: set[str] = set()
    found: list[str] = []
    for entry in PUBLIC_PAGES:
        path = entry.path.format(**world)
        response = client.get(path)
        assert response.status_code == entry.status, path
        parser = _Fetches()
        parser.feed(response.content.decode())
        assert parser.urls, f"{path}: nothing found to check — the parser is broken"
        found += [f"{path}: {where} {url}" for where, url in parser.urls if external(url, BASE + path.lstrip("/"))]
        stylesheets |= {urljoin(path, url) for where, url in parser.urls
                        if where.startswith("<link") and "stylesheet" in where}
        policy = _csp_sources(response.headers.get("Content-Security-Policy", ""))
        assert "default-src" in policy and "script-src" in policy, f"{path}: no strict CSP header"
        loose = {name: [s for s in sources if s not in ALLOWED_SOURCES]
                 for name, sources in policy.items() if name in FETCH_DIRECTIVES}
        assert {k: v for k, v in loose.items() if v} == {}, f"{path}: CSP allows other hosts"
    for sheet in sorted(stylesheets):
        response = client.get(sheet)
        assert response.status_code == 200, sheet
        css = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        found += [f"{sheet}: url({url})" for url in _css_urls(css) if external(url, BASE + sheet.lstrip("/"))]
    assert found == []
