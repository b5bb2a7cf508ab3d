"""The chronicle with 300 published milestones (a long history: every kind, a third of them periods, a third
linked to one of 1,000 public meetings held) and those 1,000 meetings told of already. Figures:
chronicle_page_ms / chronicle_page_queries (/<municipality>/chronik/, anonymous), chronicle_feed_ms
(/<municipality>/chronik/feed.atom), chronicle_api_ms / chronicle_api_queries (/api/v1/<municipality>/chronicle,
1,000 a page), chronicle_propose_ms / chronicle_propose_queries (propose_milestones when nothing is new, as on
every opening of the back office list)."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

MILESTONES = 300
MEETINGS = 1000


@dataclass
class ChronicleData:
    slug: str
    municipality_id: int


def build_chronicle(slug: str = "bench-chronik") -> ChronicleData:
    """Bulk-inserted meetings and milestones (this builder is not a user write path); then the proposals once."""
    from django.utils import timezone

    from bench.plan import build_municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.participation.models import Meeting, Milestone
    from teilhabe.participation.services.chronicle import propose_milestones

    municipality, _user = build_municipality(slug, "Chronikstadt", "08999002")
    kinds = list(Milestone.Kind.values)
    with municipality_scope(municipality):
        now = timezone.now()
        meetings = Meeting.objects.bulk_create(
            Meeting(municipality=municipality, title=f"Bürgerforum {n:04d}", is_public=True,
                    kind=Meeting.Kind.CITIZENS_FORUM, starts_at=now - dt.timedelta(days=n + 1),
                    ends_at=now - dt.timedelta(days=n + 1) + dt.timedelta(hours=3), place="Rathaus")
            for n in range(MEETINGS))
        Milestone.objects.bulk_create(
            Milestone(municipality=municipality, date=dt.date(1990 + n % 35, 1 + n % 12, 1 + n % 28),
                      end_date=dt.date(1990 + n % 35, 1 + n % 12, 1 + n % 28) + dt.timedelta(days=5)
                      if n % 3 == 1 else None,
                      precision=("day", "month", "year")[n % 3] if n % 3 != 1 else "day",
                      kind=kinds[n % len(kinds)], title=f"Station {n:03d} der Integrationspolitik",
                      text="<p>Der Gemeinderat beschließt einstimmig, was die Arbeitsgruppen empfohlen haben.</p>",
                      meeting=meetings[n] if n % 3 == 0 else None, document_url="https://example.org/d.pdf"
                      if n % 5 == 0 else "", document_label="Beschlussvorlage (PDF)" if n % 5 == 0 else "")
            for n in range(MILESTONES))
        propose_milestones(municipality)  # the other meetings, once
    return ChronicleData(slug=slug, municipality_id=municipality.pk)


def bench_chronicle(harness: Harness) -> Figures:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.participation.services.chronicle import propose_milestones

    data: ChronicleData = harness.once("chronicle", build_chronicle)
    figures: Figures = {}
    ms, queries = harness.measure_get(Client(), f"/{data.slug}/chronik/")
    figures.update({"chronicle_page_ms": ms, "chronicle_page_queries": queries})
    ms, _queries = harness.measure_get(Client(), f"/{data.slug}/chronik/feed.atom")
    figures["chronicle_feed_ms"] = ms
    ms, queries = harness.measure_get(Client(), f"/api/v1/{data.slug}/chronicle?page_size=1000")
    figures.update({"chronicle_api_ms": ms, "chronicle_api_queries": queries})
    municipality = Municipality.objects.get(pk=data.municipality_id)
    times = []
    with municipality_scope(municipality):
        for _ in range(harness.warmup + harness.runs):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                assert propose_milestones(municipality) == []
                times.append((time.perf_counter() - start) * 1000)
    figures.update({"chronicle_propose_ms": round(statistics.median(times[harness.warmup:]), 1),
                    "chronicle_propose_queries": len(captured)})
    return figures


BENCHMARKS = {"chronicle": bench_chronicle}
