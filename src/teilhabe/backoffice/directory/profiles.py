"""Organisation profiles in the back office: Koordination's list, the profile editor (for Koordination and the
organisation's own editors), inviting editors, and „Meine Organisation“."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.directory.forms import InviteForm, ProfileFilterForm, ProfileForm
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Organisation
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.directory import selectors, services
from teilhabe.directory.models import OrganisationProfile
from teilhabe.directory.permissions import EDIT_PROFILE, MANAGE_PROFILES
from teilhabe.moderation import selectors as moderation_selectors

PAGE_SIZE = 50
PAGE_PARAM = "seite"


def _url(request: TenantRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": request.municipality.slug, **kwargs})


@requires(MANAGE_PROFILES)
@require_GET
def profile_list(request: TenantRequest) -> HttpResponse:
    form = ProfileFilterForm(request.GET)
    values = form.valid_values()
    queryset = selectors.organisations_with_profiles(selectors.AdminFilters(**values))
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    pager = Page[object](items=[], number=page.number, num_pages=paginator.num_pages, total=paginator.count,
                         per_page=PAGE_SIZE)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/directory/profile_list.html", {
        "form": form, "organisations": list(page.object_list), "pager": pager,
        "page_query": f"{params.urlencode()}&" if params else "", "filtered": any(values.values()),
        "queue_count": moderation_selectors.pending_count(),
    })


def _may_edit(actor: Actor, organisation: Organisation) -> bool:
    return actor.can(EDIT_PROFILE, OrganisationProfile(municipality_id=organisation.municipality_id,
                                                       organisation=organisation))


def _profile_rule(actor: Actor, organisation: Any) -> bool:
    return isinstance(organisation, Organisation) and _may_edit(actor, organisation)


@requires(EDIT_PROFILE)
def organisation_profile(request: TenantRequest, pk: int) -> HttpResponse:
    """The profile editor. Editors of an organisation that is not trusted submit for approval; the page shows
    what waits and what Koordination said about the last proposal."""
    organisation = get_object_or_404(Organisation.objects.select_related("profile"), pk=pk)
    actor = request.actor
    if not _may_edit(actor, organisation):
        raise PermissionDenied
    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    manage = actor.can(MANAGE_PROFILES)
    shown = profile or OrganisationProfile(municipality_id=organisation.municipality_id, organisation=organisation)
    form = ProfileForm(request.POST or None, request.FILES or None, manage=manage,
                       initial=ProfileForm.initial_of(shown))

    def save() -> services.Saved:
        current = profile or services.ensure_profile(actor=actor, organisation=organisation)
        expected = flow.expected_version(form) or current.version
        return services.save_profile(
            actor=actor, profile=current, expected_version=expected, values=form.values(),
            logo=form.cleaned_data.get("logo") or None, remove_logo=form.cleaned_data["remove_logo"],
            trusted=form.cleaned_data.get("trusted") if manage else None,
            published=form.cleaned_data.get("published") if manage else None)

    def success(saved: services.Saved) -> str:
        if saved.published_directly:
            return _("Das Profil wurde gespeichert.")
        return _("Ihre Änderungen wurden zur Freigabe an die Koordinierungsstelle geschickt. Sobald sie "
                 "freigegeben sind, erscheinen sie auf dem Portal.")

    done = flow.submit(request, form, save, success=success,
                       next_url=_url(request, "organisation_profile", pk=organisation.pk))
    revisions = list(moderation_selectors.history(selectors.PROFILE_TYPE, profile.pk)[:10]) if profile else []
    return render(request, "backoffice/directory/profile_form.html", {
        "form": form, "organisation": organisation, "profile": profile, "manage": manage, "revisions": revisions,
        "latest": revisions[0] if revisions else None,
        "needs_approval": not manage and not (profile and profile.trusted),
    }) if done is None else done


organisation_profile.object_rule = _profile_rule  # type: ignore[attr-defined]


@requires(MANAGE_PROFILES)
def organisation_invite(request: TenantRequest, pk: int) -> HttpResponse:
    """Invite a person as editor of this organisation: the mail with the link goes out in the background."""
    organisation = get_object_or_404(Organisation, pk=pk)
    form = InviteForm(request.POST or None)

    def invite() -> Any:
        try:
            return services.invite_editor(
                actor=request.actor, organisation=organisation, first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"], email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"))
        except (OSError, smtplib.SMTPException) as exc:  # an immediate task backend sends at once
            raise ServiceError(_("Die Einladung konnte nicht gesendet werden. Bitte versuchen Sie es später.")) from exc

    done = flow.submit(request, form, invite,
                       success=lambda m: _("Die Einladung an %(email)s wird gesendet.") % {"email": m.user.email},
                       next_url=_url(request, "organisation_profile", pk=organisation.pk))
    return done or render(request, "backoffice/directory/invite.html", {"form": form, "organisation": organisation})


@requires(EDIT_PROFILE)
@require_GET
def my_organisation(request: TenantRequest) -> HttpResponse:
    organisations = list(selectors.my_organisations(request.actor))
    profile_ids = [o.profile.pk for o in organisations if hasattr(o, "profile")]
    latest = moderation_selectors.latest_by_object(selectors.PROFILE_TYPE, profile_ids)
    rows = [(o, getattr(o, "profile", None), latest.get(o.profile.pk) if hasattr(o, "profile") else None)
            for o in organisations]
    return render(request, "backoffice/directory/my_organisation.html", {"rows": rows})
