"""The public offer directory in the REST API: published offers for everyone, no login.

GET /api/v1/{municipality}/offers             filtered, paginated (`page`, `page_size` ≤ 1000)
GET /api/v1/{municipality}/offers/{offer_id}  one published offer

Reads go through teilhabe.directory.selectors; a fixed number of queries whatever the page size."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router

from teilhabe.api.auth import municipality_of
from teilhabe.api.directory.offers_schemas import (
    AccessibilityOut,
    OfferCategoryOut,
    OfferContactOut,
    OfferIdPath,
    OfferOut,
    OfferPageOut,
    OfferQuery,
)
from teilhabe.api.schemas import RefOut, Slug, errors
from teilhabe.directory import selectors
from teilhabe.directory.models import Offer

router = Router(tags=["Angebote"])

ERRORS_PUBLIC_READ = errors(404, 422)


def _offer_out(offer: Offer, slug: str, prefix: str) -> OfferOut:
    category = offer.category
    provider = offer.provider
    return OfferOut(
        id=offer.pk, title=offer.title, description=offer.description,
        category=OfferCategoryOut(id=category.pk, name=category.name, parent=RefOut(
            id=category.parent.pk, name=category.parent.name) if category.parent else None),
        provider=RefOut(id=provider.pk, name=provider.name) if provider is not None else None,
        provider_kind="organisation" if offer.provider_organisation_id else "org_unit" if provider else None,
        languages=list(offer.languages or []),
        target_groups=[RefOut(id=g.pk, name=g.name) for g in offer.target_groups.all()],
        online=offer.is_online, online_url=offer.online_url, place=offer.place, district=offer.district,
        schedule=offer.schedule, free=offer.is_free, cost=offer.cost,
        registration_required=offer.registration_required, registration=offer.registration,
        accessibility=AccessibilityOut(step_free=offer.step_free, sign_language=offer.sign_language,
                                       childcare=offer.childcare),
        contact=OfferContactOut(name=offer.contact_name, email=offer.contact_email, phone=offer.contact_phone,
                           website=offer.website),
        last_confirmed=offer.last_confirmed.isoformat() if offer.last_confirmed else None,
        updated_at=offer.updated_at.isoformat(), url=f"{prefix}{offer.pk}/",
    )


def _prefix(request: HttpRequest, slug: str) -> str:
    return request.build_absolute_uri(reverse("portal:offer_directory", kwargs={"municipality": slug}))


@router.get("/{slug:municipality}/offers", response={200: OfferPageOut, **ERRORS_PUBLIC_READ},
            operation_id="offers_list", summary="Angebote / offers")
def offers_list(request: HttpRequest, municipality: Slug, query: Query[OfferQuery]) -> OfferPageOut:
    """Die veröffentlichten Angebote der Kommune, gefiltert wie im Portal, seitenweise (`page`, `page_size`
    ≤ 1000). Ohne Anmeldung. Feste Zahl von Datenbankabfragen, gleich wie groß die Seite ist.

    The municipality's published offers, filtered as on the portal, paginated; no login."""
    place = municipality_of(request)
    filters = selectors.OfferFilters(
        category=query.category, language=(query.language or "").lower(), district=query.district or "",
        target_group=query.target_group, free=query.free, online=query.online, text=query.q or "")
    page = selectors.offer_page(place, filters, query.page, per_page=query.page_size, published_only=True)
    prefix = _prefix(request, place.slug)
    return OfferPageOut(
        count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
        next_page=page.number + 1 if page.has_next else None,
        previous_page=page.number - 1 if page.has_previous else None,
        items=[_offer_out(o, place.slug, prefix) for o in page.items],
    )


@router.get("/{slug:municipality}/offers/{offer_id}", response={200: OfferOut, **ERRORS_PUBLIC_READ},
            operation_id="offer_get", summary="Ein Angebot / one offer")
def offer_get(request: HttpRequest, municipality: Slug, offer_id: OfferIdPath) -> OfferOut:
    """Ein veröffentlichtes Angebot; ein Entwurf oder eine fremde Id ist nicht vorhanden (404).

    One published offer; a draft or a foreign id is a 404."""
    place = municipality_of(request)
    try:
        offer = selectors.offer_detail(place, offer_id, published_only=True)
    except Offer.DoesNotExist:
        raise Http404 from None
    return _offer_out(offer, place.slug, _prefix(request, place.slug))
