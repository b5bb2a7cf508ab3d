"""Progress pages of the monitoring: the roll-up of the goal tree of the plan in force, with a "So berechnet"
disclosure per goal (monitoring_rollup); the dashboard per field of action (monitoring_dashboard); one field of
action (field_monitoring). Everyone who may view the monitoring sees them; the edition shown follows the plan
pages' rule (?ausgabe=<id>, else the one in force)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.http import require_GET

from teilhabe.backoffice.plans.tree import edition_context, edition_from_request
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring import dashboard as monitoring_dashboard_reads
from teilhabe.monitoring.permissions import VIEW_MONITORING
from teilhabe.monitoring.progress import Status
from teilhabe.monitoring.rollup import MEASURE_STATUS_RULES, GoalRollup, Rollup, rollup
from teilhabe.plans import rules, selectors
from teilhabe.plans.models import NormalisedStatus


@dataclass(frozen=True)
class TreeRow:
    """A goal in the flat, depth-first list the template turns into nested lists: whether a list of children
    opens after it, and how many lists close after it."""

    goal: GoalRollup
    opens: bool
    closes: range


def tree_rows(goals: list[GoalRollup]) -> list[TreeRow]:
    """Depth-first rows of a forest of goals (no recursion in the template: one loop for 10,000 goals)."""
    rows: list[TreeRow] = []
    stack: list[tuple[GoalRollup, int]] = [(g, 0) for g in reversed(goals)]
    order: list[tuple[GoalRollup, int]] = []
    while stack:
        node, depth = stack.pop()
        order.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    for index, (node, depth) in enumerate(order):
        next_depth = order[index + 1][1] if index + 1 < len(order) else 0
        opens = bool(node.children)
        rows.append(TreeRow(node, opens, range(0 if opens else depth - next_depth)))
    return rows


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
    fields = [(f, tree_rows(f.goals)) for f in result.fields] if result else []
    return render(request, "backoffice/monitoring/progress_rollup.html", {
        **edition_context(request, edition, editions), **_legend(), "fields": fields,
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
        "rows": tree_rows(field_rollup.goals), "group": monitoring_dashboard_reads.field_dashboard(field),
    })

