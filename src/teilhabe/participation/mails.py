"""Mails of participation meetings, in German: the invitation to a body's members (text and HTML, the
invitation PDF and an .ics attached) and the confirmation of a public registration with its one-click
cancellation link. Sent by the tasks in participation.tasks; one failed address does not stop the others."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.participation import documents
from teilhabe.participation.models import Meeting, Registration

logger = logging.getLogger(__name__)
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def absolute(path: str, base_url: str | None = None) -> str:
    return (base_url if base_url is not None else settings.TEILHABE_BASE_URL).rstrip("/") + path


def registration_url(meeting: Meeting) -> str:
    return reverse("portal:participation_registrations_form",
                   kwargs={"municipality": meeting.municipality.slug, "pk": meeting.pk})


def ics_url(meeting: Meeting) -> str:
    return reverse("portal:participation_registrations_ics",
                   kwargs={"municipality": meeting.municipality.slug, "pk": meeting.pk})


def cancel_url(registration: Registration) -> str:
    return reverse("portal:participation_registrations_cancel",
                   kwargs={"municipality": registration.municipality.slug, "token": registration.cancel_token})


def _context(meeting: Meeting, **extra: Any) -> dict[str, Any]:
    return {"meeting": meeting, "municipality": meeting.municipality, "when": documents.when(meeting),
            "where": documents.where(meeting), "agenda": documents.plain(meeting.agenda),
            "description": documents.plain(meeting.description), **extra}


def _render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"participation/mail/{name}.txt", context).strip() + "\n"
        html = render_to_string(f"participation/mail/{name}.html", context)
    return text, html


def send_all(messages: Sequence[EmailMultiAlternatives], what: str) -> list[bool]:
    """Send each message over one connection; a failure is logged and does not stop the others."""
    if not messages:
        return []
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS:
        logger.exception("%s: Verbindung zum Mailserver fehlgeschlagen, %d E-Mail(s) nicht gesendet",
                         what, len(messages))
        return [False] * len(messages)
    sent: list[bool] = []
    try:
        for message in messages:
            message.connection = connection
            try:
                sent.append(bool(message.send()))
            except MAIL_ERRORS:
                logger.exception("%s: E-Mail an %s nicht gesendet", what, ", ".join(message.to))
                sent.append(False)
    finally:
        try:
            connection.close()
        except MAIL_ERRORS:
            logger.warning("%s: Verbindung zum Mailserver nicht sauber geschlossen", what)
    return sent


def invitation_messages(meeting: Meeting, recipients: Sequence[tuple[str, str]], *,
                        base_url: str | None = None) -> list[EmailMultiAlternatives]:
    """One invitation per address (name, e-mail): the same text, the PDF and the .ics attached."""
    if not recipients:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        pdf = documents.invitation_pdf(meeting)
        ics = documents.to_ics([meeting], name=meeting.title, method="PUBLISH")
        subject = _("Einladung: %(title)s am %(day)s") % {
            "title": meeting.title, "day": date_format(timezone.localtime(meeting.starts_at), "j. F Y")}
    link = absolute(registration_url(meeting), base_url) if meeting.is_public and meeting.registration_open else ""
    messages = []
    for name, email in recipients:
        text, html = _render("invitation", _context(meeting, name=name, registration_link=link))
        message = EmailMultiAlternatives(subject=subject.replace("\n", " ")[:200], body=text, to=[email])
        message.attach_alternative(html, "text/html")
        message.attach(documents.filename(meeting, "einladung"), pdf, "application/pdf")
        message.attach("einladung.ics", ics, "text/calendar")
        messages.append(message)
    return messages


def registration_confirmation(registration: Registration, *, base_url: str | None = None) -> EmailMultiAlternatives:
    meeting = registration.meeting
    context = _context(meeting, registration=registration, cancel_link=absolute(cancel_url(registration), base_url))
    text, html = _render("registration", context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Anmeldung bestätigt: %(title)s") % {"title": meeting.title}
        ics = documents.to_ics([meeting], name=meeting.title)
    message = EmailMultiAlternatives(subject=subject.replace("\n", " ")[:200], body=text, to=[registration.email])
    message.attach_alternative(html, "text/html")
    message.attach("termin.ics", ics, "text/calendar")
    return message
