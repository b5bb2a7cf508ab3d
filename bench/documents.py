"""Plan documents: building the content and rendering the PDF (Typst) and the DOCX (python-docx) for a plan
of 1,000 measures (5 fields × 20 goals × 10 measures, the shape of bench/plan.py) and, for the content and
the PDF, the 10,000-measure plan of bench/plan.py. Figures in milliseconds (one run each: a rendering takes
seconds) and the number of queries of the content build."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from bench.plan import _plan, build_plan

if TYPE_CHECKING:
    from bench.run import Figures, Harness


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return round((time.perf_counter() - start) * 1000, 1), result


def _figures(prefix: str, slug: str, edition_id: int, *, docx: bool) -> Figures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.plans.documents import plan_document
    from teilhabe.plans.documents.docx import plan_docx
    from teilhabe.plans.documents.pdf import plan_pdf
    from teilhabe.plans.models import Edition

    municipality = Municipality.objects.get(slug=slug)
    with municipality_scope(municipality):
        edition = Edition.objects.select_related("plan", "municipality").get(pk=edition_id)
        with CaptureQueriesContext(connection) as queries:
            content_ms, document = _timed(lambda: plan_document(edition))
        figures: Figures = {f"{prefix}_content_ms": content_ms, f"{prefix}_content_queries": len(queries)}
        pdf_ms, pdf = _timed(lambda: plan_pdf(document))
        figures[f"{prefix}_pdf_ms"] = pdf_ms
        figures[f"{prefix}_pdf_kb"] = round(len(pdf) / 1024)
        if docx:
            docx_ms, data = _timed(lambda: plan_docx(document))
            figures[f"{prefix}_docx_ms"] = docx_ms
            figures[f"{prefix}_docx_kb"] = round(len(data) / 1024)
    return figures


def bench_documents_1k(harness: Harness) -> Figures:
    data = harness.once("plan_1k", lambda: build_plan(fields=5, slug="bench-1k"))
    return _figures("plan_document_1k", data.slug, data.edition_id, docx=True)


def bench_documents_10k(harness: Harness) -> Figures:
    data = _plan(harness)
    return _figures("plan_document_10k", data.slug, data.edition_id, docx=True)


BENCHMARKS = {"plan_documents_1k": bench_documents_1k, "plan_documents_10k": bench_documents_10k}
