"""Plan documents as DOCX for the council paper (python-docx): Word's own heading styles (shown as
„Überschrift 1/2/3“ in a German Word), the document language de-DE on the styles, the title in the core
properties, tables whose header row repeats on every page, a table of contents Word fills in on opening,
and „Entwurf“ in the header of every page of a draft."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from teilhabe.plans.documents.content import ComparisonDocument, CoverLine, PlanDocument, document_labels

LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}
DRAFT_RED = RGBColor(0xB2, 0x18, 0x2B)
MAX_WORD_HEADING = 9
STYLED = ("Normal", "Title", "Subtitle", "List Bullet", "Table Grid", "TOC Heading",
          *(f"Heading {n}" for n in range(1, MAX_WORD_HEADING + 1)))


def _set_language(document: Any, tag: str) -> None:
    """The document's language on the defaults and on every style the document uses."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _lang(r_pr, tag)
    for name in STYLED:
        try:
            style = styles[name]
        except KeyError:
            continue
        _lang(style.element.get_or_add_rPr(), tag)


def _lang(r_pr: Any, tag: str) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (page number, table of contents) that Word computes."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _update_fields_on_open(document: Any) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell: Any, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if i < len(lines) - 1:
            run.add_break()


def _table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    """A table with a header row that Word repeats on every page it spans."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    first = table.rows[0]
    _repeat_header(first)
    for cell, text in zip(first.cells, header, strict=True):
        _cell_text(cell, text, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _cell_text(cell, text)
    return table


def _paragraphs(document: Any, text: str, style: str | None = None) -> None:
    for part in text.split("\n"):
        document.add_paragraph(part, style=style)


def _start(title: str, author: str, language: str, draft: bool, labels: dict[str, str]) -> Any:
    document = Document()
    tag = LANGUAGE_TAGS.get(language, language)
    _set_language(document, tag)
    properties = document.core_properties
    properties.title = title
    properties.language = tag
    properties.author = author
    properties.comments = labels["draft"] if draft else ""
    _update_fields_on_open(document)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    if draft:
        run = header.add_run(labels["draft"])
        run.bold = True
        run.font.color.rgb = DRAFT_RED
        run.font.size = Pt(12)
        header.add_run(f"    {title}").font.size = Pt(8)
    else:
        header.add_run(title).font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{labels['page']} ")
    _field(footer, "PAGE", "1")
    return document


def _cover(document: Any, title: str, subtitle: str, lines: list[CoverLine], draft: bool,
           labels: dict[str, str], description: str = "") -> None:
    document.add_heading(title, 0)
    if subtitle:
        document.add_paragraph(subtitle, style="Subtitle")
    if draft:
        run = document.add_paragraph().add_run(labels["draft"])
        run.bold = True
        run.font.size = Pt(16)
        run.font.color.rgb = DRAFT_RED
    for line in lines:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{line.label}: ").bold = True
        paragraph.add_run(line.value)
    if description:
        _paragraphs(document, description)


def _contents(document: Any, labels: dict[str, str]) -> None:
    document.add_paragraph(labels["contents"], style="TOC Heading")
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', labels["contents_hint"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_docx(plan: PlanDocument) -> bytes:
    """The plan as a Word document: title page, contents, fields of action → goal tree → measures."""
    labels = document_labels()
    document = _start(plan.title, plan.municipality, plan.language, plan.is_draft, labels)
    _cover(document, plan.plan_title, plan.subtitle, plan.cover, plan.is_draft, labels, plan.plan_description)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, labels)
    header = plan.overview_header()
    first_field = True
    for block in plan.blocks():
        if block.kind == "heading":
            heading = document.add_heading(block.text, min(block.level, MAX_WORD_HEADING))
            if block.level == 1 and not first_field:
                heading.paragraph_format.page_break_before = True
            first_field = first_field and block.level != 1
        elif block.kind == "text":
            _paragraphs(document, block.text)
        elif block.kind == "overview":
            document.add_paragraph().add_run(block.text).bold = True
            _table(document, header, block.rows)
        elif block.kind == "references":
            document.add_paragraph().add_run(block.text).italic = True
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "measure" and block.measure is not None:
            measure = block.measure
            document.add_heading(block.text, min(block.level, MAX_WORD_HEADING))
            if measure.is_key_project:
                document.add_paragraph().add_run(labels["key_project"]).bold = True
            if measure.description:
                _paragraphs(document, measure.description)
            _table(document, (labels["attribute"], labels["value"]),
                   [(a.label, a.value) for a in measure.attributes()])
            document.add_paragraph()
    return _save(document)


def comparison_docx(comparison: ComparisonDocument) -> bytes:
    """The comparison of two editions as a Word document."""
    labels = document_labels()
    document = _start(comparison.title, comparison.municipality, comparison.language, comparison.is_draft, labels)
    _cover(document, comparison.title, "", comparison.cover, comparison.is_draft, labels)
    document.add_heading(labels["summary"], 1)
    _table(document, comparison.summary_header, comparison.summary)
    for section in comparison.sections:
        document.add_heading(section.title, 1)
        if not section.has_differences:
            document.add_paragraph(section.none_text)
        for label, items in ((labels["added"], section.added), (labels["removed"], section.removed)):
            if items:
                document.add_heading(f"{label} ({len(items)})", 2)
                for item in items:
                    document.add_paragraph(item.text, style="List Bullet")
        if section.changed:
            document.add_heading(f"{labels['changed']} ({len(section.changed)})", 2)
            for changed in section.changed:
                document.add_heading(changed.label, 3)
                if changed.context:
                    document.add_paragraph(changed.context)
                _table(document, (labels["attribute"], labels["old"], labels["new"]), changed.rows)
                document.add_paragraph()
    return _save(document)
