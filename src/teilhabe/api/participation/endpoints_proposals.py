"""Proposals in the REST API.

GET   /api/v1/{municipality}/proposals                 filtered, paginated: published ones for everyone; with a
                                                       session also what the member's role lets them see
GET   /api/v1/{municipality}/proposals/{proposal_id}   one proposal (the same rule)
POST  /api/v1/{municipality}/proposals                 enter from a meeting (ENTER_PROPOSALS) or submit as a
                                                       body's member (SUBMIT_PROPOSALS, moderated)
PATCH /api/v1/{municipality}/proposals/{proposal_id}   status and public answer (ANSWER_PROPOSALS)

Reads take a fixed number of queries whatever the page size."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.participation.schemas_proposals import (
    ProposalCreateIn,
    ProposalIdPath,
    ProposalMeasureOut,
    ProposalMeetingOut,
    ProposalOut,
    ProposalPageOut,
    ProposalPatchIn,
    ProposalQuery,
)
from teilhabe.api.schemas import ERRORS_WRITE, RefOut, Slug, errors, with_api_names
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Proposal, ProposalMeasure
from teilhabe.participation.permissions import ANSWER_PROPOSALS, ENTER_PROPOSALS, SUBMIT_PROPOSALS, VIEW
from teilhabe.participation.selectors import proposals as selectors
from teilhabe.participation.services import proposals as services

router = Router(tags=["Beteiligung: Vorschläge"])

ERRORS_PUBLIC_READ = errors(404, 422)
API_NAMES = {"field_of_action": "field_of_action_id", "meeting": "meeting_id", "session": "session_id",
             "proposer_body": "proposer_body_id", "proposer_organisation": "proposer_organisation_id"}


def _reader(request: HttpRequest) -> Actor | None:
    """The member reading (with a session), or None for the public."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated or not actor.is_member or not actor.can(VIEW):
        return None
    return actor


def _out(p: Proposal, *, with_measures: bool) -> ProposalOut:
    measures = [
        ProposalMeasureOut(id=link.measure.pk, title=link.measure.title, is_key_project=link.measure.is_key_project,
                           status=link.measure.status.label,
                           edition=RefOut(id=link.measure.edition.pk, name=link.measure.edition.name))
        for link in p.measure_links.all()] if with_measures else []
    meeting = p.meeting
    return ProposalOut(
        id=p.pk, title=p.title, text=p.text,
        field_of_action=RefOut(id=p.field_of_action.pk, name=p.field_of_action.title) if p.field_of_action else None,
        origin=p.origin,
        meeting=ProposalMeetingOut(id=meeting.pk, title=meeting.title, starts_at=meeting.starts_at.isoformat())
        if meeting is not None else None,
        proposer_kind=p.proposer_kind, proposer=p.proposer_display, moderation=p.moderation, status=p.status,
        answer=p.answer, merged_into=p.merged_into_id, measures=measures, created_at=p.created_at.isoformat(),
        version=p.version)


@router.get("/{slug:municipality}/proposals", response={200: ProposalPageOut, **ERRORS_PUBLIC_READ},
            operation_id="proposals_list", summary="Vorschläge / proposals")
def proposals_list(request: HttpRequest, municipality: Slug, query: Query[ProposalQuery]) -> ProposalPageOut:
    """Die Vorschläge der Kommune, gefiltert, seitenweise (`page`, `page_size` ≤ 1000). Ohne Anmeldung die
    veröffentlichten; angemeldete Mitglieder sehen, was ihre Rolle zeigt (Moderation und Gremienmitglieder
    auch die noch nicht freigegebenen ihrer Gremien). Feste Zahl von Datenbankabfragen.

    The municipality's proposals, filtered, paginated: the published ones for everyone; members see what their
    role shows."""
    place = municipality_of(request)
    actor = _reader(request)
    filters = selectors.ProposalFilters(
        field=query.field_of_action, status=query.status or "", body=query.body, meeting=query.meeting,
        text=query.q or "", moderation=(query.moderation or "") if actor is not None else "")
    page = selectors.proposal_page(place, filters, query.page, actor=actor, per_page=query.page_size)
    prefetch_related_objects(page.items, Prefetch("measure_links", queryset=ProposalMeasure.objects.select_related(
        "measure", "measure__status", "measure__edition").order_by("linked_at", "pk")))
    return ProposalPageOut(
        count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
        next_page=page.number + 1 if page.has_next else None,
        previous_page=page.number - 1 if page.has_previous else None,
        items=[_out(p, with_measures=True) for p in page.items])


