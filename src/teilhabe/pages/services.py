"""State changes behind the portal: the legal pages (written by Koordination) and barrier reports
(sent by anyone). Views and commands call these; nothing else writes these models."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.pages.models import BarrierReport, LegalPage
from teilhabe.pages.permissions import EDIT_PAGES

LEGAL_PAGE_FIELDS = ("title", "body")


def _conflict_message() -> str:
    return _("Diese Seite wurde inzwischen von jemand anderem gespeichert. Ihre Änderungen wurden nicht "
             "übernommen – bitte laden Sie die Seite neu und tragen Sie sie erneut ein.")


def edit_stamp(page: LegalPage | None) -> str:
    """What the editor saw when the form was opened: empty for a page not written yet."""
    return page.updated_at.isoformat() if page is not None else ""


def save_legal_page(
    *, actor: Actor, municipality: Municipality, kind: str, language: str, title: str, body: str,
    expected_stamp: str,
) -> LegalPage:
    """Create or update one legal page. `expected_stamp` is edit_stamp() of the page as it was shown:
    if someone saved in between, nothing is written and the editor is told."""
    authorize(actor, EDIT_PAGES, municipality)
    if kind not in LegalPage.Kind.values:
        raise ServiceError(_("Diese Art von Seite gibt es nicht."))
    if language not in municipality.content_languages:
        raise ServiceError(_("Diese Sprache ist für das Portal der Kommune nicht freigeschaltet."))
    with transaction.atomic():
        page = (
            LegalPage.objects.of(municipality).select_for_update().filter(kind=kind, language=language).first()
        )
        if edit_stamp(page) != expected_stamp:
            raise ServiceError(_conflict_message())
        before = audit.snapshot(page, LEGAL_PAGE_FIELDS) if page else {}
        if page is None:
            page = LegalPage(municipality=municipality, kind=kind, language=language)
        page.title = title.strip()
        page.body = body.strip()
        page.full_clean()
        after = audit.snapshot(page, LEGAL_PAGE_FIELDS)
        changes = audit.diff(before, after)
        if not changes:
            return page
        created = page.pk is None
        try:
            with transaction.atomic():
                page.save()
        except IntegrityError:  # two first versions at once: the other one won
            raise ServiceError(_conflict_message()) from None
        with translation.override(settings.LANGUAGE_CODE):  # the trail is data, kept in German
            label = f"{LegalPage.Kind(kind).label} ({language})"
        audit.record(
            actor=actor, municipality=municipality,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=page, changes=changes, label=label,
        )
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
                     label=f"Barrieremeldung Nr. {report.pk}")
    return report
