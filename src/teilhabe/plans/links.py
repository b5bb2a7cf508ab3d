"""A measure's links: stored as {"title", "url"}, written and read by people as "Titel | https://…".

One definition for the back-office form, the Excel/JSON exchange and the API, so that a link keeps its
title through every round trip and whatever one entry point accepts, the others accept too: `make_link`
(title and address apart, as the API gets them) and `parse_link` (one line of text, as the form and the
exchange get them) run the same checks. Addresses go through `teilhabe.core.validators.validate_web_address`
(http and https only; no whitespace, quotes, angle brackets, markup or control characters), titles through
the plain-text checks of single-line fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.core.cleaning import clean_text
from teilhabe.core.validators import validate_no_markup, validate_web_address

MAX_TITLE = 200
MAX_LINK_TEXT = 500  # "Titel | Adresse" as a whole: the form's and the exchange's limit per line


def make_link(title: str, url: str) -> dict[str, str]:
    """A link in its canonical form from its parts; raises ValidationError with a German message."""
    url = clean_text(url or "")
    validate_web_address(url)
    title = clean_text(title or "")
    validate_no_markup(title)
    if len(title) > MAX_TITLE:
        raise ValidationError(_("Der Titel eines Links hat höchstens %(n)s Zeichen.") % {"n": MAX_TITLE},
                              code="link_title")
    link = {"title": title or url, "url": url}
    if len(format_link(link)) > MAX_LINK_TEXT:
        raise ValidationError(_("Titel und Adresse eines Links haben zusammen höchstens %(n)s Zeichen.")
                              % {"n": MAX_LINK_TEXT}, code="link_length")
    return link


def parse_link(text: str) -> dict[str, str]:
    """ "Titel | https://…" or just the address; raises ValidationError with a German message."""
    title, _sep, url = text.rpartition("|") if "|" in text else ("", "", text)
    return make_link(title, url)


def as_link(value: Any) -> dict[str, str]:
    """A stored link in its canonical form (older data may hold a bare address)."""
    if isinstance(value, dict):
        url = str(value.get("url", ""))
        return {"title": str(value.get("title") or url), "url": url}
    return {"title": str(value), "url": str(value)}


def format_link(value: Any) -> str:
    link = as_link(value)
    return link["url"] if link["title"] == link["url"] else f"{link['title']} | {link['url']}"


def format_links(values: Iterable[Any] | None) -> list[str]:
    return [format_link(v) for v in values or []]
