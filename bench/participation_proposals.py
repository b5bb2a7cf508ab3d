"""Proposals: 5,000 proposals in one municipality (4 working groups with 10 meetings each, a plan edition with
4 fields of action, mixed statuses, a tenth waiting for moderation, 200 linked to measures). Figures:
proposals_list_ms / proposals_list_queries (the portal's list, anonymous, filtered by field of action and
status), proposals_list_vs_baseline (against the trivial page of bench/plan.py), proposals_backoffice_ms /
_queries (the back office list as Koordination, filtered by body) and proposals_api_ms / _queries
(/api/v1/<municipality>/proposals with the same filters, 1,000 a page). Aim: ≤ 50 ms, fixed queries."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

PROPOSALS = 5000


@dataclass
class ProposalData:
    slug: str
    user: Any
    field_id: int
    body_id: int


def build_proposals(slug: str = "bench-proposals", count: int = PROPOSALS) -> ProposalData:
    """Bodies, meetings and plan through the services where cheap; proposals bulk-inserted (this builder is
    not a user write path)."""
    from bench.plan import build_municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.participation.models import Body, Meeting, Proposal, ProposalMeasure
    from teilhabe.plans import services as plan_services
    from teilhabe.plans.models import Edition, Measure

    rng = random.Random(11)
    municipality, user = build_municipality(slug, "Vorschlagsstadt", "08999002")
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        plan = plan_services.create_plan(actor=actor, municipality=municipality, title="Integrationskonzept")
        edition = Edition.objects.get(plan=plan)
        fields = [plan_services.create_field(actor=actor, edition=edition, title=f"Handlungsfeld {n}")
                  for n in range(1, 5)]
        measures = [plan_services.create_measure(actor=actor, edition=edition, values={
            "title": f"Maßnahme {n}", "field": fields[n % 4]}) for n in range(40)]
        bodies = Body.objects.bulk_create(Body(municipality=municipality, name=f"AG {n}") for n in range(1, 5))
        start = dt.datetime(2025, 1, 10, 17, tzinfo=dt.UTC)
        meetings = Meeting.objects.bulk_create(
            Meeting(municipality=municipality, body=bodies[n % 4], title=f"Sitzung {n}", is_public=True,
                    starts_at=start + dt.timedelta(days=7 * n), ends_at=start + dt.timedelta(days=7 * n, hours=2))
            for n in range(40))
        statuses = [Proposal.Status.SUBMITTED, Proposal.Status.UNDER_CONSIDERATION, Proposal.Status.NOT_PURSUED,
                    Proposal.Status.ACCEPTED]
        proposals = Proposal.objects.bulk_create(
            Proposal(municipality=municipality, title=f"Vorschlag {n:05d}", meeting=(m := rng.choice(meetings)),
                     text="<p>Ein Vorschlag für mehr Begegnung im Stadtteil und bessere Sprachangebote.</p>",
                     field_of_action=rng.choice(fields), proposer_kind=Proposal.ProposerKind.BODY,
                     proposer_body_id=m.body_id, status=rng.choice(statuses),
                     moderation=Proposal.Moderation.PENDING if n % 10 == 0 else Proposal.Moderation.PUBLISHED)
            for n in range(count))
        ProposalMeasure.objects.bulk_create(
            ProposalMeasure(municipality=municipality, proposal=p, measure=rng.choice(measures))
            for p in proposals[:200])
        assert Measure.objects.filter(edition=edition).count() == 40
    return ProposalData(slug=slug, user=user, field_id=fields[1].pk, body_id=bodies[2].pk)


def bench_proposals_list(harness: Harness) -> Figures:
    from django.test import Client
    from django.urls import reverse

    from bench.plan import _baseline

    data: ProposalData = harness.once("proposals", build_proposals)
    url = reverse("portal:participation_proposals_list", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(Client(), f"{url}?handlungsfeld={data.field_id}&stand=under_consideration")
    figures: Figures = {"proposals_list_ms": ms, "proposals_list_queries": queries}
    backoffice = reverse("backoffice:participation_proposals_list", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(harness.client_for(data.user), f"{backoffice}?gremium={data.body_id}")
    figures.update({"proposals_backoffice_ms": ms, "proposals_backoffice_queries": queries})
    api = f"/api/v1/{data.slug}/proposals?field_of_action={data.field_id}&status=under_consideration&page_size=1000"
    ms, queries = harness.measure_get(Client(), api)
    figures.update({"proposals_api_ms": ms, "proposals_api_queries": queries})
    baseline = _baseline(harness)
    figures["proposals_list_vs_baseline"] = round(figures["proposals_list_ms"] / baseline, 1) if baseline else 0
    return figures


BENCHMARKS = {"proposals_list": bench_proposals_list}
