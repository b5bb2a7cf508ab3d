"""Plan documents as DOCX for the council paper (python-docx): Word's own heading styles (shown as
„Überschrift 1/2/3“ in a German Word), the document language de-DE on the styles, the title in the core
properties, tables whose header row repeats on every page, a table of contents Word fills in on opening,
and „Entwurf“ in the header of every page of a draft."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

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
    r_pr = defaults.find(qn("w:rPrDefault")).find(_RPR)
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


# WordprocessingML element names, resolved once (a large plan writes hundreds of thousands of elements).
_B = qn("w:b")
_BR = qn("w:br")
_GRIDCOL = qn("w:gridCol")
_I = qn("w:i")
_P = qn("w:p")
_PPR = qn("w:pPr")
_PSTYLE = qn("w:pStyle")
_PAGEBREAKBEFORE = qn("w:pageBreakBefore")
_R = qn("w:r")
_RPR = qn("w:rPr")
_SECTPR = qn("w:sectPr")
_T = qn("w:t")
_TBL = qn("w:tbl")
_TBLGRID = qn("w:tblGrid")
_TBLHEADER = qn("w:tblHeader")
_TBLLOOK = qn("w:tblLook")
_TBLPR = qn("w:tblPr")
_TBLSTYLE = qn("w:tblStyle")
_TBLW = qn("w:tblW")
_TC = qn("w:tc")
_TCPR = qn("w:tcPr")
_TCW = qn("w:tcW")
_TR = qn("w:tr")
_TRPR = qn("w:trPr")


class _Body:
    """Appends paragraphs and tables to the document body as WordprocessingML elements. python-docx's own
    `add_paragraph`/`add_table` look styles up and recompute table grids on every call (a 1,000-measure plan
    took over a minute); this writes the same markup directly, with the styles' ids looked up once. Text is
    set on the elements (lxml escapes it); nothing is parsed from strings."""

    def __init__(self, document: Any) -> None:
        self.document = document
        body = document.element.body
        self.body = body
        self.end = body.find(_SECTPR)
        self.style_ids: dict[str, str] = {}
        section = document.sections[0]
        self.text_width = int((section.page_width - section.left_margin - section.right_margin) / 635)  # twips

    def style(self, name: str) -> str:
        found = self.style_ids.get(name)
        if found is None:
            found = self.style_ids[name] = self.document.styles[name].style_id
        return found

    def _add(self, element: Any) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def paragraph(self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False,
                  page_break_before: bool = False) -> None:
        self._add(_paragraph(text, self.style(style) if style else None, bold=bold, italic=italic,
                             page_break_before=page_break_before))

    def heading(self, text: str, level: int, *, page_break_before: bool = False) -> None:
        self.paragraph(text, f"Heading {min(level, MAX_WORD_HEADING)}", page_break_before=page_break_before)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float]) -> None:
        """A table in Word's „Table Grid“ style whose header row repeats on every page it spans."""
        table = etree.Element(_TBL)
        properties = etree.SubElement(table, _TBLPR)
        _set(etree.SubElement(properties, _TBLSTYLE), val=self.style("Table Grid"))
        _set(etree.SubElement(properties, _TBLW), w="0", type="auto")
        _set(etree.SubElement(properties, _TBLLOOK), val="04A0", firstRow="1", lastRow="0",
             firstColumn="1", lastColumn="0", noHBand="0", noVBand="1")
        twips = [str(int(self.text_width * share)) for share in widths]
        grid = etree.SubElement(table, _TBLGRID)
        for width in twips:
            _set(etree.SubElement(grid, _GRIDCOL), w=width)
        self._row(table, header, twips, header=True)
        for values in rows:
            self._row(table, values, twips, header=False)
        self._add(table)

    @staticmethod
    def _row(table: Any, values: Sequence[str], twips: Sequence[str], *, header: bool) -> None:
        row = etree.SubElement(table, _TR)
        if header:
            row_properties = etree.SubElement(row, _TRPR)
            _set(etree.SubElement(row_properties, _TBLHEADER), val="true")
        for value, width in zip(values, twips, strict=True):
            cell = etree.SubElement(row, _TC)
            cell_properties = etree.SubElement(cell, _TCPR)
            _set(etree.SubElement(cell_properties, _TCW), w=width, type="dxa")
            cell.append(_paragraph(value, None, bold=header))


_ATTRIBUTES: dict[str, str] = {}


