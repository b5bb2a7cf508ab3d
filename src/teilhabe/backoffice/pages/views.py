"""Koordination writes the portal's legal pages (per content language) and reads barrier reports."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.pages.forms import LegalPageForm
from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.i18n import language as language_info
from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.pages import selectors, services
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import LegalPage
from teilhabe.pages.permissions import EDIT_PAGES

REPORTS_PER_PAGE = 25


@requires(EDIT_PAGES)
def legal_pages(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    return render(request, "backoffice/pages/list.html", {
        "rows": selectors.legal_page_overview(municipality),
        "languages": [language_info(code) for code in municipality.content_languages],
    })


@requires(EDIT_PAGES)
def legal_page_edit(request: TenantRequest, kind: str, language: str) -> HttpResponse:
    municipality = request.municipality
    if language not in municipality.content_languages:
        raise Http404
    page = selectors.legal_page_for_edit(municipality, kind=kind, language=language)
    form = LegalPageForm(request.POST or None, initial=_initial(page, kind, language, municipality),
                         language=language)
    done = flow.submit(request, form, lambda: services.save_legal_page(
        actor=request.actor, municipality=municipality, kind=kind, language=language,
        title=form.cleaned_data["title"], body=form.cleaned_data["body"],
        expected_version=flow.expected_version(form)),
        success=_("Die Seite wurde gespeichert."),
        next_url=reverse("backoffice:legal_pages", kwargs={"municipality": municipality.slug}))
    german = None
    if language != FALLBACK_LANGUAGE:
        german = selectors.legal_page(municipality, kind=kind, language=FALLBACK_LANGUAGE).value
    return done or render(request, "backoffice/pages/edit.html", {
        "form": form, "page": page, "kind_label": LegalPage.Kind(kind).label,
        "language": language_info(language), "german": german,
    })


def _initial(page: LegalPage | None, kind: str, language: str, municipality: Municipality) -> dict[str, Any]:
    if page is not None:
        return flow.initial(page, "title", "body")
    if language == FALLBACK_LANGUAGE:
        # Start from the default text, which the municipality completes.
        default = default_text(kind, municipality)
        return {"title": default.title, "body": default.body, "version": 0}
    return {"title": "", "body": "", "version": 0}


@requires(EDIT_PAGES)
def barrier_reports(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    paginator = Paginator(selectors.barrier_reports(municipality), REPORTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("seite"))
    return render(request, "backoffice/pages/barrier_reports.html", {"page_obj": page_obj})
