"""The indicator chart of a document, drawn on the server from the same Vega-Lite spec the page draws in the
browser (teilhabe.monitoring.charts.indicator_spec), by vl-convert-python: its bundled Vega-Lite of the
version the page uses (VEGA_LITE_VERSION), the Noto fonts of scripts/setup-fonts.sh, German number format,
and no network (no base URL is allowed, and the spec carries its data inline).

Only what a page cannot use is changed for print: a fixed width instead of "container", the documents'
font, no tooltips, no title (the caption names the chart)."""

from __future__ import annotations

import copy
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import vl_convert

from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS
from teilhabe.monitoring.charts import VEGA_LITE_VERSION

PRINT_FONT = "Noto Sans"
PRINT_WIDTH = 520
PRINT_HEIGHT = 220
# vl-convert keeps one JavaScript runtime per process; convert one chart at a time.
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _register_fonts(font_dirs: tuple[str, ...]) -> None:
    for directory in font_dirs:
        if Path(directory).is_dir():
            vl_convert.register_font_directory(directory)


def print_spec(spec: dict[str, Any], *, width: int = PRINT_WIDTH, height: int = PRINT_HEIGHT) -> dict[str, Any]:
    """The page's spec as printed: fixed size, the documents' font, tooltips removed."""
    printed = copy.deepcopy(spec)
    printed["width"], printed["height"] = width, height
    printed.pop("title", None)  # the document's caption names the chart
    config = printed.setdefault("config", {})
    config["font"] = PRINT_FONT
    for layer in printed.get("layer", []):
        layer.get("encoding", {}).pop("tooltip", None)
        for inner in layer.get("layer", []):
            inner.get("encoding", {}).pop("tooltip", None)
    return printed


def chart_svg(spec: dict[str, Any], *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> str:
    """The chart of `spec` as SVG, offline."""
    _register_fonts(font_dirs)
    return _svg(json.dumps(print_spec(spec), sort_keys=True, ensure_ascii=False))


def chart_png(spec: dict[str, Any], *, scale: float = 2, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The chart of `spec` as PNG (for Word), offline: the SVG drawn once (and cached for the PDF too), then
    rasterised with the same fonts — a third of the time of drawing it again."""
    svg = chart_svg(spec, font_dirs=font_dirs)
    with _LOCK:
        return vl_convert.svg_to_png(svg, scale=scale)


# A chart takes vl-convert 0.1–0.2 s; the same data draw the same chart, so a process keeps the latest ones
# (a report downloaded again, as PDF and as DOCX, draws each chart once).
@lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    with _LOCK:
        return vl_convert.vegalite_to_svg(spec_json, vl_version=VEGA_LITE_VERSION, allowed_base_urls=[],
                                          format_locale="de-DE", time_format_locale="de-DE")
