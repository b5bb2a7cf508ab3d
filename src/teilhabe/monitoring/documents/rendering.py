"""Rendering the monitoring report in the background and keeping it by content, as the implementation report
does (teilhabe.reporting.rendering): a report draws one chart per indicator (0.1–0.2 s each), so a few dozen
indicators take longer than a request should.

The content key is a hash of what the document says: the report's content as the PDF reads it (every text and
number, without the drawn charts: they follow from the specs, which are part of it), the format, the language
and `TEMPLATE_VERSION`. Building it is the report's six queries. A `MonitoringDocument` row keeps the rendered
file under that key: asking again serves the file without rendering; otherwise the row is created PENDING and
a task renders it (enqueued on commit). A FAILED render keeps its error and can be retried, as can one pending
too long (a worker that died)."""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import transaction
from django.utils import translation

from teilhabe.core.models import Municipality
from teilhabe.monitoring.documents.content import MonitoringReport, report_content
from teilhabe.monitoring.models import MonitoringDocument

logger = logging.getLogger(__name__)

# Raise when the documents' layout or content rules change: every document is rendered again.
TEMPLATE_VERSION = "1"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def content_key(report: MonitoringReport, fmt: str) -> str:
    from teilhabe.monitoring.documents.pdf import report_payload

    payload = report_payload(report, with_charts=False)
    specs = [entry.spec for entry in report.entries]
    text = json.dumps([TEMPLATE_VERSION, fmt, report.language, payload, specs], sort_keys=True, ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def document_for(municipality: Municipality, fmt: str, *, published_only: bool,
                 field_id: int | None) -> tuple[MonitoringDocument, MonitoringReport]:
    """The stored document of the report's current content in `fmt` and the active language: READY to serve,
    PENDING with a render enqueued (on commit), or FAILED. Creates and enqueues at most once per content key."""
    report = report_content(municipality, published_only=published_only, field_id=field_id)
    key = content_key(report, fmt)
    document, created = MonitoringDocument.objects.get_or_create(
        municipality_id=municipality.pk, format=fmt, content_key=key,
        defaults={"published_only": published_only, "field_id": field_id, "language": report.language})
    if created:
        _enqueue(document)
    elif document.file_lost:
        document.delete()  # render it again
        return document_for(municipality, fmt, published_only=published_only, field_id=field_id)
    return document, report


def retry(document: MonitoringDocument) -> MonitoringDocument:
    """Render a failed (or stuck) document again."""
    if document.can_retry():
        document.restart()
        _enqueue(document)
    return document


def _enqueue(document: MonitoringDocument) -> None:
    from teilhabe.monitoring.tasks import render_monitoring_document

    municipality_id, pk = document.municipality_id, document.pk
    transaction.on_commit(lambda: render_monitoring_document.enqueue(municipality_id, pk))


def render(report: MonitoringReport, fmt: str) -> bytes:
    from teilhabe.monitoring.documents.docx import report_docx
    from teilhabe.monitoring.documents.pdf import report_pdf

    return report_pdf(report) if fmt == "pdf" else report_docx(report)


def render_stored(document_id: int) -> MonitoringDocument | None:
    """Render a stored document (in the task) from the data as they are now, keep the file, and drop older
    documents of the same options. A failure is kept on the row with its message, never raised."""
    document = MonitoringDocument.objects.select_related("municipality").filter(pk=document_id).first()
    if document is None or document.state == MonitoringDocument.State.READY:
        return document
    try:
        with translation.override(document.language):
            report = report_content(document.municipality, published_only=document.published_only,
                                    field_id=document.field_id)
            data = render(report, document.format)
    except Exception as error:  # the row records any failure: the page shows it and offers a retry
        logger.exception("rendering monitoring document %s failed", document.pk)
        document.record_failure(error)
        return document
    document.keep(f"{document.municipality_id}-{report.file_stem}-{document.content_key[:12]}.{document.format}", data)
    older = MonitoringDocument.objects.filter(
        format=document.format, published_only=document.published_only, field_id=document.field_id,
        language=document.language).exclude(pk=document.pk).exclude(state=MonitoringDocument.State.PENDING)
    for old in older:
        old.drop()
    return document
