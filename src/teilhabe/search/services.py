"""Every change of the search index. The index is derived data: the domain apps call these from their own
write paths (which have authorised the change and audited it), so nothing here is audited or guarded again.
Each function runs in the caller's transaction when there is one (an index entry is rolled back with the
change it describes)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from teilhabe.core.models import Municipality
from teilhabe.search import registry
from teilhabe.search.models import SearchDocument
from teilhabe.search.registry import Document
from teilhabe.search.text import BODY_LIMIT

BATCH = 1000


def _row(municipality: Municipality, doc: Document) -> SearchDocument:
    return SearchDocument(
        municipality=municipality, kind=doc.kind, object_id=doc.object_id, language=doc.language,
        title=doc.title[:500], body=doc.body[:BODY_LIMIT], url=doc.url[:500], date=doc.date,
        published=doc.published,
    )


def index(*, municipality: Municipality, kind: str, object_id: int, language: str, title: str, body: str,
          url: str, date: object = None, published: bool = True) -> None:
    """Add or replace one document (thing × language). Two queries."""
    doc = Document(kind=kind, object_id=object_id, language=language, title=title, body=body, url=url, date=date,
                   published=published)
    row = _row(municipality, doc)
    SearchDocument.objects.update_or_create(
        municipality=municipality, kind=kind, object_id=object_id, language=language,
        defaults={"title": row.title, "body": row.body, "url": row.url, "date": row.date,
                  "published": row.published},
    )


def index_documents(*, municipality: Municipality, documents: Iterable[Document]) -> int:
    """Add or replace several documents: the old rows of the same things are deleted first, then the new
    ones inserted in batches (a fixed number of queries per thousand documents)."""
    docs = list(documents)
    with transaction.atomic():
        by_kind: dict[str, set[int]] = {}
        for doc in docs:
            by_kind.setdefault(doc.kind, set()).add(doc.object_id)
        for kind, ids in by_kind.items():
            remove_objects(municipality=municipality, kind=kind, object_ids=sorted(ids))
        SearchDocument.objects.bulk_create([_row(municipality, d) for d in docs], batch_size=BATCH)
    return len(docs)


def remove(*, municipality: Municipality, kind: str, object_id: int, language: str | None = None) -> int:
    """Take a thing out of the index (in one language, or in all). One query."""
    rows = SearchDocument.objects.of(municipality).filter(kind=kind, object_id=object_id)
    if language is not None:
        rows = rows.filter(language=language)
    return rows.delete()[0]


def remove_objects(*, municipality: Municipality, kind: str, object_ids: Sequence[int]) -> int:
    deleted = 0
    for start in range(0, len(object_ids), BATCH):
        chunk = object_ids[start:start + BATCH]
        deleted += SearchDocument.objects.of(municipality).filter(kind=kind, object_id__in=chunk).delete()[0]
    return deleted


def replace_kind(*, municipality: Municipality, kind: str, documents: Iterable[Document]) -> int:
    """Everything of one kind anew: the kind's rows deleted, the given documents inserted."""
    with transaction.atomic():
        SearchDocument.objects.of(municipality).filter(kind=kind).delete()
        rows = [_row(municipality, d) for d in documents if d.kind == kind]
        SearchDocument.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def reindex_municipality(*, municipality: Municipality, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the index of a municipality from every registered source (or only those of `kinds`): the
    number of documents per kind."""
    wanted = set(kinds) if kinds is not None else None
    counts: dict[str, int] = {}
    with transaction.atomic():
        for source in registry.sources():
            if wanted is not None and source.kind not in wanted:
                continue
            counts[source.kind] = replace_kind(municipality=municipality, kind=source.kind,
                                               documents=source.documents(municipality))
    return counts
