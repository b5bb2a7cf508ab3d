"""The intercultural calendar's benchmarks: one year computed by the engine, all 201 years (1900–2100),
the A3 poster rendered to PDF, and the public month page (time and queries).

The module is not called calendar.py: run.py's folder is on sys.path, and a bench/calendar.py would
shadow the standard library's calendar module for everything the run imports."""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

FRESH_YEARS = range(2031, 2038)  # years no other benchmark or warm-up has computed
POSTER_YEARS = (2026, 2027, 2028)


def _cold_year_ms(year: int) -> float:
    from teilhabe.calendar import engine

    start = time.perf_counter()
    engine.compute_year(year, land="BW")
    return (time.perf_counter() - start) * 1000


def bench_year(harness: Harness) -> Figures:
    """Median time of computing a year not computed before in this process (the engine memoises years)."""
    from teilhabe.calendar import engine

    engine.compute_year(2000)  # import and set-up costs are not the year's
    timings = [_cold_year_ms(year) for year in FRESH_YEARS]
    return {"calendar_year_ms": round(statistics.median(timings), 1)}


def bench_200_years(harness: Harness) -> Figures:
    from teilhabe.calendar import engine

    start = time.perf_counter()
    for year in range(engine.MIN_YEAR, engine.MAX_YEAR + 1):
        engine.compute_year(year, variants={"islamic": "umm-al-qura", "nowruz": "fixed-21-march"}, land="NW")
    return {"calendar_200y_s": round(time.perf_counter() - start, 2)}


def bench_poster(harness: Harness) -> Figures:
    """Median time of rendering an A3 poster of a year not rendered before (fonts already loaded)."""
    from teilhabe.calendar import engine
    from teilhabe.calendar import print as calendar_print

    languages = ["de", "en", "ar", "tr", "fa", "uk"]
    start = time.perf_counter()
    calendar_print.render_poster(2025, engine.compute_year(2025, land="BW"), title="Warm-up", languages=languages)
    first = time.perf_counter() - start
    timings = []
    for year in POSTER_YEARS:
        occurrences = engine.compute_year(year, land="BW")
        start = time.perf_counter()
        calendar_print.render_poster(year, occurrences, title=f"Interkultureller Kalender {year}",
                                     languages=languages)
        timings.append(time.perf_counter() - start)
    return {"poster_pdf_s": round(statistics.median(timings), 2), "poster_pdf_first_s": round(first, 2)}


def bench_month_page(harness: Harness) -> Figures:
    """The public month page of a municipality with 50 own observances, 50 overrides and 10 hidden ones."""
    import datetime as dt

    from django.test import Client
    from django.urls import reverse

    from bench.plan import build_municipality
    from teilhabe.calendar import services
    from teilhabe.calendar.models import OwnObservance
    from teilhabe.core.tenancy import actor_for, municipality_scope

    municipality, user = build_municipality("bench-kalender", "Kalenderstadt", "08221000")
    actor = actor_for(user, municipality)
    with municipality_scope(municipality):
        for n in range(50):
            services.create_own_observance(actor=actor, municipality=municipality, values={
                "key": f"tag-{n}", "names": {"de": f"Tag {n}", "ar": f"يوم {n}"}, "community": "",
                "own_community": f"Verein {n % 10}", "rule": OwnObservance.Rule.FIXED, "month": 1 + n % 12,
                "day": 1 + n % 28, "length_days": 1 + n % 3})
            services.set_date_override(actor=actor, municipality=municipality, observance_key=f"tag-{n}", year=2026,
                                       expected_version=0, date=dt.date(2026, 1 + n % 12, 2 + n % 27))
        for key in ("ashura", "mawlid", "yalda", "vesak", "holi", "ridvan", "purim", "tu-bishvat", "ascension",
                    "all-saints"):
            services.hide_observance(actor=actor, municipality=municipality, observance_key=key)
    url = reverse("portal:calendar_month", kwargs={"municipality": municipality.slug, "year": 2026, "month": 3})
    ms, queries = harness.measure_get(Client(), url)
    year_url = reverse("portal:calendar_year", kwargs={"municipality": municipality.slug, "year": 2026})
    year_ms, year_queries = harness.measure_get(Client(), year_url)
    return {"calendar_month_page_ms": ms, "calendar_month_page_queries": queries,
            "calendar_year_page_ms": year_ms, "calendar_year_page_queries": year_queries}


BENCHMARKS = {
    "calendar_year": bench_year,
    "calendar_200y": bench_200_years,
    "poster_pdf": bench_poster,
    "calendar_pages": bench_month_page,
}

