"""The demo-sized plan (Heidelberg's, 55 measures, and its Fortschreibung draft) as documents: every measure
title is in the PDF and the DOCX, and every added, removed and changed measure is in the comparison."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.demo.content.heidelberg import HEIDELBERG
from teilhabe.demo.loader import load_demo
from teilhabe.plans import services
from teilhabe.plans.documents import comparison_document, plan_document
from teilhabe.plans.documents.docx import comparison_docx, plan_docx
from teilhabe.plans.documents.pdf import comparison_pdf, plan_pdf
from teilhabe.plans.editions import compare_editions
from teilhabe.plans.models import Edition, Measure
from tests.documents.conftest import assert_tagged, docx_document, docx_text, flat, headings, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def heidelberg(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Municipality]:
    """Heidelberg's demo, built once for this module in a transaction that is rolled back at the end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(specs=[HEIDELBERG])
            yield Municipality.objects.get(slug="heidelberg")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def editions(heidelberg: Municipality) -> Iterator[tuple[Edition, Edition]]:
    with municipality_scope(heidelberg):
        editions = Edition.objects.of(heidelberg).select_related("plan", "municipality")
        yield editions.get(status=Edition.Status.ADOPTED), editions.get(status=Edition.Status.DRAFT)


def _titles(edition: Edition) -> list[str]:
    return list(Measure.objects.filter(edition=edition).values_list("title", flat=True))


def test_every_measure_title_is_in_the_pdf(editions: tuple[Edition, Edition]) -> None:
    adopted, _draft = editions
    titles = _titles(adopted)
    assert len(titles) >= 50
    text = flat(pdf_text(assert_tagged(plan_pdf(plan_document(adopted)), adopted.plan.title)))
    missing = [t for t in titles if flat(t) not in text]
    assert missing == []


def test_every_measure_title_is_a_heading_in_the_docx(editions: tuple[Edition, Edition]) -> None:
    adopted, _draft = editions
    document = docx_document(plan_docx(plan_document(adopted)))
    found = {text for _style, text in headings(document)}
    references = dict(Measure.objects.filter(edition=adopted).values_list("title", "reference"))
    missing = [t for t, ref in references.items() if (f"{ref} {t}" if ref else t) not in found]
    assert missing == []


def test_every_difference_is_in_the_comparison(editions: tuple[Edition, Edition], heidelberg: Municipality) -> None:
    adopted, draft = editions
    actor = Actor.system(heidelberg.pk)
    with municipality_scope(heidelberg):
        measures = list(Measure.objects.filter(edition=draft).order_by("pk")[:6])
        for measure in measures[:3]:
            services.update_measure(actor=actor, measure=measure, expected_version=measure.version,
                                    values={"cost_estimate": Decimal("4711.5"), "title": measure.title + " (neu)"})
        services.delete_measure(actor=actor, measure=measures[4], expected_version=measures[4].version)
        services.create_measure(actor=actor, edition=draft, values={"title": "Neue Maßnahme der Fortschreibung",
                                                                    "field": measures[5].field})
        comparison = compare_editions(adopted, draft)
    named = [r.label for r in comparison.measures.added + comparison.measures.removed]
    named += [c.new.label for c in comparison.measures.changed]
    assert len(named) == 5 and "Neue Maßnahme der Fortschreibung" in named
    document = comparison_document(comparison)
    text = flat(pdf_text(assert_tagged(comparison_pdf(document), document.title)))
    docx = docx_text(docx_document(comparison_docx(document)))
    assert [t for t in named if flat(t) not in text] == []
    assert [t for t in named if t not in docx] == []
    assert "4.711,50 €" in text and "4.711,50 €" in docx
