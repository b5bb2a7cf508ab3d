"""Progress pages of the monitoring: the roll-up of the goal tree of the plan in force, with a "So berechnet"
disclosure per goal (monitoring_rollup); the dashboard per field of action (monitoring_dashboard); one field of
action (field_monitoring). Everyone who may view the monitoring sees them; the edition shown follows the plan
pages' rule (?ausgabe=<id>, else the one in force)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.http import require_GET

from teilhabe.backoffice.monitoring.rollup_html import rollup_tree_html
from teilhabe.backoffice.plans.tree import edition_context, edition_from_request
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring import dashboard as monitoring_dashboard_reads
from teilhabe.monitoring.permissions import MANAGE_INDICATORS, VIEW_MONITORING
from teilhabe.monitoring.progress import Status
from teilhabe.monitoring.rollup import MEASURE_STATUS_RULES, Rollup, rollup
from teilhabe.plans import rules, selectors
from teilhabe.plans.models import NormalisedStatus

# Up to this many goals the page shows the whole tree with every goal's table; a larger plan (the page would
# weigh megabytes) shows each field's result and links to the field's page, which shows its tree.
WHOLE_TREE_UP_TO = 600


def _legend() -> dict[str, Any]:
    return {
        "statuses": list(Status),
        "measure_rules": [(NormalisedStatus(key).label, rule) for key, rule in MEASURE_STATUS_RULES.items()],
    }


def _rollup_of(edition: Any) -> Rollup | None:
    return rollup(edition) if edition is not None else None


@requires(VIEW_MONITORING)
@require_GET
def monitoring_rollup(request: TenantRequest) -> HttpResponse:
    edition, editions = edition_from_request(request)
    result = _rollup_of(edition)
    whole_tree = result is not None and len(result.goals) <= WHOLE_TREE_UP_TO
    fields = [(f, rollup_tree_html(f.goals) if whole_tree else None) for f in result.fields] if result else []
    return render(request, "backoffice/monitoring/progress_rollup.html", {
        **edition_context(request, edition, editions), **_legend(), "fields": fields, "whole_tree": whole_tree,
        "can_manage": request.actor.can(MANAGE_INDICATORS),
        "goal_count": len(result.goals) if result else 0,
    })


@requires(VIEW_MONITORING)
@require_GET
def monitoring_dashboard(request: TenantRequest) -> HttpResponse:
    edition, editions = edition_from_request(request)
    result = _rollup_of(edition)
    scores = {f.id: f for f in result.fields} if result else {}
    groups = [(g, scores.get(g.field.pk) if g.field else None)
              for g in monitoring_dashboard_reads.dashboard(edition)]
    return render(request, "backoffice/monitoring/progress_dashboard.html", {
        **edition_context(request, edition, editions), "groups": groups,
        "has_indicators": any(g.rows for g, _score in groups), "statuses": list(Status),
        "can_manage": request.actor.can(MANAGE_INDICATORS),
    })


@requires(VIEW_MONITORING)
def field_monitoring(request: TenantRequest, pk: int) -> HttpResponse:
    field = (selectors.fields_of_municipality(request.municipality).select_related("edition__plan")
             .filter(pk=pk).first())
    if field is None or not rules.can_see_edition(request.actor, field.edition):
        raise Http404
    # After the lookup: another municipality's field is a 404 whatever the method.
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    result = rollup(field.edition)
    field_rollup = next(f for f in result.fields if f.id == field.pk)
    return render(request, "backoffice/monitoring/progress_field.html", {
        **_legend(), "field": field, "edition": field.edition, "field_rollup": field_rollup,
        "tree_html": rollup_tree_html(field_rollup.goals), "group": monitoring_dashboard_reads.field_dashboard(field),
    })

