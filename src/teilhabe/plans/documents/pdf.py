"""Plan documents as tagged PDF/UA-1, rendered with Typst through `teilhabe.core.typst_pdf` as the calendar
prints: the templates here get the document as JSON, with the fonts, labels and region of its language."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, compile_pdf, font_chain, fonts
from teilhabe.plans.documents.content import ComparisonDocument, PlanDocument, document_labels

TEMPLATES = Path(__file__).resolve().parent
BASE_FONT = "Noto Sans"
# Names in other scripts (an organisation's own name) fall back to these when present.
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", "Noto Sans Armenian",
                  "Noto Sans Georgian", "Noto Sans Devanagari", "Noto Sans Thai")
REGIONS = {"de": "DE", "en": "GB"}


def _compile(template: str, payload: dict[str, Any], font_dirs: tuple[str, ...]) -> bytes:
    font_book = fonts(font_dirs)
    payload = {**payload, "fonts": font_chain(font_book.families(), [BASE_FONT, *FALLBACK_FONTS]),
               "labels": document_labels(), "region": REGIONS.get(payload["lang"], "")}
    return compile_pdf(TEMPLATES / template, payload, font_book, timestamp=datetime.now(UTC).replace(microsecond=0))


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
