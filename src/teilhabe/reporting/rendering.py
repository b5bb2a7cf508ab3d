"""Rendering the implementation report's documents in the background and keeping them by content.

Each round and format has a content key: a hash of what the document says — the round's reported fields and
state, the count and the pk/version sums of its reports (one aggregate query; a report's version rises with
every change of its answer or state), the previous round it is compared with, and `TEMPLATE_VERSION`. A
`ReportDocument` row keeps the rendered file under that key: asking again for a document whose row is READY
serves the file without rendering; otherwise the row is created PENDING and a task renders it (enqueued on
commit). A FAILED render keeps its error and can be retried; so can a render that has been pending too long
(a worker that died). The round's version itself is not part of the key: publishing a round changes its
version but not a word of its report.

`render` makes a document synchronously (the command `export-report` and the task use it)."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import translation
from django.utils.text import slugify

from teilhabe.core.guard import authorize
from teilhabe.core.roles import Actor
from teilhabe.reporting import selectors
from teilhabe.reporting.models import MeasureReport, ReportDocument, ReportingRound
from teilhabe.reporting.permissions import DOWNLOAD_REPORT, MANAGE_ROUNDS

logger = logging.getLogger(__name__)

# Raise when the documents' layout or content rules change: every document is rendered again.
TEMPLATE_VERSION = "1"
FORMATS = tuple(ReportDocument.Format.values)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


# --- who may have it -----------------------------------------------------------------------------------

def may_download(actor: Actor, round_: ReportingRound) -> bool:
    """Every role with DOWNLOAD_REPORT gets a closed round's report; the draft of an open round only
    Koordination (MANAGE_ROUNDS)."""
    return actor.can(DOWNLOAD_REPORT) and (not round_.is_open or actor.can(MANAGE_ROUNDS))


def require_download(actor: Actor, round_: ReportingRound) -> None:
    """Through the one guard: raises NotAllowed unless `may_download`."""
    authorize(actor, DOWNLOAD_REPORT, round_)
    if round_.is_open:
        authorize(actor, MANAGE_ROUNDS, round_)


def is_public(round_: ReportingRound) -> bool:
    return round_.state == ReportingRound.State.CLOSED and round_.published_at is not None


# --- content keys and stored documents -----------------------------------------------------------------

def content_key(round_: ReportingRound, fmt: str) -> str:
    """What the document of `round_` in `fmt` says, as a hash. Two queries (the reports' aggregate, the
    previous round); `round_` should come with its edition, plan and municipality (selectors.rounds_of)."""
    totals = MeasureReport.objects.filter(round_id=round_.pk).aggregate(
        n=Count("pk"), pks=Sum("pk"), versions=Sum("version"))
    previous = selectors.previous_round(round_)
    parts = [
        TEMPLATE_VERSION, fmt, settings.LANGUAGE_CODE, round_.pk, round_.title, round_.period_start,
        round_.period_end, round_.deadline, round_.state, round_.closed_at, round_.edition.name,
        round_.edition.plan.title, round_.municipality.name, totals["n"], totals["pks"], totals["versions"],
        previous.pk if previous else None,
    ]
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def document_for(round_: ReportingRound, fmt: str) -> ReportDocument:
    """The stored document of the round's current content in `fmt`: READY to serve, or PENDING with a render
    enqueued (on commit), or FAILED. Creates and enqueues at most once per content key."""
    key = content_key(round_, fmt)
    document, created = ReportDocument.objects.get_or_create(
        round=round_, format=fmt, content_key=key, defaults={"municipality_id": round_.municipality_id})
    if created:
        _enqueue(document)
    return document


def retry(document: ReportDocument) -> ReportDocument:
    """Render a failed (or stuck) document again."""
    if document.can_retry():
        document.restart()
        _enqueue(document)
    return document


def _enqueue(document: ReportDocument) -> None:
    from teilhabe.reporting.tasks import render_report_document

    municipality_id, pk = document.municipality_id, document.pk
    transaction.on_commit(lambda: render_report_document.enqueue(municipality_id, pk))


def render(round_: ReportingRound, fmt: str) -> bytes:
    """The document, rendered now, in German (the council's language)."""
    from teilhabe.reporting.documents import report_content
    from teilhabe.reporting.documents.docx import report_docx
    from teilhabe.reporting.documents.pdf import report_pdf
    from teilhabe.reporting.documents.tables import report_csv, report_xlsx

    if fmt not in FORMATS:
        raise ValueError(fmt)
    with translation.override(settings.LANGUAGE_CODE):
        if fmt == "xlsx":
            return report_xlsx(round_)
        if fmt == "csv":
            return report_csv(round_)
        content = report_content(round_)
        return report_pdf(content) if fmt == "pdf" else report_docx(content)


def render_stored(document_id: int) -> ReportDocument | None:
    """Render a stored document (in the task), keep the file, and drop the round's older files of the same
    format. A failure is kept on the row with its message, never raised."""
    document = ReportDocument.objects.select_related("round").filter(pk=document_id).first()
    if document is None or document.state == ReportDocument.State.READY:
        return document
    round_ = selectors.rounds_of(document.round.municipality).select_related("municipality").get(
        pk=document.round_id)
    try:
        data = render(round_, document.format)
    except Exception as error:  # the task records any failure on the row: the page shows it, a retry is offered
        logger.exception("rendering report document %s failed", document.pk)
        document.record_failure(error)
        return document
    document.keep(f"{round_.municipality_id}-{round_.pk}-{document.content_key[:16]}.{document.format}", data)
    for old in ReportDocument.objects.filter(round_id=round_.pk, format=document.format).exclude(pk=document.pk):
        if old.state != ReportDocument.State.PENDING:
            old.drop()
    return document


def download_name(round_: ReportingRound, fmt: str) -> str:
    stem = slugify(round_.title)[:80] or "umsetzungsbericht"
    return f"{stem}-entwurf.{fmt}" if round_.is_open else f"{stem}.{fmt}"
