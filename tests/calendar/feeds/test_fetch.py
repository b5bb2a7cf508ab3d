"""Fetching a feed from a local HTTP server the test starts: only when configured, time-outs, size limit while
streaming, HTTP errors, not iCalendar, redirects to other schemes, conditional GET, internal networks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from teilhabe.calendar.feeds.fetch import FetchError, fetch_feed, normalise_url
from tests.calendar.feeds.feed_server import FIXTURES, FeedServer, feed_server


@pytest.fixture
def server(settings: Any) -> Iterator[FeedServer]:
    settings.TEILHABE_FEEDS_FETCH = True
    settings.TEILHABE_FEEDS_ALLOW_PRIVATE = True
    settings.TEILHABE_FEEDS_TIMEOUT = 0.5
    with feed_server() as feeds:
        feeds.bodies["/good.ics"] = ((FIXTURES / "google.ics").read_bytes(), '"v1"')
        yield feeds


def error_of(url: str, **kwargs: str) -> str:
    with pytest.raises(FetchError) as info:
        fetch_feed(url, **kwargs)
    return info.value.message


def test_off_by_default(settings: Any) -> None:
    assert settings.TEILHABE_FEEDS_FETCH is False
    assert "nicht aus dem Internet abgerufen" in error_of("https://example.org/feed.ics")


def test_fetch_and_conditional_get(server: FeedServer) -> None:
    fetched = fetch_feed(server.url("/good.ics"))
    assert fetched.body.startswith(b"BEGIN:VCALENDAR") and fetched.etag == '"v1"'
    assert fetched.last_modified == "Mon, 30 Nov 2026 10:00:00 GMT"
    again = fetch_feed(server.url("/good.ics"), etag=fetched.etag, last_modified=fetched.last_modified)
    assert again.not_modified and again.body == b""
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert server.requests[-1][1]["If-Modified-Since"] == "Mon, 30 Nov 2026 10:00:00 GMT"


def test_slow_server_times_out(server: FeedServer) -> None:
    started = time.monotonic()
    assert "nicht rechtzeitig geantwortet" in error_of(server.url("/slow.ics"))
    assert time.monotonic() - started < 2.5


def test_huge_feed_is_refused_while_streaming(server: FeedServer, settings: Any) -> None:
    settings.TEILHABE_FEEDS_TIMEOUT = 5
    assert "größer als 5 MB" in error_of(server.url("/huge.ics"))
    time.sleep(0.2)
    assert server.huge_sent < 20 * 1024 * 1024  # stopped early: the client hung up after about 5 MB
    assert "größer als 5 MB" in error_of(server.url("/declared-huge.ics"))


@pytest.mark.parametrize(("path", "expected"), [
    ("/missing.ics", "Fehler 404 (Nicht gefunden)"),
    ("/error.ics", "Fehler 500 (Interner Serverfehler)"),
    ("/page.html", "„text/html“"),
    ("/text.ics", "keine iCalendar-Datei"),
    ("/to-ftp", "weiter"),
    ("/to-file", "weiter"),
    ("/loop", "Zu viele Weiterleitungen"),
])
def test_bad_answers_get_a_message(server: FeedServer, path: str, expected: str) -> None:
    assert expected in error_of(server.url(path))


def test_redirect_within_http_is_followed(server: FeedServer) -> None:
    fetched = fetch_feed(server.url("/to-good"))
    assert fetched.url.endswith("/good.ics") and fetched.body.startswith(b"BEGIN:VCALENDAR")


def test_internal_addresses_are_refused_unless_allowed(server: FeedServer, settings: Any) -> None:
    settings.TEILHABE_FEEDS_ALLOW_PRIVATE = False
    assert "internen Netz" in error_of(server.url("/good.ics"))
    assert not server.requests


def test_unreachable_server(settings: Any) -> None:
    settings.TEILHABE_FEEDS_FETCH = True
    settings.TEILHABE_FEEDS_ALLOW_PRIVATE = True
    settings.TEILHABE_FEEDS_TIMEOUT = 0.5
    assert "nicht erreichbar" in error_of("http://127.0.0.1:9/feed.ics")


@pytest.mark.parametrize("url", ["ftp://example.org/x.ics", "file:///etc/passwd", "javascript:alert(1)", "",
                                 "https://", "http://exa mple.org/x"])
def test_only_web_addresses(url: str) -> None:
    with pytest.raises(FetchError):
        normalise_url(url)


def test_webcal_is_https() -> None:
    assert normalise_url("webcal://example.org/cal.ics") == "https://example.org/cal.ics"
