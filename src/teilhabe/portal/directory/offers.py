"""The public offer directory: filters (category, language, district, target group, free of charge, online),
a text search, paging, and each offer's page. Only published offers exist here; others are a 404."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from teilhabe.core.cleaning import check_query
from teilhabe.core.i18n import language, language_name
from teilhabe.core.tenancy import TenantRequest
from teilhabe.directory import selectors
from teilhabe.directory.models import Offer
from teilhabe.portal.content import localized
from teilhabe.portal.directory.forms_offers import OfferSearchForm

PAGE_PARAM = "seite"
PER_PAGE = 20
MAX_PAGE = 100_000


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def offer_directory(request: TenantRequest) -> HttpResponse:
    """A fixed number of queries whatever the number of offers: categories, districts, languages, target
    groups, the count, the page and its target groups."""
    check_query(request)
    municipality = request.municipality
    form = OfferSearchForm(
        request.GET, categories=selectors.category_choices(municipality),
        languages=[(code, language_name(code)) for code in selectors.offer_languages(municipality,
                                                                                     published_only=True)],
        districts=selectors.offer_districts(municipality, published_only=True),
        target_groups=[(g.pk, g.name) for g in selectors.target_groups(municipality)])
    values = form.valid_values()
    filters = selectors.OfferFilters(
        category=values.get("kategorie"), language=values.get("sprache") or "",
        district=values.get("stadtteil") or "", target_group=values.get("zielgruppe"),
        free=True if values.get("kostenlos") else None, online=True if values.get("online") else None,
        text=values.get("q") or "")
    page = selectors.offer_page(municipality, filters, _page_number(request), per_page=PER_PAGE,
                                published_only=True)
    localized(request, page.items)
    for offer in page.items:  # each language by its own name, as its speakers write it
        offer.language_list = [language(code) for code in offer.languages or []]  # type: ignore[attr-defined]
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "portal/directory/offers.html", {
        "form": form, "page": page, "pager": page, "offers": page.items, "filtered": filters.active,
        "page_query": f"{params.urlencode()}&" if params else "",
    })


def offer_detail(request: TenantRequest, pk: int) -> HttpResponse:
    try:
        offer = selectors.offer_detail(request.municipality, pk, published_only=True)
    except Offer.DoesNotExist:
        raise Http404 from None
    localized(request, [offer])
    return render(request, "portal/directory/offers_detail.html", {
        "offer": offer, "offer_languages": [language(code) for code in offer.languages or []],
        "measures": [m for m in offer.measures.all() if m.edition.status == "adopted"],
    })
