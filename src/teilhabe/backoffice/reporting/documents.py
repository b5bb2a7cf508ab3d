"""The implementation report of a round as documents (PDF, DOCX, XLSX, CSV) and the comparison of a plan's
rounds. Documents are rendered in the background (teilhabe.reporting.rendering): a document that is ready is
served at once; otherwise this page says it is being made and asks again every few seconds until it is ready
(htmx polling of the status region; without JavaScript a <meta http-equiv="refresh"> inside <noscript>: axe's
meta-refresh rule, WCAG 2.2.1, refuses an automatic refresh the user cannot stop), names a failure and offers
to try again."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.reporting import rendering, selectors
from teilhabe.reporting.documents.chart import stacked_bars
from teilhabe.reporting.documents.content import NOT_ACCEPTED, status_series
from teilhabe.reporting.models import ReportDocument, ReportingRound
from teilhabe.reporting.permissions import DOWNLOAD_REPORT, VIEW_ROUNDS
from teilhabe.reporting.services import summary_sentence

WAIT_PARAM = "warten"
REFRESH_SECONDS = 3


def _round(request: TenantRequest, pk: int) -> ReportingRound:
    return get_object_or_404(selectors.rounds_of(request.municipality).select_related("municipality"), pk=pk)


def round_page_url(request: TenantRequest, round_: ReportingRound) -> str | None:
    """The round's page (the rounds slice), when it is routed."""
    try:
        return reverse("backoffice:round_detail", kwargs={"municipality": request.municipality.slug, "pk": round_.pk})
    except NoReverseMatch:
        return None


def serve(document: ReportDocument, round_: ReportingRound, cache: str = "private, no-store") -> HttpResponse | None:
    """The stored file as a download; None when the file has gone missing (the caller renders it again)."""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        return None
    response = HttpResponse(data, content_type=rendering.CONTENT_TYPES[document.format])
    response["Content-Disposition"] = f'attachment; filename="{rendering.download_name(round_, document.format)}"'
    response["Cache-Control"] = cache
    return response


def ready_document(round_: ReportingRound, fmt: str) -> ReportDocument:
    """The document of the round's current content, rendered again if its file is lost."""
    document = rendering.document_for(round_, fmt)
    if document.file_lost:
        document.delete()
        document = rendering.document_for(round_, fmt)
    return document


@requires(DOWNLOAD_REPORT)
def round_document(request: TenantRequest, pk: int, fmt: str) -> HttpResponse:
    """GET: the file when ready, else the waiting page (?warten=1 keeps showing the page, with the download
    link once ready). POST: try a failed rendering again. An open round's draft only for Koordination."""
    round_ = _round(request, pk)
    rendering.require_download(request.actor, round_)
    url = reverse(f"backoffice:round_document_{fmt}", kwargs={"municipality": request.municipality.slug,
                                                             "pk": round_.pk})
    if request.method == "POST":
        rendering.retry(rendering.document_for(round_, fmt))
        return HttpResponseRedirect(f"{url}?{WAIT_PARAM}=1")
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    document = ready_document(round_, fmt)
    if document.state == ReportDocument.State.READY and WAIT_PARAM not in request.GET:
        served = serve(document, round_)
        if served is not None:
            return served
    return render(request, "backoffice/reporting/document_status.html", {
        "round": round_, "document": document, "format_label": document.get_format_display(),
        "download_url": url, "wait_url": f"{url}?{WAIT_PARAM}=1", "refresh": REFRESH_SECONDS,
        "can_retry": document.can_retry(), "round_url": round_page_url(request, round_),
    })


def _document_rule(actor: Actor, round_: object) -> bool:
    return isinstance(round_, ReportingRound) and rendering.may_download(actor, round_)


# Read by tests/test_access_matrix.py: beyond DOWNLOAD_REPORT, an open round's draft only for Koordination.
round_document.object_rule = _document_rule  # type: ignore[attr-defined]


@requires(VIEW_ROUNDS)
def round_compare(request: TenantRequest, pk: int) -> HttpResponse:
    """How the counts of the round's plan moved from round to round (closed rounds, and this one if it is
    open): a table and a chart drawn as inline SVG (with its text alternative; no script). VIEW_ROUNDS, like
    the round page it is reached from: an open round's interim counts are progress that the Fachstelle does
    not see elsewhere either."""
    round_ = _round(request, pk)
    history = selectors.plan_round_history(round_)
    series = status_series()
    keys = [key for key, _label in series]
    rows: list[dict[str, Any]] = []
    chart_rows = []
    for counts in history:
        values = [counts.by_status.get(key, 0) for key in keys[:-1]] + [counts.total - counts.accepted]
        rows.append({"round": counts.round, "counts": counts, "values": values,
                     "sentence": summary_sentence(counts.total, counts.successful, accepted=counts.accepted,
                                                  interim=counts.round.is_open),
                     "is_current": counts.round.pk == round_.pk})
        chart_rows.append((counts.round.title, values))
    description = _("Balkendiagramm: Maßnahmen je Berichtsrunde nach Status. ") + "; ".join(
        f"{row['round'].title}: " + ", ".join(f"{n} {label}" for (_k, label), n in zip(series, row["values"],
                                                                                          strict=True) if n)
        for row in rows) + "."
    chart = stacked_bars(title=_("Maßnahmen je Berichtsrunde nach Status"), description=description,
                         series=series, rows=chart_rows, svg_id="rundenvergleich")
    return render(request, "backoffice/reporting/round_compare.html", {
        "round": round_, "rows": rows, "series": series, "not_accepted": NOT_ACCEPTED,
        "chart": mark_safe(chart),
        "round_url": round_page_url(request, round_),
    })
