"""Create, edit and delete goals (the goal tree under a field of action)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.fields import tree_url
from teilhabe.backoffice.plans.forms.plan import GoalForm
from teilhabe.backoffice.plans.tree import url_with_edition
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring.dashboard import indicators_of_goal
from teilhabe.monitoring.permissions import VIEW_MONITORING
from teilhabe.plans import selectors, services
from teilhabe.plans.models import FieldOfAction, Goal
from teilhabe.plans.permissions import EDIT_PLAN


def _goal(request: TenantRequest, pk: int) -> Goal:
    return get_object_or_404(selectors.goals_of_municipality(request.municipality), pk=pk)


def _parent(form: GoalForm, field: FieldOfAction) -> Goal | None:
    parent_id = form.parent_id()
    return Goal.objects.filter(field=field).get(pk=parent_id) if parent_id is not None else None


@requires(EDIT_PLAN)
def goal_create(request: TenantRequest) -> HttpResponse:
    """A goal is created in a field (?handlungsfeld=<id>), optionally under a goal (?uebergeordnet=<id>)."""
    field_id = request.GET.get("handlungsfeld", "")
    if not field_id.isdigit():
        # Goals live under a field: send the user to the tree, where each field offers "Ziel hinzufügen".
        messages.info(request, _("Wählen Sie im Plan das Handlungsfeld, unter dem das Ziel stehen soll."))
        return HttpResponseRedirect(url_with_edition("backoffice:tree", request, None))
    field = get_object_or_404(selectors.fields_of_municipality(request.municipality), pk=int(field_id))
    outline = selectors.plan_outline(field.edition)
    parent_param = request.GET.get("uebergeordnet", "")
    initial = {"parent": int(parent_param)} if parent_param.isdigit() else {}
    form = GoalForm(request.POST or None, outline=outline, field=field, initial=initial)
    done = flow.submit(request, form, lambda: services.create_goal(
        actor=request.actor, field=field, title=form.cleaned_data["title"],
        description=form.cleaned_data["description"], parent=_parent(form, field)),
        success=lambda goal: _("Das Ziel „%(title)s“ wurde angelegt.") % {"title": goal.title},
        next_url=lambda goal: tree_url(request, field.edition, f"g-{goal.pk}"))
    return done or render(request, "backoffice/plan/object_form.html", {
        "form": form, "heading": _("Ziel hinzufügen"), "cancel_url": tree_url(request, field.edition, f"f-{field.pk}"),
        "intro": _("Handlungsfeld: %(field)s") % {"field": field.title},
    })


@requires(EDIT_PLAN)
def goal_edit(request: TenantRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    outline = selectors.plan_outline(goal.edition)
    form = GoalForm(request.POST or None, outline=outline, field=goal.field, goal=goal,
                    initial=flow.initial(goal, "title", "description", parent=goal.parent_id))
    done = flow.submit(request, form, lambda: services.update_goal(
        actor=request.actor, goal=goal, expected_version=flow.expected_version(form),
        values={"title": form.cleaned_data["title"], "description": form.cleaned_data["description"],
                "parent": _parent(form, goal.field)}),
        success=_("Das Ziel wurde gespeichert."), next_url=tree_url(request, goal.edition, f"g-{goal.pk}"),
        gone_url=tree_url(request, goal.edition))
    return done or render(request, "backoffice/plan/object_form.html", {
        "form": form, "heading": _("Ziel bearbeiten"),
        "intro": _("Handlungsfeld: %(field)s") % {"field": goal.field.title},
        "cancel_url": tree_url(request, goal.edition, f"g-{goal.pk}"),
        **_monitoring(request, goal)})


def _monitoring(request: TenantRequest, goal: Goal) -> dict[str, Any]:
    """The goal's success indicators with their progress, and its place in the roll-up (for VIEW_MONITORING)."""
    if not request.actor.can(VIEW_MONITORING):
        return {}
    rollup_url = url_with_edition("backoffice:monitoring_rollup", request, goal.edition)
    return {"success_indicators": indicators_of_goal(goal), "rollup_url": f"{rollup_url}#g-{goal.pk}"}


@requires(EDIT_PLAN)
def goal_delete(request: TenantRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    return flow.confirm_delete(
        request, version=goal.version,
        delete=partial(services.delete_goal, actor=request.actor, goal=goal),
        success=_("Das Ziel „%(title)s“ wurde gelöscht.") % {"title": goal.title},
        done_url=tree_url(request, goal.edition, f"f-{goal.field_id}"),
        context={
            "heading": _("Ziel löschen"),
            "question": _("Wollen Sie das Ziel „%(title)s“ löschen?") % {"title": goal.title},
            "consequence": _("Seine Unterziele werden mitgelöscht. Maßnahmen bleiben erhalten und verlieren nur die "
                             "Zuordnung zu diesen Zielen."),
            "cancel_url": tree_url(request, goal.edition, f"g-{goal.pk}"),
        },
    )
