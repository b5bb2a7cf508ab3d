"""Events in the search: a published event is found with its date, a draft is not, a deleted one goes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from teilhabe.calendar.events import services
from teilhabe.calendar.models import Event
from teilhabe.search import fulltext


def _hits(municipality: Any, query: str) -> list[Any]:
    return list(fulltext.search(municipality, query, language="de").page.items)


def test_published_events_are_found(municipality: Any, make_event: Any, coord_actor: Any) -> None:
    event = make_event(title="Interkulturelles Frauenfrühstück", description="<p>Mit <em>Kinderbetreuung</em></p>")
    draft = make_event(title="Frauenfrühstück im Entwurf", state=Event.State.DRAFT)
    hits = _hits(municipality, "Kinderbetreuung")
    assert [(h.kind, h.title, h.date) for h in hits] == [
        ("event", "Interkulturelles Frauenfrühstück", dt.date(2026, 10, 15))]
    assert hits[0].url == f"/heidelberg/termine/{event.pk}/"
    assert [h.title for h in _hits(municipality, "Frauenfrühstück")] == ["Interkulturelles Frauenfrühstück"]
    draft = services.publish_event(actor=coord_actor, event=draft, expected_version=draft.version)
    assert len(_hits(municipality, "Frauenfrühstück")) == 2
    services.delete_event(actor=coord_actor, event=draft, expected_version=draft.version)
    event.refresh_from_db()
    services.set_state(actor=coord_actor, event=event, expected_version=event.version, state=Event.State.DRAFT)
    assert _hits(municipality, "Frauenfrühstück") == []
