"""Attachments of a report: PDFs and images (PNG, JPEG, WebP), checked by their content, not their name.

A PDF must start with `%PDF-`, end with `%%EOF` and be parsed by pypdf; an image must be decoded by Pillow, and
its format must be the one its name claims (a PNG named .jpg is refused). Each file is at most
`settings.TEILHABE_REPORT_ATTACHMENT_MAX_BYTES`, a report holds at most MAX_ATTACHMENTS. Views refuse a request
larger than `request_limit()` before Django reads its body (see `upload_too_large`)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core import audit
from teilhabe.core.cleaning import clean_text
from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor
from teilhabe.reporting import services
from teilhabe.reporting.models import MeasureReport, ReportAttachment
from teilhabe.reporting.permissions import VIEW_ROUNDS

MAX_ATTACHMENTS = 10
# Room for the answer's text fields next to the files in one request.
FORM_OVERHEAD_BYTES = 1024 * 1024
PDF = "application/pdf"
# The name's suffix → (what Pillow calls the format, the content type); None: a PDF.
KINDS: dict[str, tuple[str | None, str]] = {
    ".pdf": (None, PDF),
    ".png": ("PNG", "image/png"),
    ".jpg": ("JPEG", "image/jpeg"),
    ".jpeg": ("JPEG", "image/jpeg"),
    ".webp": ("WEBP", "image/webp"),
}
FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
NAME_MAX = 200


def max_attachment_bytes() -> int:
    return int(settings.TEILHABE_REPORT_ATTACHMENT_MAX_BYTES)


def request_limit() -> int:
    """The largest request an answer form accepts: every attachment a report may hold, and its text."""
    return max_attachment_bytes() * MAX_ATTACHMENTS + FORM_OVERHEAD_BYTES


def upload_too_large(content_length: str | None) -> str:
    """The message for a request whose declared length is beyond `request_limit()`, or "" when it is fine.
    Called by views before anything reads the request's body."""
    try:
        length = int(content_length or 0)
    except ValueError:
        length = 0
    if length <= request_limit():
        return ""
    return _("Die Dateien sind zusammen zu groß (%(size)s). Erlaubt sind höchstens %(limit)s je Datei und "
             "%(count)d Dateien je Bericht; es wurde nichts gespeichert.") % {
        "size": filesizeformat(length), "limit": filesizeformat(max_attachment_bytes()), "count": MAX_ATTACHMENTS}


def _refuse(message: str) -> ValidationError:
    return ValidationError({"attachments": message})


def clean_name(name: str) -> str:
    """The file's own name without any folder, as plain text, at most NAME_MAX characters (suffix kept)."""
    base = PurePath(str(name).replace("\\", "/")).name
    try:
        base = clean_text(base, multiline=False).strip()
    except ValidationError:  # a control character in the name: keep only its suffix
        base = "Anhang" + PurePath(base).suffix.lower()[:10]
    base = base or "Anhang"
    if len(base) > NAME_MAX:
        suffix = PurePath(base).suffix[:10]
        base = base[: NAME_MAX - len(suffix)] + suffix
    return base


def _check_pdf(name: str, data: bytes) -> None:
    from pypdf import PdfReader

    message = _("„%(name)s“ ist keine lesbare PDF-Datei (der Inhalt ist kein vollständiges PDF).") % {"name": name}
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _refuse(message)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if len(reader.pages) < 1:
                raise ValueError("no pages")
    except Exception as exc:  # pypdf raises many kinds for broken files
        raise _refuse(message) from exc


def _check_image(name: str, data: bytes, expected: str) -> None:
    from PIL import Image

    claimed = FORMAT_NAMES[expected]
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format or ""
            image.verify()
        if found == expected:
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decode it fully: a truncated image fails here
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise _refuse(_("„%(name)s“ ist kein lesbares %(format)s-Bild.") % {"name": name, "format": claimed}) \
            from exc
    if found != expected:
        raise _refuse(_("„%(name)s“ ist dem Namen nach ein %(claimed)s-Bild, der Inhalt ist aber %(found)s. "
                        "Bitte speichern Sie das Bild im richtigen Format oder benennen Sie es richtig.")
                      % {"name": name, "claimed": claimed,
                         "found": FORMAT_NAMES.get(found, found or _("kein bekanntes Bildformat"))})


