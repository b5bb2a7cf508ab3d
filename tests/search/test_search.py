"""The search index and its query on the current database (SQLite with FTS5, or PostgreSQL): German with
stemming (PostgreSQL) or prefixes (SQLite), Arabic (right to left), the German fallback, kinds, paging,
tenancy, and the plan and the pages feeding it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from teilhabe.core.tenancy import municipality_scope
from teilhabe.pages import services as page_services
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure
from teilhabe.search import fulltext, services
from teilhabe.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _doc(municipality: Any, object_id: int, language: str, title: str, body: str = "", kind: str = "plan_measure",
         published: bool = True) -> None:
    services.index(municipality=municipality, kind=kind, object_id=object_id, language=language, title=title,
                   body=body, url=f"/x/{object_id}/", published=published)


def _titles(municipality: Any, query: str, language: str = "de", **kw: Any) -> list[str]:
    return [h.title for h in fulltext.search(municipality, query, language=language, **kw).page.items]


def test_german_plural_finds_singular(municipality):
    _doc(municipality, 1, "de", "Sprachkurs für Eltern", "Ein Kurs am Vormittag mit Kinderbetreuung.")
    _doc(municipality, 2, "de", "Fußballgruppe", "Sport am Wochenende.")
    assert _titles(municipality, "Sprachkurse") == ["Sprachkurs für Eltern"]
    assert _titles(municipality, "kinderbetreuung") == ["Sprachkurs für Eltern"]
    assert _titles(municipality, "Sprach") == ["Sprachkurs für Eltern"]  # a word being typed
    assert _titles(municipality, "Schwimmen") == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_german_stemming_on_postgresql(municipality):
    _doc(municipality, 1, "de", "Beratung", "Wir beraten Familien in vielen Sprachen.")
    assert _titles(municipality, "Familie") == ["Beratung"]
    assert _titles(municipality, "Sprache") == ["Beratung"]


def test_arabic_content_is_found_by_arabic_query(municipality):
    _doc(municipality, 1, "ar", "دورة اللغة الألمانية للأمهات", "دورة صباحية مع رعاية الأطفال")
    _doc(municipality, 1, "de", "Deutschkurs für Mütter", "Vormittags, mit Kinderbetreuung")
    _doc(municipality, 2, "ar", "استشارة الهجرة", "نساعد العائلات")
    hits = fulltext.search(municipality, "الأطفال", language="ar").page.items
    assert [(h.title, h.language, h.dir) for h in hits] == [("دورة اللغة الألمانية للأمهات", "ar", "rtl")]
    assert "<mark>" in hits[0].snippet
    assert _titles(municipality, "استشارة", "ar") == ["استشارة الهجرة"]
    # a German reader does not get Arabic documents
    assert _titles(municipality, "الأطفال", "de") == []


def test_reader_language_first_and_german_fallback(municipality):
    _doc(municipality, 1, "ar", "مقهى اللغة Sprachcafé", "كل يوم خميس")
    _doc(municipality, 1, "de", "Sprachcafé", "Jeden Donnerstag")
    _doc(municipality, 2, "de", "Sprachcafé im Stadtteil", "Nur auf Deutsch beschrieben")
    hits = fulltext.search(municipality, "Sprachcafé", language="ar").page.items
    # the Arabic document of thing 1 (not its German one), then thing 2 in German as the fallback
    assert [(h.object_id, h.language) for h in hits] == [(1, "ar"), (2, "de")]
    assert hits[1].dir == "ltr"


def test_hostile_and_odd_queries_change_nothing(municipality):
    _doc(municipality, 1, "de", "Sprachkurs", "<b>fett</b>")
    for query in ['"', "'; DROP TABLE search_searchdocument; --", "AND OR NOT", "*", "a:* & !", "NEAR(x y)",
                  "(", ")", "^", "x" * 5000, "   "]:
        fulltext.search(municipality, query, language="de")
    hits = fulltext.search(municipality, "fett", language="de").page.items
    snippet = str(hits[0].snippet)
    assert "<mark>fett</mark>" in snippet and "<b>" not in snippet  # stored text never comes back as markup
    assert SearchDocument.objects.count() == 1


def test_unpublished_documents_and_other_municipalities_stay_out(municipality, other_municipality):
    _doc(municipality, 1, "de", "Sprachkurs Entwurf", published=False)
    with municipality_scope(other_municipality):
        _doc(other_municipality, 2, "de", "Sprachkurs in Herdecke")
    assert _titles(municipality, "Sprachkurs") == []


def test_kinds_and_paging(municipality):
    for i in range(25):
        _doc(municipality, i, "de", f"Sprachkurs {i:02d}", kind="plan_measure")
    for i in range(3):
        _doc(municipality, i, "de", f"Sprachkurs Seite {i}", kind="page")
    results = fulltext.search(municipality, "Sprachkurs", language="de", per_page=10)
    assert results.total == 28
    assert {k.kind: k.count for k in results.kinds} == {"plan_measure": 25, "page": 3}
    assert results.page.num_pages == 3 and len(results.page.items) == 10
    last = fulltext.search(municipality, "Sprachkurs", language="de", per_page=10, page=99)
    assert last.page.number == 3 and len(last.page.items) == 8
    pages = fulltext.search(municipality, "Sprachkurs", language="de", kind="page")
    assert pages.page.total == 3 and {h.kind for h in pages.page.items} == {"page"}


def test_update_and_remove(municipality):
    _doc(municipality, 1, "de", "Sprachkurs")
    _doc(municipality, 1, "de", "Nähcafé")
    assert _titles(municipality, "Sprachkurs") == []
    assert _titles(municipality, "Nähcafé") == ["Nähcafé"]
    services.remove(municipality=municipality, kind="plan_measure", object_id=1)
    assert _titles(municipality, "Nähcafé") == []


def test_fixed_number_of_queries(municipality, django_assert_max_num_queries):
    for i in range(3):
        _doc(municipality, i, "de", f"Sprachkurs {i}")
    with django_assert_max_num_queries(2):
        fulltext.search(municipality, "Sprachkurs", language="ar")
    for i in range(3, 60):
        _doc(municipality, i, "de", f"Sprachkurs {i}", kind="page" if i % 2 else "plan_measure")
    with django_assert_max_num_queries(2):
        assert fulltext.search(municipality, "Sprachkurs", language="ar").total == 60


def test_the_plan_in_force_is_indexed_and_follows_its_changes(municipality, plan, coord_actor):
    edition = plan.editions.get()
    assert _titles(municipality, "Hausaufgaben") == ["Hausaufgabenhilfe"]
    assert "Bildung und Sprachförderung" in _titles(municipality, "Bildung")
    # a field is found by its goals' titles
    assert "Bildung und Sprachförderung" in _titles(municipality, "Bildungschancen")
    measure = Measure.objects.get(title="Hausaufgabenhilfe")
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                 values={"title": "Lernhilfe am Nachmittag"})
    assert _titles(municipality, "Hausaufgaben") == []
    assert _titles(municipality, "Lernhilfe") == ["Lernhilfe am Nachmittag"]
    measure.refresh_from_db()
    plan_services.delete_measure(actor=coord_actor, measure=measure, expected_version=measure.version)
    assert _titles(municipality, "Lernhilfe") == []
    # a new draft (Fortschreibung) is not public; archiving the plan in force takes it out of the index
    from teilhabe.plans.editions.copy import start_new_edition

    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2026")
    assert _titles(municipality, "Schulsozialarbeit") == ["Schulsozialarbeit"]
    draft_measure = Measure.objects.get(edition=draft, title="Schulsozialarbeit")
    plan_services.update_measure(actor=coord_actor, measure=draft_measure, expected_version=draft_measure.version,
                                 values={"title": "Schulsozialarbeit neu"})
    assert _titles(municipality, "Schulsozialarbeit") == ["Schulsozialarbeit"]
    plan_services.update_edition(actor=coord_actor, edition=draft, expected_version=draft.version,
                                 values={"status": Edition.Status.ADOPTED, "adopted_on": edition.adopted_on})
    assert _titles(municipality, "Schulsozialarbeit") == ["Schulsozialarbeit neu"]


def test_pages_are_indexed(municipality, coord_actor):
    services.reindex_municipality(municipality=municipality, kinds=["page"])
    assert "Impressum" in _titles(municipality, "Impressum")  # the German default text
    page_services.save_legal_page(actor=coord_actor, municipality=municipality, kind="leichte-sprache",
                                  language="de", title="Leichte Sprache", body="Hier lesen Sie über den Sprachkurs.",
                                  expected_version=0)
    assert _titles(municipality, "Sprachkurs") == ["Leichte Sprache"]


def test_reindex_command(municipality, plan, capsys):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("search_reindex", municipality.slug)
    out = capsys.readouterr().out
    assert "plan_measure: 4" in out and "plan_field: 2" in out and "page: 5" in out
    assert _titles(municipality, "Hausaufgaben") == ["Hausaufgabenhilfe"]


def test_like_fallback_without_fts5(municipality, monkeypatch):
    _doc(municipality, 1, "de", "Sprachkurs für Eltern", "Vormittags")
    _doc(municipality, 2, "ar", "دورة اللغة", "رعاية الأطفال")
    monkeypatch.setattr(fulltext, "_backend", lambda: fulltext.LikeSearch)
    if connection.vendor == "postgresql":
        pytest.skip("the LIKE fallback is SQLite's")
    assert _titles(municipality, "Sprachkurse") == ["Sprachkurs für Eltern"]
    assert _titles(municipality, "الأطفال", "ar") == ["دورة اللغة"]
    assert _titles(municipality, "nichts") == []
