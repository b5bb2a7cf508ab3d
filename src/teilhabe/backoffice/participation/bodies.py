"""Bodies and meetings in the back office: the bodies (list, page, form, members), the meetings (list with
filters, page, form, parallel sessions, attendance, minutes and decisions) and their state changes.

Koordination manages everything; Moderation runs the meetings of the bodies they are members of (the object
is checked, not only the permission); body members (Gremium) read their own bodies; Fachstelle and Lesend read
all. Every write goes through participation.services."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.participation import forms_bodies as forms
from teilhabe.core import selectors as core_selectors
from teilhabe.core.cleaning import check_query
from teilhabe.core.models import Membership, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation.models import Body, BodyMember, Decision, Meeting, MeetingSession
from teilhabe.participation.permissions import MANAGE_BODIES, RUN_MEETINGS, VIEW
from teilhabe.participation.selectors import bodies as body_selectors
from teilhabe.participation.selectors import meetings as meeting_selectors
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as meeting_services
from teilhabe.plans.models import FieldOfAction

PAGE_PARAM = "seite"
MAX_PAGE = 100_000


def _url(request: TenantRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": request.municipality.slug, **kwargs})


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def _fields(request: TenantRequest) -> list[FieldOfAction]:
    return list(FieldOfAction.objects.of(request.municipality).select_related("edition")
                .order_by("-edition__pk", "position", "title"))


def _accounts(request: TenantRequest) -> list[User]:
    """The people of the municipality who may be members with an account (anyone with a membership)."""
    return [m.user for m in Membership.objects.of(request.municipality).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username")]


# --- objects and their rules ------------------------------------------------------------------------------


def _body(request: TenantRequest, pk: int, perm: Any = VIEW) -> Body:
    try:
        body = body_selectors.body_for_edit(request.municipality, pk)
    except Body.DoesNotExist:
        raise Http404 from None
    if not request.actor.can(perm, body):
        raise PermissionDenied
    return body


def _meeting(request: TenantRequest, pk: int, perm: Any = RUN_MEETINGS) -> Meeting:
    try:
        meeting = meeting_selectors.meeting_for_edit(request.municipality, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not request.actor.can(perm, meeting):
        raise PermissionDenied
    return meeting


def _member(request: TenantRequest, pk: int) -> BodyMember:
    member = BodyMember.objects.of(request.municipality).select_related("body", "user", "organisation") \
        .filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def _session(request: TenantRequest, pk: int) -> MeetingSession:
    session = MeetingSession.objects.of(request.municipality).filter(pk=pk).first()
    if session is None:
        raise Http404
    session.meeting = _meeting(request, session.meeting_id)
    return session


def _decision(request: TenantRequest, pk: int) -> Decision:
    decision = Decision.objects.of(request.municipality).filter(pk=pk).first()
    if decision is None:
        raise Http404
    decision.meeting = _meeting(request, decision.meeting_id)
    return decision


def _runs(actor: Actor, obj: Any) -> bool:
    return actor.can(RUN_MEETINGS, obj)


def _sees(actor: Actor, obj: Any) -> bool:
    return actor.can(VIEW, obj)


def _rule(check: Callable[[Actor, Any], bool], attribute: str | None = None) -> Callable[[Actor, Any], bool]:
    """The access matrix's object rule: the permission on the object (or on the object it belongs to)."""
    def rule(actor: Actor, obj: Any) -> bool:
        return check(actor, getattr(obj, attribute) if attribute else obj)
    return rule


# --- bodies -----------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def body_list(request: TenantRequest) -> HttpResponse:
    """Three queries whatever the number of bodies (bodies with counts, their fields, the session)."""
    check_query(request)
    bodies = body_selectors.body_list(request.municipality, request.actor)
    return render(request, "backoffice/participation/body_list.html", {
        "bodies": bodies, "can_create": request.actor.can(MANAGE_BODIES),
        "can_plan": request.actor.can(RUN_MEETINGS), "tab": "bodies"})


@requires(MANAGE_BODIES)
def body_create(request: TenantRequest) -> HttpResponse:
    form = forms.BodyForm(request.POST or None, fields=_fields(request), with_version=False)
    done = flow.submit(request, form, lambda: body_services.create_body(
        actor=request.actor, municipality=request.municipality, values=form.values()),
        success=lambda body: _("Das Gremium „%(name)s“ wurde angelegt.") % {"name": body.name},
        next_url=lambda body: _url(request, "body_detail", pk=body.pk))
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Gremium anlegen"), "submit": _("Anlegen"),
        "cancel_url": _url(request, "participation_bodies_list"), "tab": "bodies"})


