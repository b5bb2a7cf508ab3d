"""The monitoring report as DOCX, with the same content as the PDF. Written like the implementation report
(`teilhabe.reporting.documents.docx`) with the plan documents' writer: Word's built-in heading styles, the
document language, tables whose header row repeats on every page, a table of contents Word fills in on
opening; each chart as a picture (PNG drawn by vl-convert from the page's spec) with its alternative text,
followed by its numbers as tables."""

from __future__ import annotations

import io

from docx.enum.text import WD_BREAK
from docx.shared import Cm

from teilhabe.monitoring.documents.chart import chart_png
from teilhabe.monitoring.documents.content import MonitoringReport
from teilhabe.monitoring.documents.pdf import labels
from teilhabe.plans.documents.content import CoverLine, document_labels
from teilhabe.plans.documents.docx import _Body, _contents, _cover, _save, _start

COUNT_WIDTHS = (0.8, 0.2)
FACT_WIDTHS = (0.3, 0.7)
OVERVIEW_WIDTHS = (0.36, 0.17, 0.15, 0.15, 0.17)


def report_docx(report: MonitoringReport, *, with_charts: bool = True) -> bytes:
    texts = {**document_labels(), **labels()}
    document = _start(report.title, report.municipality, report.language, False, texts)
    _cover(document, report.title, report.scope_label, [CoverLine(line.label, line.value) for line in report.cover],
           False, texts)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, texts)
    body = _Body(document)
    body.heading(texts["summary"], 1)
    body.paragraph(report.summary_text, bold=True)
    body.heading(texts["method"], 2)
    for text in report.method:
        body.paragraph(text)
    if report.entries:
        body.heading(texts["by_status"], 2)
        body.table((texts["status"], texts["count"]), report.status_counts(), COUNT_WIDTHS)
        body.heading(texts["overview"], 2)
        body.table(report.overview_header, report.overview(), OVERVIEW_WIDTHS)
    for section in report.sections:
        body.heading(section.title, 1, page_break_before=True)
        for entry in section.entries:
            body.heading(entry.name, 2)
            body.paragraph(entry.definition or texts["no_definition"], italic=not entry.definition)
            body.table((texts["attribute"], texts["value"]), [(line.label, line.value) for line in entry.facts],
                       FACT_WIDTHS)
            body.paragraph(entry.progress_text)
            if with_charts and entry.has_values:
                picture = document.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(entry.spec)),
                                                                         width=Cm(16))
                doc_pr = picture._inline.docPr
                doc_pr.set("descr", entry.chart_description)
                doc_pr.set("title", entry.name)
            tables = [table for table in entry.tables if table.rows]
            if not tables:
                body.paragraph(texts["no_values"], italic=True)
            for table in tables:
                body.paragraph(f"{texts['values']} {table.title}", bold=True)
                columns = len(table.header)
                body.table(table.header, table.rows, (0.16, *([0.84 / (columns - 1)] * (columns - 1))))
            if entry.gender_note:
                body.paragraph(entry.gender_note, italic=True)
            if entry.notes:
                body.paragraph(texts["notes"], bold=True)
                for note in entry.notes:
                    body.paragraph(note, "List Bullet")
    return _save(document)
