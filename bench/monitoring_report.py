"""The monitoring report of 40 indicators (20 years each, total + women + men; every fourth a rate computed from
two of them, with a target; two fields of action): the back office page with its preview (server time and
queries), and the report as content, PDF and DOCX (one run each: a rendering takes seconds, most of it vl-convert
drawing one chart per indicator; charts are cached per process, so the PDF runs first on cold charts and the
DOCX draws PNGs anew). Figures: monitoring_report_page_ms, monitoring_report_page_queries,
monitoring_report_content_queries, monitoring_report_pdf_ms, monitoring_report_docx_ms."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

INDICATORS = 40
YEARS = range(2005, 2025)


@dataclass
class ReportData:
    slug: str
    user: Any


def build_monitoring() -> ReportData:
    """Indicators and their values through the services (one batch per indicator)."""
    from bench.plan import build_plan
    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.monitoring import services
    from teilhabe.monitoring.models import Direction, Unit
    from teilhabe.monitoring.services import ObservationRow
    from teilhabe.plans.models import FieldOfAction

    data = build_plan(fields=2, goals_per_field=2, measures_per_goal=2, slug="bench-monitoring")
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        actor = actor_for(data.user, municipality)
        fields = list(FieldOfAction.objects.order_by("pk"))
        counts = []
        for n in range(INDICATORS):
            field = fields[n % len(fields)]
            if n % 4 == 3:
                services.define_rate(actor=actor, municipality=municipality, key=f"quote-{n}", name=f"Quote {n}",
                                     numerator=counts[-1], denominator=counts[-2], per=100, extra={
                                         "fields": [field], "baseline_value": Decimal(40), "baseline_period": "2010",
                                         "target_value": Decimal(60), "target_period": "2030",
                                         "direction": Direction.INCREASE})
                continue
            indicator = services.create_indicator(actor=actor, municipality=municipality, values={
                "key": f"anzahl-{n}", "name": f"Anzahl {n}", "unit": Unit.COUNT, "dimensions": ["sex"],
                "fields": [field], "source": "Statistisches Landesamt"})
            rows = []
            for year in YEARS:
                women, men = 1000 + 10 * n + year % 7, 900 + 20 * n + year % 5
                for breakdown, value in (({}, women + men), ({"sex": "female"}, women), ({"sex": "male"}, men)):
                    rows.append(ObservationRow(period=str(year), period_start=dt.date(year, 1, 1),
                                               value=Decimal(value), breakdown=breakdown, vintage=f"{year + 1}-03"))
            services.write_observations(actor=actor, indicator=indicator, rows=rows, label=f"anzahl-{n}.csv")
            counts.append(indicator)
    return ReportData(slug=data.slug, user=data.user)


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return round((time.perf_counter() - start) * 1000, 1), result


def bench_monitoring_report(harness: Harness) -> Figures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.monitoring.documents import report_content
    from teilhabe.monitoring.documents.docx import report_docx
    from teilhabe.monitoring.documents.pdf import report_pdf

    data: ReportData = harness.once("monitoring_report", build_monitoring)
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        with CaptureQueriesContext(connection) as queries:
            report = report_content(municipality)
        content_queries = len(queries)
        pdf_ms, _pdf = _timed(lambda: report_pdf(report))
        docx_ms, _docx = _timed(lambda: report_docx(report))
    url = reverse("backoffice:monitoring_report", kwargs={"municipality": data.slug})
    page_ms, page_queries = harness.measure_get(harness.client_for(data.user), url)
    return {"monitoring_report_page_ms": page_ms, "monitoring_report_page_queries": page_queries,
            "monitoring_report_content_queries": content_queries, "monitoring_report_pdf_ms": pdf_ms,
            "monitoring_report_docx_ms": docx_ms}


BENCHMARKS = {"monitoring_report": bench_monitoring_report}
