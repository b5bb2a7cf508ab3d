"""The published monitoring for everyone: 30 published indicators (counts by sex and nationality, every third
a rate computed from two of them), 20 years each, read anonymously on the portal and through the API.
Figures (median server time in ms, SQL queries of one request): portal_indicators_ms/_queries (the list),
portal_indicator_ms/_queries (one indicator by sex), portal_indicator_json_ms/_queries, portal_dcat_ms/_queries
(the DCAT-AP.de catalogue in Turtle), api_indicators_ms/_queries, api_observations_ms/_queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

SLUG = "bench-opendata"
INDICATORS = 30
YEARS = 20


def build_opendata() -> str:
    from bench.plan import build_municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.monitoring import services
    from teilhabe.monitoring.services import ObservationRow

    municipality, user = build_municipality(SLUG, "Offenstadt", "08221000")
    breakdowns = [{}, {"sex": "female"}, {"sex": "male"}, {"nationality": "german"}, {"nationality": "foreign"}]
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        counts = []
        for i in range(INDICATORS):
            if i % 3 == 2:
                services.define_rate(actor=actor, municipality=municipality, key=f"quote-{i:02d}",
                                     name=f"Quote {i:02d}", numerator=counts[-2], denominator=counts[-1],
                                     extra={"is_published": True})
                continue
            indicator = services.create_indicator(actor=actor, municipality=municipality, values={
                "key": f"anzahl-{i:02d}", "name": f"Anzahl {i:02d}", "dimensions": ["sex", "nationality"],
                "unit_label": "Personen", "is_published": True, "source": "Statistisches Landesamt"})
            rows = [ObservationRow(period=str(year), period_start=dt.date(year, 1, 1),
                                   value=Decimal(1000 * (i + 1) + year + 7 * n), breakdown=b)
                    for year in range(2006, 2006 + YEARS) for n, b in enumerate(breakdowns)]
            services.write_observations(actor=actor, indicator=indicator, rows=rows, label="bench.csv")
            counts.append(indicator)
    return SLUG


def bench_opendata(harness: Harness) -> Figures:
    from django.test import Client

    slug = harness.once("opendata", build_opendata)
    client = Client()
    figures: Figures = {}
    for name, url in (
        ("portal_indicators", f"/{slug}/monitoring/"),
        ("portal_indicator", f"/{slug}/monitoring/quote-02/?aufgliederung=sex"),
        ("portal_indicator_json", f"/{slug}/monitoring/quote-02.json"),
        ("portal_dcat", f"/{slug}/monitoring/katalog.ttl"),
        ("api_indicators", f"/api/v1/{slug}/indicators"),
        ("api_observations", f"/api/v1/{slug}/indicators/quote-02/observations"),
    ):
        ms, queries = harness.measure_get(client, url)
        figures[f"{name}_ms"] = ms
        figures[f"{name}_queries"] = queries
    return figures


BENCHMARKS = {"monitoring_opendata": bench_opendata}
