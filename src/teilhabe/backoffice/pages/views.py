"""Koordination writes the portal's legal pages (per content language) and reads barrier reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.backoffice.pages.forms import LegalPageForm
from teilhabe.core.errors import NotAllowed, ServiceError
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
    if request.method == "POST":
        form = LegalPageForm(request.POST, language=language)
        if form.is_valid():
            try:
                services.save_legal_page(
                    actor=request.actor,
                    municipality=municipality, kind=kind, language=language,
                    title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                    expected_stamp=form.cleaned_data["stamp"],
                )
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    for message in field_errors:
                        form.add_error(field if field in form.fields else None, message)
            except (ServiceError, NotAllowed) as error:
                form.add_error(None, getattr(error, "message", None) or _("Dazu fehlt Ihnen die Berechtigung."))
            else:
                messages.success(request, _("Die Seite wurde gespeichert."))
                return redirect("backoffice:legal_pages", municipality=municipality.slug)
    else:
        form = LegalPageForm(initial=_initial(page, kind, language, municipality), language=language)
    german = None
    if language != FALLBACK_LANGUAGE:
        german = selectors.legal_page(municipality, kind=kind, language=FALLBACK_LANGUAGE).value
    return render(request, "backoffice/pages/edit.html", {
        "form": form, "page": page, "kind_label": LegalPage.Kind(kind).label,
        "language": language_info(language), "german": german,
    })


def _initial(page: LegalPage | None, kind: str, language: str, municipality: Municipality) -> dict[str, str]:
    if page is not None:
        return {"title": page.title, "body": page.body, "stamp": services.edit_stamp(page)}
    if language == FALLBACK_LANGUAGE:
        # Start from the default text, which the municipality completes.
        default = default_text(kind, municipality)
        return {"title": default.title, "body": default.body, "stamp": ""}
    return {"title": "", "body": "", "stamp": ""}


@requires(EDIT_PAGES)
def barrier_reports(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    paginator = Paginator(selectors.barrier_reports(municipality), REPORTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("seite"))
    return render(request, "backoffice/pages/barrier_reports.html", {"page_obj": page_obj})
