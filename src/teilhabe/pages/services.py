"""State changes behind the portal: the legal pages (written by Koordination) and barrier reports
(sent by anyone). Views and commands call these; nothing else writes these models."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, save_keyed_audited, update_audited
from teilhabe.pages import media
from teilhabe.pages.models import BarrierReport, LegalPage, PageVideo, PortalSettings
from teilhabe.pages.permissions import EDIT_PAGES
from teilhabe.pages.search_documents import page_saved, page_translation_saved
from teilhabe.translations import services as translation_services

logger = logging.getLogger(__name__)

LEGAL_PAGE_FIELDS = ("title", "body")
PORTAL_SETTINGS_FIELDS = ("accessibility_email",)


def save_legal_page(
    *, actor: Actor, municipality: Municipality, kind: str, language: str, title: str, body: str,
    expected_version: int,
) -> LegalPage:
    """Create or update one legal page. `expected_version` is the page's version as the form showed it (0: not
    written yet): if someone saved in between, nothing is written and ConcurrentEdit says what they changed."""
    authorize(actor, EDIT_PAGES, municipality)
    if kind not in LegalPage.Kind.values:
        raise ServiceError(_("Diese Art von Seite gibt es nicht."))
    if language not in municipality.content_languages:
        raise ServiceError(_("Diese Sprache ist für das Portal der Kommune nicht freigeschaltet."))
    if language != FALLBACK_LANGUAGE:
        return _save_translation(actor=actor, municipality=municipality, kind=kind, language=language, title=title,
                                 body=body)
    with translation.override(settings.LANGUAGE_CODE):  # the trail is data, kept in German
        label = f"{LegalPage.Kind(kind).label} ({language})"
    with transaction.atomic():
        page = save_keyed_audited(
            actor=actor, model=LegalPage, key={"municipality": municipality, "kind": kind, "language": language},
            expected_version=expected_version, values={"title": title.strip(), "body": body.strip()},
            audit_fields=LEGAL_PAGE_FIELDS, label=label,
        )
        page_saved(page)
    return page


def _save_translation(*, actor: Actor, municipality: Municipality, kind: str, language: str, title: str,
                      body: str) -> LegalPage:
    """A legal page in another language is a translation of the German page (teilhabe.translations), which must
    be written first: it is what the translation is made from. Returns the German page."""
    page = LegalPage.objects.of(municipality).filter(kind=kind, language=FALLBACK_LANGUAGE).first()
    if page is None:
        raise ServiceError(_("Bitte speichern Sie zuerst die deutsche Fassung dieser Seite; die Übersetzungen "
                             "werden aus ihr gemacht."))
    with transaction.atomic():
        translation_services.save_translations(actor=actor, obj=page, language=language,
                                               values={"title": title, "body": body})
        page_translation_saved(page, language)
    return page


def submit_barrier_report(
    *, municipality: Municipality, description: str, page_url: str = "", contact: str = ""
) -> BarrierReport:
    """Anyone may report a barrier; no account needed. Contact data stays out of the audit trail."""
    report = BarrierReport(
        municipality=municipality, description=description.strip(), page_url=page_url.strip(),
        contact=contact.strip(),
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
        audit.record(actor=None, municipality=municipality, action=AuditEntry.Action.CREATE, obj=report,
                     label=_report_label(report))
        transaction.on_commit(lambda: _notify_contact(report))
    return report


def _report_label(report: BarrierReport) -> str:
    return f"Barrieremeldung Nr. {report.pk}"


def _notify_contact(report: BarrierReport) -> None:
    """Send a new report to the municipality's contact address, if it has one. The report is stored
    already: a mail server that is down is logged, not shown to the person who reported."""
    municipality = report.municipality
    address = (
        PortalSettings.objects.of(municipality).values_list("accessibility_email", flat=True).first() or ""
    )
    if not address:
        return
    with translation.override(settings.LANGUAGE_CODE):  # the office works in German
        subject = _("Neue Barrieremeldung Nr. %(number)s – %(municipality)s") % {
            "number": report.pk, "municipality": municipality.name}
        lines = [
            _("Über das Portal wurde eine Barriere gemeldet."),
            "",
            _("Beschreibung:"),
            report.description,
            "",
            _("Betroffene Seite: %(page)s") % {"page": report.page_url or "–"},
            _("Kontakt: %(contact)s") % {"contact": report.contact or "–"},
            "",
            _("Die Meldung steht im Verwaltungsbereich unter Portal-Seiten → Barrieremeldungen."),
        ]
    try:
        send_mail(subject, "\n".join(lines), None, [address])
    except (OSError, smtplib.SMTPException):
        logger.exception("Barrieremeldung %s: E-Mail an die Kontaktadresse nicht gesendet", report.pk)


def set_barrier_report_status(
    *, actor: Actor, report: BarrierReport, expected_version: int, status: str
) -> BarrierReport:
    """Koordination moves a report on (neu → in Bearbeitung → erledigt, or back). Versioned and audited;
    the reporter's contact data is not part of the trail."""
    authorize(actor, EDIT_PAGES, report)
    if status not in BarrierReport.Status.values:
        raise ServiceError(_("Diesen Status gibt es nicht."))
    return update_audited(
        actor=actor, obj=report, expected_version=expected_version, values={"status": status},
        audit_fields=("status",), label=_report_label(report), snapshot=_status_snapshot,
    )


