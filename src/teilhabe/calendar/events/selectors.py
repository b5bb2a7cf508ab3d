"""Reads of events: the back office's list, the public occurrences in a range (one indexed query over the
materialised EventOccurrence table, whatever the number of events), one event with its occurrences.

`occurrences_between` makes sure open-ended rules are materialised far enough first (a write of derived
data, only when a range beyond the horizon is asked for)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from teilhabe.calendar.events import services
from teilhabe.calendar.models import CalendarSettings, Event, EventCategory, EventOccurrence, EventOccurrenceChange
from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor

PAGE_SIZE = 25


@dataclass(frozen=True)
class EventFilters:
    categories: Sequence[str] = ()  # category keys: any of them
    organisation: int | None = None
    language: str = ""
    free: bool | None = None
    state: str = ""  # back office only
    q: str = ""
    organisers: Sequence[str] = field(default_factory=tuple)  # "o<id>" / "u<id>"

    @property
    def is_empty(self) -> bool:
        return not (self.categories or self.organisation or self.language or self.free is not None or self.state
                    or self.q)


def events_state(municipality: Municipality) -> CalendarSettings:
    """The municipality's events version, last change and horizon (one query; an unsaved row with the
    defaults when the municipality has none yet: a read writes nothing)."""
    row = CalendarSettings.objects.filter(municipality=municipality).first()
    return row if row is not None else CalendarSettings(municipality=municipality)


def categories(municipality: Municipality) -> list[EventCategory]:
    """The categories there are (the defaults are created with the first event, or by the back office)."""
    return list(EventCategory.objects.of(municipality))


def organisers(municipality: Municipality) -> tuple[list[Organisation], list[OrgUnit]]:
    return (list(Organisation.objects.of(municipality).order_by("name")),
            list(OrgUnit.objects.of(municipality).order_by("name")))


def _filtered(qs: QuerySet, filters: EventFilters, prefix: str = "") -> QuerySet:
    if filters.categories:
        through = Event.categories.through
        qs = qs.filter(Exists(through.objects.filter(event_id=OuterRef("event_id" if prefix else "pk"),
                                                     eventcategory__key__in=list(filters.categories))))
    if filters.organisation:
        qs = qs.filter(**{f"{prefix}organisation_id": filters.organisation})
    if filters.language:
        qs = qs.filter(**{f"{prefix}language_key__contains": f"|{filters.language}|"})
    if filters.free is not None:
        qs = qs.filter(**{f"{prefix}is_free": filters.free})
    if filters.state:
        qs = qs.filter(**{f"{prefix}state": filters.state})
    if filters.q:
        qs = qs.filter(Q(**{f"{prefix}title__icontains": filters.q})
                       | Q(**{f"{prefix}place_name__icontains": filters.q}))
    return qs


def event_list(municipality: Municipality, filters: EventFilters, page: int = 1, per_page: int = PAGE_SIZE,
               own_of: Actor | None = None) -> Page[Event]:
    """The back office's list: newest first, with organiser and categories (three queries). `own_of`: only
    the events of that actor's organisations and org units (an organisation editor's view)."""
    qs = _filtered(Event.objects.of(municipality), filters).order_by("-start", "-pk")
    if own_of is not None:
        qs = qs.filter(Q(organisation_id__in=own_of.organisation_ids) | Q(org_unit_id__in=own_of.org_unit_ids))
    total = qs.count()
    pages = max(1, -(-total // per_page))
    number = min(max(1, page), pages)
    items = list(qs.select_related("organisation", "org_unit").prefetch_related("categories")
                 [(number - 1) * per_page: number * per_page])
    return Page(items=items, number=number, num_pages=pages, total=total, per_page=per_page)


def event_detail(municipality: Municipality, pk: int, *, published_only: bool) -> Event | None:
    qs = Event.objects.of(municipality).select_related("organisation", "org_unit").prefetch_related("categories")
    if published_only:
        qs = qs.filter(state=Event.State.PUBLISHED)
    return qs.filter(pk=pk).first()


def _occurrence_qs(municipality: Municipality, first: dt.datetime, last: dt.datetime, filters: EventFilters,
                   *, published_only: bool = True) -> QuerySet[EventOccurrence]:
    qs = EventOccurrence.objects.filter(municipality=municipality, end__gte=first, start__lt=last)
    qs = qs.filter(Q(end__gt=first) | Q(start__gte=first))
    if published_only:
        qs = qs.filter(published=True)
    return _filtered(qs, filters, prefix="event__").order_by("start", "pk")


def ensure_materialised(municipality: Municipality, state: CalendarSettings, last: dt.datetime) -> None:
    if last > services.horizon_of(state):
        services.extend_horizon(municipality, last)


def occurrences_between(
    municipality: Municipality, first: dt.datetime, last: dt.datetime, filters: EventFilters | None = None, *,
    offset: int = 0, limit: int | None = None, state: CalendarSettings | None = None, with_count: bool = True,
) -> tuple[list[EventOccurrence], int]:
    """Published occurrences touching [first, last), with event, organiser and categories, and how many
    there are in all: two or three queries (the count only when the page is full or not the first)."""
    ensure_materialised(municipality, state or events_state(municipality), last)
    qs = _occurrence_qs(municipality, first, last, filters or EventFilters())
    qs = qs.select_related("event", "event__organisation", "event__org_unit").prefetch_related("event__categories")
    items = list(qs[offset: offset + limit] if limit is not None else qs[offset:])
    if not with_count:
        return items, len(items)
    if limit is None or (offset == 0 and len(items) < limit):
        return items, offset + len(items)
    if not items and offset:
        return items, qs.count()
    return items, qs.count()


OCCURRENCE_COLUMNS = (
    "start", "end", "recurrence_id", "all_day", "cancelled", "moved", "event_id", "event__title", "event__time_zone",
    "event__organisation_id", "event__organisation__name", "event__org_unit_id", "event__org_unit__name",
    "event__place_name", "event__address", "event__district", "event__online_url", "event__languages",
    "event__is_free", "event__cost", "event__registration_required", "event__registration_url",
    "event__accessibility",
)


def occurrence_rows(
    municipality: Municipality, first: dt.datetime, last: dt.datetime, filters: EventFilters, *, offset: int,
    limit: int, state: CalendarSettings | None = None,
) -> tuple[list[dict[str, Any]], int, dict[int, list[tuple[str, str]]]]:
    """For the API: published occurrences touching [first, last) as plain rows (no model instances: a
    thousand rows cost milliseconds, not a quarter of a second), how many there are in all, and the
    categories (key, name) of their events. Two or three queries whatever the number of events."""
    ensure_materialised(municipality, state or events_state(municipality), last)
    qs = _occurrence_qs(municipality, first, last, filters)
    rows = list(qs.values(*OCCURRENCE_COLUMNS)[offset: offset + limit])
    total = offset + len(rows) if offset == 0 and len(rows) < limit else qs.count()
    categories: dict[int, list[tuple[str, str]]] = {}
    event_ids = {row["event_id"] for row in rows}
    if event_ids:
        through = Event.categories.through.objects.filter(event_id__in=event_ids).order_by(
            "eventcategory__position", "eventcategory__name")
        for event_id, key, name in through.values_list("event_id", "eventcategory__key", "eventcategory__name"):
            categories.setdefault(event_id, []).append((key, name))
    return rows, total, categories


def occurrence_page(municipality: Municipality, first: dt.datetime, last: dt.datetime, filters: EventFilters,
                    page: int = 1, per_page: int = PAGE_SIZE) -> Page[EventOccurrence]:
    items, total = occurrences_between(municipality, first, last, filters, offset=(max(1, page) - 1) * per_page,
                                       limit=per_page)
    pages = max(1, -(-total // per_page))
    return Page(items=items, number=max(1, page), num_pages=pages, total=total, per_page=per_page)


def occurrences_of(event: Event, *, first: dt.datetime | None = None, limit: int = 200) -> list[EventOccurrence]:
    qs = EventOccurrence.objects.filter(municipality_id=event.municipality_id, event=event)
    if first is not None:
        qs = qs.filter(end__gte=first)
    return list(qs.order_by("start", "pk")[:limit])


def changes_of(event: Event) -> list[EventOccurrenceChange]:
    return list(EventOccurrenceChange.objects.filter(municipality_id=event.municipality_id, event=event))


def events_for_feed(municipality: Municipality, *, organisation: int | None = None, category: str = "",
                    ) -> list[Event]:
    """Published events with their changes, for an iCalendar feed (three queries)."""
    qs = Event.objects.of(municipality).filter(state=Event.State.PUBLISHED)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    if category:
        qs = qs.filter(categories__key=category)
    return list(qs.select_related("organisation", "org_unit").prefetch_related("categories", "changes")
                .order_by("start", "pk"))


def printed_events(municipality: Municipality) -> list[Event]:
    return list(Event.objects.of(municipality).filter(state=Event.State.PUBLISHED, selected_for_print=True)
                .order_by("start", "pk"))
