"""Public search over what the portal shows (teilhabe.search), without login.

GET /api/v1/{municipality}/search?q=…&language=ar&kind=plan_measure&page=1&page_size=20

Two SQL queries whatever the number of hits (counts per kind, one page of hits)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from teilhabe.api.auth import municipality_of
from teilhabe.api.schemas import Slug, errors
from teilhabe.api.search.schemas import SearchHitOut, SearchKindOut, SearchPageOut, SearchQuery
from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.search import fulltext

router = Router(tags=["Suche"])


@router.get("/{slug:municipality}/search", response={200: SearchPageOut, **errors(404, 422)},
            summary="Suche im Portal einer Kommune", operation_id="search")
def search(request: HttpRequest, municipality: Slug, filters: Query[SearchQuery]) -> SearchPageOut:
    """Findet Maßnahmen und Handlungsfelder des beschlossenen Plans, Seiten und alles, was weitere Teile des
    Portals anmelden, in der Sprache der Leserin zuerst, sonst auf Deutsch. Öffentlich, ohne Anmeldung."""
    place = municipality_of(request)
    language = filters.language if filters.language in place.content_languages else FALLBACK_LANGUAGE
    results = fulltext.search(place, filters.q, language=language, kind=filters.kind, page=filters.page,
                              per_page=filters.page_size)
    page = results.page
    return SearchPageOut(
        count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
        kinds=[SearchKindOut(kind=k.kind, label=k.label, count=k.count) for k in results.kinds],
        items=[SearchHitOut(kind=h.kind, kind_label=h.kind_label, object_id=h.object_id, language=h.language,
                            title=h.title, url=h.url, date=h.date, snippet_html=str(h.snippet))
               for h in page.items],
    )
