"""The answer to an online proposal by e-mail: when a published proposal whose submitter left an address gets a
new status (answered, merged, adopted as a measure), the address receives the public answer and the link to
the proposal's page — once the change is committed, in a background task. A failing mail is logged and never
undoes the answer. Sent in German (the address carries no language)."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Proposal

logger = logging.getLogger(__name__)
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def answer_after_commit(proposal: Proposal) -> None:
    """Enqueue the mail once the transaction commits (nothing without an address or before publication)."""
    if not proposal.submitter_email or not proposal.is_public:
        return
    proposal_id, municipality_id = proposal.pk, proposal.municipality_id
    transaction.on_commit(lambda: send_proposal_answer.enqueue(proposal_id, municipality_id))


@task()
def send_proposal_answer(proposal_id: int, municipality_id: int) -> str:
    """Mail the proposal's current status and answer to its submitter; the address it went to ("" if none)."""
    from teilhabe.participation.services.proposals import public_path

    with municipality_scope(municipality_id):
        proposal = Proposal.objects.select_related("municipality", "merged_into").get(pk=proposal_id)
        if not proposal.submitter_email or not proposal.is_public:
            return ""
        with translation.override("de"):
            subject = _("Ihr Vorschlag „%(title)s“: %(status)s") % {
                "title": proposal.title[:80], "status": proposal.get_status_display()}
            body = render_to_string("participation/mail/proposal_answer.txt", {
                "proposal": proposal, "municipality": proposal.municipality,
                "url": settings.TEILHABE_BASE_URL + public_path(proposal)})
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.submitter_email]).send()
        except MAIL_ERRORS:
            logger.exception("answer to proposal %s could not be mailed", proposal.pk)
            return ""
        return proposal.submitter_email
