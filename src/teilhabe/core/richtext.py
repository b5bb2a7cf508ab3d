"""Rich text that people outside the administration write (organisation profiles, offers, events) and that
real calendar feeds carry: sanitised on the way in with nh3, so what is stored is safe to show as it is.

Only what accessible content needs survives: headings (h2–h4; the page owns h1), paragraphs, lists, emphasis,
links (http, https, mailto, tel; rel="noopener noreferrer" added) and line breaks. Everything else — scripts,
styles, event handlers, iframes, images, inline styles — is dropped; the text inside harmless unknown tags is
kept. `check_accessible` then names what a reader with a screen reader would miss: links without meaningful
text and skipped heading levels."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = frozenset({"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "b", "i", "a", "br"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Tags whose content is dropped with them (nh3 keeps the text of other removed tags).
CLEAN_CONTENT_TAGS = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
                                "math", "textarea", "select"})
MEANINGLESS_LINK_TEXTS = frozenset({
    "hier", "hier klicken", "klicken sie hier", "mehr", "weiter", "link", "click here", "here", "more",
    "read more", "mehr lesen", "weiterlesen",
})


def sanitize(html: str) -> str:
    """The safe subset of `html`; plain text (no tags) comes back with its paragraphs as <p>."""
    html = (html or "").strip()
    if not html:
        return ""
    if "<" not in html:
        return plain_to_html(html)
    return nh3.clean(
        html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer", strip_comments=True,
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
    ).strip()


def plain_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs and single line breaks, escaped, as HTML."""
    from django.utils.html import escape

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def to_plain(html: str) -> str:
    """The text of sanitised HTML, for search, feeds and previews."""
    text = re.sub(r"</(p|h[2-4]|li)>|<br\s*/?>", "\n", html or "")
    return re.sub(r"\n{3,}", "\n\n", strip_tags(text)).strip()


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._link_text: list[str] | None = None
        self._last_heading = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link_text = []
        elif tag in {"h2", "h3", "h4"}:
            level = int(tag[1])
            if level > self._last_heading + 1:
                self.problems.append(str(_("Eine Überschrift überspringt eine Ebene (h%(level)s nach h%(last)s).")
                                         % {"level": level, "last": self._last_heading}))
            self._last_heading = level

    def handle_data(self, data: str) -> None:
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link_text is not None:
            text = " ".join("".join(self._link_text).split()).strip(" .:!»«›‹").lower()
            if not text:
                self.problems.append(str(_("Ein Link hat keinen Text.")))
            elif text in MEANINGLESS_LINK_TEXTS:
                self.problems.append(str(_("Der Linktext „%(text)s“ sagt nicht, wohin der Link führt.")
                                         % {"text": text}))
            self._link_text = None


def accessibility_problems(html: str) -> list[str]:
    """What makes sanitised HTML hard to use with a screen reader, in the user's language."""
    checker = _Checker()
    checker.feed(html or "")
    checker.close()
    return checker.problems


def validate_accessible(html: str) -> None:
    """Form and service validation: raise with every problem found."""
    problems = accessibility_problems(html)
    if problems:
        raise ValidationError(problems)
