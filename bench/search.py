"""The portal search over 10,000 documents of one municipality (7,000 German, 3,000 Arabic: measures, pages,
organisations, offers, events with titles and a paragraph of text each). Figures: search_ms (p50 of typical
queries through teilhabe.search.fulltext, German and Arabic, with kinds counted, one page of hits and their
snippets), search_page_ms (the portal's /suche/ page, median) and search_queries (SQL queries of that page).
The figure depends on the database: run it with and without DATABASE_URL (docs/search.md)."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

DOCUMENTS = 10_000
ARABIC_SHARE = 0.3
def _words(text: str) -> list[str]:
    return text.split()


KINDS = ["plan_measure", "plan_field", "page", "organisation", "offer", "event"]
GERMAN = _words(
    "Sprachkurs Sprachkurse Deutschkurs Integrationskurs Beratung Familienberatung Migrationsberatung Frauen "
    "Mütter Kinder Jugendliche Eltern Schule Ausbildung Arbeit Arbeitsmarkt Wohnung Gesundheit Sport Kultur "
    "Fußball Nähcafé Sprachcafé Begegnung Ehrenamt Verein Stadtteil Nachbarschaft Kita Hausaufgabenhilfe "
    "Bewerbung Anerkennung Abschlüsse Dolmetscher Lotsen Patenschaft Freizeit Musik Theater Feier Fest "
    "kostenlos barrierefrei Anmeldung Kinderbetreuung Vormittag Nachmittag Wochenende montags donnerstags"
)
ARABIC = _words(
    "دورة اللغة الألمانية استشارة الأسرة النساء الأمهات الأطفال الشباب الآباء المدرسة التدريب العمل السكن "
    "الصحة الرياضة الثقافة كرة القدم مقهى لقاء تطوع جمعية الحي الجيران روضة الواجبات طلب الاعتراف مترجم "
    "مرشد رعاية مجاني التسجيل صباحا مساء نهاية الأسبوع"
)
QUERIES = [("Sprachkurse", "de"), ("Beratung", "de"), ("Kinderbetreuung kostenlos", "de"), ("Sprach", "de"),
           ("Fußball Verein", "de"), ("الأطفال", "ar"), ("دورة", "ar"), ("Sprachcafé", "ar")]


@dataclass
class SearchData:
    slug: str


def _filler(rng: random.Random, letters: str, size: int) -> list[str]:
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(size)]


def _text(rng: random.Random, words: list[str], filler: list[str], n: int, topical: int) -> str:
    """`n` words of running text of which `topical` come from the vocabulary people search for."""
    picked = [rng.choice(filler) for _ in range(n - topical)] + [rng.choice(words) for _ in range(topical)]
    rng.shuffle(picked)
    return " ".join(picked)


def build_index(slug: str = "bench-search", documents: int = DOCUMENTS) -> SearchData:
    from bench.plan import build_municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.search import services
    from teilhabe.search.registry import Document

    municipality, _user = build_municipality(slug, "Suchstadt", "08998000")
    municipality.languages = ["de", "ar"]
    municipality.save()
    rng = random.Random(10)  # reproducible test data
    filler = {"de": _filler(rng, "abcdefghijklmnoprstuwzäöü", 20_000),
              "ar": _filler(rng, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", 20_000)}
    docs = []
    for i in range(documents):
        arabic = i < documents * ARABIC_SHARE
        words = ARABIC if arabic else GERMAN
        docs.append(Document(
            kind=KINDS[i % len(KINDS)], object_id=i, language="ar" if arabic else "de",
            title=_text(rng, words, filler["ar" if arabic else "de"], 4, 2),
            body=_text(rng, words, filler["ar" if arabic else "de"], 80, 4), url=f"/{slug}/x/{i}/"))
    with municipality_scope(municipality):
        services.index_documents(municipality=municipality, documents=docs)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    return SearchData(slug=slug)


def bench_search(harness: Harness) -> Figures:
    from django.test import Client
    from django.urls import reverse

    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.search import fulltext

    data: SearchData = harness.once("search", build_index)
    municipality = Municipality.objects.get(slug=data.slug)
    timings: list[float] = []
    with municipality_scope(municipality):
        for query, language in QUERIES:
            for _ in range(harness.warmup):
                fulltext.search(municipality, query, language=language)
            for _ in range(harness.runs):
                start = time.perf_counter()
                results = fulltext.search(municipality, query, language=language)
                timings.append((time.perf_counter() - start) * 1000)
                assert results.total > 0, query
    url = reverse("portal:search", kwargs={"municipality": data.slug}) + "?q=Sprachkurse"
    page_ms, queries = harness.measure_get(Client(), url)
    return {"search_ms": round(statistics.median(timings), 1), "search_p90_ms": round(
        statistics.quantiles(timings, n=10)[-1], 1), "search_page_ms": page_ms, "search_queries": queries}


BENCHMARKS: dict[str, Any] = {"search": bench_search}
