"""The mail when a feed that worked stops working: to the members of its organisation and to Koordination.
Plain text, in German, from templates/calendar/mail/. A mail server that is down is logged, never raised."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.calendar.models import EventFeed
from teilhabe.core.models import Membership
from teilhabe.core.roles import Role

logger = logging.getLogger(__name__)
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def recipients(feed: EventFeed) -> list[str]:
    """Koordination and the organisation's editors (Organisationsredaktion of the feed's organisation); one query."""
    addresses = (Membership.objects.filter(municipality_id=feed.municipality_id)
                 .filter(Q(role=Role.KOORDINATION) | Q(role=Role.ORGANISATION, organisations=feed.organisation_id))
                 .exclude(user__email="").filter(user__is_active=True)
                 .values_list("user__email", flat=True).distinct())
    return sorted({address.strip().lower() for address in addresses if address and address.strip()})


def feed_url(feed: EventFeed) -> str:
    try:
        path = reverse("backoffice:eventfeed_detail", kwargs={"municipality": feed.municipality.slug, "pk": feed.pk})
    except NoReverseMatch:
        path = f"/{feed.municipality.slug}/intern/"
    return settings.TEILHABE_BASE_URL + path


def mail_failure(feed: EventFeed) -> int:
    """Send the failure mail; how many went out."""
    to = recipients(feed)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("calendar/mail/feed_failed.txt", {
            "feed": feed, "municipality": feed.municipality, "url": feed_url(feed)}).strip() + "\n"
        subject = _("Kalender von „%(organisation)s“ konnte nicht übernommen werden") % {
            "organisation": feed.organisation.name}
    sent = 0
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS:
        logger.exception("Kalender-Abonnement %s: Mailserver nicht erreichbar", feed.pk)
        return 0
    try:
        for address in to:
            message = EmailMessage(subject=subject.replace("\n", " ")[:200], body=body, to=[address],
                                   connection=connection)
            try:
                sent += message.send()
            except MAIL_ERRORS:
                logger.exception("Kalender-Abonnement %s: E-Mail an %s nicht gesendet", feed.pk, address)
    finally:
        try:
            connection.close()
        except MAIL_ERRORS:
            logger.warning("Kalender-Abonnement %s: Verbindung zum Mailserver nicht sauber geschlossen", feed.pk)
    return sent
