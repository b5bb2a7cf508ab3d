"""Demo participation following the seeds: bodies and meetings (bodies.py), proposals (proposals.py), their
prioritisation (prioritisation.py), subscriptions (subscriptions.py) and the chronicle (chronicle.py). Each step
adds what it made to the shared ParticipationDemo, so later steps can refer to it by name."""

from __future__ import annotations

from dataclasses import dataclass, field

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, Meeting, Proposal
from teilhabe.plans.models import Edition


@dataclass
class ParticipationDemo:
    slug: str  # the demo municipality's slug: heidelberg, waiblingen, herdecke
    municipality: Municipality
    edition: Edition  # the plan edition in force
    actor: Actor
    organisations: dict[str, Organisation]
    users: dict[str, User]  # by username
    bodies: dict[str, Body] = field(default_factory=dict)  # by name
    meetings: dict[str, Meeting] = field(default_factory=dict)  # by title
    proposals: dict[str, Proposal] = field(default_factory=dict)  # by title


def build_participation(demo: ParticipationDemo) -> None:
    from teilhabe.demo.participation import bodies, chronicle, prioritisation, proposals, subscriptions

    for step in (bodies, proposals, prioritisation, subscriptions, chronicle):
        step.build(demo)
