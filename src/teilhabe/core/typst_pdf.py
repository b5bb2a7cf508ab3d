"""Tagged PDF/UA-1 from a Typst template, shared by every printed document (the calendar, the plan and its
comparison): the data goes to the template as JSON through `sys.inputs`, fonts are the Noto fonts of
`scripts/setup-fonts.sh`, and the PDF/UA-1 standard makes Typst tag the document (structure tree, headings,
table header cells, language, title) or refuse to compile."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import typst

logger = logging.getLogger(__name__)

# fonts-noto-core installs to truetype/noto, fonts-noto-cjk to opentype/noto (scripts/setup-fonts.sh).
DEFAULT_FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")
PDF_STANDARDS: list[Any] = ["ua-1"]
LAST_RESORT_FONT = "Libertinus Serif"  # embedded in Typst
# One compilation at a time: the shared font book is not documented as thread-safe.
_COMPILE_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def fonts(font_dirs: tuple[str, ...]) -> typst.Fonts:
    """Scanning font folders takes a noticeable fraction of a second; do it once per set."""
    existing = [directory for directory in font_dirs if Path(directory).is_dir()]
    if len(existing) < len(font_dirs):
        logger.warning("font folders missing, printing with fallbacks: %s", set(font_dirs) - set(existing))
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=existing)


def font_chain(available: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The wanted families that are installed, in order (duplicates once), then Typst's embedded font."""
    present = set(available)
    return [*(family for family in dict.fromkeys(wanted) if family in present), LAST_RESORT_FONT]


def compile_pdf(template: Path, payload: dict[str, Any], font_book: typst.Fonts, *, timestamp: datetime) -> bytes:
    """`template` compiled with `payload` as `sys.inputs.data`; files next to it can be imported."""
    with _COMPILE_LOCK:
        pdf, warnings = typst.compile_with_warnings(
            str(template),
            root=str(template.parent),
            font_paths=font_book,
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            sys_inputs={"data": json.dumps(payload, ensure_ascii=False)},
            timestamp=timestamp,
        )
    for warning in warnings:
        logger.info("typst: %s", warning.message)
    assert isinstance(pdf, bytes)
    return pdf


def compile_image(source: bytes, inputs: dict[str, str], font_book: typst.Fonts, *, ppi: float = 150) -> bytes:
    """A one-page Typst `source` (e.g. an SVG chart placed on an auto-sized page) as a PNG, for documents that
    cannot embed SVG (Word)."""
    with _COMPILE_LOCK:
        png = typst.compile(source, font_paths=font_book, format="png", ppi=ppi, sys_inputs=inputs)
    assert isinstance(png, bytes)
    return png
