"""The platform's own pages: the list of municipalities, where a person lands after login, and the error
pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.models import Membership, Municipality
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
        return redirect("backoffice:dashboard", municipality=memberships[0].municipality.slug)
    return render(request, "core/choose_municipality.html", {"memberships": memberships})


def _error(request: HttpRequest, status: int) -> HttpResponse:
    """Titles and texts per status live in core/error.html, translated."""
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
