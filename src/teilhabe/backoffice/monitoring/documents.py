"""The monitoring report (Integrations- und Gendermonitoring): a page to choose what it covers — all or only
published indicators, all or one field of action — with a preview of its overview, each indicator's chart and
values, and the downloads as tagged PDF/UA-1 and DOCX. Documents are rendered in the background like the
implementation report (teilhabe.monitoring.documents.rendering): a document that is ready is served at once;
otherwise a page says it is being made and asks again every few seconds (htmx polling; without JavaScript a
<meta http-equiv="refresh"> inside <noscript>), names a failure and offers to try again. Options that do not
exist lead back to the page, which names what is wrong; nothing is rendered from them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice.monitoring.forms_documents import ReportOptionsForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring.documents import rendering, report_content
from teilhabe.monitoring.models import MonitoringDocument
from teilhabe.monitoring.permissions import MANAGE_INDICATORS, VIEW_MONITORING
from teilhabe.plans.models import FieldOfAction

WAIT_PARAM = "warten"
REFRESH_SECONDS = 3


def _options(request: TenantRequest) -> ReportOptionsForm:
    fields = list(FieldOfAction.objects.filter(indicators__isnull=False).distinct()
                  .select_related("edition").order_by("-edition_id", "position", "pk"))
    return ReportOptionsForm(request.GET, fields_of_action=fields)  # nothing chosen: all, all fields


@requires(VIEW_MONITORING)
@require_GET
def monitoring_report(request: TenantRequest) -> HttpResponse:
    form = _options(request)
    report = None
    if form.is_valid():
        report = report_content(request.municipality, published_only=form.published_only, field_id=form.field_id)
    return render(request, "backoffice/monitoring/report.html", {
        "form": form, "report": report, "can_manage": request.actor.can(MANAGE_INDICATORS)})


def _serve(document: MonitoringDocument, filename: str) -> HttpResponse | None:
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        return None
    response = HttpResponse(data, content_type=rendering.CONTENT_TYPES[document.format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(VIEW_MONITORING)
def monitoring_report_download(request: TenantRequest, fmt: str) -> HttpResponse:
    """GET: the file when ready, else the waiting page (?warten=1 keeps showing the page, with the download
    link once ready). POST: try a failed rendering again."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = _options(request)
    page = reverse("backoffice:monitoring_report", kwargs={"municipality": request.municipality.slug})
    if not form.is_valid():
        messages.error(request, _("Der Bericht wurde nicht erstellt: Bitte prüfen Sie die Auswahl."))
        return HttpResponseRedirect(f"{page}?{request.GET.urlencode()}")
    document, report = rendering.document_for(request.municipality, fmt, published_only=form.published_only,
                                              field_id=form.field_id)
    query = request.GET.copy()
    query.pop(WAIT_PARAM, None)
    url = reverse(f"backoffice:monitoring_report_{fmt}", kwargs={"municipality": request.municipality.slug})
    url = f"{url}?{query.urlencode()}" if query else url
    wait_url = f"{url}{'&' if query else '?'}{WAIT_PARAM}=1"
    if request.method == "POST":
        rendering.retry(document)
        return HttpResponseRedirect(wait_url)
    if document.state == MonitoringDocument.State.READY and WAIT_PARAM not in request.GET:
        served = _serve(document, f"{report.file_stem}.{fmt}")
        if served is not None:
            return served
    return render(request, "backoffice/monitoring/report_status.html", {
        "document": document, "format_label": document.get_format_display(), "report": report,
        "download_url": url, "wait_url": wait_url, "refresh": REFRESH_SECONDS, "page_url": page,
        "can_retry": document.can_retry(),
    })
