"""Rendering the calendar to tagged PDF/UA-1 with Typst."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typst

from teilhabe.calendar.engine.model import Community, Occurrence
from teilhabe.calendar.print.payload import BASE_FONT, SCRIPT_FONTS, Registry, document_payload, printable_languages
from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, compile_pdf, font_chain, fonts

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent


def _font_list(families: Iterable[str]) -> list[str]:
    """Font fallback chain: base font first, then one font per script that is present."""
    return font_chain(families, [BASE_FONT, *SCRIPT_FONTS.values()])


def _poster_text_size(payload: dict[str, Any]) -> float:
    """Smaller text for years with crowded months, so the poster stays legible and on one page."""
    most = max(len(month["events"]) for month in payload["months"])
    return 8.5 if most <= 12 else 8.0 if most <= 15 else 7.5


def _compile(template: str, payload: dict[str, Any], font_book: typst.Fonts, year: int) -> bytes:
    return compile_pdf(TEMPLATES / template, payload, font_book, timestamp=datetime(year, 1, 1, tzinfo=UTC))


def _render(
    template: str,
    year: int,
    occurrences: Iterable[Occurrence],
    *,
    title: str,
    languages: Sequence[str],
    font_dirs: Sequence[str],
    registry: Registry,
) -> bytes:
    font_book = fonts(tuple(font_dirs))
    families = font_book.families()
    occurrences = list(occurrences)
    payload = document_payload(
        year, occurrences, title=title, languages=languages, printable=printable_languages(families), registry=registry
    )
    payload["fonts"] = _font_list(families)
    payload["size"] = _poster_text_size(payload)
    try:
        return _compile(template, payload, font_book, year)
    except typst.TypstError as error:
        # A glyph no font provides violates PDF/UA; print without the own-language names then.
        logger.warning("typst failed (%s); retrying without own-language names", error.message)
        fallback = document_payload(
            year, occurrences, title=title, languages=languages, printable=set(), registry=registry
        )
        fallback["fonts"], fallback["size"] = payload["fonts"], payload["size"]
        return _compile(template, fallback, font_book, year)


def render_poster(
    year: int,
    occurrences: Iterable[Occurrence],
    *,
    title: str,
    languages: Sequence[str] = ("de",),
    font_dirs: Sequence[str] = DEFAULT_FONT_DIRS,
    communities: Iterable[Community] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> bytes:
    """A3 landscape PDF/UA-1: twelve months on one page, a colour per community, with a legend.

    Names are printed in the first of ``languages`` the templates know (German or English) plus
    the community's own language. ``communities`` and ``descriptions`` add what the engine's
    registry does not know (a municipality's own observances); unknown ones print in grey.
    """
    registry = Registry.with_extras(communities, descriptions)
    return _render(
        "poster.typ", year, occurrences, title=title, languages=languages, font_dirs=font_dirs, registry=registry
    )


def render_monthly(
    year: int,
    occurrences: Iterable[Occurrence],
    *,
    title: str,
    languages: Sequence[str] = ("de",),
    font_dirs: Sequence[str] = DEFAULT_FONT_DIRS,
    communities: Iterable[Community] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> bytes:
    """Twelve A4 pages of PDF/UA-1, one month each, with descriptions of the observances."""
    registry = Registry.with_extras(communities, descriptions)
    return _render(
        "monthly.typ", year, occurrences, title=title, languages=languages, font_dirs=font_dirs, registry=registry
    )
