"""Shared pieces of the plan document tests: a plan whose measures say everything a council reads, and
readers for the PDF and DOCX files."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.plans import services
from teilhabe.plans.models import Edition, FieldOfAction, Measure, Plan

DETAILED_TITLE = "Sprachcafé für Eltern"


@pytest.fixture
def detailed(plan: Plan, edition: Edition, coord_actor: Actor, amt: OrgUnit, other_amt: OrgUnit,
             verein: Organisation) -> Measure:
    """One more measure of the small plan with every attribute a council reads filled in."""
    field = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    goal = field.goals.get(title="Sprache fördern")
    eltern = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality, name="Eltern")
    kinder = services.get_or_create_target_group(actor=coord_actor, municipality=edition.municipality,
                                                 name="Kinder im Grundschulalter")
    return services.create_measure(actor=coord_actor, edition=edition, values={
        "reference": "1.4", "title": DETAILED_TITLE, "description": "Ein offenes Café.\nJeden Dienstag.",
        "field": field, "goals": [goal], "lead_org_unit": amt, "partner_org_units": [other_amt],
        "partner_organisations": [verein], "target_groups": [eltern, kinder],
        "start_date": dt.date(2027, 3, 16), "cost_estimate": Decimal("18000"), "funding": "Landesprogramm",
        "is_key_project": True, "gender_diversity_note": "Kinderbetreuung während des Cafés",
        "indicators": ["Zahl der Teilnehmenden", "Zufriedenheit"],
    })


def pdf_reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes | PdfReader) -> str:
    """The PDF's text with the invisible break opportunities of long words and hyphenation at line ends
    removed. (The Noto fonts' hyphen glyph serves both U+002D and U+00AD, and pypdf reads it back as the
    latter: inside a line it is the "-" of the text.)"""
    reader = data if isinstance(data, PdfReader) else pdf_reader(data)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u200b", "").replace("\u00ad\n", "").replace("\u00ad", "-")


def flat(text: str) -> str:
    """Text with line breaks and hyphenation undone, for finding titles that wrap."""
    return " ".join(text.replace("-\n", "").split())


def assert_tagged(data: bytes, title: str, language: str = "de") -> PdfReader:
    """PDF/UA: a structure tree, marked content, the document language, the title and the PDF/UA
    identification in the XMP metadata."""
    reader = pdf_reader(data)
    root = reader.root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject) and bool(mark_info["/Marked"])
    assert str(root["/Lang"]).split("-")[0] == language
    assert reader.metadata is not None and reader.metadata.title == title
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp and ("<pdfuaid:part>1</pdfuaid:part>" in xmp or 'pdfuaid:part="1"' in xmp)
    assert "/Outlines" in root  # bookmarks
    return reader


def docx_document(data: bytes) -> Any:
    assert data.startswith(b"PK")
    return Document(io.BytesIO(data))


def headings(document: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def docx_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


@pytest.fixture
def fortschreibung(detailed: Measure, edition: Edition, coord_actor: Actor) -> Edition:
    """A draft Fortschreibung of the plan: one measure added, one removed, one with a new cost and end."""
    from teilhabe.plans.editions import start_new_edition

    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    cafe = Measure.objects.get(edition=draft, title=DETAILED_TITLE)
    services.update_measure(actor=coord_actor, measure=cafe, expected_version=cafe.version, values={
        "cost_estimate": Decimal("12500"), "end_date": dt.date(2028, 12, 31)})
    gone = Measure.objects.get(edition=draft, title="Schulsozialarbeit")
    services.delete_measure(actor=coord_actor, measure=gone, expected_version=gone.version)
    field = FieldOfAction.objects.get(edition=draft, title="Ausbildung und Arbeitsmarkt")
    services.create_measure(actor=coord_actor, edition=draft, values={"title": "Jobmesse für Geflüchtete",
                                                                      "field": field})
    return Edition.objects.select_related("plan", "municipality").get(pk=draft.pk)
