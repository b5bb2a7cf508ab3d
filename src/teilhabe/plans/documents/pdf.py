"""Plan documents as tagged PDF/UA-1, rendered with Typst the way the calendar prints
(`teilhabe.calendar.print.render`): the data goes to the template as JSON through `sys.inputs`, fonts are
the Noto fonts of `scripts/setup-fonts.sh`, and the PDF/UA-1 standard makes Typst tag the document
(structure tree, headings and bookmarks, table header cells, language, title) or refuse to compile."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import typst

from teilhabe.plans.documents.content import ComparisonDocument, PlanDocument, document_labels

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent
# fonts-noto-core installs to truetype/noto, fonts-noto-cjk to opentype/noto (scripts/setup-fonts.sh).
DEFAULT_FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")
PDF_STANDARDS: list[Any] = ["ua-1"]
BASE_FONT = "Noto Sans"
# Names in other scripts (an organisation's own name) fall back to these when present.
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", "Noto Sans Armenian",
                  "Noto Sans Georgian", "Noto Sans Devanagari", "Noto Sans Thai")
REGIONS = {"de": "DE", "en": "GB"}
# One compilation at a time: the shared font book is not documented as thread-safe.
_COMPILE_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _fonts(font_dirs: tuple[str, ...]) -> typst.Fonts:
    """Scanning font folders takes a noticeable fraction of a second; do it once per set."""
    existing = [directory for directory in font_dirs if Path(directory).is_dir()]
    if len(existing) < len(font_dirs):
        logger.warning("font folders missing, printing with fallbacks: %s", set(font_dirs) - set(existing))
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=existing)


def _font_list(fonts: typst.Fonts) -> list[str]:
    available = set(fonts.families())
    chain = [family for family in (BASE_FONT, *FALLBACK_FONTS) if family in available]
    return [*chain, "Libertinus Serif"]


def _compile(template: str, payload: dict[str, Any], font_dirs: tuple[str, ...]) -> bytes:
    fonts = _fonts(font_dirs)
    payload = {**payload, "fonts": _font_list(fonts), "labels": document_labels(),
               "region": REGIONS.get(payload["lang"], "")}
    with _COMPILE_LOCK:
        pdf, warnings = typst.compile_with_warnings(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=fonts,
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            sys_inputs={"data": json.dumps(payload, ensure_ascii=False)},
            timestamp=datetime.now(UTC).replace(microsecond=0),
        )
    for warning in warnings:
        logger.info("typst: %s", warning.message)
    assert isinstance(pdf, bytes)
    return pdf


def _cover(document: PlanDocument | ComparisonDocument, title: str, subtitle: str, description: str) -> dict[str, Any]:
    return {"title": title, "subtitle": subtitle, "description": description,
            "lines": [[line.label, line.value] for line in document.cover]}


def plan_payload(document: PlanDocument) -> dict[str, Any]:
    """The JSON the plan template reads: every text final, nothing to evaluate."""
    blocks = []
    for block in document.blocks():
        item: dict[str, Any] = {"kind": block.kind, "level": block.level, "text": block.text}
        if block.measure is not None:
            item.update(description=block.measure.description, key_project=block.measure.is_key_project,
                        attributes=[[a.label, a.value] for a in block.measure.attributes()])
        if block.rows:
            item["rows"] = [list(row) for row in block.rows]
        if block.items:
            item["items"] = list(block.items)
        blocks.append(item)
    return {
        "lang": document.language, "title": document.title, "municipality": document.municipality,
        "draft": document.is_draft, "header": document.title, "chapter_pages": True,
        "cover": _cover(document, document.plan_title, document.subtitle, document.plan_description),
        "overview_header": list(document.overview_header()), "blocks": blocks,
    }


def comparison_payload(document: ComparisonDocument) -> dict[str, Any]:
    return {
        "lang": document.language, "title": document.title, "municipality": document.municipality,
        "draft": document.is_draft, "header": document.header, "chapter_pages": False,
        "cover": _cover(document, document.title, "", ""),
        "summary_header": list(document.summary_header), "summary": [list(row) for row in document.summary],
        "sections": [
            {**asdict(section), "added": [i.text for i in section.added],
             "removed": [i.text for i in section.removed], "none_text": section.none_text}
            for section in document.sections
        ],
    }


def plan_pdf(document: PlanDocument, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The plan as an A4 PDF/UA-1: title page, contents, fields of action → goal tree → measures."""
    return _compile("plan.typ", plan_payload(document), font_dirs)


def comparison_pdf(document: ComparisonDocument, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The comparison of two editions as an A4 PDF/UA-1."""
    return _compile("comparison.typ", comparison_payload(document), font_dirs)
