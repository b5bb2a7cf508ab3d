"""Create, edit and delete goals (the goal tree under a field of action)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from teilhabe.backoffice.core.audit import conflict_context
from teilhabe.backoffice.deletion import confirm_delete
from teilhabe.backoffice.plans.fields import tree_url
from teilhabe.backoffice.plans.forms.plan import GoalForm
from teilhabe.backoffice.plans.tree import call_service, rebound, url_with_edition
from teilhabe.core.errors import ConcurrentEdit
from teilhabe.core.tenancy import TenantRequest, requires
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = call_service(form, lambda: services.create_goal(
            actor=request.actor, field=field, title=data["title"], description=data["description"],
            parent=_parent(form, field)))
        if goal is not None:
            messages.success(request, _("Das Ziel „%(title)s“ wurde angelegt.") % {"title": goal.title})
            return HttpResponseRedirect(tree_url(request, field.edition, f"g-{goal.pk}"))
    return render(request, "backoffice/plan/object_form.html", {
        "form": form, "heading": _("Ziel hinzufügen"), "cancel_url": tree_url(request, field.edition, f"f-{field.pk}"),
        "intro": _("Handlungsfeld: %(field)s") % {"field": field.title},
    })


@requires(EDIT_PLAN)
def goal_edit(request: TenantRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    outline = selectors.plan_outline(goal.edition)
    context: dict[str, Any] = {}
    if request.method == "POST":
        form = GoalForm(request.POST, outline=outline, field=goal.field, goal=goal)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = call_service(form, lambda: services.update_goal(
                    actor=request.actor, goal=goal, expected_version=data["version"],
                    values={"title": data["title"], "description": data["description"],
                            "parent": _parent(form, goal.field)}))
            except ConcurrentEdit as exc:
                if not exc.current_version:
                    messages.error(request, exc.message)
                    return HttpResponseRedirect(tree_url(request, goal.edition))
                context.update(conflict_context(exc))
                form = GoalForm(rebound(request.POST, exc.current_version), outline=outline, field=goal.field,
                                goal=goal)
                form.is_valid()
            else:
                if saved is not None:
                    messages.success(request, _("Das Ziel wurde gespeichert."))
                    return HttpResponseRedirect(tree_url(request, goal.edition, f"g-{goal.pk}"))
    else:
        form = GoalForm(outline=outline, field=goal.field, goal=goal, initial={
            "title": goal.title, "description": goal.description, "parent": goal.parent_id, "version": goal.version})
    context.update({"form": form, "heading": _("Ziel bearbeiten"),
                    "intro": _("Handlungsfeld: %(field)s") % {"field": goal.field.title},
                    "cancel_url": tree_url(request, goal.edition, f"g-{goal.pk}")})
    return render(request, "backoffice/plan/object_form.html", context)


@requires(EDIT_PLAN)
def goal_delete(request: TenantRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    return confirm_delete(
        request, version=goal.version,
        delete=partial(services.delete_goal, actor=request.actor, goal=goal),
        success=_("Das Ziel „%(title)s“ wurde gelöscht.") % {"title": goal.title},
        done_url=tree_url(request, goal.edition, f"f-{goal.field_id}"),
        texts={
            "heading": _("Ziel löschen"),
            "question": _("Wollen Sie das Ziel „%(title)s“ löschen?") % {"title": goal.title},
            "consequence": _("Seine Unterziele werden mitgelöscht. Maßnahmen bleiben erhalten und verlieren nur die "
                             "Zuordnung zu diesen Zielen."),
            "cancel_url": tree_url(request, goal.edition, f"g-{goal.pk}"),
        },
    )
