"""The platform's own pages: the list of municipalities, where a person lands after login, and the error
pages."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.i18n import activate_portal_language
from teilhabe.core.models import Membership, Municipality
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import across_municipalities


def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.order_by("name")
    return render(request, "core/home.html", {"municipalities": municipalities})


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where a person lands after login (LOGIN_REDIRECT_URL; a `next` parameter goes first): platform
    administrators on the platform, a member on their municipality's back office, a member of several on a
    chooser of exactly those. Reading a person's memberships everywhere is deliberate."""
    if request.user.is_superuser:
        return redirect("platform:municipality_list")
    with across_municipalities():
        memberships = list(
            Membership.objects.filter(user=request.user).select_related("municipality")
            .order_by("municipality__name")
        )
    if len(memberships) == 1:
        return redirect(start_of(memberships[0]), municipality=memberships[0].municipality.slug)
    return render(request, "core/choose_municipality.html", {
        "choices": [(membership, start_of(membership)) for membership in memberships]})


def start_of(membership: Membership) -> str:
    """The back-office page a member starts on: organisation editors do not see the plan (no core.view), nor do
    moderators and body members, who start on their bodies."""
    if membership.role in (Role.MODERATION, Role.GREMIUM):
        return "backoffice:participation_bodies_list"
    return "backoffice:my_organisation" if membership.role == Role.ORGANISATION else "backoffice:dashboard"


_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_NOT_PORTAL_SEGMENTS = ("intern",)


def _portal_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality whose portal an error page belongs to: the resolved one, or — when the URL did not
    resolve at all (a mistyped /<kommune>/… address), so the middleware never ran — the one named by the
    first path segment. None for back-office pages and pages outside any municipality."""
    parts = request.path.strip("/").split("/")
    if len(parts) > 1 and parts[1] in _NOT_PORTAL_SEGMENTS:
        return None
    municipality: Municipality | None = getattr(request, "municipality", None)
    if municipality is None and parts[0] and _SLUG_RE.match(parts[0]):
        try:
            municipality = Municipality.objects.filter(slug=parts[0]).first()
        except DatabaseError:  # the error page must render even when the database is the problem
            return None
        if municipality is not None:
            request.municipality = municipality  # type: ignore[attr-defined]
    return municipality


def _error(request: HttpRequest, status: int) -> HttpResponse:
    """Titles and texts per status live in core/error.html, translated; on a portal page in the portal's
    language (the back office keeps German or English)."""
    if _portal_municipality(request) is not None:
        activate_portal_language(request)
    return render(request, "core/error.html", {"status": status}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Under /api/ a 404 is JSON like every other API answer (an unknown municipality, raised by the
    MunicipalityMiddleware, or a path no route matches); everywhere else the accessible error page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": _("Nicht gefunden.")}, status=404, json_dumps_params={"ensure_ascii": False})
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)