@requires(VIEW)
def body_detail(request: TenantRequest, pk: int) -> HttpResponse:
    """The body with members, meetings, proposals, decisions and attendance: a fixed number of queries."""
    body = _body(request, pk)
    if request.method != "GET":  # after the lookup: a foreign id is a 404 whatever the method
        return HttpResponseNotAllowed(["GET"])
    return render(request, "backoffice/participation/body_detail.html", {
        "body": body, "members": list(body.members.all()),
        "meetings": meeting_selectors.body_meetings(body),
        "proposals": meeting_selectors.body_proposals(body),
        "decisions": meeting_selectors.decisions_of(request.municipality, body=body, limit=100),
        "attendance": meeting_selectors.attendance_totals(request.municipality, body=body),
        "can_manage": request.actor.can(MANAGE_BODIES, body), "can_plan": request.actor.can(RUN_MEETINGS, body),
        "tab": "bodies"})


body_detail.object_rule = _sees  # type: ignore[attr-defined]


@requires(MANAGE_BODIES)
def body_edit(request: TenantRequest, pk: int) -> HttpResponse:
    body = _body(request, pk, MANAGE_BODIES)
    form = forms.BodyForm(request.POST or None, fields=_fields(request), initial=forms.body_initial(body))
    done = flow.submit(request, form, lambda: body_services.update_body(
        actor=request.actor, body=body, expected_version=flow.expected_version(form), values=form.values()),
        success=lambda saved: _("„%(name)s“ wurde gespeichert.") % {"name": saved.name},
        next_url=_url(request, "body_detail", pk=pk), gone_url=_url(request, "participation_bodies_list"))
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Gremium bearbeiten"), "object": body, "submit": _("Speichern"),
        "cancel_url": _url(request, "body_detail", pk=pk),
        "delete_url": _url(request, "body_delete", pk=pk), "delete_label": _("Gremium löschen …"), "tab": "bodies"})


@requires(MANAGE_BODIES)
def body_delete(request: TenantRequest, pk: int) -> HttpResponse:
    body = _body(request, pk, MANAGE_BODIES)
    return flow.confirm_delete(
        request, version=body.version, delete=partial(body_services.delete_body, actor=request.actor, body=body),
        success=_("„%(name)s“ wurde gelöscht.") % {"name": body.name},
        done_url=_url(request, "participation_bodies_list"),
        context={"object": body, "heading": _("Gremium löschen"), "cancel_url": _url(request, "body_detail", pk=pk),
                 "question": _("Soll das Gremium „%(name)s“ mit seinen Mitgliedern gelöscht werden?")
                 % {"name": body.name}})


def _member_form(request: TenantRequest, initial: dict[str, Any] | None) -> forms.MemberForm:
    return forms.MemberForm(request.POST or None, users=_accounts(request),
                            organisations=list(core_selectors.organisations(request.municipality)),
                            initial=initial, with_version=initial is not None)


@requires(MANAGE_BODIES)
def body_member_add(request: TenantRequest, pk: int) -> HttpResponse:
    body = _body(request, pk, MANAGE_BODIES)
    form = _member_form(request, None)
    done = flow.submit(request, form, lambda: body_services.add_member(
        actor=request.actor, body=body, values=form.values()),
        success=lambda member: _("„%(name)s“ ist jetzt Mitglied.") % {"name": member.display_name},
        next_url=_url(request, "body_detail", pk=pk))
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Mitglied eintragen"), "object": body, "submit": _("Eintragen"),
        "cancel_url": _url(request, "body_detail", pk=pk), "tab": "bodies"})


@requires(MANAGE_BODIES)
def bodymember_edit(request: TenantRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = _member_form(request, forms.member_initial(member))
    back = _url(request, "body_detail", pk=member.body_id)
    done = flow.submit(request, form, lambda: body_services.update_member(
        actor=request.actor, member=member, expected_version=flow.expected_version(form), values=form.values()),
        success=lambda saved: _("„%(name)s“ wurde gespeichert.") % {"name": saved.display_name},
        next_url=back)
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Mitgliedschaft bearbeiten"), "object": member, "submit": _("Speichern"),
        "cancel_url": back, "delete_url": _url(request, "bodymember_delete", pk=pk),
        "delete_label": _("Versehentlich eingetragen? Mitgliedschaft löschen …"), "tab": "bodies"})


