"""Fixtures for the portal tests: an anonymous visitor and helpers to read pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest
from django.test import Client

from teilhabe.core import catalogues


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


# --- catalogues for tests: real catalogues copied, optionally made incomplete, compiled -----------------

def make_locale(directory: Path, languages: dict[str, Callable[[polib.POFile], None] | None]) -> Path:
    """A locale folder with copies of the real catalogues of `languages`; a function given for a language
    changes its copy first (blank translations, set header fields). Compiled with msgfmt like
    compilemessages does, so Django can use it as LOCALE_PATHS."""
    for code, change in languages.items():
        target = directory / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(catalogues.catalogue_path(code), target / "django.po")
        if change is not None:
            po = polib.pofile(str(target / "django.po"))
            change(po)
            po.save()
        subprocess.run(["msgfmt", "--check-format", "-o", str(target / "django.mo"),  # noqa: S603, S607
                        str(target / "django.po")], check=True)
    return directory


def untranslate(po: polib.POFile, share: float, keep: Iterable[str] = ()) -> list[str]:
    """Blank the translation of the first `share` of the portal messages (plus none of `keep`)."""
    portal = [e for e in po if catalogues.is_portal_entry(e) and e.msgid not in set(keep)]
    blanked = portal[: int(len(portal) * share)]
    for entry in blanked:
        entry.msgstr = ""
        entry.msgstr_plural = {i: "" for i in entry.msgstr_plural} if entry.msgstr_plural else {}
    return [e.msgid for e in blanked]


def blank(po: polib.POFile, msgids: Iterable[str]) -> None:
    wanted = set(msgids)
    for entry in po:
        if entry.msgid in wanted:
            entry.msgstr = ""


# --- text of a page outside the parts marked as another language --------------------------------------

_SKIPPED_ELEMENTS = {"script", "style", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TEXT_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _LanguageText(HTMLParser):
    """Collects the text a reader sees or hears (text nodes, the title, aria-label/title/alt/placeholder)
    together with the language of the element it is in (the nearest lang attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, skipped)
        self.pieces: list[tuple[str, str]] = []

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    @property
    def skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or self.lang
        skipped = self.skipped or tag in _SKIPPED_ELEMENTS or "hidden" in values
        if not skipped:
            for name in _TEXT_ATTRIBUTES:
                if values.get(name):
                    self.pieces.append((lang, values[name] or ""))
        if tag not in _VOID:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipped and data.strip():
            self.pieces.append((self.lang, data))


def text_in_language(html: str, lang: str) -> str:
    """All text of the page that is in `lang` by its markup (not inside an element marked as another one)."""
    parser = _LanguageText()
    parser.feed(html)
    return " ".join(text for text_lang, text in parser.pieces if text_lang.split("-")[0] == lang)


_LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")


def german_words() -> set[str]:
    """Every word of three or more letters in the German source texts (the msgids), lower-cased."""
    po = polib.pofile(str(catalogues.catalogue_path("en")))
    return {word.lower() for entry in po for word in _LATIN_WORD.findall(entry.msgid + " " + entry.msgid_plural)}


def german_interface_words(html: str, lang: str, allowed: Iterable[str] = ()) -> list[str]:
    """Latin-script words in the parts of a page that claim to be in `lang` (a non-Latin script) and are not
    names (`allowed`): every such word is interface text that escaped translation. The German source words
    among them are listed first."""
    allowed_words = {word.lower() for name in allowed for word in _LATIN_WORD.findall(name)}
    words = [w for w in _LATIN_WORD.findall(text_in_language(html, lang)) if w.lower() not in allowed_words]
    source = german_words()
    return sorted(words, key=lambda w: (w.lower() not in source, w))
