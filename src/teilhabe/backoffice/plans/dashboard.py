"""The municipality's start page in the back office, and creating its first plan."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.forms.plan import PlanCreateForm
from teilhabe.backoffice.plans.tree import edition_context, edition_from_request, url_with_edition
from teilhabe.core.permissions import VIEW
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors, services
from teilhabe.plans.permissions import DOWNLOAD_DOCUMENTS, EDIT_PLAN

OVERVIEW_PARAM = "uebersicht"  # ?uebersicht=1: the overview, also for a Fachstelle
# Roles whose work is elsewhere start there (the overview stays one click away).
START_OF_ROLE = {Role.FACHSTELLE: "backoffice:my_measures", Role.STATISTIK: "backoffice:indicator_list"}


@requires(VIEW)
def dashboard(request: TenantRequest) -> HttpResponse:
    """The back office's start. A Fachstelle starts on „Meine Maßnahmen“ (its work); it still opens the
    overview with ?uebersicht=1 (the menu's and that page's link). The statistics office starts on the
    monitoring's indicators, likewise."""
    start = START_OF_ROLE.get(request.actor.role) if request.actor.role else None
    if start is not None and OVERVIEW_PARAM not in request.GET:
        target = reverse(start, kwargs={"municipality": request.municipality.slug})
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{target}?{query}" if query else target)
    edition, editions = edition_from_request(request)
    counts = selectors.dashboard_counts(edition) if edition is not None else None
    return render(request, "backoffice/dashboard.html", {
        **edition_context(request, edition, editions), "counts": counts,
        "status_labels": [label for _value, label, _n in counts.by_normalised] if counts else [],
        "can_download": request.actor.can(DOWNLOAD_DOCUMENTS), "document_fields": counts.by_field if counts else [],
    })


@requires(EDIT_PLAN)
def plan_create(request: TenantRequest) -> HttpResponse:
    form = PlanCreateForm(request.POST or None)
    done = flow.submit(request, form, lambda: services.create_plan(
        actor=request.actor, municipality=request.municipality, title=form.cleaned_data["title"],
        description=form.cleaned_data["description"], goal_level_names=form.cleaned_data["goal_level_names"],
    ), success=lambda plan: _("Der Plan „%(title)s“ wurde angelegt.") % {"title": plan.title},
        next_url=lambda plan: url_with_edition("backoffice:tree", request, plan.editions.first()))
    return done or render(request, "backoffice/plan/plan_form.html", {"form": form})
