"""Who feeds the search index. A domain app registers one *source* per kind of thing it makes findable (in its
AppConfig.ready()); a source yields the documents of one municipality. `services.reindex_municipality` asks
every source; the app's own write path calls `services.index` / `services.remove` for single changes.

The search app knows no domain app: they call it (docs/search.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from teilhabe.core.models import Municipality


@dataclass(frozen=True, slots=True)
class Document:
    """One searchable thing in one language. `title` and `body` are plain text (see text.plain for HTML);
    `url` is the public address; `published=False` keeps it in the index but out of every result."""

    kind: str
    object_id: int
    language: str
    title: str
    body: str
    url: str
    date: Any = None  # datetime.date or None
    published: bool = True


@dataclass(frozen=True, slots=True)
class Source:
    kind: str
    label: Any  # a lazy translation: shown to readers as the group name ("Maßnahmen")
    documents: Callable[[Municipality], Iterable[Document]]
    position: int = 100


_SOURCES: dict[str, Source] = {}


def register(kind: str, label: Any, documents: Callable[[Municipality], Iterable[Document]], *,
             position: int = 100) -> None:
    """Register (or replace, on a reload) the source of `kind`."""
    _SOURCES[kind] = Source(kind=kind, label=label, documents=documents, position=position)


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (s.position, s.kind))


def source(kind: str) -> Source | None:
    return _SOURCES.get(kind)


def kind_label(kind: str) -> str:
    found = _SOURCES.get(kind)
    return str(found.label) if found is not None else kind
