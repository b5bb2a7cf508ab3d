"""The chronicle in the back office: the list by year with Teilhabe's proposals on top (confirm or dismiss), the
milestone form and deleting. Opening the list lets Teilhabe propose what happened since (a fixed number of
queries when there is nothing new). Everyone who sees participation reads the list; Koordination
(MANAGE_CHRONICLE) writes."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.participation.forms_chronicle import MilestoneForm, MilestoneStateForm, milestone_initial
from teilhabe.core.cleaning import check_query
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation.models import Milestone
from teilhabe.participation.permissions import MANAGE_CHRONICLE, VIEW
from teilhabe.participation.selectors import chronicle as selectors
from teilhabe.participation.services import chronicle as services


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:participation_chronicle_list", kwargs={"municipality": request.municipality.slug})


@requires(VIEW)
@require_GET
def milestone_list(request: TenantRequest) -> HttpResponse:
    """Five queries when nothing new happened (the proposal's four, the list's one), plus the session's."""
    check_query(request)
    can_manage = request.actor.can(MANAGE_CHRONICLE)
    new = services.propose_milestones(request.municipality) if can_manage else []
    chronicle = selectors.office_chronicle(request.municipality)
    return render(request, "backoffice/participation/chronicle_list.html", {
        "chronicle": chronicle, "can_manage": can_manage, "new_count": len(new),
        "state_form": MilestoneStateForm(), "tab": "chronicle",
    })


def _form(request: TenantRequest, milestone: Milestone | None) -> MilestoneForm:
    editions, meetings, rounds = selectors.link_choices(request.municipality)
    if milestone is not None and milestone.meeting is not None and milestone.meeting not in meetings:
        meetings.append(milestone.meeting)
    return MilestoneForm(request.POST or None, editions=editions, meetings=meetings, rounds=rounds,
                         with_version=milestone is not None,
                         initial=milestone_initial(milestone) if milestone is not None else None)


@requires(MANAGE_CHRONICLE)
def milestone_create(request: TenantRequest) -> HttpResponse:
    form = _form(request, None)
    done = flow.submit(request, form, lambda: services.create_milestone(
        actor=request.actor, municipality=request.municipality, values=form.values()),
        success=lambda m: _("„%(title)s“ steht jetzt in der Chronik.") % {"title": m.title},
        next_url=lambda m: _list_url(request))
    return done or render(request, "backoffice/participation/chronicle_form.html", {
        "form": form, "title": _("Meilenstein anlegen"), "submit": _("Anlegen"), "tab": "chronicle"})


def _milestone(request: TenantRequest, pk: int) -> Milestone:
    found = selectors.milestones(request.municipality).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@requires(MANAGE_CHRONICLE)
def milestone_edit(request: TenantRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    form = _form(request, milestone)
    done = flow.submit(request, form, lambda: services.update_milestone(
        actor=request.actor, milestone=milestone, expected_version=flow.expected_version(form),
        values=form.values()),
        success=lambda saved: _("„%(title)s“ wurde gespeichert.") % {"title": saved.title},
        next_url=_list_url(request))
    return done or render(request, "backoffice/participation/chronicle_form.html", {
        "form": form, "title": _("Meilenstein bearbeiten"), "object": milestone, "submit": _("Speichern"),
        "tab": "chronicle"})


@requires(MANAGE_CHRONICLE)
def milestone_delete(request: TenantRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    proposed = bool(milestone.source_key)
    return flow.confirm_delete(
        request, version=milestone.version,
        delete=partial(services.delete_milestone, actor=request.actor, milestone=milestone),
        success=(_("„%(title)s“ wurde verworfen.") if proposed else _("„%(title)s“ wurde gelöscht."))
        % {"title": milestone.title},
        done_url=_list_url(request),
        context={"object": milestone, "heading": _("Meilenstein löschen"), "cancel_url": _list_url(request),
                 "question": _("Soll der Meilenstein „%(title)s“ gelöscht werden?") % {"title": milestone.title},
                 "consequence": _("Teilhabe hat ihn vorgeschlagen: Er wird verworfen statt gelöscht, damit er nicht "
                                  "wieder vorgeschlagen wird.") if proposed else ""})


def _change_state(request: TenantRequest, pk: int, confirm: bool) -> HttpResponse:
    """POST only; an unknown (or foreign) id is a 404 before the method is looked at."""
    milestone = _milestone(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MilestoneStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(flow.STALE_FORM))
        return HttpResponseRedirect(_list_url(request))
    service = services.confirm_milestone if confirm else services.dismiss_milestone
    flow.act(request, lambda: service(actor=request.actor, milestone=milestone,
                                      expected_version=flow.expected_version(form)),
             success=(_("„%(title)s“ steht jetzt in der Chronik.") if confirm
                      else _("„%(title)s“ wurde verworfen.")) % {"title": milestone.title})
    return HttpResponseRedirect(_list_url(request))


@requires(MANAGE_CHRONICLE)
def milestone_confirm(request: TenantRequest, pk: int) -> HttpResponse:
    return _change_state(request, pk, confirm=True)


@requires(MANAGE_CHRONICLE)
def milestone_dismiss(request: TenantRequest, pk: int) -> HttpResponse:
    return _change_state(request, pk, confirm=False)
