"""The plan in public: the plans in force (adopted editions) with their fields of action, each field's goal
tree and measures, and a page per measure. What is shown is decided by plans.public; the published
implementation reports are linked, served by portal/reporting/published.py."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from teilhabe.core.tenancy import TenantRequest
from teilhabe.plans import public
from teilhabe.plans.models import FieldOfAction, Measure
from teilhabe.portal.content import localized
from teilhabe.reporting.selectors import published_rounds, published_rounds_with_measure


def plan_overview(request: TenantRequest) -> HttpResponse:
    """Four queries whatever the size of the plans."""
    municipality = request.municipality
    return render(request, "portal/plans/overview.html", {
        "plans": public.plans_in_force(municipality),
        "has_reports": published_rounds(municipality).exists(),
    })


def plan_field(request: TenantRequest, pk: int) -> HttpResponse:
    """A field of action with its goal tree as nested lists and its measures: four queries."""
    try:
        page = public.field_page(request.municipality, pk)
    except FieldOfAction.DoesNotExist as missing:
        raise Http404 from missing
    localized(request, [page.field])
    return render(request, "portal/plans/field.html", {"page": page, "field": page.field,
                                                       "plan": page.field.edition.plan})


def plan_measure(request: TenantRequest, pk: int) -> HttpResponse:
    """A measure of a plan in force: a fixed number of queries."""
    try:
        page = public.measure_page(request.municipality, pk)
    except Measure.DoesNotExist as missing:
        raise Http404 from missing
    localized(request, [page.measure])
    return render(request, "portal/plans/measure.html", {
        "page": page, "measure": page.measure, "plan": page.measure.edition.plan,
        "rounds": published_rounds_with_measure(request.municipality, pk),
    })
