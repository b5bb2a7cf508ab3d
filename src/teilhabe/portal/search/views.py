"""Search across everything the portal shows (plan, pages, organisations, offers, events — whatever the
domain apps register), in the reader's language with a German fallback. Two queries whatever the size of
the index (see teilhabe.search.fulltext)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render

from teilhabe.core.cleaning import request_param
from teilhabe.core.i18n import content_language_of
from teilhabe.core.tenancy import TenantRequest
from teilhabe.search import fulltext, registry


def search(request: TenantRequest) -> HttpResponse:
    query = request_param(request, "q")[: fulltext.MAX_QUERY]
    kind = request_param(request, "art")
    if registry.source(kind) is None:
        kind = ""
    try:
        number = int(request_param(request, "seite") or 1)
    except ValueError:
        number = 1
    language = content_language_of(request).code
    results = fulltext.search(request.municipality, query, language=language, kind=kind or None, page=number)
    base = {"q": query, **({"art": kind} if kind else {})}
    return render(request, "portal/search/results.html", {
        "query": query, "kind": kind, "results": results, "pager": results.page,
        "page_query": urlencode(base) + "&",
        "kind_links": [(k, urlencode({"q": query, "art": k.kind})) for k in results.kinds],
        "all_query": urlencode({"q": query}),
        "searched": bool(fulltext.tokens(query)),
    })
