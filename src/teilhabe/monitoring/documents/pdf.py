"""The monitoring report as a tagged PDF/UA-1, rendered with Typst through `teilhabe.core.typst_pdf` like the
reporting and plan documents: `monitoring_report.typ` gets the report as JSON (every text final), with the
fonts, labels and region of its language; each chart is the SVG vl-convert draws from the page's spec, placed
as an image with its alternative text, and its numbers follow as a table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, compile_pdf, font_chain, fonts
from teilhabe.monitoring.documents.chart import chart_svg
from teilhabe.monitoring.documents.content import MonitoringReport

TEMPLATES = Path(__file__).resolve().parent
BASE_FONT = "Noto Sans"
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC")
REGIONS = {"de": "DE", "en": "GB"}


def labels() -> dict[str, str]:
    """Fixed texts of the report, in the active language."""
    return {
        "contents": _("Inhalt"), "page": _("Seite"), "summary": _("Überblick"), "method": _("So ist der Bericht "
        "aufgebaut"), "status": _("Zielerreichung"), "count": _("Anzahl"),
        "by_status": _("Indikatoren nach Zielerreichung"), "overview": _("Alle Indikatoren auf einen Blick"),
        "attribute": _("Angabe"), "value": _("Inhalt"), "definition": _("Definition"),
        "chart": _("Diagramm"), "values": _("Werte"), "notes": _("Hinweise"), "progress": _("Zielerreichung"),
        "no_values": _("Für diesen Indikator liegen noch keine Werte vor."),
        "no_definition": _("Keine Definition hinterlegt."),
    }


def report_payload(report: MonitoringReport, *, with_charts: bool = True) -> dict[str, Any]:
    """The JSON the template reads: every text final, nothing to evaluate."""
    return {
        "lang": report.language, "title": report.title, "municipality": report.municipality,
        "header": report.title,
        "cover": {"title": report.title, "subtitle": report.scope_label,
                  "lines": [[line.label, line.value] for line in report.cover]},
        "summary": report.summary_text, "method": report.method,
        "by_status": report.status_counts(),
        "overview_header": report.overview_header, "overview": report.overview(),
        "sections": [
            {"title": section.title, "entries": [
                {"heading": e.name, "definition": e.definition,
                 "facts": [[line.label, line.value] for line in e.facts],
                 "progress": e.progress_text, "gender_note": e.gender_note,
                 "chart": ({"svg": chart_svg(e.spec), "alt": e.chart_description}
                           if with_charts and e.has_values else None),
                 "tables": [{"title": t.title, "header": t.header, "rows": t.rows} for t in e.tables if t.rows],
                 "notes": e.notes}
                for e in section.entries]}
            for section in report.sections
        ],
    }


def report_pdf(report: MonitoringReport, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The report as an A4 PDF/UA-1: cover, contents, overview, fields of action → indicators."""
    font_book = fonts(font_dirs)
    payload = {**report_payload(report), "fonts": font_chain(font_book.families(), [BASE_FONT, *FALLBACK_FONTS]),
               "labels": labels(), "region": REGIONS.get(report.language, "")}
    return compile_pdf(TEMPLATES / "monitoring_report.typ", payload, font_book,
                       timestamp=datetime.now(UTC).replace(microsecond=0))
