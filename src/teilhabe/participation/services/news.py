"""What subscribers hear of. Services call `record_news` inside their own transaction, so news exists exactly
when the change it tells of does; the digest task (services.subscriptions) sends it."""

from __future__ import annotations

from collections.abc import Iterable

from teilhabe.core.models import Municipality
from teilhabe.participation.models import Body, Meeting, News, Proposal


def record_news(*, municipality: Municipality, kind: News.Kind, text: str, url: str = "", body: Body | None = None,
                field_titles: Iterable[str] = (), meeting: Meeting | None = None,
                proposal: Proposal | None = None) -> News:
    """Note one piece of news. `url` is the public path (without host) a digest links to; `field_titles` are the
    titles of the fields of action it concerns (subscriptions to a field match on the title)."""
    return News.objects.create(
        municipality=municipality, kind=kind, text=text[:500], url=url, body=body,
        field_titles=sorted(set(field_titles)), meeting=meeting, proposal=proposal,
    )
