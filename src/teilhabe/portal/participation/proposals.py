"""Proposals on the portal: the published ones with filters, search and paging, a page per proposal (who
proposes, its status and public answer, where it was merged, and what became of it: the measure with its
status and latest published report), and the online submission form (moderated, throttled, with a honeypot).
No login; request.municipality comes from the MunicipalityMiddleware."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core import selectors as core_selectors
from teilhabe.core.cleaning import check_query
from teilhabe.core.tenancy import TenantRequest
from teilhabe.core.throttling import client_address
from teilhabe.participation.models import Proposal
from teilhabe.participation.selectors import proposals as selectors
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import Edition
from teilhabe.portal.participation.forms_proposals import ProposalFilterForm, ProposalSubmitForm

PAGE_SIZE = 20
PAGE_PARAM = "seite"
MAX_PAGE = 100_000
SUBMIT_WINDOW = 3600  # seconds
SUBMIT_LIMIT_DEFAULT = 5  # online proposals per address and hour (TEILHABE_PROPOSAL_SUBMIT_LIMIT)


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def proposal_list(request: TenantRequest) -> HttpResponse:
    """Published proposals: a fixed number of queries (choices, count, page) whatever their number."""
    check_query(request)
    municipality = request.municipality
    form = ProposalFilterForm(request.GET, fields=selectors.field_choices(municipality),
                              bodies=selectors.body_choices(municipality, public=True),
                              meetings=selectors.meeting_choices(municipality, public=True))
    values = form.valid_values()
    filters = selectors.ProposalFilters(field=values.get("handlungsfeld"), status=values.get("stand") or "",
                                        body=values.get("gremium"), meeting=values.get("sitzung"),
                                        text=values.get("q") or "")
    page = selectors.proposal_page(municipality, filters, _page_number(request), actor=None, per_page=PAGE_SIZE)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "portal/participation/proposal_list.html", {
        "form": form, "page": page, "pager": page, "filtered": filters.active,
        "page_query": f"{params.urlencode()}&" if params else "",
    })


def proposal_detail(request: TenantRequest, pk: int) -> HttpResponse:
    try:
        proposal = selectors.public_proposal(request.municipality, pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    links = list(proposal.measure_links.all())
    reports = selectors.latest_published_reports(link.measure_id for link in links)
    outcomes = [{"measure": link.measure, "report": reports.get(link.measure_id),
                 "in_force": link.measure.edition.status == Edition.Status.ADOPTED} for link in links]
    return render(request, "portal/participation/proposal_detail.html", {
        "proposal": proposal, "outcomes": outcomes, "merged_from": list(proposal.merged_from.all()),
        "meeting_public": selectors.meeting_is_public(proposal.meeting),
    })


def _throttle_key(request: TenantRequest) -> str | None:
    address = client_address(request)
    return f"teilhabe:proposal-submit:{request.municipality.pk}:{address}" if address else None


def _submission_allowed(request: TenantRequest) -> bool:
    """At most TEILHABE_PROPOSAL_SUBMIT_LIMIT stored online proposals an hour from one address."""
    key = _throttle_key(request)
    limit = int(getattr(settings, "TEILHABE_PROPOSAL_SUBMIT_LIMIT", SUBMIT_LIMIT_DEFAULT))
    return key is None or int(cache.get(key, 0)) < limit


def _count_submission(request: TenantRequest) -> None:
    key = _throttle_key(request)
    if key is None:
        return
    if not cache.add(key, 1, timeout=SUBMIT_WINDOW):  # the first submission opens the window
        try:
            cache.incr(key)
        except ValueError:  # the window closed in between
            cache.add(key, 1, timeout=SUBMIT_WINDOW)


def proposal_submit(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    form = ProposalSubmitForm(request.POST or None, fields=selectors.field_choices(municipality, in_force=True),
                              organisations=list(core_selectors.organisations(municipality)))
    if request.method == "POST":
        if form.is_spam:  # answer a bot like a person, but keep nothing
            return redirect("portal:participation_proposals_thanks", municipality=municipality.slug)
        if not _submission_allowed(request):
            return render(request, "portal/participation/proposal_throttled.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                refs = services.resolve_references(municipality, {
                    "field_of_action": data["field_of_action"],
                    "proposer_organisation": data["proposer_organisation"]})
                services.submit_proposal(municipality=municipality, email=data["email"], values={
                    "title": data["title"], "text": data["text"], "proposer_kind": data["proposer_kind"],
                    "proposer_name": data["proposer_name"], **refs})
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                _count_submission(request)
                return redirect("portal:participation_proposals_thanks", municipality=municipality.slug)
        messages.error(request, _("Der Vorschlag wurde nicht gesendet. Bitte prüfen Sie Ihre Eingaben."))
    return render(request, "portal/participation/proposal_submit.html", {"form": form})


def proposal_thanks(request: TenantRequest) -> HttpResponse:
    return render(request, "portal/participation/proposal_thanks.html")
