"""Meetings: plan, change, cancel and mark held; their parallel sessions (one at a time or in bulk: focus
groups × rounds, World Café tables × rounds); attendance as counts; minutes, decisions and their publication.

Moderation holds RUN_MEETINGS only for the meetings of their own bodies (the guard checks the meeting, and a
new or moved meeting's body). Subscribers hear of new public meetings, cancellations, published minutes and
decisions (record_news, inside the same transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality
from teilhabe.core.richtext import sanitize, validate_accessible
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, save_keyed_audited, update_audited
from teilhabe.participation.models import Attendance, Body, Decision, Meeting, MeetingSession, News
from teilhabe.participation.permissions import RUN_MEETINGS
from teilhabe.participation.services.news import record_news

MEETING_FIELDS = (
    "title", "kind", "body", "fields_of_action", "starts_at", "ends_at", "format", "place", "online_url",
    "description", "agenda", "is_public", "registration_open", "capacity", "registration_deadline",
    "retention_days",
)
MEETING_AUDIT_FIELDS = (*MEETING_FIELDS, "state", "minutes", "minutes_published_at")
SESSION_FIELDS = ("title", "body", "field_of_action", "round", "table", "moderator_name", "results", "position")
ATTENDANCE_FIELDS = ("total", *Attendance.GENDER_FIELDS, *Attendance.ORGANISATION_FIELDS)
DECISION_FIELDS = ("text", "responsible", "due_on", "status", "position")
RICH_MEETING_FIELDS = ("description", "agenda")
MAX_SESSIONS = 200
MAX_COUNT = 100_000


def _trail(fn: Any) -> Any:
    """Labels in the audit trail and news are data, kept in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return fn()


def meeting_path(meeting: Meeting) -> str:
    """The meeting's public page (without host), for news and digests."""
    return f"/{meeting.municipality.slug}/beteiligung/sitzungen/{meeting.pk}/"


def _rich(value: Any, field: str) -> str:
    html = sanitize(str(value or ""))
    try:
        validate_accessible(html)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return html


