"""The administration's structure: org units (a tree), outside organisations and the people with their roles.
Everyone in the municipality may read it; Koordination changes it, through the core services."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice.core.forms import MemberCreateForm, MemberEditForm, OrganisationForm, OrgUnitForm
from teilhabe.core import selectors, services
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Membership, Organisation, OrgUnit
from teilhabe.core.permissions import MANAGE_STRUCTURE, VIEW
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import TenantRequest, requires

T = TypeVar("T")


# --- helpers (also used by the edition and settings views) ----------------------------------------------


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: on the field it names, otherwise on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def run_service(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service; its refusal becomes a form error and the result None (nothing was written)."""
    try:
        return action()
    except ValidationError as exc:
        add_errors(form, exc)
    except ServiceError as exc:
        form.add_error(None, exc.message)
    except PermissionDenied as exc:  # NotAllowed, e.g. a tampered id of another municipality
        form.add_error(None, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))
    return None


def run_action(request: TenantRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service for a button without a form: success or refusal as a message."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ServiceError as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))
    else:
        messages.success(request, success)
        return True
    return False


def _m(request: TenantRequest) -> Any:
    return request.municipality


def _actor(request: TenantRequest) -> Any:
    return request.actor


def _to_structure(request: TenantRequest, anchor: str = "") -> HttpResponse:
    response = redirect("backoffice:structure", municipality=_m(request).slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- overview -------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def structure(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    return render(request, "backoffice/structure/structure.html", {
        "tree": selectors.org_unit_tree(municipality),
        "organisations": list(selectors.organisations(municipality)),
        "can_manage": _actor(request).can(MANAGE_STRUCTURE),
        "tab": "structure",
    })


# --- org units ------------------------------------------------------------------------------------------


def _unit_values(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {"name": d["name"], "short_name": d["short_name"], "kind": d["kind"], "parent": d["parent"]}


@requires(MANAGE_STRUCTURE)
def orgunit_create(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    if request.method == "POST":
        form = OrgUnitForm(request.POST, municipality=municipality)
        if form.is_valid():
            unit = run_service(form, lambda: services.create_org_unit(
                actor=_actor(request), municipality=municipality, **_unit_values(form)))
            if unit is not None:
                messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": unit.name})
                return _to_structure(request, f"einheit-{unit.pk}")
    else:
        parent = request.GET.get("parent", "")
        form = OrgUnitForm(municipality=municipality,
                           initial={"parent": int(parent) if parent.isdigit() else None})
    return render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Verwaltungseinheit anlegen"), "submit": _("Anlegen"), "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def orgunit_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    unit = get_object_or_404(OrgUnit.objects.of(municipality), pk=pk)
    if request.method == "POST":
        form = OrgUnitForm(request.POST, municipality=municipality, unit=unit)
        if form.is_valid():
            saved = run_service(form, lambda: services.update_org_unit(
                actor=_actor(request), unit=unit, **_unit_values(form)))
            if saved is not None:
                messages.success(request, _("„%(name)s“ wurde gespeichert.") % {"name": saved.name})
                return _to_structure(request, f"einheit-{saved.pk}")
            unit.refresh_from_db()
    else:
        form = OrgUnitForm(municipality=municipality, unit=unit, initial={
            "name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "parent": unit.parent_id})
    return render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Verwaltungseinheit bearbeiten"), "object": unit, "submit": _("Speichern"),
        "delete_url_name": "backoffice:orgunit_delete", "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def orgunit_delete(request: TenantRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit.objects.of(_m(request)), pk=pk)
    return _delete(request, unit, lambda: services.delete_org_unit(actor=_actor(request), unit=unit),
                   _("Verwaltungseinheit löschen"))


def _delete(request: TenantRequest, obj: Any, action: Callable[[], None], title: str,
            back: str = "backoffice:structure") -> HttpResponse:
    """GET asks for confirmation (and says what still uses the object); POST deletes or explains why not."""
    if request.method == "POST":
        run_action(request, action, _("„%(name)s“ wurde gelöscht.") % {"name": obj})
        return redirect(back, municipality=_m(request).slug)
    return render(request, "backoffice/structure/confirm_delete.html", {
        "object": obj, "title": title, "usages": services.usages(obj), "back": back,
        "tab": "members" if back == "backoffice:member_list" else "structure",
    })


# --- organisations --------------------------------------------------------------------------------------


def _organisation_values(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {"name": d["name"], "kind": d["kind"], "website": d["website"]}


@requires(MANAGE_STRUCTURE)
def organisation_create(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    form = OrganisationForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        organisation = run_service(form, lambda: services.create_organisation(
            actor=_actor(request), municipality=municipality, **_organisation_values(form)))
        if organisation is not None:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": organisation.name})
            return _to_structure(request, f"organisation-{organisation.pk}")
    return render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Organisation anlegen"), "submit": _("Anlegen"), "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def organisation_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    organisation = get_object_or_404(Organisation.objects.of(municipality), pk=pk)
    if request.method == "POST":
        form = OrganisationForm(request.POST, municipality=municipality)
        if form.is_valid():
            saved = run_service(form, lambda: services.update_organisation(
                actor=_actor(request), organisation=organisation, **_organisation_values(form)))
            if saved is not None:
                messages.success(request, _("„%(name)s“ wurde gespeichert.") % {"name": saved.name})
                return _to_structure(request, f"organisation-{saved.pk}")
            organisation.refresh_from_db()
    else:
        form = OrganisationForm(municipality=municipality, initial={
            "name": organisation.name, "kind": organisation.kind, "website": organisation.website})
    return render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Organisation bearbeiten"), "object": organisation, "submit": _("Speichern"),
        "delete_url_name": "backoffice:organisation_delete", "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def organisation_delete(request: TenantRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.of(_m(request)), pk=pk)
    return _delete(request, organisation,
                   lambda: services.delete_organisation(actor=_actor(request), organisation=organisation),
                   _("Organisation löschen"))


# --- people ---------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def member_list(request: TenantRequest) -> HttpResponse:
    return render(request, "backoffice/structure/member_list.html", {
        "members": list(selectors.memberships(_m(request))),
        "can_manage": _actor(request).can(MANAGE_STRUCTURE),
        "tab": "members",
    })


def _invite(request: TenantRequest, membership: Membership) -> None:
    """Mail the link to set the password; a mail server that is down is a message, not an error page."""
    def send() -> None:
        try:
            services.send_invitation(actor=_actor(request), membership=membership,
                                     base_url=request.build_absolute_uri("/"))
        except (OSError, smtplib.SMTPException) as exc:
            raise ServiceError(_("Die E-Mail mit dem Link zum Festlegen des Passworts konnte nicht gesendet "
                                 "werden. Bitte versuchen Sie es später über „Einladung erneut senden“.")) from exc

    run_action(request, send, _("Eine E-Mail mit einem Link zum Festlegen des Passworts ging an %(email)s.")
               % {"email": membership.user.email})


@requires(MANAGE_STRUCTURE)
def member_create(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    if request.method == "POST":
        form = MemberCreateForm(request.POST, municipality=municipality)
        if form.is_valid():
            d = form.cleaned_data
            membership = run_service(form, lambda: services.create_member(
                actor=_actor(request), municipality=municipality, username=d["username"],
                first_name=d["first_name"], last_name=d["last_name"], email=d["email"], role=d["role"],
                org_units=d["org_units"], organisations=d["organisations"]))
            if membership is not None:
                messages.success(request, _("„%(user)s“ wurde angelegt.") % {"user": membership.user.username})
                _invite(request, membership)
                return redirect("backoffice:member_list", municipality=municipality.slug)
    else:
        role = request.GET.get("rolle", "")
        form = MemberCreateForm(municipality=municipality,
                                initial={"role": role if role in Role.values else Role.FACHSTELLE})
    return render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Person hinzufügen"), "submit": _("Anlegen und einladen"), "tab": "members"})


@requires(MANAGE_STRUCTURE)
def member_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    membership = get_object_or_404(Membership.objects.of(municipality).select_related("user"), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "invite":
        _invite(request, membership)
        return redirect("backoffice:member_edit", municipality=municipality.slug, pk=membership.pk)
    if request.method == "POST":
        form = MemberEditForm(request.POST, municipality=municipality)
        if form.is_valid():
            d = form.cleaned_data
            saved = run_service(form, lambda: services.update_member(
                actor=_actor(request), membership=membership, role=d["role"], org_units=d["org_units"],
                organisations=d["organisations"]))
            if saved is not None:
                messages.success(request, _("Die Angaben zu „%(user)s“ wurden gespeichert.")
                                 % {"user": membership.user.username})
                return redirect("backoffice:member_list", municipality=municipality.slug)
            membership.refresh_from_db()
    else:
        form = MemberEditForm(municipality=municipality, initial={
            "role": membership.role,
            "org_units": [u.pk for u in membership.org_units.all()],
            "organisations": [o.pk for o in membership.organisations.all()],
        })
    return render(request, "backoffice/structure/member_edit.html", {
        "form": form, "membership": membership, "person": membership.user, "tab": "members"})


@requires(MANAGE_STRUCTURE)
def member_delete(request: TenantRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.of(_m(request)).select_related("user"), pk=pk)
    user = membership.user
    label = f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username
    if request.method == "POST":
        run_action(request, lambda: services.remove_member(actor=_actor(request), membership=membership),
                   _("„%(user)s“ gehört nicht mehr zu dieser Kommune.") % {"user": label})
        return redirect("backoffice:member_list", municipality=_m(request).slug)
    return render(request, "backoffice/structure/confirm_delete.html", {
        "object": label, "title": _("Person entfernen"), "usages": [], "back": "backoffice:member_list",
        "tab": "members", "is_membership": True,
    })
