"""Bodies and meetings in the REST API.

GET   /api/v1/{municipality}/bodies                     public bodies (and more by role), paginated
GET   /api/v1/{municipality}/bodies/{body_id}           one body with its members (publicly: chairs, contacts)
GET   /api/v1/{municipality}/meetings                   filters body, from, to, kind; paginated
GET   /api/v1/{municipality}/meetings/{meeting_id}      one meeting with sessions, attendance, decisions
POST  /api/v1/{municipality}/meetings                   plan a meeting (Koordination; Moderation for their bodies)
PATCH /api/v1/{municipality}/meetings/{meeting_id}      change it (`version` required, 409 on a concurrent edit)
POST  /api/v1/{municipality}/meetings/{meeting_id}/attendance   record counts (whole meeting or one session)

Reads need no login: anonymous callers see public bodies and meetings, members of the municipality (session
login) also what their role sees (Koordination, Fachstelle, Lesend: all; Moderation and body members: their
bodies'). Writes go through participation.services with the session login and CSRF token. Reads take a fixed
number of queries whatever the page size."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.participation.schemas_bodies import (
    AttendanceIn,
    AttendanceOut,
    BodyIdPath,
    BodyMemberOut,
    BodyOut,
    BodyPageOut,
    BodyQuery,
    DecisionOut,
    MeetingCreateIn,
    MeetingIdPath,
    MeetingOut,
    MeetingPageOut,
    MeetingPatchIn,
    MeetingQuery,
    MeetingSessionOut,
)
from teilhabe.api.schemas import RefOut, Slug, errors, with_api_names
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Attendance, Body, Meeting
from teilhabe.participation.permissions import RUN_MEETINGS, VIEW
from teilhabe.participation.selectors import bodies as body_selectors
from teilhabe.participation.selectors import meetings as meeting_selectors
from teilhabe.participation.services import meetings as services

router = Router(tags=["Beteiligung: Gremien und Sitzungen"])

ERRORS_PUBLIC_READ = errors(404, 422)
ERRORS_WRITE = errors(400, 401, 403, 404, 409, 422)
API_NAMES = {"body": "body_id", "session": "session_id", "is_public": "public"}


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _body_out(body: Body, *, detail: bool = False, public_view: bool = True) -> BodyOut:
    out = BodyOut(
        id=body.pk, name=body.name, kind=body.kind, kind_label=str(body.get_kind_display()), purpose=body.purpose,
        fields_of_action=[RefOut(id=f.pk, name=f.title) for f in body.fields_of_action.all()],
        active_from=_date(body.active_from), active_until=_date(body.active_until), public=body.is_public)
    if detail:
        if public_view:
            named, others = body_selectors.public_members(body)
        else:
            named, others = list(body.members.all()), 0
        out.members = [BodyMemberOut(function=m.function, name=m.display_name, organisation=m.affiliation)
                       for m in named]
        out.other_members = others
    return out


def _attendance_out(row: Attendance | None) -> AttendanceOut | None:
    if row is None:
        return None
    return AttendanceOut(version=row.version, **{n: getattr(row, n) for n in services.ATTENDANCE_FIELDS})


def _portal_url(request: HttpRequest, meeting: Meeting, place: Municipality) -> str | None:
    if not meeting.is_public or (meeting.body is not None and not meeting.body.is_public):
        return None
    return request.build_absolute_uri(reverse("portal:participation_bodies_meeting",
                                              kwargs={"municipality": place.slug, "pk": meeting.pk}))


def _meeting_out(request: HttpRequest, meeting: Meeting, place: Municipality, *, detail: bool = False,
                 internal: bool = False) -> MeetingOut:
    out = MeetingOut(
        id=meeting.pk, title=meeting.title, kind=meeting.kind, kind_label=str(meeting.get_kind_display()),
        body=RefOut(id=meeting.body.pk, name=meeting.body.name) if meeting.body is not None else None,
        starts_at=meeting.starts_at.isoformat(), ends_at=meeting.ends_at.isoformat(), format=meeting.format,
        place=meeting.place, public=meeting.is_public, state=meeting.state, version=meeting.version,
        url=_portal_url(request, meeting, place))
    if detail:
        whole, per_session = meeting_selectors.meeting_attendance(meeting)
        published = meeting.minutes_published_at is not None
        out.agenda, out.description = meeting.agenda, meeting.description
        out.minutes = meeting.minutes if (published or internal) else None
        out.sessions = [MeetingSessionOut(
            id=s.pk, title=s.title, round=s.round, table=s.table,
            body=RefOut(id=s.body.pk, name=s.body.name) if s.body is not None else None,
            attendance=_attendance_out(per_session.get(s.pk))) for s in meeting.sessions.all()]
        out.attendance = _attendance_out(whole)
        out.decisions = [DecisionOut(id=d.pk, text=d.text, responsible=d.responsible, due_on=_date(d.due_on),
                                     status=d.status) for d in meeting.decisions.all()] if (published or internal) \
            else []
    return out


def _internal(actor: Actor, obj: Any) -> bool:
    """Whether the caller sees the object as a member does (not only as the public)."""
    return actor.can(VIEW, obj) if actor.is_member else False


def _reader(request: HttpRequest) -> Actor | None:
    actor = actor_of(request)
    return actor if actor.is_member else None


@router.get("/{slug:municipality}/bodies", response={200: BodyPageOut, **ERRORS_PUBLIC_READ},
            operation_id="participation_bodies_list", summary="Gremien / bodies")
def bodies_list(request: HttpRequest, municipality: Slug, query: Query[BodyQuery]) -> BodyPageOut:
    """Die öffentlichen Gremien der Kommune, angemeldet dazu die, die Ihre Rolle sieht; seitenweise.

    The municipality's public bodies (and, logged in, those your role sees); paginated."""
    place = municipality_of(request)
    qs = body_selectors.readable_bodies(place, _reader(request))
    if query.kind:
        qs = qs.filter(kind=query.kind)
    total = qs.count()
    start = (query.page - 1) * query.page_size
    bodies = list(qs.prefetch_related("fields_of_action").order_by("name", "pk")[start:start + query.page_size])
    return BodyPageOut(count=total, items=[_body_out(b) for b in bodies])


