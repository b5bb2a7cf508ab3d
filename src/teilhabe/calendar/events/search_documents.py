"""Published events in the search index: title, description, place, district, categories and organiser, with
the date of the first occurrence. Registered in CalendarConfig.ready(); the event services call
`event_changed` after every write (create, update, publish, import) and `event_removed` after a delete."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.calendar.models import Event
from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.models import Municipality
from teilhabe.search import registry, services
from teilhabe.search.registry import Document
from teilhabe.search.text import join, plain

KIND = "event"


def event_documents(municipality: Municipality, ids: Sequence[int] | None = None) -> list[Document]:
    """Published events: two queries."""
    events = (Event.objects.of(municipality).filter(state=Event.State.PUBLISHED)
              .select_related("organisation", "org_unit").prefetch_related("categories").order_by("pk"))
    if ids is not None:
        events = events.filter(pk__in=ids)
    slug = municipality.slug
    return [
        Document(
            kind=KIND, object_id=e.pk, language=FALLBACK_LANGUAGE, title=e.title,
            body=join(plain(e.description), e.place_name, e.district, *(c.name for c in e.categories.all()),
                      e.organisation.name if e.organisation else "", e.org_unit.name if e.org_unit else ""),
            url=reverse("portal:event_detail", kwargs={"municipality": slug, "pk": e.pk}),
            date=timezone.localtime(e.start).date(),
        )
        for e in events
    ]


def register() -> None:
    registry.register(KIND, _("Termine"), event_documents, position=20)


def event_changed(event: Event) -> None:
    municipality = event.municipality
    docs = event_documents(municipality, [event.pk])
    if docs:
        services.index_documents(municipality=municipality, documents=docs)
    else:
        services.remove(municipality=municipality, kind=KIND, object_id=event.pk)


def event_removed(municipality: Municipality, event_id: int) -> None:
    services.remove(municipality=municipality, kind=KIND, object_id=event_id)
