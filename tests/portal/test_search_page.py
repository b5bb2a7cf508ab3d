"""The portal's search page /<municipality>/suche/: in German and in Arabic, grouped by kind, paged, bad input
answered with 400, and two search queries whatever the number of hits."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.search import services

pytestmark = pytest.mark.django_db


def _url(municipality: Any) -> str:
    return reverse("portal:search", kwargs={"municipality": municipality.slug})


def _search(visitor: Any, municipality: Any, language: str = "de", **params: Any) -> str:
    visitor.cookies["teilhabe_sprache"] = language
    response = visitor.get(_url(municipality), params)
    assert response.status_code == 200
    return response.content.decode()


def _index(municipality: Any, object_id: int, language: str, title: str, body: str = "",
           kind: str = "plan_measure") -> None:
    services.index(municipality=municipality, kind=kind, object_id=object_id, language=language, title=title,
                   body=body, url=f"/heidelberg/plan/massnahme/{object_id}/")


def test_german_search_finds_the_plan(visitor, municipality, plan):
    html = _search(visitor, municipality, q="Sprachkurse")
    assert "Bildung und Sprachförderung" in html  # its goal "Sprachkurse für Eltern"
    html = _search(visitor, municipality, q="Hausaufgaben")
    assert "Hausaufgabenhilfe" in html and "<mark>" in html
    assert 'role="search"' in html


def test_arabic_search_right_to_left(visitor, municipality):
    municipality.languages = ["de", "ar"]
    municipality.save()
    _index(municipality, 1, "ar", "دورة اللغة الألمانية للأمهات", "مع رعاية الأطفال")
    _index(municipality, 2, "de", "Sprachcafé", "Jeden Donnerstag")
    html = _search(visitor, municipality, "ar", q="الأطفال")
    assert '<html lang="ar" dir="rtl"' in html
    assert '<div lang="ar" dir="rtl">' in html and "دورة اللغة الألمانية للأمهات" in html
    # a German hit on an Arabic page is marked German, left to right
    html = _search(visitor, municipality, "ar", q="Sprachcafé")
    assert '<div lang="de" dir="ltr">' in html and "Sprachcafé" in html


def test_kinds_filter_and_paging(visitor, municipality):
    for i in range(25):
        _index(municipality, i, "de", f"Sprachkurs {i:02d}")
    _index(municipality, 1, "de", "Sprachkurs in Leichter Sprache", kind="page")
    html = _search(visitor, municipality, q="Sprachkurs")
    assert "26 Treffer" in html
    assert "Maßnahmen (25)" in html and "Seiten (1)" in html
    assert "art=page" in html and "seite=2" in html
    html = _search(visitor, municipality, q="Sprachkurs", art="page")
    assert "</mark> in Leichter Sprache" in html and "</mark> 01" not in html
    html = _search(visitor, municipality, q="Sprachkurs", seite="2")
    assert "Seite 2 von 2" in html
    # unknown kinds and pages are ignored, not errors
    assert "26 Treffer" in _search(visitor, municipality, q="Sprachkurs", art="unbekannt", seite="x")


def test_empty_and_hostile_queries(visitor, municipality, plan):
    assert "Treffer" not in _search(visitor, municipality)
    html = _search(visitor, municipality, q="<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert visitor.get(_url(municipality), {"q": "a\x00b"}).status_code == 400


def test_fixed_number_of_queries(visitor, municipality):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _search(visitor, municipality, q="Sprachkurs")
        return len(queries)

    _index(municipality, 0, "de", "Sprachkurs 0")
    few = count()
    for i in range(1, 40):
        _index(municipality, i, "de", f"Sprachkurs {i}", kind="page" if i % 3 else "plan_measure")
    assert count() == few
    assert few <= 6