@requires(MANAGE_BODIES)
def bodymember_delete(request: TenantRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    back = _url(request, "body_detail", pk=member.body_id)
    return flow.confirm_delete(
        request, version=member.version,
        delete=partial(body_services.remove_member, actor=request.actor, member=member),
        success=_("Die Mitgliedschaft wurde gelöscht."), done_url=back,
        context={"object": member, "heading": _("Mitgliedschaft löschen"), "cancel_url": back,
                 "question": _("Soll die Mitgliedschaft von „%(name)s“ gelöscht werden? Eine beendete "
                               "Mitgliedschaft tragen Sie besser mit ihrem Ende ein.")
                 % {"name": member.display_name}})


# --- meetings ---------------------------------------------------------------------------------------------


@requires(VIEW)
@require_GET
def meeting_list(request: TenantRequest) -> HttpResponse:
    """Four queries whatever the number of meetings: bodies for the filter, count, page (with session count),
    the session."""
    check_query(request)
    actor: Actor = request.actor
    form = forms.MeetingFilterForm(request.GET, bodies=body_selectors.body_choices(request.municipality, actor))
    values = form.valid_values()
    filters = meeting_selectors.MeetingFilters(body=values.get("gremium"), kind=values.get("art") or "",
                                               year=values.get("jahr"))
    page = meeting_selectors.meeting_page(request.municipality, filters, _page_number(request), actor=actor)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/participation/meeting_list.html", {
        "form": form, "page": page, "pager": page, "meetings": page.items,
        "filtered": any(v not in (None, "") for v in values.values()),
        "page_query": f"{params.urlencode()}&" if params else "", "can_create": actor.can(RUN_MEETINGS),
        "tab": "meetings"})


def _plannable_bodies(request: TenantRequest) -> list[Body]:
    """The bodies the actor may plan meetings for: all (Koordination) or their own (Moderation)."""
    actor: Actor = request.actor
    bodies = list(Body.objects.of(request.municipality).prefetch_related("members").order_by("name"))
    return [b for b in bodies if actor.can(RUN_MEETINGS, b)]


def _meeting_form(request: TenantRequest, initial: dict[str, Any] | None) -> forms.MeetingForm:
    return forms.MeetingForm(request.POST or None, bodies=_plannable_bodies(request), fields=_fields(request),
                             body_required=not request.actor.holds_fully(RUN_MEETINGS), initial=initial,
                             with_version=initial is not None)


@requires(RUN_MEETINGS)
def meeting_create(request: TenantRequest) -> HttpResponse:
    body_param = request.GET.get("gremium", "")
    form = _meeting_form(request, None)
    if body_param.isdigit() and request.method != "POST":
        form.initial = {"body": int(body_param)}
    done = flow.submit(request, form, lambda: meeting_services.create_meeting(
        actor=request.actor, municipality=request.municipality, values=form.values()),
        success=lambda meeting: _("„%(title)s“ wurde angelegt.") % {"title": meeting.title},
        next_url=lambda meeting: _url(request, "meeting_detail", pk=meeting.pk))
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Sitzung planen"), "submit": _("Anlegen"),
        "cancel_url": _url(request, "participation_bodies_meetings"), "tab": "meetings"})


@requires(VIEW)
def meeting_detail(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, VIEW)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    whole, per_session = meeting_selectors.meeting_attendance(meeting)
    rounds = meeting_selectors.sessions_by_round(meeting)
    for round_ in rounds:
        for session in round_.sessions:
            session.attendance = per_session.get(session.pk)  # type: ignore[attr-defined]
    return render(request, "backoffice/participation/meeting_detail.html", {
        "meeting": meeting, "rounds": rounds, "attendance": whole, "decisions": list(meeting.decisions.all()),
        "proposals": meeting_selectors.meeting_proposals(meeting),
        "can_run": request.actor.can(RUN_MEETINGS, meeting), "action_form": forms.ActionForm(
            initial={"version": meeting.version}), "tab": "meetings"})


meeting_detail.object_rule = _sees  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def meeting_edit(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = _meeting_form(request, forms.meeting_initial(meeting))
    done = flow.submit(request, form, lambda: meeting_services.update_meeting(
        actor=request.actor, meeting=meeting, expected_version=flow.expected_version(form), values=form.values()),
        success=lambda saved: _("„%(title)s“ wurde gespeichert.") % {"title": saved.title},
        next_url=_url(request, "meeting_detail", pk=pk), gone_url=_url(request, "participation_bodies_meetings"))
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Sitzung bearbeiten"), "object": meeting, "submit": _("Speichern"),
        "cancel_url": _url(request, "meeting_detail", pk=pk), "delete_url": _url(request, "meeting_delete", pk=pk),
        "delete_label": _("Sitzung löschen …"), "tab": "meetings"})


