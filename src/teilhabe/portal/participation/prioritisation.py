"""Public pages of prioritisation: the ballot — for a body's members when logged in, for the public through
a ballot link sent to a confirmed e-mail address — and the published result with its method. Drafts and dot
votings whose result is not published are not found (404)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.core.cleaning import check_query
from teilhabe.core.errors import ServiceError
from teilhabe.core.tenancy import TenantRequest
from teilhabe.participation.models import Prioritisation
from teilhabe.participation.selectors import prioritisation as selectors
from teilhabe.participation.services import prioritisation as services
from teilhabe.portal.participation.forms_prioritisation import BallotForm, BallotLinkForm


def prioritisation_list(request: TenantRequest) -> HttpResponse:
    """Open public prioritisations and published results: one query whatever their number."""
    check_query(request)
    items = list(selectors.public_prioritisations(request.municipality.pk)[:200])
    return render(request, "portal/participation/prioritisation_list.html", {"prioritisations": items})


def _visible(request: TenantRequest, pk: int) -> Prioritisation:
    prioritisation = selectors.public_prioritisations(request.municipality.pk).filter(pk=pk).first()
    if prioritisation is None:
        # a body's open ballot is found by its members
        candidate = selectors.prioritisations(request.municipality.pk).filter(
            pk=pk, audience=Prioritisation.Audience.BODY, state=Prioritisation.State.OPEN).first()
        if candidate is None or not services.may_vote_as_member(getattr(request, "actor", None), candidate):
            raise Http404
        prioritisation = candidate
    return prioritisation


def _detail_url(request: TenantRequest, prioritisation: Prioritisation) -> str:
    return reverse("portal:participation_prioritisation_detail",
                   kwargs={"municipality": request.municipality.slug, "pk": prioritisation.pk})


def _ballot(request: TenantRequest, prioritisation: Prioritisation, voter: services.Voter,
            actor: Any) -> tuple[BallotForm, HttpResponse | None]:
    proposals = selectors.proposals_of(prioritisation)
    form = BallotForm(request.POST or None, prioritisation=prioritisation, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_ballot(prioritisation=prioritisation, voter=voter, actor=actor, choices=form.choices())
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Vielen Dank! Ihr Stimmzettel ist gezählt."))
            return form, HttpResponseRedirect(_detail_url(request, prioritisation))
    return form, None


def _context(prioritisation: Prioritisation, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"object": prioritisation, **extra}
    if prioritisation.result_published_at is not None:
        result = selectors.result(prioritisation)
        context.update(result=result, spec=selectors.chart_spec(result))
    else:
        context["explanation"] = selectors.explain(prioritisation, prioritisation.proposals.count())
    return context


def prioritisation_detail(request: TenantRequest, pk: int) -> HttpResponse:
    """The result when published; otherwise, while open, the ballot (members) or the ballot link request."""
    prioritisation = _visible(request, pk)
    actor = getattr(request, "actor", None)
    extra: dict[str, Any] = {}
    if prioritisation.result_published_at is None and prioritisation.state == Prioritisation.State.OPEN:
        try:
            services.check_open(prioritisation)
            is_open = True
        except ServiceError as exc:
            extra["closed_message"] = exc.message
            is_open = False
        if is_open and actor is not None and services.may_vote_as_member(actor, prioritisation):
            voter = services.member_voter(actor)
            if services.has_voted(prioritisation, voter):
                extra["voted"] = True
            else:
                form, done = _ballot(request, prioritisation, voter, actor)
                if done is not None:
                    return done
                extra["ballot_form"] = form
        elif is_open and prioritisation.audience == Prioritisation.Audience.PUBLIC:
            link_form = BallotLinkForm(request.POST or None)
            if request.method == "POST" and link_form.is_valid():
                if not link_form.is_spam:
                    try:
                        services.request_ballot_link(prioritisation=prioritisation,
                                                     address=link_form.cleaned_data["email"],
                                                     base_url=settings.TEILHABE_BASE_URL)
                    except ServiceError as exc:
                        link_form.add_error(None, exc.message)
                if not link_form.errors:
                    messages.success(request, _("Wir haben Ihnen einen Link zu Ihrem Stimmzettel geschickt. Bitte "
                                                "sehen Sie in Ihr E-Mail-Postfach."))
                    return HttpResponseRedirect(_detail_url(request, prioritisation))
            extra["link_form"] = link_form
    elif request.method == "POST":
        return HttpResponseRedirect(_detail_url(request, prioritisation))
    return render(request, "portal/participation/prioritisation_detail.html", _context(prioritisation, **extra))


def prioritisation_ballot(request: TenantRequest, pk: int, token: str) -> HttpResponse:
    """The ballot a confirmed e-mail address reaches by its link."""
    prioritisation = selectors.public_prioritisations(request.municipality.pk).filter(
        pk=pk, audience=Prioritisation.Audience.PUBLIC).first()
    if prioritisation is None:
        raise Http404
    extra: dict[str, Any] = {"token_page": True}
    try:
        voter = services.voter_from_token(prioritisation, token)
        services.check_open(prioritisation)
    except ServiceError as exc:
        extra["closed_message"] = exc.message
    else:
        if services.has_voted(prioritisation, voter):
            extra["voted"] = True
        else:
            form, done = _ballot(request, prioritisation, voter, None)
            if done is not None:
                return done
            extra["ballot_form"] = form
    response = render(request, "portal/participation/prioritisation_detail.html", _context(prioritisation, **extra))
    response["Referrer-Policy"] = "same-origin"  # the link is the person's key: never pass it to another site
    response["X-Robots-Tag"] = "noindex"
    return response
