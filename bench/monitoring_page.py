"""The back office's indicator page: an indicator with 20 years × 3 breakdowns (total, women, men), a target and
a series break, shown "nach Geschlecht" (chart spec, table, progress, source). Figures: indicator_page_ms
(median server time of the page through the Django test client), indicator_page_queries.

`build_indicator` is shared with the tests (tests/monitoring/test_indicator_views.py), which check that the
page's number of queries does not grow with the years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness


@dataclass
class IndicatorData:
    slug: str
    user: Any
    indicator_id: int


def fill_indicator(actor: Any, indicator: Any, years: int, first_year: int = 2005) -> None:
    """`years` years of a total and its parts by sex (the parts add up), written as one batch."""
    from teilhabe.monitoring.services import ObservationRow, write_observations

    rows = []
    for n in range(years):
        year = first_year + n
        women, men = Decimal(40000 + 137 * n), Decimal(38000 + 151 * n)
        flag = "p" if n == years - 1 else ""
        for breakdown, value in (({}, women + men), ({"sex": "female"}, women), ({"sex": "male"}, men)):
            rows.append(ObservationRow(period=str(year), period_start=dt.date(year, 1, 1), value=value,
                                       breakdown=breakdown, flag=flag, source="Statistisches Landesamt",
                                       vintage=f"31.12.{year}"))
    write_observations(actor=actor, indicator=indicator, rows=rows, label="Bevölkerung.csv", file_format="tidy_csv")


def build_indicator(slug: str = "bench-indicator", years: int = 20) -> IndicatorData:
    from bench.plan import build_municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.monitoring import services
    from teilhabe.monitoring.models import Direction, Unit

    municipality, user = build_municipality(slug, f"Bench {slug}", "08999000")
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        indicator = services.create_indicator(actor=actor, municipality=municipality, values={
            "key": "einwohner", "name": "Einwohnerinnen und Einwohner", "unit": Unit.COUNT,
            "unit_label": "Personen", "dimensions": ["sex"], "source": "Statistisches Landesamt",
            "baseline_value": Decimal(78000), "baseline_period": "2005", "target_value": Decimal(90000),
            "target_period": "2030", "direction": Direction.INCREASE})
        fill_indicator(actor, indicator, years)
        services.add_series_break(actor=actor, indicator=indicator, period="2011", note="Zensus 2011")
    return IndicatorData(slug=slug, user=user, indicator_id=indicator.pk)


def bench_indicator_page(harness: Harness) -> Figures:
    from django.urls import reverse

    data: IndicatorData = harness.once("indicator_page", build_indicator)
    url = reverse("backoffice:indicator_detail", kwargs={"municipality": data.slug, "pk": data.indicator_id})
    ms, queries = harness.measure_get(harness.client_for(data.user), f"{url}?nach=sex")
    return {"indicator_page_ms": ms, "indicator_page_queries": queries}


BENCHMARKS = {"indicator_page": bench_indicator_page}
