"""The public portal of a municipality: start page and language choice; the pages of each domain app are
in portal/<app>/. No login; request.municipality is set by the MunicipalityMiddleware (unknown slug → 404)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE, has_ui_translation, offered_languages
from teilhabe.core.tenancy import TenantRequest
from teilhabe.monitoring.selectors import published_indicators
from teilhabe.reporting.selectors import published_rounds

LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60


def home(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    return render(request, "portal/home.html", {
        "municipality": municipality, "has_reports": published_rounds(municipality).exists(),
        "has_monitoring": published_indicators().exists()})


@require_POST
def set_language(request: TenantRequest) -> HttpResponse:
    """Choose the portal's language among those it offers (enabled by the municipality, interface catalogue
    complete enough): content and interface follow it on every portal page. For a staff language (German,
    English) Django's language cookie is set too, so the login page follows; the back office never speaks
    the others."""
    municipality = request.municipality
    home_url = reverse("portal:home", kwargs={"municipality": municipality.slug})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = home_url
    code = request.POST.get("language", "")
    response = HttpResponseRedirect(next_url)
    if code not in offered_languages(municipality):
        messages.error(request, _("Diese Sprache ist für dieses Portal nicht verfügbar."))
        return response
    secure = settings.SESSION_COOKIE_SECURE
    response.set_cookie(CONTENT_LANGUAGE_COOKIE, code, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax", secure=secure,
                        httponly=True)
    if has_ui_translation(code):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax",
                            secure=secure, path=settings.LANGUAGE_COOKIE_PATH,
                            domain=settings.LANGUAGE_COOKIE_DOMAIN, httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
    return response
