"""Subscriptions in the back office: Koordination (MANAGE_SUBSCRIPTIONS) sees how many subscribe to what —
counts only, no list of addresses — and can find one address to unsubscribe it for someone who asks; every
member subscribes to their bodies with one button ("Meine Abonnements"). No object ids in the addresses: the
ids come with the forms and are looked up in the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.backoffice.participation.forms_subscriptions import AddressSearchForm, MemberSubscribeForm
from teilhabe.core.cleaning import check_query
from teilhabe.core.errors import ServiceError
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation.models import Body
from teilhabe.participation.permissions import MANAGE_SUBSCRIPTIONS, VIEW
from teilhabe.participation.selectors import subscriptions as selectors
from teilhabe.participation.services import subscriptions as services


def _overview_url(request: TenantRequest) -> str:
    return reverse("backoffice:participation_subscriptions_overview",
                   kwargs={"municipality": request.municipality.slug})


def _mine_url(request: TenantRequest) -> str:
    return reverse("backoffice:participation_subscriptions_mine", kwargs={"municipality": request.municipality.slug})


@requires(MANAGE_SUBSCRIPTIONS)
@require_GET
def overview(request: TenantRequest) -> HttpResponse:
    """Counts per topic, confirmed and unconfirmed (one query), and the search by address."""
    check_query(request)
    municipality = request.municipality
    counts = selectors.topic_counts(municipality)
    form = AddressSearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid() and form.cleaned_data["adresse"]:
        found = [(s, services.topic_label(s)) for s in selectors.of_address(municipality,
                                                                            form.cleaned_data["adresse"])]
    return render(request, "backoffice/participation/subscriptions_overview.html", {
        "counts": counts, "form": form, "found": found,
        "total_confirmed": sum(c.confirmed for c in counts), "total_unconfirmed": sum(c.unconfirmed for c in counts),
    })


@requires(MANAGE_SUBSCRIPTIONS)
@require_POST
def remove(request: TenantRequest) -> HttpResponse:
    number = request.POST.get("abo", "")
    address = request.POST.get("adresse", "")[:254]
    if not number.isdigit() or len(number) > 10:
        messages.error(request, _("Bitte wählen Sie ein Abonnement aus der Liste."))
        return HttpResponseRedirect(_overview_url(request))
    try:
        services.unsubscribe_by_staff(actor=request.actor, municipality=request.municipality,
                                      subscription_id=int(number))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Das Abonnement ist gelöscht."))
    query = AddressSearchForm({"adresse": address})
    back = _overview_url(request)
    if query.is_valid() and query.cleaned_data["adresse"]:
        back += "?" + urlencode({"adresse": query.cleaned_data["adresse"]})
    return HttpResponseRedirect(back)


@requires(VIEW)
def mine(request: TenantRequest) -> HttpResponse:
    """The member's own subscriptions and their bodies, each with one button to subscribe (POST `gremium`) —
    or to end one (POST `abo`)."""
    municipality, actor = request.municipality, request.actor
    if request.method == "POST":
        if "abo" in request.POST:
            number = request.POST.get("abo", "")
            try:
                if not number.isdigit() or len(number) > 10:
                    raise ServiceError(_("Bitte wählen Sie ein Abonnement aus der Liste."))
                services.unsubscribe_member(actor=actor, municipality=municipality, subscription_id=int(number))
            except ServiceError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Das Abonnement ist beendet."))
            return HttpResponseRedirect(_mine_url(request))
        form = MemberSubscribeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Bitte wählen Sie ein Gremium aus der Liste."))
            return HttpResponseRedirect(_mine_url(request))
        body = Body.objects.of(municipality).filter(pk=form.cleaned_data["gremium"]).first()
        try:
            if body is None:
                raise ServiceError(_("Bitte wählen Sie ein Gremium aus der Liste."))
            result = services.subscribe_member(actor=actor, body=body, frequency=form.cleaned_data["frequency"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            if result.created:
                messages.success(request, _("Sie haben „%(name)s“ abonniert.") % {"name": body.name})
            else:
                messages.info(request, _("Sie haben „%(name)s“ schon abonniert.") % {"name": body.name})
        return HttpResponseRedirect(_mine_url(request))
    check_query(request)
    own = selectors.of_user(municipality, actor.user_id) if actor.user_id else []
    subscribed = {s.body_id for s in own if s.body_id}
    bodies = selectors.member_bodies(municipality, actor.user_id) if actor.user_id else []
    rows = [(b, MemberSubscribeForm(initial={"gremium": b.pk}, auto_id=f"id_b{b.pk}_%s"))
            for b in bodies if b.pk not in subscribed]
    return render(request, "backoffice/participation/subscriptions_mine.html", {
        "own": [(s, services.topic_label(s)) for s in own], "rows": rows,
        "has_email": bool(getattr(request.user, "email", "")),
    })