def check_file(name: str, data: bytes) -> str:
    """The content type of an acceptable attachment, or a ValidationError naming the file."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in KINDS:
        raise _refuse(_("„%(name)s“: Angehängt werden können PDF-Dateien und Bilder (PNG, JPEG, WebP).")
                      % {"name": name})
    if len(data) > max_attachment_bytes():
        raise _refuse(_("„%(name)s“ ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s je Datei.")
                      % {"name": name, "size": filesizeformat(len(data)),
                         "limit": filesizeformat(max_attachment_bytes())})
    if not data:
        raise _refuse(_("„%(name)s“ ist leer.") % {"name": name})
    image_format, content_type = KINDS[suffix]
    if image_format is None:
        _check_pdf(name, data)
    else:
        _check_image(name, data, image_format)
    return content_type


def _read(upload: Any, name: str) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_attachment_bytes():  # before reading it
        raise _refuse(_("„%(name)s“ ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s je Datei.")
                      % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_attachment_bytes())})
    upload.seek(0)
    return bytes(upload.read(max_attachment_bytes() + 1))


def add_attachment(*, by: services.Responder, report: MeasureReport, upload: Any) -> ReportAttachment:
    """Attach a checked file to an editable report of an open round (its answerer only)."""
    services.lock_editable(by, report)
    name = clean_name(getattr(upload, "name", "") or "")
    data = _read(upload, name)
    content_type = check_file(name, data)
    with transaction.atomic():
        locked = MeasureReport.objects.select_for_update().get(pk=report.pk)  # one count at a time per report
        if ReportAttachment.objects.filter(report=locked).count() >= MAX_ATTACHMENTS:
            raise _refuse(ngettext("„%(name)s“ wurde nicht angehängt: Ein Bericht hat höchstens %(n)d Anhang.",
                                   "„%(name)s“ wurde nicht angehängt: Ein Bericht hat höchstens %(n)d Anhänge.",
                                   MAX_ATTACHMENTS) % {"name": name, "n": MAX_ATTACHMENTS})
        attachment = ReportAttachment(municipality_id=report.municipality_id, report=locked, name=name,
                                      content_type=content_type, size=len(data),
                                      uploaded_by_id=by.user_id if isinstance(by, Actor) else None)
        attachment.file.save(name, ContentFile(data), save=False)
        stored = attachment.file.name or ""
        try:
            attachment.save()
            audit.record(actor=by if isinstance(by, Actor) else None, municipality=report.municipality_id,
                         action=AuditEntry.Action.CREATE, obj=attachment,
                         changes={"report": [None, str(report)], "name": [None, name]},
                         label=_("Anhang „%(name)s“") % {"name": name})
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    return attachment


def remove_attachment(*, by: services.Responder, attachment: ReportAttachment) -> None:
    """Remove an attachment of an editable report of an open round (its answerer only)."""
    report = MeasureReport.objects.get(pk=attachment.report_id)
    services.lock_editable(by, report)
    storage, stored = attachment.file.storage, attachment.file.name or ""
    with transaction.atomic():
        audit.record(actor=by if isinstance(by, Actor) else None, municipality=report.municipality_id,
                     action=AuditEntry.Action.DELETE, obj=attachment,
                     changes={"report": [str(report), None], "name": [attachment.name, None]},
                     label=_("Anhang „%(name)s“") % {"name": attachment.name})
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(stored))


def may_download(actor: Actor, attachment: ReportAttachment) -> bool:
    """The report's answerer may; whoever sees rounds may once the report was submitted."""
    report = attachment.report
    try:
        services.require_answerer(actor, report)
    except NotAllowed:
        return actor.can(VIEW_ROUNDS) and report.submitted_at is not None
    return True


def save_answer(*, by: services.Responder, report: MeasureReport, expected_version: int, values: Mapping[str, Any],
                uploads: Sequence[Any] = (), submit: bool = False) -> MeasureReport:
    """The answer form's one write: attach the new files, then save the draft or submit — all or nothing.
    A refused file, a concurrent change or an incomplete submission leaves the report as it was (files
    already stored for this attempt are removed again)."""
    created: list[ReportAttachment] = []
    service = services.submit if submit else services.save_draft
    try:
        with transaction.atomic():
            for upload in uploads:
                created.append(add_attachment(by=by, report=report, upload=upload))
            return service(by=by, report=report, expected_version=expected_version, values=values)
    except BaseException:
        for attachment in created:
            attachment.file.storage.delete(attachment.file.name or "")
        raise