@router.get("/{slug:municipality}/bodies/{body_id}", response={200: BodyOut, **ERRORS_PUBLIC_READ},
            operation_id="participation_body_get", summary="Ein Gremium / one body")
def body_get(request: HttpRequest, municipality: Slug, body_id: BodyIdPath) -> BodyOut:
    """Ein Gremium mit Mitgliedern: öffentlich nur Vorsitz und Ansprechpersonen mit Namen, die übrigen als
    Zahl; Mitglieder der Kommune mit Leserecht sehen alle. Ein nicht sichtbares Gremium ist nicht vorhanden.

    One body; the public sees chairs and contact persons by name and the others as a number."""
    place = municipality_of(request)
    actor = _reader(request)
    try:
        body = body_selectors.readable_bodies(place, actor).prefetch_related(
            body_selectors._members(), body_selectors._fields()).get(pk=body_id)
    except Body.DoesNotExist:
        raise Http404 from None
    return _body_out(body, detail=True, public_view=not (actor is not None and _internal(actor, body)))


def _meetings_base(request: HttpRequest, place: Municipality) -> Any:
    return meeting_selectors.readable_meetings(place, _reader(request))


@router.get("/{slug:municipality}/meetings", response={200: MeetingPageOut, **ERRORS_PUBLIC_READ},
            operation_id="participation_meetings_list", summary="Sitzungen / meetings")
def meetings_list(request: HttpRequest, municipality: Slug, query: Query[MeetingQuery]) -> MeetingPageOut:
    """Sitzungen und Veranstaltungen, neueste zuerst; Filter `body`, `kind`, `from`, `to` (Beginn, Tage).
    Ohne Anmeldung die öffentlichen.

    Meetings, newest first; filters body, kind, from, to. Anonymous callers see the public ones."""
    place = municipality_of(request)
    filters = meeting_selectors.MeetingFilters(body=query.body, kind=query.kind or "", since=query.day("from_"),
                                               until=query.day("to"))
    page = meeting_selectors.meeting_page(place, filters, query.page, per_page=query.page_size,
                                          base=_meetings_base(request, place))
    return MeetingPageOut(count=page.total, page=page.number, pages=page.num_pages,
                          items=[_meeting_out(request, m, place) for m in page.items])


def _detail(request: HttpRequest, place: Municipality, meeting_id: int) -> Meeting:
    try:
        return meeting_selectors.meeting_detail(place, meeting_id, base=_meetings_base(request, place))
    except Meeting.DoesNotExist:
        raise Http404 from None


def _detail_out(request: HttpRequest, place: Municipality, meeting: Meeting) -> MeetingOut:
    actor = _reader(request)
    return _meeting_out(request, meeting, place, detail=True,
                        internal=actor is not None and _internal(actor, meeting))


@router.get("/{slug:municipality}/meetings/{meeting_id}", response={200: MeetingOut, **ERRORS_PUBLIC_READ},
            operation_id="participation_meeting_get", summary="Eine Sitzung / one meeting")
