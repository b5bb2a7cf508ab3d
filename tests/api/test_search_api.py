"""GET /api/v1/{municipality}/search: public, items and count, the reader's language first, paging up to
1,000 a page, bad parameters refused with 422, and two search queries whatever the number of hits."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from teilhabe.search import services

pytestmark = pytest.mark.django_db
URL = "/api/v1/heidelberg/search"


def _index(municipality: Any, object_id: int, language: str, title: str, kind: str = "plan_measure") -> None:
    services.index(municipality=municipality, kind=kind, object_id=object_id, language=language, title=title,
                   body="", url=f"/heidelberg/plan/massnahme/{object_id}/")


def test_public_search_in_german_and_arabic(municipality, plan):
    municipality.languages = ["de", "ar"]
    municipality.save()
    _index(municipality, 99, "ar", "دورة اللغة للأمهات")
    answer = Client().get(URL, {"q": "Hausaufgaben"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1 and body["items"][0]["title"] == "Hausaufgabenhilfe"
    assert body["items"][0]["url"].startswith("/heidelberg/plan/massnahme/")
    assert body["kinds"] == [{"kind": "plan_measure", "label": "Maßnahmen", "count": 1}]
    arabic = Client().get(URL, {"q": "دورة", "language": "ar"}).json()
    assert [(i["title"], i["language"]) for i in arabic["items"]] == [("دورة اللغة للأمهات", "ar")]
    # a language the municipality does not offer searches German
    assert Client().get(URL, {"q": "دورة", "language": "fa"}).json()["count"] == 0


def test_paging_up_to_1000(municipality):
    for i in range(30):
        _index(municipality, i, "de", f"Sprachkurs {i}")
    body = Client().get(URL, {"q": "Sprachkurs", "page_size": 1000}).json()
    assert body["count"] == 30 and len(body["items"]) == 30 and body["pages"] == 1
    body = Client().get(URL, {"q": "Sprachkurs", "page_size": 10, "page": 3}).json()
    assert body["page"] == 3 and len(body["items"]) == 10
    for bad in ({"q": "x", "page_size": 1001}, {"q": "x", "page": 0}, {}, {"q": "x", "unbekannt": "1"},
                {"q": "a\x00b"}, {"q": "x", "kind": "<script>"}):
        assert Client().get(URL, bad).status_code == 422, bad
    assert Client().get("/api/v1/nirgendwo/search", {"q": "x"}).status_code == 404


def test_fixed_number_of_queries(municipality):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(URL, {"q": "Sprachkurs"}).status_code == 200
        return len(queries)

    _index(municipality, 0, "de", "Sprachkurs 0")
    few = count()
    for i in range(1, 50):
        _index(municipality, i, "de", f"Sprachkurs {i}", kind="page" if i % 2 else "plan_measure")
    assert count() == few <= 4
