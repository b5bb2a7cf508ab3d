"""Koordination writes the portal's legal pages (per content language) and reads barrier reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.pages.forms import (
    BarrierReportStatusForm,
    LegalPageForm,
    PageVideoDeleteForm,
    PageVideoEditForm,
    PageVideoForm,
    PortalSettingsForm,
)
from teilhabe.backoffice.translations.forms import MinorEditMixin
from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.i18n import language as language_info
from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.pages import media, selectors, services
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import BarrierReport, LegalPage
from teilhabe.pages.permissions import EDIT_PAGES
from teilhabe.translations.services import accept_minor_edit

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
    """The German page; another language is a translation of it, written in the translation editor."""
    municipality = request.municipality
    if language not in municipality.content_languages:
        raise Http404
    if language != FALLBACK_LANGUAGE:
        return _translation_editor(request, kind, language)
    page = selectors.legal_page_for_edit(municipality, kind=kind, language=language)
    form = LegalPageForm(request.POST or None, initial=_initial(page, kind, language, municipality),
                         language=language)
    before = MinorEditMixin.minor_edit_before(page) if page is not None else None

    def save() -> LegalPage:
        saved = services.save_legal_page(
            actor=request.actor, municipality=municipality, kind=kind, language=language,
            title=form.cleaned_data["title"], body=form.cleaned_data["body"],
            expected_version=flow.expected_version(form))
        if form.is_minor_edit and before is not None:
            accept_minor_edit(saved, before=before)
        return saved

    done = flow.submit(request, form, save, success=_("Die Seite wurde gespeichert."),
                       next_url=reverse("backoffice:legal_pages", kwargs={"municipality": municipality.slug}))
    return done or render(request, "backoffice/pages/edit.html", {
        "form": form, "page": page, "kind_label": LegalPage.Kind(kind).label,
        "language": language_info(language),
    })


def _translation_editor(request: TenantRequest, kind: str, language: str) -> HttpResponse:
    municipality = request.municipality
    page = selectors.legal_page_for_edit(municipality, kind=kind, language=FALLBACK_LANGUAGE)
    if page is None:
        messages.info(request, _("Bitte schreiben Sie zuerst die deutsche Fassung; die Übersetzungen werden aus "
                                 "ihr gemacht."))
        return HttpResponseRedirect(reverse("backoffice:legal_page_edit", kwargs={
            "municipality": municipality.slug, "kind": kind, "language": FALLBACK_LANGUAGE}))
    return HttpResponseRedirect(reverse("backoffice:legalpage_translate", kwargs={
        "municipality": municipality.slug, "language": language, "pk": page.pk}))


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
    # One small form per row; ids carry the report's number so that they stay unique on the page.
    rows = [(report, BarrierReportStatusForm(initial={"report": report.pk, "status": report.status,
                                                      "version": report.version}, auto_id=f"id_r{report.pk}_%s"))
            for report in page_obj]
    return render(request, "backoffice/pages/barrier_reports.html", {
        "page_obj": page_obj, "rows": rows,
        "settings": selectors.portal_settings(municipality),
    })


@requires(EDIT_PAGES)
def barrier_report_status(request: TenantRequest) -> HttpResponse:
    """The status form of one row of the list (the report's id comes with the form). Every outcome returns
    to the list, with a message; a concurrent change says what the other person did."""
    municipality = request.municipality
    back = reverse("backoffice:barrier_reports", kwargs={"municipality": municipality.slug})
    page = request.GET.get("seite", "")
    if page.isdigit():
        back += f"?seite={page}"
    report_id = request.POST.get("report", "")
    if request.method != "POST" or not report_id.isdigit():
        return HttpResponseRedirect(back)
    report = get_object_or_404(BarrierReport.objects.of(municipality), pk=int(report_id))
    form = BarrierReportStatusForm(request.POST)
    done = flow.submit(request, form, lambda: services.set_barrier_report_status(
        actor=request.actor, report=report, expected_version=flow.expected_version(form),
        status=form.cleaned_data["status"]),
        success=_("Der Status von Meldung Nr. %(number)s wurde gespeichert.") % {"number": report.pk},
        next_url=back)
    if done is not None:
        return done
    if form.conflict is not None:
        report.refresh_from_db()
        messages.error(request, _("Meldung Nr. %(number)s wurde inzwischen von jemand anderem geändert (Status "
                                  "jetzt: %(status)s). Ihre Änderung wurde nicht gespeichert.")
                       % {"number": report.pk, "status": report.get_status_display()})
    else:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        for error in errors or [_("Der Status wurde nicht gespeichert.")]:
            messages.error(request, error)
    return HttpResponseRedirect(back)


@requires(EDIT_PAGES)
def portal_settings(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    current = selectors.portal_settings(municipality)
    initial = (flow.initial(current, "accessibility_email") if current is not None
               else {"accessibility_email": "", "version": 0})
    form = PortalSettingsForm(request.POST or None, initial=initial)
    done = flow.submit(request, form, lambda: services.save_portal_settings(
        actor=request.actor, municipality=municipality, expected_version=flow.expected_version(form),
        accessibility_email=form.cleaned_data["accessibility_email"]),
        success=_("Die Einstellungen wurden gespeichert."),
        next_url=reverse("backoffice:portal_settings", kwargs={"municipality": municipality.slug}))
    return done or render(request, "backoffice/pages/settings.html", {"form": form})


@requires(EDIT_PAGES)
def page_videos(request: TenantRequest) -> HttpResponse:
    """The videos of the legal pages (sign language above all) and the form that adds one."""
    municipality = request.municipality
    back = reverse("backoffice:page_videos", kwargs={"municipality": municipality.slug})
    if request.method == "POST" and (message := upload_too_large(request.META.get("CONTENT_LENGTH"))):
        messages.error(request, message)
        return HttpResponseRedirect(back)
    form = PageVideoForm(request.POST or None, request.FILES or None)
    done = flow.submit(request, form, lambda: services.add_page_video(
        actor=request.actor, municipality=municipality, kind=form.cleaned_data["kind"],
        title=form.cleaned_data["title"], video=form.cleaned_data["video"], captions=form.cleaned_data["captions"],
        transcript=form.cleaned_data["transcript"], poster=form.cleaned_data["poster"] or None),
        success=_("Das Video wurde hinzugefügt."), next_url=back)
    if done is not None:
        return done
    videos = selectors.page_videos(municipality)
    rows = [(video, PageVideoDeleteForm(initial={"video": video.pk, "version": video.version},
                                        auto_id=f"id_v{video.pk}_%s")) for video in videos]
    return render(request, "backoffice/pages/videos.html", {"form": form, "rows": rows})


def upload_too_large(content_length: str | None) -> str:
    """The message for a request beyond the video limit (plus room for the captions and a poster), else ""."""
    try:
        length = int(content_length or 0)
    except ValueError:
        length = 0
    limit = media.max_video_bytes() + media.CAPTIONS_MAX_BYTES + media.POSTER_MAX_BYTES + 1024 * 1024
    if length <= limit:
        return ""
    return _("Die Dateien sind zu groß (%(size)s). Ein Video darf höchstens %(limit)s groß sein; es wurde nichts "
             "gespeichert.") % {"size": filesizeformat(length), "limit": filesizeformat(media.max_video_bytes())}


@requires(EDIT_PAGES)
def page_video_delete(request: TenantRequest) -> HttpResponse:
    """The delete button of one row of the video list (the video's id comes with the form)."""
    municipality = request.municipality
    back = reverse("backoffice:page_videos", kwargs={"municipality": municipality.slug})
    video_id = request.POST.get("video", "")
    if request.method != "POST" or not video_id.isdigit():
        return HttpResponseRedirect(back)
    video = selectors.page_video(municipality, int(video_id))
    if video is None:
        raise Http404
    form = PageVideoDeleteForm(request.POST)
    done = flow.submit(request, form, lambda: services.delete_page_video(
        actor=request.actor, video=video, expected_version=flow.expected_version(form)),
        success=_("Das Video „%(title)s“ wurde entfernt.") % {"title": video.title}, next_url=back)
    if done is not None:
        return done
    if form.conflict is not None:
        messages.error(request, _("Das Video wurde inzwischen von jemand anderem geändert. Es wurde nicht entfernt."))
    else:
        messages.error(request, _("Das Video wurde nicht entfernt."))
    return HttpResponseRedirect(back)


@requires(EDIT_PAGES)
def pagevideo_edit(request: TenantRequest, pk: int) -> HttpResponse:
    """Change a video's title and its text alternative."""
    municipality = request.municipality
    video = selectors.page_video(municipality, pk)
    if video is None:
        raise Http404
    back = reverse("backoffice:page_videos", kwargs={"municipality": municipality.slug})
    form = PageVideoEditForm(request.POST or None, initial=flow.initial(video, "title", "transcript"))
    done = flow.submit(request, form, lambda: services.update_page_video(
        actor=request.actor, video=video, expected_version=flow.expected_version(form),
        title=form.cleaned_data["title"], transcript=form.cleaned_data["transcript"]),
        success=_("Das Video wurde gespeichert."), next_url=back)
    return done or render(request, "backoffice/pages/video_edit.html", {"form": form, "video": video})