meeting_edit.object_rule = _runs  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def meeting_delete(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return flow.confirm_delete(
        request, version=meeting.version,
        delete=partial(meeting_services.delete_meeting, actor=request.actor, meeting=meeting),
        success=_("„%(title)s“ wurde gelöscht.") % {"title": meeting.title},
        done_url=_url(request, "participation_bodies_meetings"),
        context={"object": meeting, "heading": _("Sitzung löschen"),
                 "cancel_url": _url(request, "meeting_detail", pk=pk),
                 "question": _("Soll die Sitzung „%(title)s“ gelöscht werden?") % {"title": meeting.title}})


meeting_delete.object_rule = _runs  # type: ignore[attr-defined]


def _state_action(request: TenantRequest, pk: int, service: Callable[..., Any], success: str) -> HttpResponse:
    """A button on the meeting's page (cancel, held, publish the minutes) against the version it showed."""
    meeting = _meeting(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ActionForm(request.POST)
    if form.is_valid():
        flow.act(request, lambda: service(actor=request.actor, meeting=meeting,
                                          expected_version=flow.expected_version(form)), success=success)
    else:
        flow.messages.error(request, str(flow.STALE_FORM))
    return HttpResponseRedirect(_url(request, "meeting_detail", pk=pk))


@requires(RUN_MEETINGS)
def meeting_cancel(request: TenantRequest, pk: int) -> HttpResponse:
    return _state_action(request, pk, meeting_services.cancel_meeting, _("Die Sitzung wurde abgesagt."))


@requires(RUN_MEETINGS)
def meeting_held(request: TenantRequest, pk: int) -> HttpResponse:
    return _state_action(request, pk, meeting_services.mark_held, _("Die Sitzung ist als stattgefunden vermerkt."))


@requires(RUN_MEETINGS)
def meeting_publish(request: TenantRequest, pk: int) -> HttpResponse:
    return _state_action(request, pk, meeting_services.publish_minutes, _("Das Protokoll wurde veröffentlicht."))


for _view in (meeting_cancel, meeting_held, meeting_publish):
    _view.object_rule = _runs  # type: ignore[attr-defined]


# --- sessions ---------------------------------------------------------------------------------------------


@requires(RUN_MEETINGS)
def meeting_sessions(request: TenantRequest, pk: int) -> HttpResponse:
    """The meeting's parallel sessions by round, and a form that adds several at once (titles × rounds)."""
    meeting = _meeting(request, pk)
    form = forms.SessionsBulkForm(request.POST or None)
    done = flow.submit(request, form, lambda: meeting_services.create_sessions(
        actor=request.actor, meeting=meeting, titles=form.title_list(), rounds=form.cleaned_data["rounds"]),
        success=lambda created: _("%(n)s Teilsitzungen wurden angelegt.") % {"n": len(created)},
        next_url=_url(request, "meeting_sessions", pk=pk), error_fields={"titles": "titles", "rounds": "rounds"})
    return done or render(request, "backoffice/participation/meeting_sessions.html", {
        "meeting": meeting, "rounds": meeting_selectors.sessions_by_round(meeting), "form": form,
        "tab": "meetings"})


meeting_sessions.object_rule = _runs  # type: ignore[attr-defined]


def _session_form(request: TenantRequest, session: MeetingSession) -> forms.SessionForm:
    return forms.SessionForm(request.POST or None, bodies=list(Body.objects.of(request.municipality).order_by("name")),
                             fields=_fields(request), initial=forms.session_initial(session))


@requires(RUN_MEETINGS)
def meetingsession_edit(request: TenantRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = _session_form(request, session)
    back = _url(request, "meeting_sessions", pk=session.meeting_id)
    done = flow.submit(request, form, lambda: meeting_services.update_session(
        actor=request.actor, session=session, expected_version=flow.expected_version(form), values=form.values()),
        success=lambda saved: _("„%(title)s“ wurde gespeichert.") % {"title": saved.title}, next_url=back)
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Teilsitzung bearbeiten"), "object": session, "submit": _("Speichern"),
        "cancel_url": back, "delete_url": _url(request, "meetingsession_delete", pk=pk),
        "delete_label": _("Teilsitzung löschen …"), "tab": "meetings"})


meetingsession_edit.object_rule = _rule(_runs, "meeting")  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def meetingsession_delete(request: TenantRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    back = _url(request, "meeting_sessions", pk=session.meeting_id)
    return flow.confirm_delete(
        request, version=session.version,
        delete=partial(meeting_services.delete_session, actor=request.actor, session=session),
        success=_("Die Teilsitzung wurde gelöscht."), done_url=back,
        context={"object": session, "heading": _("Teilsitzung löschen"), "cancel_url": back,
                 "question": _("Soll die Teilsitzung „%(title)s“ gelöscht werden?") % {"title": session.title}})


meetingsession_delete.object_rule = _rule(_runs, "meeting")  # type: ignore[attr-defined]


# --- attendance -------------------------------------------------------------------------------------------


@requires(RUN_MEETINGS)
def meeting_attendance(request: TenantRequest, pk: int) -> HttpResponse:
    """Counts for the whole meeting, or for one session (?teilsitzung=<id>)."""
    meeting = _meeting(request, pk)
    whole, per_session = meeting_selectors.meeting_attendance(meeting)
    session_param = request.GET.get("teilsitzung", "")
    session = None
    if session_param:
        session = next((s for s in meeting.sessions.all() if str(s.pk) == session_param), None)
        if session is None:
            raise Http404
    row = per_session.get(session.pk) if session is not None else whole
    form = forms.AttendanceForm(request.POST or None, initial=forms.attendance_initial(row))
    done = flow.submit(request, form, lambda: meeting_services.record_attendance(
        actor=request.actor, meeting=meeting, session=session, expected_version=flow.expected_version(form),
        values=form.values()),
        success=_("Die Teilnahme wurde gespeichert."), next_url=_url(request, "meeting_detail", pk=pk))
    return done or render(request, "backoffice/participation/meeting_attendance.html", {
        "meeting": meeting, "session": session, "form": form, "sessions": list(meeting.sessions.all()),
        "tab": "meetings"})


meeting_attendance.object_rule = _runs  # type: ignore[attr-defined]


# --- minutes and decisions --------------------------------------------------------------------------------


@requires(RUN_MEETINGS)
def meeting_minutes(request: TenantRequest, pk: int) -> HttpResponse:
    """The minutes (rich text) and the meeting's decisions, each editable on its own page."""
    meeting = _meeting(request, pk)
    form = forms.MinutesForm(request.POST or None, initial={"minutes": forms.rich_initial(meeting.minutes),
                                                            "version": meeting.version})
    done = flow.submit(request, form, lambda: meeting_services.write_minutes(
        actor=request.actor, meeting=meeting, expected_version=flow.expected_version(form),
        minutes=form.cleaned_data["minutes"]),
        success=_("Das Protokoll wurde gespeichert."), next_url=_url(request, "meeting_minutes", pk=pk))
    return done or render(request, "backoffice/participation/meeting_minutes.html", {
        "meeting": meeting, "form": form, "decisions": list(meeting.decisions.all()), "tab": "meetings"})


meeting_minutes.object_rule = _runs  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def meeting_decision_add(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.DecisionForm(request.POST or None, with_version=False,
                              initial={"position": len(meeting.decisions.all())})
    back = _url(request, "meeting_minutes", pk=pk)
    done = flow.submit(request, form, lambda: meeting_services.add_decision(
        actor=request.actor, meeting=meeting, values=form.values()),
        success=_("Der Beschluss wurde eingetragen."), next_url=back)
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Beschluss eintragen"), "object": meeting, "submit": _("Eintragen"),
        "cancel_url": back, "tab": "meetings"})


meeting_decision_add.object_rule = _runs  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def decision_edit(request: TenantRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    form = forms.DecisionForm(request.POST or None, initial=forms.decision_initial(decision))
    back = _url(request, "meeting_minutes", pk=decision.meeting_id)
    done = flow.submit(request, form, lambda: meeting_services.update_decision(
        actor=request.actor, decision=decision, expected_version=flow.expected_version(form),
        values=form.values()),
        success=_("Der Beschluss wurde gespeichert."), next_url=back)
    return done or render(request, "backoffice/participation/form.html", {
        "form": form, "title": _("Beschluss bearbeiten"), "object": decision.meeting, "submit": _("Speichern"),
        "cancel_url": back, "delete_url": _url(request, "decision_delete", pk=pk),
        "delete_label": _("Beschluss löschen …"), "tab": "meetings"})


decision_edit.object_rule = _rule(_runs, "meeting")  # type: ignore[attr-defined]


@requires(RUN_MEETINGS)
def decision_delete(request: TenantRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    back = _url(request, "meeting_minutes", pk=decision.meeting_id)
    return flow.confirm_delete(
        request, version=decision.version,
        delete=partial(meeting_services.delete_decision, actor=request.actor, decision=decision),
        success=_("Der Beschluss wurde gelöscht."), done_url=back,
        context={"object": decision, "heading": _("Beschluss löschen"), "cancel_url": back,
                 "question": _("Soll der Beschluss „%(text)s“ gelöscht werden?") % {"text": decision}})


decision_delete.object_rule = _rule(_runs, "meeting")  # type: ignore[attr-defined]

