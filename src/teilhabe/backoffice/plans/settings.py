"""Settings of the plan that Koordination owns: title and goal level names, the status scheme (each word
mapped to the normalised set reports use) and the target groups."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.forms.editions import PlanSettingsForm, StatusOptionForm, TargetGroupForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors, services
from teilhabe.plans.models import NormalisedStatus, Plan, StatusOption, TargetGroup
from teilhabe.plans.permissions import EDIT_PLAN


def _m(request: TenantRequest) -> Any:
    return request.municipality


def _actor(request: TenantRequest) -> Any:
    return request.actor


# --- plan --------------------------------------------------------------------------------------------------


@requires(EDIT_PLAN)
def plan_settings(request: TenantRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.of(_m(request)), pk=pk)
    form = PlanSettingsForm(request.POST or None, initial=flow.initial(
        plan, "title", "description", goal_level_names=", ".join(plan.goal_level_names or [])))
    done = flow.submit(request, form, lambda: services.update_plan(
        actor=_actor(request), plan=plan, expected_version=flow.expected_version(form), values={
            key: form.cleaned_data[key] for key in ("title", "description", "goal_level_names")}),
        success=_("Die Einstellungen des Plans wurden gespeichert."),
        next_url=reverse("backoffice:plan_settings", kwargs={"municipality": _m(request).slug, "pk": plan.pk}),
        gone_url=_url(request, "backoffice:edition_list"))
    return done or render(request, "backoffice/settings/plan.html", {"form": form, "plan": plan, "tab": "plan"})


def _url(request: TenantRequest, name: str) -> str:
    return reverse(name, kwargs={"municipality": _m(request).slug})


# --- status scheme ------------------------------------------------------------------------------------------


@requires(EDIT_PLAN)
def status_scheme(request: TenantRequest) -> HttpResponse:
    """The list, and a form to add a status word."""
    municipality = _m(request)
    options = selectors.status_scheme(municipality)
    form = StatusOptionForm(request.POST or None, taken=[o.label for o in options], with_version=False)
    done = flow.submit(request, form, lambda: services.create_status_option(
        actor=_actor(request), municipality=municipality, label=form.cleaned_data["label"],
        normalised=form.cleaned_data["normalised"], colour=form.cleaned_data["colour"]),
        success=lambda option: _("Der Status „%(label)s“ wurde angelegt.") % {"label": option.label},
        next_url=_url(request, "backoffice:status_scheme"))
    return done or render(request, "backoffice/settings/status_scheme.html", {
        "options": options, "form": form, "normalised": NormalisedStatus.choices, "tab": "status"})


@requires(EDIT_PLAN)
def status_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    option = get_object_or_404(StatusOption.objects.of(municipality), pk=pk)
    taken = StatusOption.objects.of(municipality).exclude(pk=option.pk).values_list("label", flat=True)
    form = StatusOptionForm(request.POST or None, taken=taken,
                            initial=flow.initial(option, "label", "normalised", "colour"))
    done = flow.submit(request, form, lambda: services.update_status_option(
        actor=_actor(request), option=option, expected_version=flow.expected_version(form),
        label=form.cleaned_data["label"], normalised=form.cleaned_data["normalised"],
        colour=form.cleaned_data["colour"]),
        success=lambda saved: _("Der Status „%(label)s“ wurde gespeichert.") % {"label": saved.label},
        next_url=_url(request, "backoffice:status_scheme"))
    return done or render(request, "backoffice/settings/form.html", {
        "form": form, "title": _("Status bearbeiten"), "object": option, "tab": "status",
        "back": "backoffice:status_scheme", "delete_url_name": "backoffice:status_delete",
        "hint": _("Eine Umbenennung gilt für alle Maßnahmen mit diesem Status. Berichte und Vergleiche "
                  "verwenden die einheitliche Stufe unter „Entspricht“."),
    })


@requires(EDIT_PLAN)
def status_delete(request: TenantRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(StatusOption.objects.of(_m(request)), pk=pk)
    return flow.confirm_delete(
        request, version=option.version,
        delete=partial(services.delete_status_option, actor=_actor(request), option=option),
        success=_("Der Status „%(label)s“ wurde gelöscht.") % {"label": option.label},
        done_url=_url(request, "backoffice:status_scheme"), template="backoffice/settings/confirm_delete.html",
        context={"object": option, "title": _("Status löschen"), "in_use": option.measure_set.count(),
                 "tab": "status", "back": "backoffice:status_scheme"})


# --- target groups ------------------------------------------------------------------------------------------


@requires(EDIT_PLAN)
def target_groups(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    groups = selectors.target_groups(municipality)
    form = TargetGroupForm(request.POST or None, taken=[g.name for g in groups], with_version=False)
    done = flow.submit(request, form, lambda: services.get_or_create_target_group(
        actor=_actor(request), municipality=municipality, name=form.cleaned_data["name"]),
        success=lambda group: _("Die Zielgruppe „%(name)s“ wurde angelegt.") % {"name": group.name},
        next_url=_url(request, "backoffice:target_groups"))
    return done or render(request, "backoffice/settings/target_groups.html", {
        "groups": groups, "form": form, "tab": "groups"})


@requires(EDIT_PLAN)
def targetgroup_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    group = get_object_or_404(TargetGroup.objects.of(municipality), pk=pk)
    taken = TargetGroup.objects.of(municipality).exclude(pk=group.pk).values_list("name", flat=True)
    form = TargetGroupForm(request.POST or None, taken=taken, initial=flow.initial(group, "name"))
    done = flow.submit(request, form, lambda: services.update_target_group(
        actor=_actor(request), group=group, expected_version=flow.expected_version(form),
        name=form.cleaned_data["name"]),
        success=lambda saved: _("Die Zielgruppe „%(name)s“ wurde gespeichert.") % {"name": saved.name},
        next_url=_url(request, "backoffice:target_groups"))
    return done or render(request, "backoffice/settings/form.html", {
        "form": form, "title": _("Zielgruppe umbenennen"), "object": group, "tab": "groups",
        "back": "backoffice:target_groups", "delete_url_name": "backoffice:targetgroup_delete",
        "hint": _("Der neue Name gilt für alle Maßnahmen mit dieser Zielgruppe."),
    })


@requires(EDIT_PLAN)
def targetgroup_delete(request: TenantRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(TargetGroup.objects.of(_m(request)), pk=pk)
    return flow.confirm_delete(
        request, version=group.version,
        delete=partial(services.delete_target_group, actor=_actor(request), group=group),
        success=_("Die Zielgruppe „%(name)s“ wurde gelöscht.") % {"name": group.name},
        done_url=_url(request, "backoffice:target_groups"), template="backoffice/settings/confirm_delete.html",
        context={"object": group, "title": _("Zielgruppe löschen"), "in_use": group.measures.count(),
                 "tab": "groups", "back": "backoffice:target_groups"})
