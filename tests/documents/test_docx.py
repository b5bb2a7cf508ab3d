"""The plan and the comparison as DOCX for the council paper: Word's heading styles, the document language,
the title, tables whose header row repeats, „Entwurf“ on every page of a draft."""

from __future__ import annotations

import pytest
from django.utils import translation
from docx.oxml.ns import qn

from teilhabe.core.roles import Actor
from teilhabe.plans.documents import comparison_document, plan_document
from teilhabe.plans.documents.docx import comparison_docx, plan_docx
from teilhabe.plans.editions import compare_editions
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from tests.documents.conftest import DETAILED_TITLE, docx_document, docx_text, headings

pytestmark = pytest.mark.django_db


def test_the_plan_opens_with_its_titles_as_word_headings(detailed: Measure, edition: Edition) -> None:
    document = docx_document(plan_docx(plan_document(edition)))
    found = headings(document)
    assert ("Heading 1", "Bildung und Sprachförderung") in found
    assert ("Heading 1", "Ausbildung und Arbeitsmarkt") in found
    assert ("Heading 2", "Leitziel: Bildungschancen verbessern") in found
    assert ("Heading 3", "Teilziel: Sprache fördern") in found
    assert ("Heading 4", "Handlungsziel: Sprachkurse für Eltern") in found
    measure_headings = {text for style, text in found if style in ("Heading 2", "Heading 3", "Heading 4", "Heading 5")}
    for title in ("Mama lernt Deutsch", "Hausaufgabenhilfe", "Schulsozialarbeit", "Ausbildungspatenschaften",
                  f"1.4 {DETAILED_TITLE}"):
        assert title in measure_headings
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Kommunaler Integrationsplan"
    text = docx_text(document)
    for expected in ("18.000 €", "16. März 2027", "laufend", "Eltern; Kinder im Grundschulalter", "Landesprogramm"):
        assert expected in text
    assert "Entwurf" not in text


def test_language_title_and_repeated_header_rows(detailed: Measure, edition: Edition) -> None:
    document = docx_document(plan_docx(plan_document(edition)))
    assert document.core_properties.title == "Kommunaler Integrationsplan"
    assert document.core_properties.language == "de-DE"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "de-DE"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        lang = document.styles[name].element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "de-DE", name
    assert document.tables, "the measures are tables"
    for table in document.tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
    overview = document.tables[0]
    assert [c.text for c in overview.rows[0].cells] == ["Nr.", "Maßnahme", "Federführung", "Zeitraum", "Kosten",
                                                         "Status"]


def test_english_document(detailed: Measure, edition: Edition) -> None:
    with translation.override("en"):
        document = docx_document(plan_docx(plan_document(edition)))
    assert document.core_properties.language == "en-GB"
    assert "€18,000" in docx_text(document)


def test_one_field_of_action(edition: Edition) -> None:
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    document = docx_document(plan_docx(plan_document(edition, arbeit)))
    found = [text for _style, text in headings(document)]
    assert found[0] == "Ausbildung und Arbeitsmarkt" and "Ausbildungspatenschaften" in found
    assert "Bildung und Sprachförderung" not in found


def test_a_draft_says_entwurf_in_the_header_of_every_page(fortschreibung: Edition) -> None:
    document = docx_document(plan_docx(plan_document(fortschreibung)))
    assert all("Entwurf – nicht beschlossen" in s.header.paragraphs[0].text for s in document.sections)
    assert "Entwurf – nicht beschlossen" in [p.text for p in document.paragraphs[:5]]


def test_the_comparison_as_docx(fortschreibung: Edition, edition: Edition) -> None:
    comparison = comparison_document(compare_editions(edition, fortschreibung))
    document = docx_document(comparison_docx(comparison))
    assert document.core_properties.title == comparison.title
    found = headings(document)
    assert ("Heading 1", "Maßnahmen") in found
    assert ("Heading 3", DETAILED_TITLE) in found
    text = docx_text(document)
    assert "Jobmesse für Geflüchtete" in text and "Schulsozialarbeit" in text
    assert "18.000 €" in text and "12.500 €" in text and "31. Dezember 2028" in text
    assert "Entwurf – nicht beschlossen" in document.sections[0].header.paragraphs[0].text


def test_hostile_text_is_kept_literally(edition: Edition, coord_actor: Actor) -> None:
    from teilhabe.plans import services
    from tests.documents.test_pdf import HOSTILE, LONG_WORD

    field = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    title = HOSTILE + " & ]]"
    services.create_measure(actor=coord_actor, edition=edition, values={
        "title": title, "field": field, "description": f"{LONG_WORD}\n= keine Überschrift", "reference": "#1"})
    document = docx_document(plan_docx(plan_document(edition)))
    assert ("Heading 3", f"#1 {title}") in headings(document)
    assert f"{LONG_WORD}\n= keine Überschrift" in docx_text(document)
