"""Settings of the plan that Koordination owns: title and goal level names, the status scheme (each word
mapped to the normalised set reports use) and the target groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from teilhabe.backoffice.core.structure import run_action, run_service
from teilhabe.backoffice.plans.forms.editions import PlanSettingsForm, StatusOptionForm, TargetGroupForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import editions as plan_editions
from teilhabe.plans import services
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
    if request.method == "POST":
        form = PlanSettingsForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            saved = run_service(form, lambda: services.update_plan(
                actor=_actor(request), plan=plan, expected_version=d["version"], values={
                    "title": d["title"], "description": d["description"],
                    "goal_level_names": d["goal_level_names"]}))
            if saved is not None:
                messages.success(request, _("Die Einstellungen des Plans wurden gespeichert."))
                return redirect("backoffice:plan_settings", municipality=_m(request).slug, pk=plan.pk)
    else:
        form = PlanSettingsForm(initial={
            "title": plan.title, "description": plan.description, "version": plan.version,
            "goal_level_names": ", ".join(plan.goal_level_names or []),
        })
    return render(request, "backoffice/settings/plan.html", {"form": form, "plan": plan, "tab": "plan"})


# --- status scheme ------------------------------------------------------------------------------------------


@requires(EDIT_PLAN)
def status_scheme(request: TenantRequest) -> HttpResponse:
    """The list, and a form to add a status word."""
    municipality = _m(request)
    options = plan_editions.status_scheme(municipality)
    taken = [o.label for o in options]
    if request.method == "POST":
        form = StatusOptionForm(request.POST, taken=taken)
        if form.is_valid():
            d = form.cleaned_data
            option = run_service(form, lambda: services.create_status_option(
                actor=_actor(request), municipality=municipality, label=d["label"], normalised=d["normalised"],
                colour=d["colour"]))
            if option is not None:
                messages.success(request, _("Der Status „%(label)s“ wurde angelegt.") % {"label": option.label})
                return redirect("backoffice:status_scheme", municipality=municipality.slug)
    else:
        form = StatusOptionForm(taken=taken)
    return render(request, "backoffice/settings/status_scheme.html", {
        "options": options, "form": form, "normalised": NormalisedStatus.choices, "tab": "status"})


@requires(EDIT_PLAN)
def status_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    option = get_object_or_404(StatusOption.objects.of(municipality), pk=pk)
    taken = StatusOption.objects.of(municipality).exclude(pk=option.pk).values_list("label", flat=True)
    if request.method == "POST":
        form = StatusOptionForm(request.POST, taken=taken)
        if form.is_valid():
            d = form.cleaned_data
            def update() -> bool:
                services.update_status_option(actor=_actor(request), option=option, label=d["label"],
                                              normalised=d["normalised"], colour=d["colour"])
                return True

            done = run_service(form, update)
            if done:
                messages.success(request, _("Der Status „%(label)s“ wurde gespeichert.") % {"label": d["label"]})
                return redirect("backoffice:status_scheme", municipality=municipality.slug)
            option.refresh_from_db()
    else:
        form = StatusOptionForm(taken=taken, initial={
            "label": option.label, "normalised": option.normalised, "colour": option.colour})
    return render(request, "backoffice/settings/form.html", {
        "form": form, "title": _("Status bearbeiten"), "object": option, "tab": "status",
        "back": "backoffice:status_scheme", "delete_url_name": "backoffice:status_delete",
        "hint": _("Eine Umbenennung gilt für alle Maßnahmen mit diesem Status. Berichte und Vergleiche "
                  "verwenden die einheitliche Stufe unter „Entspricht“."),
    })


@requires(EDIT_PLAN)
def status_delete(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    option = get_object_or_404(StatusOption.objects.of(municipality), pk=pk)
    if request.method == "POST":
        run_action(request, lambda: services.delete_status_option(actor=_actor(request), option=option),
                   _("Der Status „%(label)s“ wurde gelöscht.") % {"label": option.label})
        return redirect("backoffice:status_scheme", municipality=municipality.slug)
    in_use = option.measure_set.count()
    return render(request, "backoffice/settings/confirm_delete.html", {
        "object": option, "title": _("Status löschen"), "in_use": in_use, "tab": "status",
        "back": "backoffice:status_scheme"})


# --- target groups ------------------------------------------------------------------------------------------


@requires(EDIT_PLAN)
def target_groups(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    groups = plan_editions.target_groups(municipality)
    taken = [g.name for g in groups]
    if request.method == "POST":
        form = TargetGroupForm(request.POST, taken=taken)
        if form.is_valid():
            group = run_service(form, lambda: services.get_or_create_target_group(
                actor=_actor(request), municipality=municipality, name=form.cleaned_data["name"]))
            if group is not None:
                messages.success(request, _("Die Zielgruppe „%(name)s“ wurde angelegt.") % {"name": group.name})
                return redirect("backoffice:target_groups", municipality=municipality.slug)
    else:
        form = TargetGroupForm(taken=taken)
    return render(request, "backoffice/settings/target_groups.html", {
        "groups": groups, "form": form, "tab": "groups"})


@requires(EDIT_PLAN)
def targetgroup_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    group = get_object_or_404(TargetGroup.objects.of(municipality), pk=pk)
    taken = TargetGroup.objects.of(municipality).exclude(pk=group.pk).values_list("name", flat=True)
    if request.method == "POST":
        form = TargetGroupForm(request.POST, taken=taken)
        if form.is_valid():
            saved = run_service(form, lambda: plan_editions.rename_target_group(
                actor=_actor(request), group=group, name=form.cleaned_data["name"]))
            if saved is not None:
                messages.success(request, _("Die Zielgruppe „%(name)s“ wurde gespeichert.") % {"name": saved.name})
                return redirect("backoffice:target_groups", municipality=municipality.slug)
            group.refresh_from_db()
    else:
        form = TargetGroupForm(taken=taken, initial={"name": group.name})
    return render(request, "backoffice/settings/form.html", {
        "form": form, "title": _("Zielgruppe umbenennen"), "object": group, "tab": "groups",
        "back": "backoffice:target_groups",
        "hint": _("Der neue Name gilt für alle Maßnahmen mit dieser Zielgruppe."),
    })
