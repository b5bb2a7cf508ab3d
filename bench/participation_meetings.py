"""A public meeting's page with 10 parallel sessions (a World Café: 5 tables × 2 rounds, each with its
attendance), the meeting's attendance, minutes and 5 decisions published, and 200 proposals (bulk-inserted).
Figures: meeting_page_ms (median server time of /<municipality>/beteiligung/sitzungen/<pk>/ through the
Django test client, anonymous), meeting_page_queries, and meeting_page_vs_baseline (to the empty back-office
page measured in the same run, see bench/plan.py). Aim: ≤ 50 ms and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

SESSIONS_TABLES = 5
SESSIONS_ROUNDS = 2
PROPOSALS = 200


@dataclass
class MeetingData:
    slug: str
    meeting_id: int


def build_meeting(slug: str = "bench-beteiligung") -> MeetingData:
    """The meeting, sessions, attendance, minutes and decisions through the services; proposals bulk-inserted
    (this builder is not a user write path)."""
    from django.utils import timezone

    from bench.plan import build_municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.participation.models import Proposal
    from teilhabe.participation.services import bodies as body_services
    from teilhabe.participation.services import meetings as services

    municipality, user = build_municipality(slug, "Beteiligungsstadt", "08999002")
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        body = body_services.create_body(actor=actor, municipality=municipality, values={
            "name": "Steuerungsgruppe", "kind": "steering_group"})
        for n in range(12):
            body_services.add_member(actor=actor, body=body, values={
                "name": f"Mitglied {n}", "function": "contact" if n < 3 else "member"})
        start = timezone.make_aware(dt.datetime(2017, 7, 5, 18))
        meeting = services.create_meeting(actor=actor, municipality=municipality, values={
            "title": "Bürgerforum (World Café)", "kind": "citizens_forum", "body": body, "starts_at": start,
            "ends_at": start + dt.timedelta(hours=3), "place": "Rathaus", "is_public": True,
            "agenda": "<ol><li>Begrüßung</li><li>World Café</li><li>Ergebnisse</li></ol>"})
        sessions = services.create_sessions(actor=actor, meeting=meeting, rounds=SESSIONS_ROUNDS,
                                            titles=[f"Tisch {n}" for n in range(1, SESSIONS_TABLES + 1)])
        for session in sessions:
            services.record_attendance(actor=actor, meeting=meeting, session=session, values={"total": 9, "women": 5})
        services.record_attendance(actor=actor, meeting=meeting, values={"total": 52, "women": 29, "men": 22})
        meeting = services.write_minutes(actor=actor, meeting=meeting, expected_version=meeting.version,
                                         minutes="<p>Vier Themenbereiche für die Expertenworkshops.</p>")
        for n in range(5):
            services.add_decision(actor=actor, meeting=meeting, values={"text": f"Beschluss {n}", "position": n})
        services.publish_minutes(actor=actor, meeting=meeting, expected_version=meeting.version)
        Proposal.objects.bulk_create(
            Proposal(municipality=municipality, meeting=meeting, session=sessions[n % len(sessions)],
                     title=f"Vorschlag {n:03d}", text="<p>Ein Vorschlag aus dem World Café.</p>")
            for n in range(PROPOSALS))
    return MeetingData(slug=slug, meeting_id=meeting.pk)


def bench_meeting_page(harness: Harness) -> Figures:
    from django.test import Client
    from django.urls import reverse

    from bench.plan import _baseline

    data: MeetingData = harness.once("participation_meeting", build_meeting)
    url = reverse("portal:participation_bodies_meeting", kwargs={"municipality": data.slug, "pk": data.meeting_id})
    ms, queries = harness.measure_get(Client(), url)
    cpu = harness.last_cpu_ms
    baseline = _baseline(harness)
    return {"meeting_page_ms": ms, "meeting_page_cpu_ms": cpu, "meeting_page_queries": queries,
            "meeting_page_vs_baseline": round(ms / baseline, 1) if baseline else 0}


BENCHMARKS = {"meeting_page": bench_meeting_page}
