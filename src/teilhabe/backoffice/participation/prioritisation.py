"""Prioritisations in the back office: the list, the set-up form, the tally of a dot voting, opening, closing
and publishing, and the result (table and bar chart). Koordination manages every prioritisation, Moderation
those of its bodies; everyone who reads participation sees the list and results of what they may see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.participation.forms_prioritisation import (
    PrioritisationForm,
    TallyForm,
    prioritisation_initial,
)
from teilhabe.core.cleaning import check_query
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation.models import Prioritisation, Tally
from teilhabe.participation.permissions import ANSWER_PROPOSALS, ENTER_PROPOSALS, MANAGE_PRIORITISATIONS, VIEW
from teilhabe.participation.selectors import prioritisation as selectors
from teilhabe.participation.services import prioritisation as services


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:participation_prioritisation_list", kwargs={"municipality": request.municipality.slug})


def _result_url(request: TenantRequest, prioritisation: Prioritisation) -> str:
    return reverse("backoffice:participation_prioritisation_result",
                   kwargs={"municipality": request.municipality.slug, "pk": prioritisation.pk})


def _visible(request: TenantRequest) -> Any:
    actor: Actor = request.actor
    return selectors.prioritisations_for(request.municipality.pk, actor.user_id, all_bodies=actor.holds_fully(VIEW))


def _prioritisation(request: TenantRequest, pk: int, perm: Any = None) -> Prioritisation:
    prioritisation = _visible(request).filter(pk=pk).first()
    if prioritisation is None:
        raise Http404
    if perm is not None and not request.actor.can(perm, prioritisation):
        raise PermissionDenied
    return prioritisation


@requires(VIEW)
@require_GET
def prioritisation_list(request: TenantRequest) -> HttpResponse:
    """Two queries whatever the number of prioritisations (the list with its counts, and the session's)."""
    check_query(request)
    items = list(_visible(request)[:500])
    return render(request, "backoffice/participation/prioritisation_list.html", {
        "prioritisations": items, "can_create": request.actor.can(MANAGE_PRIORITISATIONS)})


def _form(request: TenantRequest, prioritisation: Prioritisation | None) -> PrioritisationForm:
    actor: Actor = request.actor
    bodies, meetings, proposals = selectors.form_choices(
        request.municipality.pk, actor.user_id, all_bodies=actor.holds_fully(MANAGE_PRIORITISATIONS))
    return PrioritisationForm(
        request.POST or None, bodies=bodies, meetings=meetings, proposals=proposals,
        with_version=prioritisation is not None,
        initial=prioritisation_initial(prioritisation) if prioritisation is not None else {
            "method": Prioritisation.Method.POINTS, "audience": Prioritisation.Audience.BODY, "points_per_person": 3})


@requires(MANAGE_PRIORITISATIONS)
def prioritisation_create(request: TenantRequest) -> HttpResponse:
    form = _form(request, None)
    done = flow.submit(request, form, lambda: services.create_prioritisation(
        actor=request.actor, municipality=request.municipality, values=form.values(),
        proposal_ids=form.cleaned_data["proposals"]),
        success=lambda p: _("„%(title)s“ wurde angelegt.") % {"title": p.title},
        next_url=lambda p: _result_url(request, p))
    return done or render(request, "backoffice/participation/prioritisation_form.html", {
        "form": form, "title": _("Priorisierung anlegen"), "submit": _("Anlegen")})


def _may_manage(actor: Actor, prioritisation: Any) -> bool:
    return actor.can(MANAGE_PRIORITISATIONS, prioritisation)


@requires(MANAGE_PRIORITISATIONS)
def prioritisation_edit(request: TenantRequest, pk: int) -> HttpResponse:
    prioritisation = _prioritisation(request, pk, MANAGE_PRIORITISATIONS)
    form = _form(request, prioritisation)
    done = flow.submit(request, form, lambda: services.update_prioritisation(
        actor=request.actor, prioritisation=prioritisation, expected_version=flow.expected_version(form),
        values=form.values(), proposal_ids=form.cleaned_data["proposals"]),
        success=lambda p: _("„%(title)s“ wurde gespeichert.") % {"title": p.title},
        next_url=_result_url(request, prioritisation), gone_url=_list_url(request))
    return done or render(request, "backoffice/participation/prioritisation_form.html", {
        "form": form, "title": _("Priorisierung bearbeiten"), "object": prioritisation, "submit": _("Speichern")})


prioritisation_edit.object_rule = _may_manage  # type: ignore[attr-defined]


def _may_tally(actor: Actor, prioritisation: Any) -> bool:
    return actor.can(ENTER_PROPOSALS, prioritisation)


@requires(ENTER_PROPOSALS)
def prioritisation_tally(request: TenantRequest, pk: int) -> HttpResponse:
    """The moderator enters the dots each proposal got in the meeting."""
    prioritisation = _prioritisation(request, pk, ENTER_PROPOSALS)
    if prioritisation.method != Prioritisation.Method.DOTS:
        messages.error(request, _("Punkte aus der Sitzung werden nur bei einer Punktabfrage eingetragen."))
        return HttpResponseRedirect(_result_url(request, prioritisation))
    proposals = selectors.proposals_of(prioritisation)
    dots = dict(Tally.objects.filter(prioritisation=prioritisation).values_list("proposal_id", "dots"))
    form = TallyForm(request.POST or None, proposals=proposals, initial_dots=dots,
                     initial={"participants": prioritisation.participants})
    done = flow.submit(request, form, lambda: services.enter_tally(
        actor=request.actor, prioritisation=prioritisation, participants=form.cleaned_data["participants"],
        dots=form.dots()), success=_("Das Ergebnis der Punktabfrage wurde gespeichert."),
        next_url=_result_url(request, prioritisation))
    return done or render(request, "backoffice/participation/prioritisation_tally.html", {
        "form": form, "object": prioritisation})


prioritisation_tally.object_rule = _may_tally  # type: ignore[attr-defined]


def _action(request: TenantRequest, pk: int, service: Any, success: str) -> HttpResponse:
    prioritisation = _prioritisation(request, pk, MANAGE_PRIORITISATIONS)  # a foreign id: 404 before 405
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    flow.act(request, lambda: service(actor=request.actor, prioritisation=prioritisation), success=success)
    return HttpResponseRedirect(_result_url(request, prioritisation))


@requires(MANAGE_PRIORITISATIONS)
def prioritisation_open(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.open_prioritisation, _("Die Priorisierung ist geöffnet."))


@requires(MANAGE_PRIORITISATIONS)
def prioritisation_close(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.close_prioritisation, _("Die Priorisierung ist geschlossen."))


@requires(MANAGE_PRIORITISATIONS)
def prioritisation_publish(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.publish_result, _("Das Ergebnis ist veröffentlicht."))


for _view in (prioritisation_open, prioritisation_close, prioritisation_publish):
    _view.object_rule = _may_manage  # type: ignore[attr-defined]


@requires(VIEW)
def prioritisation_result(request: TenantRequest, pk: int) -> HttpResponse:
    """The prioritisation with its state, the actions the person may take, and the result so far: a fixed
    number of queries whatever the number of ballots."""
    prioritisation = _prioritisation(request, pk)  # a foreign id: 404 before 405
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    result = selectors.result(prioritisation)
    actor: Actor = request.actor
    return render(request, "backoffice/participation/prioritisation_result.html", {
        "object": prioritisation, "result": result, "spec": selectors.chart_spec(result),
        "can_manage": actor.can(MANAGE_PRIORITISATIONS, prioritisation),
        "can_tally": actor.can(ENTER_PROPOSALS, prioritisation),
        # Chosen proposals are carried on as measures on the proposal's page (services.proposals.adopt_as_measure).
        "can_adopt": actor.can(ANSWER_PROPOSALS),
        "portal_url": services.public_path(prioritisation),
    })
