"""Named reads of imported calendars (a fixed number of queries whatever their number)."""

from __future__ import annotations

from django.db.models import QuerySet

from teilhabe.calendar.models import EventFeed
from teilhabe.core.models import Municipality


def feed_list(municipality: Municipality) -> QuerySet[EventFeed]:
    return (EventFeed.objects.filter(municipality=municipality).select_related("organisation")
            .order_by("organisation__name", "pk"))


def feed_detail(municipality: Municipality, pk: int) -> EventFeed | None:
    return EventFeed.objects.filter(municipality=municipality, pk=pk).select_related("organisation").first()
