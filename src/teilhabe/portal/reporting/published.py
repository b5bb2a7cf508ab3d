"""The municipality's published implementation reports on its public pages: each published round with its
summary sentence, its counts and the PDF; the measures' accepted statuses per field of action of the latest
one. A round that is open, or closed but not published, does not exist here (404)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from teilhabe.core.tenancy import TenantRequest
from teilhabe.reporting import rendering, selectors
from teilhabe.reporting.documents.content import status_series
from teilhabe.reporting.models import ReportDocument
from teilhabe.reporting.services import summary_sentence

REFRESH_SECONDS = 3
WAIT_PARAM = "warten"


def published_rounds(request: TenantRequest) -> HttpResponse:
    """Three queries whatever the number of rounds and measures (rounds, their counts, the latest one's
    statuses)."""
    rounds = list(selectors.published_rounds(request.municipality).order_by("-period_end", "-pk"))
    series = [(key, label) for key, label in status_series()[:-1]]
    entries = []
    for counts in selectors.round_counts(rounds):
        entries.append({
            "round": counts.round, "counts": counts, "sentence": summary_sentence(counts.total, counts.successful),
            "by_status": [(label, counts.by_status.get(key, 0)) for key, label in series],
            "not_accepted": counts.total - counts.accepted,
        })
    latest = rounds[0] if rounds else None
    return render(request, "portal/reporting/published_rounds.html", {
        "entries": entries, "latest": latest,
        "fields": selectors.accepted_statuses(latest) if latest else [],
    })


def published_round_pdf(request: TenantRequest, pk: int) -> HttpResponse:
    """The published round's report as PDF: from the stored file when ready, else a page that waits for it
    (asking again every few seconds with htmx, or by a <noscript> refresh) and then offers the download."""
    round_ = get_object_or_404(selectors.published_rounds(request.municipality).select_related("municipality"),
                               pk=pk)
    document = rendering.document_for(round_, "pdf")
    if document.state == ReportDocument.State.READY and WAIT_PARAM not in request.GET:
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
        except (FileNotFoundError, ValueError):
            document.delete()
            document = rendering.document_for(round_, "pdf")
        else:
            response = HttpResponse(data, content_type=rendering.CONTENT_TYPES["pdf"])
            response["Content-Disposition"] = f'attachment; filename="{rendering.download_name(round_, "pdf")}"'
            response["Cache-Control"] = "public, max-age=300"
            return response
    if document.state == ReportDocument.State.PENDING and document.can_retry():
        document = rendering.retry(document)  # a worker lost it; a failed rendering is retried by the office
    url = reverse("portal:published_round_pdf", kwargs={"municipality": request.municipality.slug, "pk": pk})
    return render(request, "portal/reporting/pdf_pending.html", {
        "round": round_, "document": document, "pdf_url": url, "wait_url": f"{url}?{WAIT_PARAM}=1",
        "refresh": REFRESH_SECONDS,
        "back_url": reverse("portal:published_rounds", kwargs={"municipality": request.municipality.slug}),
    })
