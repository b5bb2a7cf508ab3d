"""Reads of subscriptions and news: what the digests, the portal's pages and the back office's overview need,
each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet

from teilhabe.core.models import Municipality
from teilhabe.participation.models import Body, News, Proposal, Subscription
from teilhabe.plans.models import Edition, FieldOfAction

Topic = Subscription.Topic


def field_titles(municipality: Municipality) -> list[str]:
    """The titles of the fields of action of the municipality's adopted editions (a subscription to a field
    names it by its title, which stays across editions)."""
    titles = (FieldOfAction.objects.of(municipality).filter(edition__status=Edition.Status.ADOPTED)
              .values_list("title", flat=True).distinct())
    return sorted(set(titles))


def public_bodies(municipality: Municipality) -> list[Body]:
    return list(Body.objects.of(municipality).filter(is_public=True).order_by("name"))


def public_body(municipality: Municipality, pk: int | None) -> Body | None:
    if pk is None:
        return None
    return Body.objects.of(municipality).filter(pk=pk, is_public=True).first()


def public_proposal(municipality: Municipality, pk: int | None) -> Proposal | None:
    if pk is None:
        return None
    return Proposal.objects.of(municipality).filter(pk=pk, moderation=Proposal.Moderation.PUBLISHED).first()


def same_topic(municipality: Municipality, email: str, topic: str, *, body: Body | None, field_title: str,
               proposal: Proposal | None) -> QuerySet[Subscription]:
    return Subscription.objects.of(municipality).filter(email=email, topic=topic, body=body,
                                                        field_title=field_title, proposal=proposal)


def by_token(municipality: Municipality, token: str, *, for_update: bool = False) -> Subscription | None:
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    rows = Subscription.objects.of(municipality).select_related("municipality", "body", "proposal")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    return rows.filter(token=token).first()


def of_address(municipality: Municipality, email: str) -> list[Subscription]:
    """The subscriptions of one address (exact, case-insensitive), with what they name: one query."""
    return list(Subscription.objects.of(municipality).select_related("body", "proposal")
                .filter(email=(email or "").strip().lower()[:254]).order_by("topic", "pk"))


def of_user(municipality: Municipality, user_id: int) -> list[Subscription]:
    return list(Subscription.objects.of(municipality).select_related("body", "proposal")
                .filter(user_id=user_id).order_by("topic", "pk"))


def member_bodies(municipality: Municipality, user_id: int) -> list[Body]:
    """The bodies the person is a member of."""
    return list(Body.objects.of(municipality).filter(members__user_id=user_id).distinct().order_by("name"))


def due_subscriptions(municipality: Municipality, due: Q) -> list[Subscription]:
    """The subscriptions a digest run considers, locked for the run (skipping rows another run holds where the
    database can)."""
    rows = (Subscription.objects.of(municipality).filter(due).select_related("municipality", "body", "proposal")
            .order_by("email", "pk"))
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return list(rows)


def news_between(municipality: Municipality, since: dt.datetime, until: dt.datetime) -> list[News]:
    """The news of (since, until] that the public may hear of: not about a non-public body or meeting or an
    unpublished proposal. One query."""
    return list(News.objects.of(municipality).filter(at__gt=since, at__lte=until)
                .filter(Q(body__isnull=True) | Q(body__is_public=True))
                .filter(Q(proposal__isnull=True) | Q(proposal__moderation=Proposal.Moderation.PUBLISHED))
                .filter(Q(meeting__isnull=True) | Q(meeting__is_public=True))
                .order_by("at", "pk"))


@dataclass(frozen=True)
class TopicCount:
    topic: str
    label: str
    confirmed: int
    unconfirmed: int


def topic_counts(municipality: Municipality) -> list[TopicCount]:
    """Counts per topic (the process, each body, each field of action, proposals together), confirmed and
    unconfirmed: one query."""
    rows = (Subscription.objects.of(municipality)
            .values("topic", "body__name", "field_title")
            .annotate(confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
                      unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)))
            .order_by("topic", "body__name", "field_title"))
    counts: list[TopicCount] = []
    for row in rows:
        topic = row["topic"]
        label = str(Topic(topic).label) if topic in Topic.values else topic
        if topic == Topic.BODY:
            label = row["body__name"] or label
        elif topic == Topic.FIELD:
            label = row["field_title"] or label
        counts.append(TopicCount(topic, label, row["confirmed"], row["unconfirmed"]))
    return counts
