"""A measure's links: stored as {"title", "url"}, written and read by people as "Titel | https://…".

One definition for the back-office form, the Excel/JSON exchange and the API, so that a link keeps its
title through every round trip. Only http and https addresses are accepted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_CHECK_URL = URLValidator(schemes=["http", "https"])


def parse_link(text: str) -> dict[str, str]:
    """ "Titel | https://…" or just the address; raises ValidationError with a German message."""
    title, _sep, url = text.rpartition("|") if "|" in text else ("", "", text)
    title, url = title.strip(), url.strip()
    try:
        _CHECK_URL(url)
    except ValidationError:
        raise ValidationError(
            _("„%(url)s“ ist keine gültige Adresse (http:// oder https://).") % {"url": url}, code="link"
        ) from None
    return {"title": title or url, "url": url}


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
