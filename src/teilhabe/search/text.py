"""Plain text for the index out of what the domain apps store."""

from __future__ import annotations

import html
import re

import nh3

BODY_LIMIT = 100_000  # characters of body indexed per document (a tsvector holds at most 1 MB)
_SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    """Rich text (sanitised HTML) as plain text: tags dropped, entities decoded, whitespace folded."""
    if not markup:
        return ""
    text = nh3.clean(re.sub(r"<(/?)(p|li|h\d|br|div|tr)\b", r" <\1\2", markup), tags=set())
    return _SPACE.sub(" ", html.unescape(text)).strip()


def join(*parts: object) -> str:
    """Non-empty parts as one body text, one per line."""
    return "\n".join(str(p).strip() for p in parts if p is not None and str(p).strip())[:BODY_LIMIT]
