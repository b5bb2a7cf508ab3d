"""The public portal of a municipality: start page, legal pages, barrier reports, language choice.
No login; request.municipality is set by the MunicipalityMiddleware (unknown slug → 404)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE, has_ui_translation
from teilhabe.core.tenancy import TenantRequest
from teilhabe.portal import selectors, services
from teilhabe.portal.context import content_language_of
from teilhabe.portal.forms import BarrierReportForm

LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60


def home(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    return render(request, "portal/home.html", {"municipality": municipality})


def legal_page(request: TenantRequest, kind: str) -> HttpResponse:
    municipality = request.municipality
    page = selectors.legal_page(municipality, kind=kind, language=content_language_of(request).code)
    return render(request, "portal/legal_page.html", {"page": page, "kind": kind})


def barrier_report(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if form.is_spam:
            # Answer a bot like a person, but keep nothing.
            return redirect("portal:barrier_report_thanks", municipality=municipality.slug)
        if form.is_valid():
            try:
                services.submit_barrier_report(
                    municipality=municipality,
                    description=form.cleaned_data["description"],
                    page_url=form.cleaned_data["page_url"],
                    contact=form.cleaned_data["contact"],
                )
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    for message in field_errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                return redirect("portal:barrier_report_thanks", municipality=municipality.slug)
        messages.error(request, _("Die Meldung wurde nicht gesendet. Bitte prüfen Sie Ihre Eingaben."))
    else:
        page_url = request.GET.get("seite", "")[: 500]
        form = BarrierReportForm(initial={"page_url": page_url})
    return render(request, "portal/barrier_report.html", {"form": form})


def barrier_report_thanks(request: TenantRequest) -> HttpResponse:
    return render(request, "portal/barrier_report_thanks.html")


@require_POST
def set_language(request: TenantRequest) -> HttpResponse:
    """Choose the content language among those the municipality enables. When the interface is
    translated into it as well (German, English), switch the interface too, like Django's set_language."""
    municipality = request.municipality
    home_url = reverse("portal:home", kwargs={"municipality": municipality.slug})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = home_url
    code = request.POST.get("language", "")
    response = HttpResponseRedirect(next_url)
    if code not in municipality.content_languages:
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
