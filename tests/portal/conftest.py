"""Fixtures for the portal tests: an anonymous visitor and helpers to read pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def visitor() -> Client:
    return Client()


def html_attrs(response: Any) -> tuple[str, str]:
    """The lang and dir of the page's <html> element."""
    match = re.search(r'<html lang="([^"]*)" dir="([^"]*)"', response.content.decode())
    assert match, "no <html lang dir> found"
    return match.group(1), match.group(2)


def footer_links(response: Any) -> list[tuple[str, str]]:
    """(href, text) of the links in the portal footer."""
    html = response.content.decode()
    footer = html[html.index('<footer class="portal-footer"'):html.index("</footer>")]
    return [(href.replace("&amp;", "&"), text.strip())
            for href, text in re.findall(r'<a class="kern-link" href="([^"]+)"[^>]*>([^<]+)</a>', footer)]
