"""Public registration for a meeting: the least personal data (name, e-mail; organisation and support needs
only if given), with the consent given in words that name the day the data is deleted. Nobody logs in; the
portal passes the municipality from the URL and the meeting id from the form, so a forged id of another
municipality's meeting finds nothing. A confirmation mail carries a one-click cancellation link.

Registrations are not written to the audit trail: it would keep the names and addresses beyond their
retention. `purge_expired` (the periodic task, `teilhabe purge-registrations`) deletes them when their day
has come."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.core.models import Municipality, User
from teilhabe.participation.models import Meeting, Registration

logger = logging.getLogger(__name__)


def delete_after(meeting: Meeting) -> dt.date:
    """The day a registration's data goes: the meeting's last day plus its retention period."""
    return timezone.localtime(meeting.ends_at).date() + dt.timedelta(days=meeting.retention_days)


def consent_text(meeting: Meeting) -> str:
    """What a person consents to, stored with the registration as they saw it."""
    return _("Ich willige ein, dass %(municipality)s meinen Namen, meine E-Mail-Adresse und meine freiwilligen "
             "Angaben speichert, um die Veranstaltung „%(title)s“ zu organisieren und mich dazu zu benachrichtigen. "
             "Die Angaben werden nicht weitergegeben und am %(day)s gelöscht (%(days)d Tage nach der "
             "Veranstaltung). Ich kann die Anmeldung jederzeit über den Link in der Bestätigung zurückziehen; "
             "dann werden die Angaben sofort gelöscht.") % {
        "municipality": meeting.municipality.name, "title": meeting.title,
        "day": date_format(delete_after(meeting), "j. F Y"), "days": meeting.retention_days}


def registration_closed_reason(meeting: Meeting, *, now: dt.datetime | None = None) -> str:
    """Why nobody can register (empty: they can), without counting places."""
    now = now or timezone.now()
    if not meeting.is_public or not meeting.registration_open:
        return _("Für diese Veranstaltung ist keine Anmeldung möglich.")
    if meeting.state == Meeting.State.CANCELLED:
        return _("Die Veranstaltung ist abgesagt.")
    if meeting.starts_at <= now or meeting.state == Meeting.State.HELD:
        return _("Die Veranstaltung hat schon begonnen; eine Anmeldung ist nicht mehr möglich.")
    if meeting.registration_deadline is not None and timezone.localtime(now).date() > meeting.registration_deadline:
        return _("Der Anmeldeschluss (%(day)s) ist vorbei.") % {
            "day": date_format(meeting.registration_deadline, "j. F Y")}
    return ""


def register(*, municipality: Municipality, meeting_id: int, name: str, email: str, organisation_name: str = "",
             needs: str = "", consent: bool, user: User | None = None,
             now: dt.datetime | None = None, keep_informed: bool = False, language: str = "de") -> Registration:
    """Register for a public meeting. Refused with a German message (nothing stored): an unknown meeting or
    one of another municipality, registration closed, past the deadline, cancelled, full, no consent, an
    e-mail address already registered. The confirmation mail is queued once this commits. `keep_informed`
    subscribes the participant to the meeting's body (its public one; otherwise to the whole process) with the
    subscriptions' double opt-in — registering does not confirm an address."""
    from teilhabe.participation import tasks

    now = now or timezone.now()
    email = (email or "").strip()
    if not consent:
        raise ValidationError({"consent": _("Ohne Ihre Einwilligung können wir die Anmeldung nicht speichern.")})
    with transaction.atomic():
        # The lock serialises registrations for one meeting, so the last place is given once.
        meeting = (Meeting.objects.select_for_update().select_related("municipality")
                   .filter(municipality=municipality, pk=meeting_id, is_public=True).first())
        if meeting is None:
            raise ValidationError(_("Diese Veranstaltung gibt es nicht."))
        reason = registration_closed_reason(meeting, now=now)
        if reason:
            raise ValidationError(reason)
        registered = Registration.objects.filter(meeting=meeting)
        if registered.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("Mit dieser E-Mail-Adresse ist schon jemand angemeldet. Wenn Sie "
                                              "die Bestätigung nicht finden, schreiben Sie bitte den "
                                              "Veranstaltenden.")})
        if meeting.capacity is not None and registered.count() >= meeting.capacity:
            raise ValidationError(_("Die Veranstaltung ist ausgebucht: Alle %(n)d Plätze sind vergeben.")
                                  % {"n": meeting.capacity})
        registration = Registration(
            municipality=municipality, meeting=meeting, name=(name or "").strip(), email=email,
            organisation_name=(organisation_name or "").strip(), needs=(needs or "").strip(),
            user=user if user is not None and user.is_authenticated else None,
            consent_text=consent_text(meeting), consented_at=now, delete_after=delete_after(meeting),
            cancel_token=secrets.token_urlsafe(32))
        registration.full_clean(exclude=["meeting", "municipality", "user"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same address at the same moment
            raise ValidationError({"email": _("Mit dieser E-Mail-Adresse ist schon jemand angemeldet.")}) from error
        ids = (municipality.pk, registration.pk)
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_registration_confirmation_task, *ids))
        if keep_informed:
            _subscribe_participant(meeting, email, language)
    return registration


def _subscribe_participant(meeting: Meeting, email: str, language: str) -> None:
    from teilhabe.participation.services import subscriptions

    body = meeting.body if meeting.body is not None and meeting.body.is_public else None
    subscriptions.subscribe(
        municipality=meeting.municipality, email=email, language=language, body=body,
        topic=subscriptions.Topic.BODY if body is not None else subscriptions.Topic.ALL)


def cancel(*, municipality: Municipality, token: str) -> Meeting | None:
    """Withdraw a registration by its link: the data is deleted at once. The meeting it was for, or None for
    an unknown (or already used) link."""
    if not token or len(token) > 64:
        return None
    with transaction.atomic():
        registration = (Registration.objects.select_related("meeting").select_for_update(of=("self",))
                        .filter(municipality=municipality, cancel_token=token).first())
        if registration is None:
            return None
        meeting = registration.meeting
        registration.delete()
    return meeting


def purge_expired(*, municipality: Municipality, today: dt.date | None = None) -> int:
    """Delete the registrations whose day of deletion has come. How many."""
    today = today or timezone.localdate()
    deleted, _counts = Registration.objects.filter(municipality=municipality, delete_after__lte=today).delete()
    if deleted:
        logger.info("%s: %d Anmeldung(en) nach Ablauf der Speicherfrist gelöscht", municipality.slug, deleted)
    return deleted
