"""Demo participation: subscriptions (see the package docstring). A few invented subscribers — every address
at demo.invalid, which cannot receive mail — to the whole process, a body, a field of action and a proposal,
the body members with accounts subscribed to their bodies, and, if the earlier steps recorded no news, a few
demo news items. The subscriptions count as mailed just now, so a started worker sends the demo nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from teilhabe.core.tenancy import actor_for
from teilhabe.participation.models import BodyMember, News, Proposal, Subscription
from teilhabe.participation.selectors import subscriptions as selectors
from teilhabe.participation.services import subscriptions as services
from teilhabe.participation.services.news import record_news

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo

Topic = Subscription.Topic
Frequency = Subscription.Frequency


def _confirmed(demo: ParticipationDemo, email: str, topic: str, frequency: str, language: str = "de",
               **target: object) -> None:
    result = services.subscribe(municipality=demo.municipality, topic=topic, email=email, frequency=frequency,
                                language=language, **target)  # type: ignore[arg-type]
    if not result.confirmed:
        services.confirm(municipality=demo.municipality, code=services.confirmation_code(result.subscription))


def build(demo: ParticipationDemo) -> None:
    municipality = demo.municipality
    bodies = [b for b in demo.bodies.values() if b.is_public]
    fields = selectors.field_titles(municipality)  # of the adopted editions: what the portal offers
    proposals = [p for p in demo.proposals.values() if p.moderation == Proposal.Moderation.PUBLISHED]
    if not News.objects.of(municipality).exists():
        record_news(municipality=municipality, kind=News.Kind.MEETING,
                    text="Demo: Einladung zum nächsten Treffen der Beteiligung",
                    body=bodies[0] if bodies else None, field_titles=fields[:1])
        record_news(municipality=municipality, kind=News.Kind.MINUTES,
                    text="Demo: Protokoll des letzten Treffens veröffentlicht",
                    body=bodies[0] if bodies else None, field_titles=fields[:1])
    _confirmed(demo, f"beteiligung-{demo.slug}@demo.invalid", Topic.ALL, Frequency.WEEKLY)
    _confirmed(demo, f"newsletter-{demo.slug}@demo.invalid", Topic.ALL, Frequency.IMMEDIATE, language="en")
    if bodies:
        _confirmed(demo, f"elternnetzwerk-{demo.slug}@demo.invalid", Topic.BODY, Frequency.IMMEDIATE, body=bodies[0])
    if fields:
        _confirmed(demo, f"handlungsfeld-{demo.slug}@demo.invalid", Topic.FIELD, Frequency.WEEKLY,
                   field_title=fields[0])
    if proposals:
        _confirmed(demo, f"vorschlag-{demo.slug}@demo.invalid", Topic.PROPOSAL, Frequency.IMMEDIATE,
                   proposal=proposals[0])
    # Members with accounts follow their bodies (the back office's one button).
    members = (BodyMember.objects.of(municipality).filter(user__isnull=False, body__in=bodies)
               .select_related("user", "body"))
    for member in members:
        if member.user is not None and member.user.email:
            services.subscribe_member(actor=actor_for(member.user, municipality), body=member.body)
    Subscription.objects.of(municipality).update(last_sent_at=timezone.now())
