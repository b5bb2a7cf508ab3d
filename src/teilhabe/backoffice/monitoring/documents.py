"""The monitoring report (Integrations- und Gendermonitoring): a page to choose what it covers — all or only
published indicators, all or one field of action — with a preview of its overview, each indicator's chart and
values, and the downloads as tagged PDF/UA-1 and DOCX. Rendered directly, like the plan documents: a report of
a few dozen indicators takes a second or two (docs/monitoring-report.md). Options that do not exist lead back
to the page, which names what is wrong; nothing is rendered from them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice.monitoring.forms_documents import ReportOptionsForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring.documents import report_content
from teilhabe.monitoring.documents.docx import report_docx
from teilhabe.monitoring.documents.pdf import report_pdf
from teilhabe.monitoring.permissions import VIEW_MONITORING
from teilhabe.plans.models import FieldOfAction

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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
    return render(request, "backoffice/monitoring/report.html", {"form": form, "report": report})


@requires(VIEW_MONITORING)
@require_GET
def monitoring_report_download(request: TenantRequest, fmt: str) -> HttpResponse:
    form = _options(request)
    if not form.is_valid():
        messages.error(request, _("Der Bericht wurde nicht erstellt: Bitte prüfen Sie die Auswahl."))
        page = reverse("backoffice:monitoring_report", kwargs={"municipality": request.municipality.slug})
        return HttpResponseRedirect(f"{page}?{request.GET.urlencode()}")
    report = report_content(request.municipality, published_only=form.published_only, field_id=form.field_id)
    data = report_pdf(report) if fmt == "pdf" else report_docx(report)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
