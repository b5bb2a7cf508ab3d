"""The tally of an online prioritisation: 10,000 ballots × 5 choices (bulk-inserted) over 10 proposals, for both
online methods. Figures: ballot_tally_ms (points: SUM of points per proposal) and ballot_tally_ranking_ms
(ranking: Borda count), the median time of `selectors.result` (the aggregated query, the proposals, the ballot
count), its queries, and the ratio to the empty-page baseline of bench/plan.py. Aim: ≤ 200 ms."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

BALLOTS = 10_000
CHOICES = 5
PROPOSALS = 10


@dataclass
class BallotData:
    points_id: int
    ranking_id: int
    municipality_id: int


def build_ballots(slug: str = "bench-ballots", count: int = BALLOTS) -> BallotData:
    """Bulk-inserted ballots (this builder is not a user write path); the prioritisations through the service."""
    from bench.plan import build_municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.participation.models import Ballot, BallotChoice, Proposal
    from teilhabe.participation.services import prioritisation as services

    rng = random.Random(11)
    municipality, user = build_municipality(slug, "Stimmstadt", "08999002")
    ids = {}
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        proposals = Proposal.objects.bulk_create(
            Proposal(municipality=municipality, title=f"Vorschlag {n:02d}", text="x") for n in range(PROPOSALS))
        for method in ("points", "ranking"):
            prio = services.create_prioritisation(
                actor=actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
                values={"title": f"Bench {method}", "method": method, "audience": "public",
                        "points_per_person": 10})
            ballots = Ballot.objects.bulk_create(
                Ballot(municipality=municipality, prioritisation=prio, voter_key=f"mail:{n:064x}")
                for n in range(count))
            choices = []
            for ballot in ballots:
                for rank, proposal in enumerate(rng.sample(proposals, CHOICES), start=1):
                    choices.append(BallotChoice(
                        municipality=municipality, ballot=ballot, prioritisation=prio, proposal=proposal,
                        points=2 if method == "points" else 0, rank=rank if method == "ranking" else None))
            BallotChoice.objects.bulk_create(choices, batch_size=5000)
            ids[method] = prio.pk
    return BallotData(points_id=ids["points"], ranking_id=ids["ranking"], municipality_id=municipality.pk)


def _time_result(harness: Harness, prioritisation_id: int, municipality_id: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.participation.models import Prioritisation
    from teilhabe.participation.selectors import prioritisation as selectors

    with municipality_scope(municipality_id):
        prio = Prioritisation.objects.get(pk=prioritisation_id)
        for _ in range(harness.warmup):
            selectors.result(prio)
        with CaptureQueriesContext(connection) as captured:
            result = selectors.result(prio)
        assert result.ballots == BALLOTS
        timings = []
        for _ in range(harness.runs):
            start = time.perf_counter()
            selectors.result(prio)
            timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1), len(captured.captured_queries)


def bench_ballot_tally(harness: Harness) -> Figures:
    from bench.plan import _baseline

    data: BallotData = harness.once("ballots", build_ballots)
    ms, queries = _time_result(harness, data.points_id, data.municipality_id)
    ranking_ms, ranking_queries = _time_result(harness, data.ranking_id, data.municipality_id)
    baseline = _baseline(harness)
    return {"ballot_tally_ms": ms, "ballot_tally_queries": queries, "ballot_tally_ranking_ms": ranking_ms,
            "ballot_tally_ranking_queries": ranking_queries,
            "ballot_tally_vs_baseline": round(ms / baseline, 1) if baseline else 0}


BENCHMARKS = {"ballot_tally": bench_ballot_tally}