def _set(element: Any, **attributes: str) -> None:
    for name, value in attributes.items():
        tag = _ATTRIBUTES.get(name)
        if tag is None:
            tag = _ATTRIBUTES[name] = qn(f"w:{name}")
        element.set(tag, value)


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _paragraph(text: str, style_id: str | None, *, bold: bool = False, italic: bool = False,
               page_break_before: bool = False) -> Any:
    paragraph = etree.Element(_P)
    if style_id or page_break_before:
        properties = etree.SubElement(paragraph, _PPR)
        if style_id:
            _set(etree.SubElement(properties, _PSTYLE), val=style_id)
        if page_break_before:
            etree.SubElement(properties, _PAGEBREAKBEFORE)
    run = etree.SubElement(paragraph, _R)
    if bold or italic:
        run_properties = etree.SubElement(run, _RPR)
        if bold:
            etree.SubElement(run_properties, _B)
        if italic:
            etree.SubElement(run_properties, _I)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, _BR)
        element = etree.SubElement(run, _T)
        element.text = line
        element.set(XML_SPACE, "preserve")
    return paragraph


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
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
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
    for part in description.split("\n") if description else ():
        document.add_paragraph(part)


def _contents(document: Any, labels: dict[str, str]) -> None:
    document.add_paragraph(labels["contents"], style="TOC Heading")
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', labels["contents_hint"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


OVERVIEW_WIDTHS = (0.08, 0.32, 0.2, 0.16, 0.1, 0.14)
ATTRIBUTE_WIDTHS = (0.3, 0.7)
CHANGE_WIDTHS = (0.26, 0.37, 0.37)
SUMMARY_WIDTHS = (0.4, 0.15, 0.15, 0.15, 0.15)


def plan_docx(plan: PlanDocument) -> bytes:
    """The plan as a Word document: title page, contents, fields of action → goal tree → measures."""
    labels = document_labels()
    document = _start(plan.title, plan.municipality, plan.language, plan.is_draft, labels)
    _cover(document, plan.plan_title, plan.subtitle, plan.cover, plan.is_draft, labels, plan.plan_description)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, labels)
    body = _Body(document)
    header = plan.overview_header()
    attribute_header = (labels["attribute"], labels["value"])
    first_field = True
    for block in plan.blocks():
        if block.kind == "heading":
            body.heading(block.text, block.level, page_break_before=block.level == 1 and not first_field)
            first_field = first_field and block.level != 1
        elif block.kind == "text":
            body.paragraph(block.text)
        elif block.kind == "overview":
            body.paragraph(block.text, bold=True)
            body.table(header, block.rows, OVERVIEW_WIDTHS)
        elif block.kind == "references":
            body.paragraph(block.text, italic=True)
            for item in block.items:
                body.paragraph(item, "List Bullet")
        elif block.kind == "measure" and block.measure is not None:
            measure = block.measure
            body.heading(block.text, block.level)
            if measure.is_key_project:
                body.paragraph(labels["key_project"], bold=True)
            if measure.description:
                body.paragraph(measure.description)
            body.table(attribute_header, [(a.label, a.value) for a in measure.attributes()], ATTRIBUTE_WIDTHS)
            body.paragraph("")
    return _save(document)


def comparison_docx(comparison: ComparisonDocument) -> bytes:
    """The comparison of two editions as a Word document."""
    labels = document_labels()
    document = _start(comparison.title, comparison.municipality, comparison.language, comparison.is_draft, labels)
    _cover(document, comparison.title, "", comparison.cover, comparison.is_draft, labels)
    body = _Body(document)
    body.heading(labels["summary"], 1)
    body.table(comparison.summary_header, comparison.summary, SUMMARY_WIDTHS)
    for section in comparison.sections:
        body.heading(section.title, 1)
        if not section.has_differences:
            body.paragraph(section.none_text)
        for label, items in ((labels["added"], section.added), (labels["removed"], section.removed)):
            if items:
                body.heading(f"{label} ({len(items)})", 2)
                for item in items:
                    body.paragraph(item.text, "List Bullet")
        if section.changed:
            body.heading(f"{labels['changed']} ({len(section.changed)})", 2)
            for changed in section.changed:
                body.heading(changed.label, 3)
                if changed.context:
                    body.paragraph(changed.context)
                body.table((labels["attribute"], labels["old"], labels["new"]), changed.rows, CHANGE_WIDTHS)
                body.paragraph("")
    return _save(document)
