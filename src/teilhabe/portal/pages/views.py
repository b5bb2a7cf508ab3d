"""The legal pages and the barrier report form on a municipality's portal. No login; request.municipality
is set by the MunicipalityMiddleware (unknown slug → 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.i18n import content_language_of
from teilhabe.core.tenancy import TenantRequest
from teilhabe.pages import media, selectors, services
from teilhabe.pages.models import LegalPage, PageVideo
from teilhabe.portal.pages.forms import BarrierReportForm


def legal_page(request: TenantRequest, kind: str) -> HttpResponse:
    municipality = request.municipality
    page = selectors.legal_page(municipality, kind=kind, language=content_language_of(request).code)
    # A page shown in German for want of a translation keeps the window title in the reader's language.
    videos = [(video, _text_alternative(video)) for video in selectors.page_videos(municipality, kind=kind)]
    return render(request, "portal/legal_page.html",
                  {"page": page, "kind": kind, "kind_label": LegalPage.Kind(kind).label, "videos": videos})


def _text_alternative(video: PageVideo) -> list[str]:
    """The video's written transcript in paragraphs, else the text of its captions, one cue a line."""
    if video.transcript.strip():
        return [p.strip() for p in video.transcript.split("\n\n") if p.strip()]
    return media.captions_text(video.captions)


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
