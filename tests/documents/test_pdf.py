"""The plan and the comparison as tagged PDF/UA-1 (Typst): text, tags, language, draft mark, hostile text."""

from __future__ import annotations

import pytest
from django.utils import translation

from teilhabe.core.roles import Actor
from teilhabe.plans import services
from teilhabe.plans.documents import comparison_document, plan_document
from teilhabe.plans.documents.pdf import comparison_pdf, plan_pdf
from teilhabe.plans.editions import compare_editions
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from tests.documents.conftest import DETAILED_TITLE, assert_tagged, flat, pdf_text

pytestmark = pytest.mark.django_db

TITLES = ["Mama lernt Deutsch", "Hausaufgabenhilfe", "Schulsozialarbeit", "Ausbildungspatenschaften", DETAILED_TITLE]


def test_the_plan_is_a_tagged_pdf_ua_with_every_measure(detailed: Measure, edition: Edition) -> None:
    pdf = plan_pdf(plan_document(edition))
    reader = assert_tagged(pdf, "Kommunaler Integrationsplan")
    text = pdf_text(reader)
    for title in TITLES:
        assert title in text
    for expected in ("Heidelberg", "14. März 2024", "Leitziel: Bildungschancen verbessern",
                     "Handlungsziel: Sprachkurse für Eltern", "18.000 €", "16. März 2027", "laufend",
                     "Landesprogramm", "Kinder im Grundschulalter", "Interkultureller Verein", "Zufriedenheit",
                     "Kinderbetreuung während des Cafés", "Schlüsselprojekt"):
        assert expected in flat(text), expected
    assert "Entwurf" not in text
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:2] == ["Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]


def test_table_header_cells_are_tagged(detailed: Measure, edition: Edition) -> None:
    pdf = plan_pdf(plan_document(edition))
    assert b"/TH" in pdf or b"/S /TH" in pdf or _has_structure(pdf, "/TH")


def _has_structure(pdf: bytes, tag: str) -> bool:
    from tests.documents.conftest import pdf_reader

    found = False

    def walk(node: object, depth: int = 0) -> None:
        nonlocal found
        if found or depth > 60:
            return
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == tag:
                found = True
                return
            kids = node.get("/K")
            if kids is not None:
                walk(kids, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(pdf_reader(pdf).root_object["/StructTreeRoot"])
    return found


def test_headings_are_structure(edition: Edition) -> None:
    pdf = plan_pdf(plan_document(edition))
    assert _has_structure(pdf, "/H1") and _has_structure(pdf, "/H2") and _has_structure(pdf, "/TH")


def test_one_field_of_action(edition: Edition) -> None:
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    pdf = plan_pdf(plan_document(edition, arbeit))
    text = pdf_text(assert_tagged(pdf, "Kommunaler Integrationsplan – Ausbildung und Arbeitsmarkt"))
    assert "Ausbildungspatenschaften" in text and "Mama lernt Deutsch" not in text


def test_a_draft_says_entwurf_on_every_page(fortschreibung: Edition) -> None:
    reader = assert_tagged(plan_pdf(plan_document(fortschreibung)), "Kommunaler Integrationsplan")
    assert len(reader.pages) > 2
    for page in reader.pages:
        assert "Entwurf – nicht beschlossen" in page.extract_text()


def test_english_document(detailed: Measure, edition: Edition) -> None:
    with translation.override("en"):
        pdf = plan_pdf(plan_document(edition))
    text = flat(pdf_text(assert_tagged(pdf, "Kommunaler Integrationsplan", language="en")))
    assert "€18,000" in text and "16 March 2027" in text and "14 March 2024" in text
    assert "Contents" in text and "estimated cost" in text and "ongoing" in text and "Federführung" not in text


HOSTILE = 'Plan #panic("boom") *fett* _kursiv_ $x^2$ @ref <1label> a < b \\ ] #{ "a" } // kein Kommentar'
LONG_WORD = "Integrationsmaßnahmenkoordinierungs" * 8


def test_hostile_text_renders_literally(edition: Edition, coord_actor: Actor) -> None:
    field = FieldOfAction.objects.get(edition=edition, title="Bildung und Sprachförderung")
    services.create_measure(actor=coord_actor, edition=edition, values={
        "title": HOSTILE, "field": field, "description": f"{LONG_WORD}\n= keine Überschrift\n- keine Liste",
        "funding": "https://example.org/" + "a" * 180, "reference": "#1",
    })
    plan = edition.plan
    services.update_plan(actor=coord_actor, plan=plan, expected_version=plan.version,
                         values={"title": "Plan $mathe$ #let x = 1"})
    document = plan_document(Edition.objects.select_related("plan").get(pk=edition.pk))
    reader = assert_tagged(plan_pdf(document), "Plan $mathe$ #let x = 1")
    text = pdf_text(reader)
    compact = "".join(text.split())
    assert "".join(HOSTILE.split()) in compact
    assert LONG_WORD in compact  # broken across lines, but every letter there
    assert "=keineÜberschrift" in compact and "-keineListe" in compact
    assert "https://example.org/" + "a" * 180 in compact


def test_the_comparison_is_a_tagged_pdf(fortschreibung: Edition, edition: Edition) -> None:
    document = comparison_document(compare_editions(edition, fortschreibung))
    reader = assert_tagged(comparison_pdf(document), document.title)
    text = flat(pdf_text(reader))
    assert "Jobmesse für Geflüchtete" in text  # added
    assert "Schulsozialarbeit" in text  # removed
    assert DETAILED_TITLE in text  # changed
    assert "18.000 €" in text and "12.500 €" in text and "31. Dezember 2028" in text
    assert "geschätzte Kosten (EUR)" in text
    for page in reader.pages:
        assert "Entwurf – nicht beschlossen" in page.extract_text()