def _clean_meeting(values: Mapping[str, Any], municipality_id: int) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    for name in ("title", "place"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    for name in RICH_MEETING_FIELDS:
        if name in cleaned:
            cleaned[name] = _rich(cleaned[name], name)
    if "fields_of_action" in cleaned:
        cleaned["fields_of_action"] = list(cleaned["fields_of_action"] or [])
        if any(f.municipality_id != municipality_id for f in cleaned["fields_of_action"]):
            raise ValidationError({"fields_of_action": _("Bitte wählen Sie Handlungsfelder aus der Liste.")})
    body = cleaned.get("body")
    if body is not None and body.municipality_id != municipality_id:
        raise ValidationError({"body": _("Bitte wählen Sie ein Gremium aus der Liste.")})
    if "kind" in cleaned and cleaned["kind"] not in Meeting.Kind.values:
        raise ValidationError({"kind": _("Diese Art von Sitzung gibt es nicht.")})
    if "format" in cleaned and cleaned["format"] not in Meeting.Format.values:
        raise ValidationError({"format": _("Diese Form gibt es nicht.")})
    return cleaned


MAX_UTC_OFFSET = dt.timedelta(hours=14)  # the largest offset in use (Kiribati); databases refuse far larger ones


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value is None:
            continue
        offset = value.utcoffset()
        if not 1900 <= value.year <= 2200 or (offset is not None and abs(offset) > MAX_UTC_OFFSET):
            raise ValidationError({field: _("Bitte geben Sie ein Datum zwischen 1900 und 2200 mit einer gültigen "
                                            "Zeitzone an.")})
    if starts_at is not None and ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": _("Das Ende darf nicht vor dem Beginn liegen.")})


def _check_body_for(actor: Actor, body: Body | None) -> None:
    """Moderation plans meetings only for their own bodies: a meeting without a body is Koordination's."""
    if body is None and not actor.holds_fully(RUN_MEETINGS):
        raise ValidationError({"body": _("Bitte wählen Sie eines Ihrer Gremien.")})


def _when(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")


def _fields_of(meeting: Meeting) -> list[str]:
    return [f.title for f in meeting.fields_of_action.all()]


def create_meeting(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Meeting:
    cleaned = _clean_meeting(values, municipality.pk)
    authorize(actor, RUN_MEETINGS, municipality, cleaned.get("body"))
    _check_body_for(actor, cleaned.get("body"))
    _check_times(cleaned.get("starts_at"), cleaned.get("ends_at"))
    with transaction.atomic():
        meeting = _trail(lambda: create_audited(actor=actor, model=Meeting,
                                                values={"municipality": municipality, **cleaned},
                                                audit_fields=MEETING_AUDIT_FIELDS))
        if meeting.is_public:
            _trail(lambda: record_news(
                municipality=municipality, kind=News.Kind.MEETING, meeting=meeting, body=meeting.body,
                text=_("Neue Sitzung: %(title)s am %(date)s") % {"title": meeting.title, "date": _when(meeting)},
                url=meeting_path(meeting), field_titles=_fields_of(meeting)))
    return meeting


def update_meeting(*, actor: Actor, meeting: Meeting, expected_version: int, values: Mapping[str, Any]) -> Meeting:
    cleaned = _clean_meeting(values, meeting.municipality_id)
    authorize(actor, RUN_MEETINGS, meeting)
    if "body" in cleaned:
        authorize(actor, RUN_MEETINGS, cleaned["body"])
        _check_body_for(actor, cleaned["body"])
    _check_times(cleaned.get("starts_at", meeting.starts_at), cleaned.get("ends_at", meeting.ends_at))
    if meeting.state == Meeting.State.CANCELLED:
        raise ServiceError(_("Die Sitzung ist abgesagt und kann nicht mehr geändert werden."))
    return _trail(lambda: update_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                         values=cleaned, audit_fields=MEETING_AUDIT_FIELDS))


def cancel_meeting(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    authorize(actor, RUN_MEETINGS, meeting)
    if meeting.state == Meeting.State.HELD:
        raise ServiceError(_("Die Sitzung hat schon stattgefunden und kann nicht abgesagt werden."))
    with transaction.atomic():
        meeting = _trail(lambda: update_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                                values={"state": Meeting.State.CANCELLED},
                                                audit_fields=MEETING_AUDIT_FIELDS))
        if meeting.is_public:
            _trail(lambda: record_news(
                municipality=meeting.municipality, kind=News.Kind.MEETING, meeting=meeting, body=meeting.body,
                text=_("Abgesagt: %(title)s am %(date)s") % {"title": meeting.title, "date": _when(meeting)},
                url=meeting_path(meeting), field_titles=_fields_of(meeting)))
    return meeting


def mark_held(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    authorize(actor, RUN_MEETINGS, meeting)
    if meeting.state == Meeting.State.CANCELLED:
        raise ServiceError(_("Die Sitzung ist abgesagt."))
    if meeting.starts_at > timezone.now():
        raise ServiceError(_("Die Sitzung hat noch nicht begonnen."))
    return _trail(lambda: update_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                         values={"state": Meeting.State.HELD}, audit_fields=MEETING_AUDIT_FIELDS))


def delete_meeting(*, actor: Actor, meeting: Meeting, expected_version: int) -> None:
    """Delete a meeting entered by mistake: only while nothing hangs on it (otherwise cancel it)."""
    authorize(actor, RUN_MEETINGS, meeting)
    if meeting.state == Meeting.State.HELD or meeting.proposals.exists() or meeting.registrations.exists():
        raise ServiceError(_("Die Sitzung hat schon Anmeldungen, Vorschläge oder hat stattgefunden; bitte sagen "
                             "Sie sie ab, statt sie zu löschen."))
    _trail(lambda: delete_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                  audit_fields=MEETING_AUDIT_FIELDS))


# --- sessions -----------------------------------------------------------------------------------------------


def _clean_session(meeting: Meeting, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in SESSION_FIELDS}
    for name in ("title", "table", "moderator_name"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    if "results" in cleaned:
        cleaned["results"] = _rich(cleaned["results"], "results")
    for name in ("body", "field_of_action"):
        related = cleaned.get(name)
        if related is not None and related.municipality_id != meeting.municipality_id:
            raise ValidationError({name: _("Bitte wählen Sie aus der Liste.")})
    if "round" in cleaned and not 1 <= int(cleaned["round"] or 0) <= 50:
        raise ValidationError({"round": _("Die Runde muss zwischen 1 und 50 liegen.")})
    return cleaned


def add_session(*, actor: Actor, meeting: Meeting, values: Mapping[str, Any]) -> MeetingSession:
    authorize(actor, RUN_MEETINGS, meeting)
    cleaned = _clean_session(meeting, values)
    if meeting.sessions.count() >= MAX_SESSIONS:
        raise ServiceError(_("Eine Sitzung hat höchstens %(n)s Teilsitzungen.") % {"n": MAX_SESSIONS})
    return _trail(lambda: create_audited(
        actor=actor, model=MeetingSession,
        values={"municipality_id": meeting.municipality_id, "meeting": meeting, **cleaned},
        audit_fields=SESSION_FIELDS))


def create_sessions(*, actor: Actor, meeting: Meeting, titles: Sequence[str], rounds: int = 1,
                    tables: Sequence[str] = (), bodies: Sequence[Body | None] = ()) -> list[MeetingSession]:
    """Parallel sessions in bulk: one per title and round (four focus groups in a round; World Café tables
    × rounds). `tables` names the table or room of each title, `bodies` the body meeting there (same order)."""
    authorize(actor, RUN_MEETINGS, meeting, [b for b in bodies if b is not None])
    titles = [t.strip() for t in titles if t and t.strip()]
    if not titles:
        raise ValidationError({"titles": _("Bitte nennen Sie mindestens eine Teilsitzung.")})
    if not 1 <= rounds <= 50:
        raise ValidationError({"rounds": _("Die Zahl der Runden muss zwischen 1 und 50 liegen.")})
    existing = meeting.sessions.count()
    if existing + len(titles) * rounds > MAX_SESSIONS:
        raise ServiceError(_("Eine Sitzung hat höchstens %(n)s Teilsitzungen.") % {"n": MAX_SESSIONS})
    created = []
    with transaction.atomic():
        for round_number in range(1, rounds + 1):
            for position, title in enumerate(titles):
                values = {"title": title, "round": round_number, "position": position,
                          "table": tables[position] if position < len(tables) else "",
                          "body": bodies[position] if position < len(bodies) else None}
                created.append(add_session(actor=actor, meeting=meeting, values=values))
    return created


def update_session(*, actor: Actor, session: MeetingSession, expected_version: int,
                   values: Mapping[str, Any]) -> MeetingSession:
    authorize(actor, RUN_MEETINGS, session.meeting)
    cleaned = _clean_session(session.meeting, values)
    return _trail(lambda: update_audited(actor=actor, obj=session, expected_version=expected_version,
                                         values=cleaned, audit_fields=SESSION_FIELDS))


def delete_session(*, actor: Actor, session: MeetingSession, expected_version: int) -> None:
    authorize(actor, RUN_MEETINGS, session.meeting)
    _trail(lambda: delete_audited(actor=actor, obj=session, expected_version=expected_version,
                                  audit_fields=SESSION_FIELDS))


# --- attendance ---------------------------------------------------------------------------------------------


def _clean_attendance(values: Mapping[str, Any]) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for name in ATTENDANCE_FIELDS:
        raw = values.get(name, 0)
        try:
            number = int(raw if raw not in (None, "") else 0)
        except (TypeError, ValueError):
            raise ValidationError({name: _("Bitte geben Sie eine ganze Zahl an.")}) from None
        if not 0 <= number <= MAX_COUNT:
            raise ValidationError({name: _("Bitte geben Sie eine Zahl zwischen 0 und %(max)s an.")
                                   % {"max": MAX_COUNT}})
        cleaned[name] = number
    total = cleaned["total"]
    genders = sum(cleaned[n] for n in Attendance.GENDER_FIELDS)
    if genders > total:
        raise ValidationError({"total": _(
            "Frauen, Männer und divers ergeben zusammen %(parts)s — mehr als die %(total)s Teilnehmenden "
            "insgesamt. Bitte prüfen Sie die Zahlen.") % {"parts": genders, "total": total}})
    kinds = sum(cleaned[n] for n in Attendance.ORGANISATION_FIELDS)
    if kinds > total:
        raise ValidationError({"total": _(
            "Die Zahlen nach Art der Organisation ergeben zusammen %(parts)s — mehr als die %(total)s "
            "Teilnehmenden insgesamt. Bitte prüfen Sie die Zahlen.") % {"parts": kinds, "total": total}})
    return cleaned


def record_attendance(*, actor: Actor, meeting: Meeting, values: Mapping[str, Any], expected_version: int = 0,
                      session: MeetingSession | None = None) -> Attendance:
    """Record (or correct) the counts of who came, for the whole meeting or one of its sessions. The parts by
    gender and by kind of organisation may not exceed the total (the rest is "not stated").
    `expected_version` is the version the form showed, 0 when nothing was recorded yet."""
    authorize(actor, RUN_MEETINGS, meeting)
    if session is not None and session.meeting_id != meeting.pk:
        raise ValidationError({"session": _("Diese Teilsitzung gehört nicht zu der Sitzung.")})
    if meeting.state == Meeting.State.CANCELLED:
        raise ServiceError(_("Die Sitzung ist abgesagt."))
    cleaned = _clean_attendance(values)
    label = f"{_trail(lambda: _('Teilnahme'))}: {session or meeting}"
    return save_keyed_audited(
        actor=actor, model=Attendance,
        key={"municipality_id": meeting.municipality_id, "meeting": meeting, "session": session},
        expected_version=expected_version, values=cleaned, audit_fields=ATTENDANCE_FIELDS, label=label)


# --- minutes and decisions ----------------------------------------------------------------------------------


def write_minutes(*, actor: Actor, meeting: Meeting, expected_version: int, minutes: str) -> Meeting:
    """Write or correct the minutes (rich text, sanitised). Published minutes stay published."""
    authorize(actor, RUN_MEETINGS, meeting)
    html = _rich(minutes, "minutes")
    return _trail(lambda: update_audited(actor=actor, obj=meeting, expected_version=expected_version,
                                         values={"minutes": html}, audit_fields=MEETING_AUDIT_FIELDS))


def publish_minutes(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    """Publish the minutes and decisions (the portal shows them for public meetings; subscribers hear of it)."""
    authorize(actor, RUN_MEETINGS, meeting)
    if not meeting.minutes.strip() and not meeting.decisions.exists():
        raise ServiceError(_("Es gibt noch kein Protokoll und keine Beschlüsse zum Veröffentlichen."))
    if meeting.minutes_published_at is not None:
        raise ServiceError(_("Das Protokoll ist schon veröffentlicht."))
    with transaction.atomic():
        meeting = _trail(lambda: update_audited(
            actor=actor, obj=meeting, expected_version=expected_version,
            values={"minutes_published_at": timezone.now()}, audit_fields=MEETING_AUDIT_FIELDS))
        if meeting.is_public:
            _trail(lambda: record_news(
                municipality=meeting.municipality, kind=News.Kind.MINUTES, meeting=meeting, body=meeting.body,
                text=_("Protokoll veröffentlicht: %(title)s vom %(date)s")
                % {"title": meeting.title, "date": _when(meeting)},
                url=meeting_path(meeting), field_titles=_fields_of(meeting)))
    return meeting


def _clean_decision(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in DECISION_FIELDS}
    for name in ("text", "responsible"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    if "status" in cleaned and cleaned["status"] not in Decision.Status.values:
        raise ValidationError({"status": _("Diesen Stand gibt es nicht.")})
    return cleaned


def _decision_news(decision: Decision, text: str) -> None:
    meeting = decision.meeting
    if meeting.is_public and meeting.minutes_published_at is not None:
        record_news(municipality=meeting.municipality, kind=News.Kind.DECISION, meeting=meeting, body=meeting.body,
                    text=text, url=meeting_path(meeting), field_titles=_fields_of(meeting))


def add_decision(*, actor: Actor, meeting: Meeting, values: Mapping[str, Any]) -> Decision:
    authorize(actor, RUN_MEETINGS, meeting)
    cleaned = _clean_decision(values)
    with transaction.atomic():
        decision = _trail(lambda: create_audited(
            actor=actor, model=Decision,
            values={"municipality_id": meeting.municipality_id, "meeting": meeting, **cleaned},
            audit_fields=DECISION_FIELDS))
        _trail(lambda: _decision_news(decision, _("Beschluss (%(meeting)s): %(text)s")
                                      % {"meeting": meeting.title, "text": decision.text}))
    return decision


def update_decision(*, actor: Actor, decision: Decision, expected_version: int,
                    values: Mapping[str, Any]) -> Decision:
    """Change a decision — typically its status as it is followed up."""
    authorize(actor, RUN_MEETINGS, decision.meeting)
    cleaned = _clean_decision(values)
    before = decision.status
    with transaction.atomic():
        updated = _trail(lambda: update_audited(actor=actor, obj=decision, expected_version=expected_version,
                                                values=cleaned, audit_fields=DECISION_FIELDS))
        if updated.status != before:
            _trail(lambda: _decision_news(updated, _("Beschluss %(status)s: %(text)s") % {
                "status": updated.get_status_display(), "text": updated.text}))
    return updated


def delete_decision(*, actor: Actor, decision: Decision, expected_version: int) -> None:
    authorize(actor, RUN_MEETINGS, decision.meeting)
    if Meeting.objects.filter(pk=decision.meeting_id, minutes_published_at__isnull=False).exists():
        raise ServiceError(_("Das Protokoll ist veröffentlicht; Beschlüsse daraus werden nicht gelöscht. Setzen "
                             "Sie den Stand auf „nicht weiterverfolgt“."))
    _trail(lambda: delete_audited(actor=actor, obj=decision, expected_version=expected_version,
                                  audit_fields=DECISION_FIELDS))