@router.get("/{slug:municipality}/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS_PUBLIC_READ},
            operation_id="proposal_get", summary="Ein Vorschlag / one proposal")
def proposal_get(request: HttpRequest, municipality: Slug, proposal_id: ProposalIdPath) -> ProposalOut:
    """Ein Vorschlag mit den Maßnahmen, die daraus wurden; was man nicht sehen darf oder eine fremde Id ist
    nicht vorhanden (404).

    One proposal with its measures; one you may not see, or a foreign id, is a 404."""
    place = municipality_of(request)
    try:
        proposal = selectors.proposal_detail(place, proposal_id, actor=_reader(request))
    except Proposal.DoesNotExist:
        raise Http404 from None
    return _out(proposal, with_measures=True)


@router.post("/{slug:municipality}/proposals", response={201: ProposalOut, **ERRORS_WRITE}, auth=MemberSessionAuth(),
             operation_id="proposal_create", summary="Vorschlag eintragen oder einreichen / enter or submit")
def proposal_create(request: HttpRequest, municipality: Slug, payload: ProposalCreateIn) -> Status[ProposalOut]:
    """`entered`: ein in einer Sitzung gesammelter Vorschlag, von der Moderation (für die Sitzungen ihrer
    Gremien) oder Koordination eingetragen, sofort veröffentlicht. `submitted`: von einem Gremienmitglied für
    sein Gremium eingereicht; wartet auf Freigabe. Ids anderer Kommunen werden abgelehnt (422).

    `entered`: collected in a meeting, published at once; `submitted`: by a body's member, moderated."""
    place = municipality_of(request)
    actor = require(request, ENTER_PROPOSALS if payload.mode == "entered" else SUBMIT_PROPOSALS)
    try:
        refs = services.resolve_references(place, {
            "field_of_action": payload.field_of_action_id, "meeting": payload.meeting_id,
            "session": payload.session_id, "proposer_body": payload.proposer_body_id,
            "proposer_organisation": payload.proposer_organisation_id})
        values = {"title": payload.title, "text": payload.text, "proposer_kind": payload.proposer_kind,
                  "proposer_name": payload.proposer_name or "", **refs}
        if payload.mode == "entered":
            proposal = services.enter_proposal(actor=actor, municipality=place, values=values)
        else:
            proposal = services.submit_proposal(actor=actor, municipality=place, values=values)
    except ValidationError as exc:
        raise with_api_names(exc, API_NAMES) from None
    return Status(201, _out(selectors.proposal_detail(place, proposal.pk, actor=actor), with_measures=True))


@router.patch("/{slug:municipality}/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS_WRITE},
              auth=MemberSessionAuth(), operation_id="proposal_answer",
              summary="Stand und Antwort / status and answer")
def proposal_answer(request: HttpRequest, municipality: Slug, proposal_id: ProposalIdPath,
                    payload: ProposalPatchIn) -> ProposalOut:
    """Setzt Stand und öffentliche Antwort (Koordination). `not_pursued` braucht eine Begründung, `accepted`
    eine verknüpfte Maßnahme (422); zusammenführen und übernehmen geschieht im Verwaltungsbereich.

    Sets status and public answer (Koordination); 409 on a concurrent edit."""
    place = municipality_of(request)
    actor = require(request, ANSWER_PROPOSALS)
    try:
        proposal = selectors.proposal_detail(place, proposal_id, actor=actor_of(request))
    except Proposal.DoesNotExist:
        raise Http404 from None
    services.answer_proposal(actor=actor, proposal=proposal, expected_version=payload.version,
                             status=payload.status, answer=payload.answer)
    return _out(selectors.proposal_detail(place, proposal.pk, actor=actor), with_measures=True)
