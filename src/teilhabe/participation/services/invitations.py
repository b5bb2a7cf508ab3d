"""Inviting a meeting's body: the state changes here (invited_at, the state, the news for subscribers); the
mails go out afterwards in the background (participation.tasks.send_invitation_task) with the invitation PDF
and an .ics attached. Whoever runs the body's meetings invites (RUN_MEETINGS; Moderation for their bodies)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import update_audited
from teilhabe.participation.models import Meeting, News
from teilhabe.participation.permissions import RUN_MEETINGS
from teilhabe.participation.services.meetings import meeting_path
from teilhabe.participation.services.news import record_news

logger = logging.getLogger(__name__)


def recipients(meeting: Meeting, *, today: dt.date | None = None) -> list[tuple[str, str]]:
    """(name, e-mail) of the body's current members who have an address — their account's, else the one
    entered for them — once per address, in the body's order. Uses prefetched members and users."""
    if meeting.body is None:
        return []
    today = today or timezone.localdate()
    found: dict[str, tuple[str, str]] = {}
    for member in meeting.body.members.all():
        if member.active_until is not None and member.active_until < today:
            continue
        email = (member.user.email if member.user is not None and member.user.email else member.email).strip()
        if email and email.lower() not in found:
            found[email.lower()] = (member.display_name, email)
    return list(found.values())


def invite(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    """Send the invitation: the meeting becomes "eingeladen" (a meeting invited again keeps its state and gets
    a new invited_at), subscribers hear of a public one, and the mails are queued once this commits. Refused for a
    cancelled or past meeting, and when nobody can be invited (no member with an e-mail, not public)."""
    from teilhabe.participation import tasks

    authorize(actor, RUN_MEETINGS, meeting)
    now = timezone.now()
    if meeting.state == Meeting.State.CANCELLED:
        raise ServiceError(_("Die Sitzung ist abgesagt; eine Einladung ist nicht mehr möglich."))
    if meeting.ends_at < now or meeting.state == Meeting.State.HELD:
        raise ServiceError(_("Die Sitzung ist schon vorbei; eine Einladung ist nicht mehr möglich."))
    addresses = recipients(meeting)
    if not addresses and not meeting.is_public:
        raise ServiceError(_("Niemand kann eingeladen werden: Kein Mitglied des Gremiums hat eine "
                             "E-Mail-Adresse, und die Sitzung ist nicht öffentlich."))
    state = Meeting.State.INVITED if meeting.state == Meeting.State.PLANNED else meeting.state
    with transaction.atomic():
        meeting = update_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                 values={"invited_at": now, "state": state}, audit_fields=["state", "invited_at"])
        if meeting.is_public:  # subscribers hear only of what the public may see
            record_news(municipality=meeting.municipality, kind=News.Kind.MEETING,
                        text=_("Einladung: %(title)s") % {"title": meeting.title},
                        url=meeting_path(meeting), body=meeting.body,
                        field_titles=[f.title for f in meeting.fields_of_action.all()], meeting=meeting)
        municipality_id, meeting_id = meeting.municipality_id, meeting.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_invitation_task, municipality_id, meeting_id))
    logger.info("Sitzung %s: Einladung an %d Adresse(n) eingeplant", meeting.pk, len(addresses))
    return meeting

