"""The implementation report as a tagged PDF/UA-1, rendered with Typst through `teilhabe.core.typst_pdf` like
the plan documents: `report.typ` gets the report as JSON (every text final), with the fonts, labels and region
of its language; the status chart is an SVG image with its alternative text, its numbers also a table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.typst_pdf import DEFAULT_FONT_DIRS, compile_image, compile_pdf, font_chain, fonts
from teilhabe.plans.documents.content import draft_mark
from teilhabe.reporting.documents.chart import stacked_bars
from teilhabe.reporting.documents.content import ReportContent

TEMPLATES = Path(__file__).resolve().parent
BASE_FONT = "Noto Sans"
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC")
REGIONS = {"de": "DE", "en": "GB"}


def labels() -> dict[str, str]:
    """Fixed texts of the report, in the active language."""
    return {
        "contents": _("Inhalt"), "draft": draft_mark(), "draft_word": _("ENTWURF"), "page": _("Seite"),
        "summary": _("Zusammenfassung"), "by_status": _("Maßnahmen nach Status"),
        "by_success": _("Maßnahmen nach Erfolg"), "status": _("Status"), "success": _("Erfolg"),
        "count": _("Anzahl"), "measures": _("Maßnahmen"), "chart": _("Stand der Maßnahmen nach Handlungsfeldern"),
        "chart_table": _("Die Zahlen des Diagramms"), "fields": _("Maßnahmen nach Handlungsfeldern"),
        "attribute": _("Angabe"), "value": _("Inhalt"), "key_project": _("Schlüsselprojekt"),
        "comparison": _("Vergleich mit der vorigen Berichtsrunde"), "moved": _("Was sich bewegt hat"),
        "stalled": _("Was stagniert"), "annex": _("Anhang: alle Maßnahmen"), "none": _("keine"),
        "draft_note": _("Die Berichtsrunde ist noch offen: Dieser Bericht ist ein Entwurf mit den bisher "
                        "angenommenen Berichten."),
    }


def report_payload(report: ReportContent) -> dict[str, Any]:
    """The JSON the template reads: every text final, nothing to evaluate."""
    chart = report.chart
    return {
        "lang": report.language, "title": report.title, "municipality": report.municipality,
        "draft": report.is_draft, "header": report.title,
        "cover": {"title": report.round_title, "subtitle": report.plan_title,
                  "lines": [[line.label, line.value] for line in report.cover]},
        "summary": report.summary_text,
        "by_status": [[c.label, str(c.count)] for c in report.by_status],
        "by_success": [[c.label, str(c.count)] for c in report.by_success],
        "chart": {"svg": stacked_bars(title=chart.title, description=chart.description, series=chart.series,
                                      rows=chart.rows),
                  "alt": chart.description, "header": chart.header, "rows": chart.table()},
        "sections": [
            {"title": section.title, "entries": [
                {"heading": e.heading, "key_project": e.is_key_project,
                 "lines": [[line.label, line.value] for line in e.lines()]}
                for e in section.entries]}
            for section in report.sections
        ],
        "comparison": {
            "text": report.comparison.text, "counts": report.comparison.counts(),
            "movement_header": report.movement_header, "stalled_header": report.stalled_header,
            "moved": [[m.heading, m.field_title, m.before, m.now, m.direction] for m in report.comparison.moved],
            "stalled": [[m.heading, m.field_title, m.now] for m in report.comparison.stalled],
        },
        "annex_header": report.annex_header, "annex": report.annex(),
    }


def report_pdf(report: ReportContent, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The report as an A4 PDF/UA-1: cover, contents, summary, chart, fields → measures, comparison, annex."""
    font_book = fonts(font_dirs)
    payload = {**report_payload(report), "fonts": font_chain(font_book.families(), [BASE_FONT, *FALLBACK_FONTS]),
               "labels": labels(), "region": REGIONS.get(report.language, "")}
    return compile_pdf(TEMPLATES / "report.typ", payload, font_book,
                       timestamp=datetime.now(UTC).replace(microsecond=0))


CHART_PAGE = (b'#set page(width: auto, height: auto, margin: 2pt)\n'
              b'#image(bytes(sys.inputs.svg), format: "svg", width: 17cm)')


def chart_png(svg: str, *, font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS) -> bytes:
    """The chart's SVG as a PNG, drawn by Typst with the documents' fonts (for the DOCX)."""
    return compile_image(CHART_PAGE, {"svg": svg}, fonts(font_dirs))
