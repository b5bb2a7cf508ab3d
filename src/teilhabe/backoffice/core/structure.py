"""The administration's structure: org units (a tree), outside organisations and the people with their roles.
Everyone in the municipality may read it; Koordination changes it, through the core services."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.core.forms import MemberCreateForm, MemberEditForm, OrganisationForm, OrgUnitForm
from teilhabe.core import selectors, services
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Membership, Organisation, OrgUnit
from teilhabe.core.permissions import MANAGE_STRUCTURE, VIEW
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import TenantRequest, requires

# --- helpers ---------------------------------------------------------------------------------------------


def _m(request: TenantRequest) -> Any:
    return request.municipality


def _actor(request: TenantRequest) -> Any:
    return request.actor


def _structure_url(request: TenantRequest, anchor: str = "") -> str:
    url = reverse("backoffice:structure", kwargs={"municipality": _m(request).slug})
    return f"{url}#{anchor}" if anchor else url


def _members_url(request: TenantRequest) -> str:
    return reverse("backoffice:member_list", kwargs={"municipality": _m(request).slug})


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
    parent = request.GET.get("parent", "")
    form = OrgUnitForm(request.POST or None, municipality=municipality, with_version=False,
                       initial={"parent": int(parent) if parent.isdigit() else None})
    done = flow.submit(request, form, lambda: services.create_org_unit(
        actor=_actor(request), municipality=municipality, **_unit_values(form)),
        success=lambda unit: _("„%(name)s“ wurde angelegt.") % {"name": unit.name},
        next_url=lambda unit: _structure_url(request, f"einheit-{unit.pk}"))
    return done or render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Verwaltungseinheit anlegen"), "submit": _("Anlegen"), "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def orgunit_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    unit = get_object_or_404(OrgUnit.objects.of(municipality), pk=pk)
    form = OrgUnitForm(request.POST or None, municipality=municipality, unit=unit,
                       initial=flow.initial(unit, "name", "short_name", "kind", parent=unit.parent_id))
    done = flow.submit(request, form, lambda: services.update_org_unit(
        actor=_actor(request), unit=unit, expected_version=flow.expected_version(form), **_unit_values(form)),
        success=lambda saved: _("„%(name)s“ wurde gespeichert.") % {"name": saved.name},
        next_url=_structure_url(request, f"einheit-{unit.pk}"), gone_url=_structure_url(request))
    return done or render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Verwaltungseinheit bearbeiten"), "object": unit, "submit": _("Speichern"),
        "delete_url_name": "backoffice:orgunit_delete", "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def orgunit_delete(request: TenantRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit.objects.of(_m(request)), pk=pk)
    return _confirm_delete(request, unit, partial(services.delete_org_unit, actor=_actor(request), unit=unit),
                           _("Verwaltungseinheit löschen"))


def _confirm_delete(request: TenantRequest, obj: Any, delete: Callable[..., None], title: str) -> HttpResponse:
    """GET asks (and says what still uses the object); POST deletes against the version shown."""
    return flow.confirm_delete(
        request, version=obj.version, delete=delete,
        success=_("„%(name)s“ wurde gelöscht.") % {"name": obj}, done_url=_structure_url(request),
        template="backoffice/structure/confirm_delete.html",
        context={"object": obj, "title": title, "usages": services.usages(obj), "back": "backoffice:structure",
                 "tab": "structure"})


# --- organisations --------------------------------------------------------------------------------------


def _organisation_values(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {"name": d["name"], "kind": d["kind"], "website": d["website"]}


@requires(MANAGE_STRUCTURE)
def organisation_create(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    form = OrganisationForm(request.POST or None, municipality=municipality, with_version=False)
    done = flow.submit(request, form, lambda: services.create_organisation(
        actor=_actor(request), municipality=municipality, **_organisation_values(form)),
        success=lambda organisation: _("„%(name)s“ wurde angelegt.") % {"name": organisation.name},
        next_url=lambda organisation: _structure_url(request, f"organisation-{organisation.pk}"))
    return done or render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Organisation anlegen"), "submit": _("Anlegen"), "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def organisation_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    organisation = get_object_or_404(Organisation.objects.of(municipality), pk=pk)
    form = OrganisationForm(request.POST or None, municipality=municipality,
                            initial=flow.initial(organisation, "name", "kind", "website"))
    done = flow.submit(request, form, lambda: services.update_organisation(
        actor=_actor(request), organisation=organisation, expected_version=flow.expected_version(form),
        **_organisation_values(form)),
        success=lambda saved: _("„%(name)s“ wurde gespeichert.") % {"name": saved.name},
        next_url=_structure_url(request, f"organisation-{organisation.pk}"), gone_url=_structure_url(request))
    return done or render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Organisation bearbeiten"), "object": organisation, "submit": _("Speichern"),
        "delete_url_name": "backoffice:organisation_delete", "tab": "structure"})


@requires(MANAGE_STRUCTURE)
def organisation_delete(request: TenantRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.of(_m(request)), pk=pk)
    return _confirm_delete(
        request, organisation,
        partial(services.delete_organisation, actor=_actor(request), organisation=organisation),
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

    flow.act(request, send, success=_("Eine E-Mail mit einem Link zum Festlegen des Passworts ging an %(email)s.")
             % {"email": membership.user.email})


@requires(MANAGE_STRUCTURE)
def member_create(request: TenantRequest) -> HttpResponse:
    municipality = _m(request)
    role = request.GET.get("rolle", "")
    form = MemberCreateForm(request.POST or None, municipality=municipality,
                            initial={"role": role if role in Role.values else Role.FACHSTELLE})
    done = flow.submit(request, form, lambda: services.create_member(
        actor=_actor(request), municipality=municipality, **{key: form.cleaned_data[key] for key in (
            "username", "first_name", "last_name", "email", "role", "org_units", "organisations")}),
        success=lambda membership: _("„%(user)s“ wurde angelegt.") % {"user": membership.user.username},
        after=lambda membership: _invite(request, membership), next_url=_members_url(request))
    return done or render(request, "backoffice/structure/form.html", {
        "form": form, "title": _("Person hinzufügen"), "submit": _("Anlegen und einladen"), "tab": "members"})


@requires(MANAGE_STRUCTURE)
def member_edit(request: TenantRequest, pk: int) -> HttpResponse:
    municipality = _m(request)
    membership = get_object_or_404(Membership.objects.of(municipality).select_related("user"), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "invite":
        _invite(request, membership)
        return redirect("backoffice:member_edit", municipality=municipality.slug, pk=membership.pk)
    form = MemberEditForm(request.POST or None, municipality=municipality, initial=flow.initial(
        membership, "role", org_units=[u.pk for u in membership.org_units.all()],
        organisations=[o.pk for o in membership.organisations.all()]))
    done = flow.submit(request, form, lambda: services.update_member(
        actor=_actor(request), membership=membership, expected_version=flow.expected_version(form),
        **{key: form.cleaned_data[key] for key in ("role", "org_units", "organisations")}),
        success=_("Die Angaben zu „%(user)s“ wurden gespeichert.") % {"user": membership.user.username},
        next_url=_members_url(request))
    return done or render(request, "backoffice/structure/member_edit.html", {
        "form": form, "membership": membership, "person": membership.user, "tab": "members"})


@requires(MANAGE_STRUCTURE)
def member_delete(request: TenantRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.of(_m(request)).select_related("user"), pk=pk)
    user = membership.user
    label = f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username
    return flow.confirm_delete(
        request, version=membership.version,
        delete=partial(services.remove_member, actor=_actor(request), membership=membership),
        success=_("„%(user)s“ gehört nicht mehr zu dieser Kommune.") % {"user": label},
        done_url=_members_url(request), template="backoffice/structure/confirm_delete.html",
        context={"object": label, "title": _("Person entfernen"), "usages": [], "back": "backoffice:member_list",
                 "tab": "members", "is_membership": True})
