"""An office's inbox in a reporting round: „Meine Maßnahmen“ of a Fachstelle whose three offices owe about 50
of the round's 1,000 reports (the plan: 10 fields × 10 goals × 10 measures, leads spread over 30 offices and
20 associations). Figures: round_inbox_ms, round_inbox_queries, round_inbox_reports (the reports listed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness


@dataclass
class InboxData:
    slug: str
    user: Any
    owed: int


def build_round() -> InboxData:
    """The 1,000-measure plan adopted, a round opened over it (through the services), and a Fachstelle."""
    from bench.plan import build_plan
    from teilhabe.core.models import Membership, Municipality, OrgUnit, User
    from teilhabe.core.roles import Role
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.plans import services as plan_services
    from teilhabe.plans.models import Edition
    from teilhabe.reporting import services
    from teilhabe.reporting.models import MeasureReport

    data = build_plan(fields=10, goals_per_field=10, measures_per_goal=10, slug="bench-round-1k")
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        actor = actor_for(data.user, municipality)
        edition = Edition.objects.get(pk=data.edition_id)
        edition = plan_services.update_edition(actor=actor, edition=edition, expected_version=edition.version, values={
            "status": Edition.Status.ADOPTED, "adopted_on": dt.date(2024, 3, 14)})
        round_ = services.open_round(actor=actor, edition=edition, title="Umsetzungsbericht 2026",
                                     period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                     deadline=dt.date.today() + dt.timedelta(days=14))
        user = User.objects.create_user(username="bench-fachstelle", password=None)
        membership = Membership.objects.create(municipality=municipality, user=user, role=Role.FACHSTELLE)
        units = list(OrgUnit.objects.filter(municipality=municipality, name__in=["Amt 00", "Amt 01", "Amt 02"]))
        membership.org_units.set(units)
        owed = MeasureReport.objects.filter(round=round_, addressed_org_units__in=units).distinct().count()
    return InboxData(slug=data.slug, user=user, owed=owed)


def bench_round_inbox(harness: Harness) -> Figures:
    from django.urls import reverse

    data: InboxData = harness.once("round_inbox_1k", build_round)
    url = reverse("backoffice:my_measures", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(harness.client_for(data.user), url)
    return {"round_inbox_ms": ms, "round_inbox_queries": queries, "round_inbox_reports": data.owed}


BENCHMARKS = {"round_inbox": bench_round_inbox}