def _status_snapshot(report: BarrierReport) -> dict[str, Any]:
    with translation.override(settings.LANGUAGE_CODE):  # the trail is data, kept in German
        return {"status": str(BarrierReport.Status(report.status).label)}


def save_portal_settings(
    *, actor: Actor, municipality: Municipality, expected_version: int, accessibility_email: str
) -> PortalSettings:
    """Create or update the municipality's portal settings (`expected_version` 0: none saved yet)."""
    authorize(actor, EDIT_PAGES, municipality)
    return save_keyed_audited(
        actor=actor, model=PortalSettings, key={"municipality": municipality}, expected_version=expected_version,
        values={"accessibility_email": accessibility_email.strip()}, audit_fields=PORTAL_SETTINGS_FIELDS,
        label="Portal-Einstellungen",
    )


# --- videos of the legal pages (Gebärdensprache) -------------------------------------------------------

PAGE_VIDEO_FIELDS = ("kind", "title", "video_type", "video_size", "transcript", "poster_type")


def _video_label(title: str) -> str:
    return f"Video „{title}“"


def add_page_video(
    *, actor: Actor, municipality: Municipality, kind: str, title: str, video: Any, captions: Any,
    transcript: str = "", poster: Any = None,
) -> PageVideo:
    """Add a video with captions (and optionally a poster image) to a legal page. Every file is checked by its
    content first (pages/media.py); a refused file stores nothing. The files are removed again if the row
    cannot be saved."""

    authorize(actor, EDIT_PAGES, municipality)
    if kind not in LegalPage.Kind.values:
        raise ServiceError(_("Diese Art von Seite gibt es nicht."))
    video_type, video_size = media.check_video(video)
    cleaned_captions, _cues = media.parse_captions(media.read_upload(captions, media.CAPTIONS_MAX_BYTES))
    poster_data, poster_type = b"", ""
    if poster is not None:
        poster_data = media.read_upload(poster, media.POSTER_MAX_BYTES)
        poster_type = media.check_poster(poster_data)
    holder = PageVideo(municipality=municipality)
    stored: list[str] = []
    try:
        holder.video.save("video", File(video), save=False)
        stored.append(holder.video.name or "")
        if poster_data:
            holder.poster.save("poster", ContentFile(poster_data), save=False)
            stored.append(holder.poster.name or "")
        return create_audited(
            actor=actor, model=PageVideo, values={
                "municipality": municipality, "kind": kind, "title": title.strip(), "video": holder.video.name,
                "video_type": video_type, "video_size": video_size, "captions": cleaned_captions,
                "transcript": transcript.strip(), "poster": holder.poster.name or "", "poster_type": poster_type},
            audit_fields=PAGE_VIDEO_FIELDS, label=_video_label(title.strip()),
        )
    except BaseException:
        for name in stored:
            holder.video.storage.delete(name)
        raise


def update_page_video(
    *, actor: Actor, video: PageVideo, expected_version: int, title: str, transcript: str,
) -> PageVideo:
    """Change a video's title and text alternative (the files stay; a new file is a new video)."""
    authorize(actor, EDIT_PAGES, video)
    return update_audited(
        actor=actor, obj=video, expected_version=expected_version,
        values={"title": title.strip(), "transcript": transcript.strip()}, audit_fields=PAGE_VIDEO_FIELDS,
        label=_video_label(video.title),
    )


def delete_page_video(*, actor: Actor, video: PageVideo, expected_version: int) -> None:
    """Remove a video from its page; its files are deleted once the removal is committed."""
    authorize(actor, EDIT_PAGES, video)
    storage = video.video.storage
    names = [name for name in (video.video.name, video.poster.name) if name]
    with transaction.atomic():
        delete_audited(actor=actor, obj=video, expected_version=expected_version, audit_fields=PAGE_VIDEO_FIELDS,
                       label=_video_label(video.title))

        def remove_files() -> None:
            for name in names:
                storage.delete(name)

        transaction.on_commit(remove_files)
