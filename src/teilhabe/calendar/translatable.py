"""Published events' texts, registered for translation (found by teilhabe.translations)."""

from django.db.models import QuerySet

from teilhabe.calendar.models import Event
from teilhabe.translations import register


def _published(qs: QuerySet) -> QuerySet:
    return qs.filter(state=Event.State.PUBLISHED)


register(Event, fields=("title", "description"), kind="event", rich=("description",), narrow=_published,
         order_by=("title", "pk"))
