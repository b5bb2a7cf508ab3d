"""The implementation report: rounds over 55 measures (Heidelberg's first report) and 1,000 measures, every
report accepted with realistic text. Figures: seconds to render the PDF (content included, as the background
task does it) and the DOCX, the peak memory of rendering the PDF and DOCX of 1,000 measures, and the queries
of a rendering (equal for 55 and 1,000).

`report_peak_mb_1000` is the peak resident set size (VmHWM) of a fresh Python process (spawned, Django set
up, no database) that renders the PDF and then the DOCX of the 1,000-measure report from its built content:
what a background worker needs for it, interpreter and Django included. `report_bench_rss_mb_1000` is the
benchmark process's own size, for comparison."""

from __future__ import annotations

import datetime as dt
import pickle
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.plan import build_plan

if TYPE_CHECKING:
    from bench.run import Figures, Harness

PROGRESS = ("Im Berichtszeitraum fanden {n} Kurse in drei Stadtteilen statt, davon zwei mit Kinderbetreuung. "
            "Die Zusammenarbeit mit den Schulen und dem Jugendmigrationsdienst wurde vertieft; die "
            "Teilnehmenden kamen über die Beratungsstellen und Elternabende.\nFür das kommende Jahr ist eine "
            "Ausweitung auf zwei weitere Stadtteile beschlossen.")
SUCCESS_CYCLE = ("successful",) * 10 + ("partly", "not_yet")


@dataclass
class RoundData:
    slug: str
    round_id: int
    measures: int


def build_round(fields: int, goals_per_field: int, measures_per_goal: int, slug: str) -> RoundData:
    """A plan (bench.plan.build_plan), adopted, with a round over all its measures whose reports are all
    accepted, then closed. Reports are answered in bulk (this builder is not a user write path)."""
    from teilhabe.core.models import Municipality
    from teilhabe.core.roles import Actor
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.plans.models import Edition, StatusOption
    from teilhabe.reporting import services
    from teilhabe.reporting.models import MeasureReport, ReportingRound

    data = build_plan(fields=fields, goals_per_field=goals_per_field, measures_per_goal=measures_per_goal,
                      slug=slug)
    municipality = Municipality.objects.get(slug=slug)
    with municipality_scope(municipality):
        Edition.objects.filter(pk=data.edition_id).update(status=Edition.Status.ADOPTED,
                                                          adopted_on=dt.date(2024, 3, 14))
        edition = Edition.objects.get(pk=data.edition_id)
        round_ = services.open_round(actor=Actor.system(municipality.pk), edition=edition,
                                     title="Umsetzungsbericht 2025", period_start=dt.date(2025, 1, 1),
                                     period_end=dt.date(2025, 12, 31), deadline=dt.date(2026, 1, 31))
        statuses = list(StatusOption.objects.of(municipality).order_by("position"))
        reports = list(MeasureReport.objects.filter(round=round_).order_by("pk"))
        now = dt.datetime.now(dt.UTC)
        for i, report in enumerate(reports):
            status = statuses[i % 4]
            report.state = MeasureReport.State.ACCEPTED
            report.status, report.status_label, report.status_normalised = status, status.label, status.normalised
            report.progress = PROGRESS.format(n=i % 9 + 2)
            report.success = SUCCESS_CYCLE[i % len(SUCCESS_CYCLE)]
            report.success_reason = "Die Räume standen erst ab Mai zur Verfügung." if report.success == "partly" else ""
            report.obstacles = "Zu wenige Ehrenamtliche in den Sommermonaten." if i % 3 == 0 else ""
            report.next_steps = "Ausweitung auf zwei Stadtteile." if i % 2 == 0 else ""
            report.reached_total, report.reached_women, report.reached_men = 40 + i % 30, 25 + i % 10, 15
            report.submitted_at = report.reviewed_at = now
        MeasureReport.objects.bulk_update(reports, ["state", "status", "status_label", "status_normalised", "progress",
                                             "success", "success_reason", "obstacles", "next_steps",
                                             "reached_total", "reached_women", "reached_men", "submitted_at",
                                             "reviewed_at"], batch_size=500)
        ReportingRound.objects.filter(pk=round_.pk).update(state=ReportingRound.State.CLOSED, closed_at=now)
    return RoundData(slug=slug, round_id=round_.pk, measures=len(reports))


def _round(data: RoundData) -> Any:
    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.reporting import selectors

    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        return municipality, selectors.rounds_of(municipality).select_related("municipality").get(pk=data.round_id)


def _render(data: RoundData, fmt: str) -> tuple[float, int]:
    """Seconds and queries of rendering the document as the background task does (content included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.reporting import rendering

    municipality, round_ = _round(data)
    with municipality_scope(municipality), CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        rendering.render(round_, fmt)
        seconds = time.perf_counter() - start
    return round(seconds, 2), len(queries)


def _peak_mb(data: RoundData) -> tuple[float, float]:
    """(peak RSS of a fresh process rendering the PDF and the DOCX of the built content, RSS of this process),
    in MB. A spawned process, not a fork: Typst's worker threads do not survive a fork."""
    import multiprocessing

    from django.utils import translation

    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.reporting.documents import report_content

    municipality, round_ = _round(data)
    with municipality_scope(municipality), translation.override("de"):
        content = report_content(round_)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_render_in_child, args=(pickle.dumps(content), results))
    child.start()
    try:
        peak_mb = results.get(timeout=300)
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
    return round(peak_mb, 1), round(_rss_now_mb(), 1)


def _render_in_child(payload: bytes, results: Any) -> None:
    """In the spawned process: render without a database; its own peak RSS in MB (VmHWM: ru_maxrss would
    carry the parent's peak over fork and exec).
    The content is unpickled after Django is set up (its classes import models)."""
    import django

    django.setup()
    from django.utils import translation

    from teilhabe.reporting.documents.docx import report_docx
    from teilhabe.reporting.documents.pdf import report_pdf

    content = pickle.loads(payload)  # noqa: S301 -- our own object, from the parent process
    with translation.override("de"):
        report_pdf(content)
        report_docx(content)
    results.put(_status_mb("VmHWM:"))


def _status_mb(key: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return float("nan")


def _rss_now_mb() -> float:
    return _status_mb("VmRSS:")


def bench_report_55(harness: Harness) -> Figures:
    data = harness.once("report_55", lambda: build_round(1, 5, 11, "bench-report-55"))
    assert data.measures == 55
    seconds, queries = _render(data, "pdf")
    return {"report_pdf_55_s": seconds, "report_queries_55": queries}


def bench_report_1000(harness: Harness) -> Figures:
    data = harness.once("report_1000", lambda: build_round(5, 20, 10, "bench-report-1k"))
    assert data.measures == 1000
    pdf_s, queries = _render(data, "pdf")
    docx_s, _docx_queries = _render(data, "docx")
    peak, own = _peak_mb(data)
    return {"report_pdf_1000_s": pdf_s, "report_docx_1000_s": docx_s, "report_peak_mb_1000": peak,
            "report_bench_rss_mb_1000": own, "report_queries_1000": queries}


BENCHMARKS = {"report_55": bench_report_55, "report_1000": bench_report_1000}
