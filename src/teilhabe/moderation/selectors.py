"""Reads of the moderation queue (in the current municipality's scope)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from teilhabe.moderation.models import Revision


def queue() -> QuerySet[Revision]:
    """Pending revisions, oldest first (who waited longest comes first)."""
    return (Revision.objects.filter(state=Revision.State.PENDING)
            .select_related("author", "organisation").order_by("created_at", "pk"))


def pending_count() -> int:
    return Revision.objects.filter(state=Revision.State.PENDING).count()


def history(content_type: str, object_id: int) -> QuerySet[Revision]:
    return (Revision.objects.filter(content_type=content_type, object_id=object_id)
            .select_related("author", "decided_by").order_by("-created_at", "-pk"))


def latest_by_object(content_type: str, object_ids: Iterable[int]) -> dict[int, Revision]:
    """The newest revision of each object (any state), in one query."""
    latest: dict[int, Revision] = {}
    for revision in (Revision.objects.filter(content_type=content_type, object_id__in=list(object_ids))
                     .exclude(state=Revision.State.SUPERSEDED).order_by("created_at", "pk")):
        latest[revision.object_id] = revision
    return latest


def pending_object_ids(content_type: str) -> set[int]:
    return set(Revision.objects.filter(content_type=content_type, state=Revision.State.PENDING)
               .values_list("object_id", flat=True))
