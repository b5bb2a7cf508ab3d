"""„Meine Maßnahmen“: the measures a person's org units and organisations lead or partner in, in the edition
shown to them, with what needs their attention first. A Fachstelle's start page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from teilhabe.backoffice.plans.tree import edition_context, edition_from_request
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import rules, selectors
from teilhabe.plans.permissions import EDIT_MEASURE
from teilhabe.reporting import selectors as reporting_selectors
from teilhabe.reporting.permissions import ANSWER_REPORT


@requires(VIEW)
def my_measures(request: TenantRequest) -> HttpResponse:
    actor = request.actor
    edition, editions = edition_from_request(request)
    context = edition_context(request, edition, editions)
    has_responsibility = bool(actor.org_unit_ids or actor.organisation_ids)
    mine = selectors.my_measures(actor, edition) if edition is not None else None
    context.update({
        # The reports of open rounds the person's offices owe or handed in (one query), above the measures.
        "reports": reporting_selectors.inbox(actor) if actor.can(ANSWER_REPORT) else [],
        # report pages are …/berichte/bericht/<id>/: one reverse for all rows
        "report_prefix": reverse("backoffice:report_answer", kwargs={"municipality": request.municipality.slug,
                                                                     "pk": 0})[:-2],
        "mine": mine,
        "has_responsibility": has_responsibility,
        "stale_months": selectors.STALE_AFTER_MONTHS,
        # Every measure listed is the actor's own: the edit right depends only on the role and the edition.
        "can_edit": edition is not None and actor.can(EDIT_MEASURE) and rules.may_edit_measures_in(actor, edition),
        # measure pages are …/massnahmen/<id>/ and …/massnahmen/<id>/bearbeiten/: one reverse for all rows
        "measure_prefix": reverse("backoffice:measure_list", kwargs={"municipality": request.municipality.slug}),
    })
    return render(request, "backoffice/my_measures.html", context)