def meeting_get(request: HttpRequest, municipality: Slug, meeting_id: MeetingIdPath) -> MeetingOut:
    """Eine Sitzung mit Tagesordnung, parallelen Teilsitzungen, Teilnahme (nur Zahlen) und – sobald
    veröffentlicht – Protokoll und Beschlüssen.

    One meeting with agenda, parallel sessions, attendance counts and, once published, minutes and decisions."""
    place = municipality_of(request)
    return _detail_out(request, place, _detail(request, place, meeting_id))


def _body_of(place: Municipality, body_id: int | None) -> Body | None:
    if body_id is None:
        return None
    body = Body.objects.of(place).prefetch_related("members").filter(pk=body_id).first()
    if body is None:
        raise ValidationError({"body_id": [_("Unbekanntes Gremium.")]})
    return body


def _values(data: dict[str, Any]) -> dict[str, Any]:
    if "public" in data:
        data["is_public"] = data.pop("public")
    return data


@router.post("/{slug:municipality}/meetings", response={201: MeetingOut, **ERRORS_WRITE}, auth=MemberSessionAuth(),
             operation_id="participation_meeting_create", summary="Sitzung planen / plan a meeting")
def meeting_create(request: HttpRequest, municipality: Slug, payload: MeetingCreateIn) -> Status[MeetingOut]:
    """Plant eine Sitzung. Koordination für jedes Gremium, Moderation nur für eigene Gremien (`body_id`
    Pflicht).

    Plans a meeting; Moderation only for their own bodies."""
    actor = require(request, RUN_MEETINGS)
    place = municipality_of(request)
    data = _values(payload.model_dump(exclude={"body_id"}))
    data["body"] = _body_of(place, payload.body_id)
    try:
        meeting = services.create_meeting(actor=actor, municipality=place, values=data)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return Status(201, _detail_out(request, place, _detail(request, place, meeting.pk)))


def _own_meeting(request: HttpRequest, place: Municipality, meeting_id: int) -> tuple[Actor, Meeting]:
    meeting = _detail(request, place, meeting_id)
    return require(request, RUN_MEETINGS, meeting), meeting


@router.patch("/{slug:municipality}/meetings/{meeting_id}", response={200: MeetingOut, **ERRORS_WRITE},
              auth=MemberSessionAuth(), operation_id="participation_meeting_update",
              summary="Sitzung ändern / change a meeting")
def meeting_update(request: HttpRequest, municipality: Slug, meeting_id: MeetingIdPath,
                   payload: MeetingPatchIn) -> MeetingOut:
    """Ändert die mitgesendeten Felder; `version` ist Pflicht (409, wenn inzwischen jemand gespeichert hat).

    Changes the fields sent; `version` is required (409 on a concurrent edit)."""
    place = municipality_of(request)
    actor, meeting = _own_meeting(request, place, meeting_id)
    data = _values(payload.model_dump(exclude_unset=True, exclude={"version"}))
    try:
        services.update_meeting(actor=actor, meeting=meeting, expected_version=payload.version, values=data)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return _detail_out(request, place, _detail(request, place, meeting_id))


@router.post("/{slug:municipality}/meetings/{meeting_id}/attendance", response={200: AttendanceOut, **ERRORS_WRITE},
             auth=MemberSessionAuth(), operation_id="participation_meeting_attendance",
             summary="Teilnahme eintragen / record attendance")
def meeting_attendance(request: HttpRequest, municipality: Slug, meeting_id: MeetingIdPath,
                       payload: AttendanceIn) -> AttendanceOut:
    """Trägt die Teilnahme als Zahlen ein (ganze Sitzung oder mit `session_id` eine Teilsitzung). Die Teile
    nach Geschlecht und nach Art der Organisation dürfen die Gesamtzahl nicht übersteigen (422). `version`:
    die gelesene Version der Zählung, 0 wenn noch keine eingetragen ist.

    Records attendance counts; parts may not exceed the total (422)."""
    place = municipality_of(request)
    actor, meeting = _own_meeting(request, place, meeting_id)
    session = None
    if payload.session_id is not None:
        session = next((s for s in meeting.sessions.all() if s.pk == payload.session_id), None)
        if session is None:
            raise ValidationError({"session_id": [_("Diese Teilsitzung gehört nicht zu der Sitzung.")]})
    values = payload.model_dump(exclude={"version", "session_id"})
    try:
        row = services.record_attendance(actor=actor, meeting=meeting, session=session,
                                         expected_version=payload.version, values=values)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    out = _attendance_out(row)
    assert out is not None
    return out
