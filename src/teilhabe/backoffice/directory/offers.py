"""The offers in the back office: the list (filters, paging) and the form. Everyone in the municipality reads
the list; Koordination edits every offer, a Fachstelle those of its organisations and units."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.directory.forms_offers import OfferFilterForm, OfferForm, language_choices, offer_initial
from teilhabe.core import selectors as core_selectors
from teilhabe.core.cleaning import check_query
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.directory import selectors, services
from teilhabe.directory.models import Offer, OfferCategory
from teilhabe.directory.permissions import EDIT_OFFERS, VIEW_OFFERS

PAGE_PARAM = "seite"
MAX_PAGE = 100_000


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:offers_list", kwargs={"municipality": request.municipality.slug})


def _ensure_categories(request: TenantRequest) -> None:
    """The first time someone who edits offers opens them, the municipality gets the default categories."""
    if request.actor.can(EDIT_OFFERS) and not OfferCategory.objects.of(request.municipality).exists():
        services.ensure_default_categories(actor=request.actor, municipality=request.municipality)


@requires(VIEW_OFFERS)
@require_GET
def offer_list(request: TenantRequest) -> HttpResponse:
    """Six queries whatever the number of offers: categories, districts, count, page, target groups (and the
    session's)."""
    check_query(request)
    municipality = request.municipality
    _ensure_categories(request)
    categories = selectors.category_choices(municipality)
    form = OfferFilterForm(request.GET, categories=categories, languages=language_choices(municipality),
                           districts=selectors.offer_districts(municipality))
    values = form.valid_values()
    filters = selectors.OfferFilters(category=values.get("kategorie"), language=values.get("sprache") or "",
                                     district=values.get("stadtteil") or "", state=values.get("stand") or "",
                                     text=values.get("q") or "")
    actor: Actor = request.actor
    own = None if actor.holds_fully(VIEW_OFFERS) else (actor.organisation_ids, actor.org_unit_ids)
    page = selectors.offer_page(municipality, filters, _page_number(request), own=own)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/directory/offer_list.html", {
        "form": form, "page": page, "pager": page, "offers": page.items, "filtered": filters.active,
        "page_query": f"{params.urlencode()}&" if params else "",
        "can_create": actor.can(EDIT_OFFERS), "tab": "offers",
    })


def _form(request: TenantRequest, offer: Offer | None) -> OfferForm:
    municipality = request.municipality
    actor: Actor = request.actor
    organisations = list(core_selectors.organisations(municipality))
    units = list(core_selectors.org_units(municipality))
    if not actor.holds_fully(EDIT_OFFERS):  # only providers the person acts for
        organisations = [o for o in organisations if o.pk in actor.organisation_ids]
        units = [u for u in units if u.pk in actor.org_unit_ids]
    return OfferForm(
        request.POST or None, municipality=municipality, categories=selectors.category_choices(municipality),
        organisations=organisations, org_units=units, target_groups=selectors.target_groups(municipality),
        measures=selectors.measures_for_offers(municipality), provider_required=not actor.holds_fully(EDIT_OFFERS),
        with_version=offer is not None, initial=offer_initial(offer) if offer is not None else None)


@requires(EDIT_OFFERS)
def offer_create(request: TenantRequest) -> HttpResponse:
    _ensure_categories(request)
    form = _form(request, None)
    done = flow.submit(request, form, lambda: services.create_offer(
        actor=request.actor, municipality=request.municipality, values=form.values()),
        success=lambda offer: _("„%(title)s“ wurde angelegt.") % {"title": offer.title},
        next_url=lambda offer: _list_url(request), error_fields={"provider_organisation": "provider",
                                                                   "provider_org_unit": "provider"})
    return done or render(request, "backoffice/directory/offer_form.html", {
        "form": form, "title": _("Angebot anlegen"), "submit": _("Anlegen"), "tab": "offers"})


def _offer(request: TenantRequest, pk: int) -> Offer:
    try:
        offer = selectors.offer_detail(request.municipality, pk)
    except Offer.DoesNotExist:
        raise Http404 from None
    if not request.actor.can(EDIT_OFFERS, offer):
        raise PermissionDenied
    return offer


def _may_edit(actor: Actor, offer: Any) -> bool:
    return actor.can(EDIT_OFFERS, offer)


@requires(EDIT_OFFERS)
def offer_edit(request: TenantRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    form = _form(request, offer)
    done = flow.submit(request, form, lambda: services.update_offer(
        actor=request.actor, offer=offer, expected_version=flow.expected_version(form), values=form.values()),
        success=lambda saved: _("„%(title)s“ wurde gespeichert.") % {"title": saved.title},
        next_url=_list_url(request), error_fields={"provider_organisation": "provider",
                                                   "provider_org_unit": "provider"})
    return done or render(request, "backoffice/directory/offer_form.html", {
        "form": form, "title": _("Angebot bearbeiten"), "object": offer, "submit": _("Speichern"),
        "tab": "offers"})


offer_edit.object_rule = _may_edit  # type: ignore[attr-defined]


@requires(EDIT_OFFERS)
def offer_delete(request: TenantRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    return flow.confirm_delete(
        request, version=offer.version, delete=partial(services.delete_offer, actor=request.actor, offer=offer),
        success=_("„%(title)s“ wurde gelöscht.") % {"title": offer.title}, done_url=_list_url(request),
        context={"object": offer, "heading": _("Angebot löschen"), "cancel_url": _list_url(request),
                 "question": _("Soll das Angebot „%(title)s“ gelöscht werden?") % {"title": offer.title}})


offer_delete.object_rule = _may_edit  # type: ignore[attr-defined]
