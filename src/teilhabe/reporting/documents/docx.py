"""The implementation report as DOCX for the council paper (Sitzungsvorlage), with the same content as the PDF.
Written like the plan documents (`teilhabe.plans.documents.docx`, whose writer this reuses): Word's built-in
heading styles, the document language de-DE, tables whose header row repeats on every page, a table of
contents Word fills in on opening, "Entwurf" in the header of every page of an open round's report; the
chart as a picture with its alternative text, followed by its numbers as a table."""

from __future__ import annotations

import io

from docx.enum.text import WD_BREAK
from docx.shared import Cm

from teilhabe.plans.documents.content import CoverLine, document_labels
from teilhabe.plans.documents.docx import _Body, _contents, _cover, _save, _start
from teilhabe.reporting.documents.chart import stacked_bars
from teilhabe.reporting.documents.content import ReportContent
from teilhabe.reporting.documents.pdf import chart_png, labels

COUNT_WIDTHS = (0.8, 0.2)
LINE_WIDTHS = (0.3, 0.7)
MOVEMENT_WIDTHS = (0.3, 0.22, 0.16, 0.16, 0.16)
STALLED_WIDTHS = (0.45, 0.3, 0.25)
ANNEX_WIDTHS = (0.07, 0.31, 0.17, 0.17, 0.16, 0.12)


def report_docx(report: ReportContent, *, with_chart: bool = True) -> bytes:
    texts = {**document_labels(), **labels()}
    document = _start(report.title, report.municipality, report.language, report.is_draft, texts)
    cover = [CoverLine(line.label, line.value) for line in report.cover]
    _cover(document, report.round_title, report.plan_title, cover, report.is_draft, texts,
           texts["draft_note"] if report.is_draft else "")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, texts)
    body = _Body(document)
    body.heading(texts["summary"], 1)
    body.paragraph(report.summary_text, bold=True)
    body.heading(texts["by_status"], 2)
    body.table((texts["status"], texts["count"]), [(c.label, str(c.count)) for c in report.by_status], COUNT_WIDTHS)
    body.heading(texts["by_success"], 2)
    body.table((texts["success"], texts["count"]), [(c.label, str(c.count)) for c in report.by_success],
               COUNT_WIDTHS)
    chart = report.chart
    body.heading(texts["chart"], 2)
    if with_chart:
        svg = stacked_bars(title=chart.title, description=chart.description, series=chart.series, rows=chart.rows)
        shape = document.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(svg)), width=Cm(16.5))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", chart.description)
        doc_pr.set("title", chart.title)
    body.paragraph(texts["chart_table"], bold=True)
    columns = len(chart.header)
    body.table(chart.header, chart.table(), (0.24, *([0.76 / (columns - 1)] * (columns - 1))))
    for section in report.sections:
        body.heading(section.title, 1, page_break_before=True)
        for entry in section.entries:
            body.heading(entry.heading, 2)
            if entry.is_key_project:
                body.paragraph(texts["key_project"], bold=True)
            body.table((texts["attribute"], texts["value"]), [(line.label, line.value) for line in entry.lines()],
                       LINE_WIDTHS)
            body.paragraph("")
    comparison = report.comparison
    body.heading(texts["comparison"], 1, page_break_before=True)
    body.paragraph(comparison.text)
    if comparison.counts():
        body.table((texts["measures"], texts["count"]), comparison.counts(), COUNT_WIDTHS)
    body.heading(f"{texts['moved']} ({len(comparison.moved)})", 2)
    if comparison.moved:
        body.table(report.movement_header, [(m.heading, m.field_title, m.before, m.now, m.direction)
                                            for m in comparison.moved], MOVEMENT_WIDTHS)
    else:
        body.paragraph(texts["none"])
    body.heading(f"{texts['stalled']} ({len(comparison.stalled)})", 2)
    if comparison.stalled:
        body.table(report.stalled_header, [(m.heading, m.field_title, m.now) for m in comparison.stalled],
                   STALLED_WIDTHS)
    else:
        body.paragraph(texts["none"])
    body.heading(texts["annex"], 1, page_break_before=True)
    body.table(report.annex_header, report.annex(), ANNEX_WIDTHS)
    return _save(document)
