"""State changes behind the portal: the legal pages (written by Koordination) and barrier reports
(sent by anyone). Views and commands call these; nothing else writes these models."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import save_keyed_audited
from teilhabe.pages.models import BarrierReport, LegalPage
from teilhabe.pages.permissions import EDIT_PAGES

LEGAL_PAGE_FIELDS = ("title", "body")


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
    with translation.override(settings.LANGUAGE_CODE):  # the trail is data, kept in German
        label = f"{LegalPage.Kind(kind).label} ({language})"
    return save_keyed_audited(
        actor=actor, model=LegalPage, key={"municipality": municipality, "kind": kind, "language": language},
        expected_version=expected_version, values={"title": title.strip(), "body": body.strip()},
        audit_fields=LEGAL_PAGE_FIELDS, label=label,
    )


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
