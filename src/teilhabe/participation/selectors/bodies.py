"""Reads of bodies and their members, tenant-aware, with what their pages show prefetched (fixed query counts).

Who sees which body: whoever holds VIEW fully sees all of the municipality's; Moderation and body members
(Reach.OWN) see the bodies they are members of; the public sees public bodies (`public_only`)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, BodyMember
from teilhabe.participation.permissions import VIEW
from teilhabe.plans.models import FieldOfAction

PUBLIC_FUNCTIONS = (BodyMember.Function.CHAIR, BodyMember.Function.CONTACT)


def _members() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("members", queryset=BodyMember.objects.select_related("user", "organisation")
                    .order_by("function", "name", "pk"))


def _fields() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "title"))


def visible_bodies(municipality: Municipality, actor: Actor | None = None, *,
                   public_only: bool = False) -> QuerySet[Body]:
    """The bodies `actor` may see (all when they hold VIEW fully, their own with Reach.OWN; none without VIEW),
    or the public ones."""
    qs = Body.objects.of(municipality)
    if public_only or actor is None or not actor.can(VIEW):
        return qs.filter(is_public=True) if public_only else qs.none()
    if not actor.holds_fully(VIEW):
        qs = qs.filter(members__user_id=actor.user_id).distinct()
    return qs


def readable_bodies(municipality: Municipality, actor: Actor | None) -> QuerySet[Body]:
    """What the API shows: the public bodies to everyone, and beyond them what the actor's role sees."""
    qs = Body.objects.of(municipality)
    if actor is None or not actor.can(VIEW):
        return qs.filter(is_public=True)
    if actor.holds_fully(VIEW):
        return qs
    own = Body.objects.of(municipality).filter(members__user_id=actor.user_id).values("pk")
    return qs.filter(Q(is_public=True) | Q(pk__in=own))


def body_list(municipality: Municipality, actor: Actor | None = None, *, public_only: bool = False,
              kind: str = "") -> list[Body]:
    """Bodies with their fields of action and counts of members and meetings: three queries."""
    qs = visible_bodies(municipality, actor, public_only=public_only)
    if kind:
        qs = qs.filter(kind=kind)
    meetings = Q(meetings__is_public=True) if public_only else Q()
    return list(qs.annotate(member_count=Count("members", distinct=True),
                            meeting_count=Count("meetings", filter=meetings, distinct=True))
                .prefetch_related(_fields()).order_by("name", "pk"))


def body_detail(municipality: Municipality, pk: int, actor: Actor | None = None, *,
                public_only: bool = False) -> Body:
    """A body with its members (account, organisation) and fields of action. Raises Body.DoesNotExist when
    the id is foreign, unknown or not visible."""
    return (visible_bodies(municipality, actor, public_only=public_only)
            .prefetch_related(_members(), _fields()).get(pk=pk))


def body_for_edit(municipality: Municipality, pk: int) -> Body:
    """Any body of the municipality with its members prefetched (for the guard's assigned-user check)."""
    return Body.objects.of(municipality).prefetch_related(_members(), _fields()).get(pk=pk)


def member_of(municipality: Municipality, body: Body, pk: int) -> BodyMember:
    return BodyMember.objects.of(municipality).select_related("body", "user", "organisation").get(
        body=body, pk=pk)


def public_members(body: Body) -> tuple[list[BodyMember], int]:
    """What the public sees of a body's (prefetched) members: chairs and contact persons by name
    and organisation; the others only as a number. Members whose membership ended are left out."""
    from django.utils import timezone

    today = timezone.localdate()
    current = [m for m in body.members.all() if m.active_until is None or m.active_until >= today]
    named = [m for m in current if m.function in PUBLIC_FUNCTIONS]
    return named, len(current) - len(named)


def body_choices(municipality: Municipality, actor: Actor | None = None) -> list[tuple[int, str]]:
    """(id, name) of the bodies `actor` may see, for filters and forms. One query."""
    return list(visible_bodies(municipality, actor).order_by("name").values_list("pk", "name"))
