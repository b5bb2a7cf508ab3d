"""Proposals in the back office: the list (filters, paging), the moderation queue of online submissions,
entering a proposal from a meeting, and a proposal's page (its history from the audit trail, moderation, the
public answer, merging, links to measures and adopting it as a measure). Koordination does everything; a
moderator enters and edits the proposals of their bodies' meetings; Fachstelle and Lesend read."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.core.audit import entry_views
from teilhabe.backoffice.participation.forms_proposals import (
    AdoptForm,
    AnswerForm,
    LinkForm,
    MergeForm,
    ModerateForm,
    ProposalFilterForm,
    ProposalForm,
    UnlinkForm,
    proposal_initial,
)
from teilhabe.core import selectors as core_selectors
from teilhabe.core.cleaning import check_query
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.participation.models import Proposal
from teilhabe.participation.permissions import ANSWER_PROPOSALS, ENTER_PROPOSALS, VIEW
from teilhabe.participation.selectors import proposals as selectors
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import FieldOfAction, Goal, Measure

PAGE_PARAM = "seite"
MAX_PAGE = 100_000
PER_PAGE = 25


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:participation_proposals_list", kwargs={"municipality": request.municipality.slug})


def _detail_url(request: TenantRequest, pk: int) -> str:
    return reverse("backoffice:participation_proposals_proposal_detail",
                   kwargs={"municipality": request.municipality.slug, "pk": pk})


def _meetings_for(actor: Actor, request: TenantRequest) -> list[Any]:
    if actor.holds_fully(ENTER_PROPOSALS) or actor.holds_fully(VIEW):
        return selectors.meeting_choices(request.municipality)
    return selectors.meeting_choices(request.municipality, body_ids=selectors.own_body_ids(actor))


@requires(VIEW)
def proposal_list(request: TenantRequest) -> HttpResponse:
    """A fixed number of queries whatever the number of proposals (choices, count, page)."""
    check_query(request)
    municipality = request.municipality
    actor: Actor = request.actor
    form = ProposalFilterForm(request.GET, fields=selectors.field_choices(municipality),
                              bodies=selectors.body_choices(municipality), meetings=_meetings_for(actor, request))
    values = form.valid_values()
    filters = selectors.ProposalFilters(
        field=values.get("handlungsfeld"), status=values.get("stand") or "", body=values.get("gremium"),
        meeting=values.get("sitzung"), text=values.get("q") or "", moderation=values.get("freigabe") or "")
    page = selectors.proposal_page(municipality, filters, _page_number(request), actor=actor, per_page=PER_PAGE)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/participation/proposal_list.html", {
        "form": form, "page": page, "pager": page, "proposals": page.items, "filtered": filters.active,
        "page_query": f"{params.urlencode()}&" if params else "",
        "can_enter": actor.can(ENTER_PROPOSALS), "can_answer": actor.can(ANSWER_PROPOSALS),
        "pending": (selectors.filtered(municipality, selectors.ProposalFilters(moderation="pending"), actor=actor)
                    .count() if actor.can(ANSWER_PROPOSALS) else 0),
    })


@requires(ANSWER_PROPOSALS)
def proposal_queue(request: TenantRequest) -> HttpResponse:
    """Online submissions waiting for moderation, oldest first (one query)."""
    return render(request, "backoffice/participation/proposal_queue.html", {
        "proposals": selectors.moderation_queue(request.municipality)})


def _proposal_form(request: TenantRequest, proposal: Proposal | None) -> ProposalForm:
    municipality = request.municipality
    actor: Actor = request.actor
    meetings = _meetings_for(actor, request)
    return ProposalForm(
        request.POST or None, fields=selectors.field_choices(municipality), meetings=meetings,
        sessions=selectors.session_choices(meetings), bodies=selectors.body_choices(municipality),
        organisations=list(core_selectors.organisations(municipality)), with_version=proposal is not None,
        initial=proposal_initial(proposal) if proposal is not None else {"proposer_kind": "anonymous"})


def _values(request: TenantRequest, form: ProposalForm) -> dict[str, Any]:
    return {**form.plain_values(), **services.resolve_references(request.municipality, form.reference_ids())}


@requires(ENTER_PROPOSALS)
def proposal_create(request: TenantRequest) -> HttpResponse:
    form = _proposal_form(request, None)
    done = flow.submit(request, form, lambda: services.enter_proposal(
        actor=request.actor, municipality=request.municipality, values=_values(request, form)),
        success=lambda p: _("„%(title)s“ wurde eingetragen.") % {"title": p.title},
        next_url=lambda p: _detail_url(request, p.pk))
    return done or render(request, "backoffice/participation/proposal_form.html", {
        "form": form, "title": _("Vorschlag eintragen"), "submit": _("Eintragen")})


def _proposal(request: TenantRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_detail(request.municipality, pk, actor=request.actor)
    except Proposal.DoesNotExist:
        raise Http404 from None


def _may_edit(actor: Actor, proposal: Any) -> bool:
    return actor.can(ANSWER_PROPOSALS) or actor.can(ENTER_PROPOSALS, proposal)


@requires(ENTER_PROPOSALS)
def proposal_edit(request: TenantRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if not _may_edit(request.actor, proposal):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = _proposal_form(request, proposal)
    done = flow.submit(request, form, lambda: services.update_proposal(
        actor=request.actor, proposal=proposal, expected_version=flow.expected_version(form),
        values=_values(request, form)),
        success=lambda p: _("„%(title)s“ wurde gespeichert.") % {"title": p.title},
        next_url=_detail_url(request, proposal.pk))
    return done or render(request, "backoffice/participation/proposal_form.html", {
        "form": form, "title": _("Vorschlag bearbeiten"), "object": proposal, "submit": _("Speichern")})


proposal_edit.object_rule = _may_edit  # type: ignore[attr-defined]


# --- the proposal's page and its actions -----------------------------------------------------------------


def _adoption_fields(request: TenantRequest) -> list[FieldOfAction]:
    from teilhabe.plans.models import Edition

    return [f for f in selectors.field_choices(request.municipality) if f.edition.status != Edition.Status.ARCHIVED]


def _forms(request: TenantRequest, proposal: Proposal, bound: dict[str, Any]) -> dict[str, Any]:
    """The action forms of the page: the one that was submitted (bound, with its errors) and fresh others."""
    if not request.actor.can(ANSWER_PROPOSALS):
        return {}
    version = {"version": proposal.version}
    fields = _adoption_fields(request)
    fresh: dict[str, Any] = {
        "moderate_form": lambda: ModerateForm(initial=version),
        "answer_form": lambda: AnswerForm(initial={**version, "status": proposal.status, "answer": proposal.answer}),
        "merge_form": lambda: MergeForm(proposals=selectors.proposal_choices(request.municipality,
                                                                            exclude=proposal.pk), initial=version),
        "link_form": lambda: LinkForm(measures=selectors.measure_choices(request.municipality)),
        "adopt_form": lambda: AdoptForm(fields=fields, goals=selectors.goal_choices(fields), initial={
            **version, "field_of_action": proposal.field_of_action_id if proposal.field_of_action_id in
            {f.pk for f in fields} else None}),
    }
    return {name: bound.get(name) or make() for name, make in fresh.items()}


def _render_detail(request: TenantRequest, proposal: Proposal, status: int = 200, **bound: Any) -> HttpResponse:
    actor: Actor = request.actor
    links = list(proposal.measure_links.all())
    reports = selectors.latest_published_reports(link.measure_id for link in links)
    return render(request, "backoffice/participation/proposal_detail.html", {
        "proposal": proposal, "history": entry_views(selectors.history(proposal)),
        "outcomes": [{"link": link, "measure": link.measure, "report": reports.get(link.measure_id)}
                     for link in links],
        "merged_from": list(proposal.merged_from.all()),
        "can_edit": _may_edit(actor, proposal) and actor.can(ENTER_PROPOSALS),
        "can_answer": actor.can(ANSWER_PROPOSALS), **_forms(request, proposal, bound),
    }, status=status)


@requires(VIEW)
def proposal_detail(request: TenantRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _proposal(request, pk))


def _action(request: TenantRequest, pk: int, name: str, make_form: Any, service: Any, success: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    if request.method != "POST":
        return HttpResponseRedirect(_detail_url(request, proposal.pk))
    form = make_form(proposal)
    done = flow.submit(request, form, lambda: service(proposal, form), success=success,
                       next_url=_detail_url(request, proposal.pk))
    if done is not None:
        return done
    return _render_detail(request, _proposal(request, pk), **{name: form})


@requires(ANSWER_PROPOSALS)
def proposal_moderate(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(request, pk, "moderate_form", lambda p: ModerateForm(request.POST),
                   lambda p, f: services.moderate_proposal(
                       actor=request.actor, proposal=p, expected_version=flow.expected_version(f),
                       publish=f.cleaned_data["decision"] == "publish", comment=f.cleaned_data["comment"]),
                   _("Die Freigabe wurde gespeichert."))


@requires(ANSWER_PROPOSALS)
def proposal_answer(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(request, pk, "answer_form", lambda p: AnswerForm(request.POST),
                   lambda p, f: services.answer_proposal(
                       actor=request.actor, proposal=p, expected_version=flow.expected_version(f),
                       status=f.cleaned_data["status"], answer=f.cleaned_data["answer"]),
                   _("Die Antwort wurde gespeichert."))


def _resolve(model: Any, request: TenantRequest, pk: Any, field: str) -> Any:
    from django.core.exceptions import ValidationError

    obj = model.objects.filter(municipality=request.municipality, pk=pk).first() if pk else None
    if obj is None:
        raise ValidationError({field: [_("Bitte wählen Sie einen Eintrag aus der Liste.")]})
    return obj


@requires(ANSWER_PROPOSALS)
def proposal_merge(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "merge_form",
        lambda p: MergeForm(request.POST, proposals=selectors.proposal_choices(request.municipality, exclude=p.pk)),
        lambda p, f: services.merge_proposals(
            actor=request.actor, proposal=p, into=_resolve(Proposal, request, f.cleaned_data["into"], "into"),
            expected_version=flow.expected_version(f), answer=f.cleaned_data["answer"]),
        _("Die Vorschläge wurden zusammengeführt."))


@requires(ANSWER_PROPOSALS)
def proposal_link(request: TenantRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "link_form", lambda p: LinkForm(request.POST, measures=selectors.measure_choices(
            request.municipality)),
        lambda p, f: services.link_measure(actor=request.actor, proposal=p, measure=_resolve(
            Measure, request, f.cleaned_data["measure"], "measure")),
        _("Die Maßnahme wurde verknüpft."))


@requires(ANSWER_PROPOSALS)
def proposal_unlink(request: TenantRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if request.method == "POST":
        form = UnlinkForm(request.POST)
        if form.is_valid():
            measure = Measure.objects.filter(municipality=request.municipality,
                                             pk=form.cleaned_data["measure"]).first()
            if measure is None:
                raise Http404
            flow.act(request, lambda: services.unlink_measure(actor=request.actor, proposal=proposal,
                                                              measure=measure),
                     success=_("Die Verknüpfung wurde gelöst."))
    return HttpResponseRedirect(_detail_url(request, proposal.pk))


@requires(ANSWER_PROPOSALS)
def proposal_adopt(request: TenantRequest, pk: int) -> HttpResponse:
    fields = _adoption_fields(request)

    def adopt(p: Proposal, f: AdoptForm) -> Measure:
        field = _resolve(FieldOfAction, request, f.cleaned_data["field_of_action"], "field_of_action")
        goal = _resolve(Goal, request, f.cleaned_data["goal"], "goal") if f.cleaned_data["goal"] else None
        return services.adopt_as_measure(
            actor=request.actor, proposal=p, edition=field.edition, field_of_action=field, goal=goal,
            is_key_project=f.cleaned_data["is_key_project"], title=f.cleaned_data["title"] or None,
            answer=f.cleaned_data["answer"], expected_version=flow.expected_version(f))

    return _action(request, pk, "adopt_form",
                   lambda p: AdoptForm(request.POST, fields=fields, goals=selectors.goal_choices(fields)),
                   adopt, _("Der Vorschlag wurde als Maßnahme übernommen."))
