"""Mails of the inventory of offers: reminders before a round's deadline to every organisation that has not
answered yet. Sent in German (the organisations' contact people get the back office's language)."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import selectors
from teilhabe.directory.models import InventoryRound

logger = logging.getLogger(__name__)
MAIL_ERRORS = (OSError, smtplib.SMTPException)
REMINDER_HOUR = 7  # reminders scheduled by the task go out at 7:00 local time


@dataclass
class ReminderResult:
    mails: int = 0
    failed: int = 0
    rounds: list[int] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def reminder_due(round_: InventoryRound, today: dt.date) -> bool:
    return (round_.state == InventoryRound.State.OPEN and round_.remind_days_before > 0
            and round_.reminded_before_at is None
            and round_.deadline - dt.timedelta(days=round_.remind_days_before) <= today <= round_.deadline)


def reminder_moment(round_: InventoryRound) -> dt.datetime | None:
    """When the round's reminder falls due (7:00 local time), or None without a reminder."""
    if round_.remind_days_before <= 0:
        return None
    day = round_.deadline - dt.timedelta(days=round_.remind_days_before)
    return dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=timezone.get_current_timezone())


def _answer_url(municipality: Municipality, round_: InventoryRound, base_url: str) -> str:
    path = reverse("backoffice:inventory_detail", kwargs={"municipality": municipality.slug, "pk": round_.pk})
    return base_url.rstrip("/") + path


def send_due_reminders(municipality: Municipality, *, now: dt.datetime | None = None,
                       base_url: str = "") -> ReminderResult:
    """Remind, once per round, every organisation of an open round that has not answered, when the reminder
    is due. One mail per address. The round is claimed first, so that a second run at the same time sends
    nothing; if no mail reached anyone, the claim is given back and the next run tries again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = ReminderResult()
    base_url = base_url or getattr(settings, "TEILHABE_BASE_URL", "")
    with municipality_scope(municipality):
        due = [r for r in InventoryRound.objects.filter(state=InventoryRound.State.OPEN) if reminder_due(r, today)]
        for round_ in due:
            if not InventoryRound.objects.filter(pk=round_.pk, reminded_before_at__isnull=True).update(
                    reminded_before_at=now):
                continue
            pending = selectors.pending_organisations(round_)
            addresses = selectors.contact_addresses([o.pk for o in pending])
            messages = []
            for organisation in pending:
                for address in addresses.get(organisation.pk, []):
                    messages.append(_reminder(municipality, round_, organisation.name, address, today, base_url))
            sent = _send(messages, f"Bestandsaufnahme {round_.pk}")
            if messages and not any(sent):
                InventoryRound.objects.filter(pk=round_.pk).update(reminded_before_at=None)
                result.failed += len(sent)
                continue
            result.rounds.append(round_.pk)
            result.mails += sum(sent)
            result.failed += len(sent) - sum(sent)
            result.recipients += [m.to[0] for m, ok in zip(messages, sent, strict=True) if ok]
    return result


def _reminder(municipality: Municipality, round_: InventoryRound, organisation: str, address: str,
              today: dt.date, base_url: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Erinnerung: Bestandsaufnahme der Angebote bis %(deadline)s – %(municipality)s") % {
            "deadline": round_.deadline.strftime("%d.%m.%Y"), "municipality": municipality.name}
        body = render_to_string("directory/mail/inventory_reminder.txt", {
            "municipality": municipality, "round": round_, "organisation": organisation,
            "days_left": (round_.deadline - today).days, "url": _answer_url(municipality, round_, base_url),
        }).strip() + "\n"
    return EmailMessage(subject=subject[:200], body=body, to=[address])


def _send(messages: Sequence[EmailMessage], what: str) -> list[bool]:
    """Send each message; a failure is logged and does not stop the others."""
    if not messages:
        return []
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS:
        logger.exception("%s: Verbindung zum Mailserver fehlgeschlagen", what)
        return [False] * len(messages)
    sent = []
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
