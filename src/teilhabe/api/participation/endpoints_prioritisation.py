"""API of participation: prioritisation.

GET  /api/v1/{municipality}/prioritisations                       public ones; members who read participation:
                                                                   also theirs (paginated, ≤ 1000 per page)
GET  /api/v1/{municipality}/prioritisations/{id}                  one, with its proposals and (when published,
                                                                   or for members who read it) the result
POST /api/v1/{municipality}/prioritisations/{id}/ballots          a body member's ballot (logged in)

A fixed number of queries whatever the number of prioritisations or ballots."""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of
from teilhabe.api.participation.schemas_prioritisation import (
    PrioritisationBallotIn,
    PrioritisationBallotOut,
    PrioritisationDetailOut,
    PrioritisationIdPath,
    PrioritisationOut,
    PrioritisationPageOut,
    PrioritisationProposalOut,
    PrioritisationQuery,
    PrioritisationResultOut,
    PrioritisationResultRowOut,
)
from teilhabe.api.schemas import ERRORS_WRITE, RefOut, Slug, errors
from teilhabe.core.errors import ServiceError
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Prioritisation
from teilhabe.participation.permissions import VIEW
from teilhabe.participation.selectors import prioritisation as selectors
from teilhabe.participation.services import prioritisation as services

router = Router(tags=["participation"])

ERRORS_PUBLIC_READ = errors(404, 422)


def _readable(request: HttpRequest) -> tuple[QuerySet[Prioritisation], bool]:
    """What the caller may read, and whether as a member who reads participation (drafts and unpublished
    results of their bodies too)."""
    place = municipality_of(request)
    actor: Actor | None = actor_of(request)
    if actor is not None and actor.is_member and actor.can(VIEW):
        return selectors.prioritisations_for(place.pk, actor.user_id, all_bodies=actor.holds_fully(VIEW)), True
    return selectors.public_prioritisations(place.pk), False


def _out(p: Prioritisation, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": p.pk, "title": p.title, "method": p.method, "audience": p.audience, "state": p.state,
        "body": RefOut(id=p.body.pk, name=p.body.name) if p.body is not None else None,
        "meeting": RefOut(id=p.meeting.pk, name=p.meeting.title) if p.meeting is not None else None,
        "points_per_person": p.points_per_person, "max_points_per_proposal": p.max_points_per_proposal,
        "opens_at": p.opens_at.isoformat() if p.opens_at else None,
        "closes_at": p.closes_at.isoformat() if p.closes_at else None,
        "result_published_at": p.result_published_at.isoformat() if p.result_published_at else None,
        "url": request.build_absolute_uri(services.public_path(p)),
    }


@router.get("/{slug:municipality}/prioritisations", response={200: PrioritisationPageOut, **ERRORS_PUBLIC_READ},
            operation_id="prioritisations_list", summary="Priorisierungen / prioritisations")
def prioritisations_list(request: HttpRequest, municipality: Slug,
                         query: Query[PrioritisationQuery]) -> PrioritisationPageOut:
    """Öffentliche Abstimmungen und veröffentlichte Ergebnisse; angemeldete Mitglieder, die die Beteiligung
    sehen, auch Entwürfe (Moderation und Gremienmitglieder: ihrer Gremien). Seitenweise.

    Public ballots and published results; members who read participation see theirs too. Paginated."""
    qs, _member = _readable(request)
    paginator = Paginator(qs.order_by("-created_at", "-pk"), query.page_size)
    try:
        page = paginator.page(query.page)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return PrioritisationPageOut(
        count=paginator.count, page=page.number, pages=paginator.num_pages, page_size=query.page_size,
        items=[PrioritisationOut(**_out(p, request)) for p in page.object_list])


@router.get("/{slug:municipality}/prioritisations/{prioritisation_id}",
            response={200: PrioritisationDetailOut, **ERRORS_PUBLIC_READ},
            operation_id="prioritisation_get", summary="Eine Priorisierung / one prioritisation")
def prioritisation_get(request: HttpRequest, municipality: Slug,
                       prioritisation_id: PrioritisationIdPath) -> PrioritisationDetailOut:
    """Eine Priorisierung mit ihren Vorschlägen; das Ergebnis, wenn es veröffentlicht ist (Mitglieder, die die
    Beteiligung sehen, auch vorher), mit dem Verfahren in Worten. Unbekannt oder nicht sichtbar: 404.

    One prioritisation with its proposals and, when published, its result and method."""
    qs, member = _readable(request)
    prioritisation = qs.filter(pk=prioritisation_id).first()
    if prioritisation is None:
        raise Http404
    result_out = None
    if prioritisation.result_published_at is not None or member:
        result = selectors.result(prioritisation)
        proposals = [r.proposal for r in result.rows]
        result_out = PrioritisationResultOut(
            ballots=result.ballots, method_explained=result.explanation,
            published=prioritisation.result_published_at is not None,
            rows=[PrioritisationResultRowOut(
                proposal=PrioritisationProposalOut(id=r.proposal.pk, title=r.proposal.title), score=r.score,
                voters=r.voters, place=r.place, tied=r.tied) for r in result.rows])
        proposals.sort(key=lambda p: (p.title, p.pk))
    else:
        proposals = selectors.proposals_of(prioritisation)
    return PrioritisationDetailOut(
        **_out(prioritisation, request),
        proposals=[PrioritisationProposalOut(id=p.pk, title=p.title) for p in proposals], result=result_out)


@router.post("/{slug:municipality}/prioritisations/{prioritisation_id}/ballots",
             response={201: PrioritisationBallotOut, **ERRORS_WRITE}, auth=MemberSessionAuth(),
             operation_id="prioritisation_ballot_create",
             summary="Stimmzettel abgeben (Gremienmitglied) / cast a ballot (body member)")
def prioritisation_ballot_create(request: HttpRequest, municipality: Slug, prioritisation_id: PrioritisationIdPath,
                                 payload: PrioritisationBallotIn) -> Status[PrioritisationBallotOut]:
    """Ein Mitglied des Gremiums gibt seinen einen Stimmzettel ab: Punkte (Verfahren points) oder Ränge
    (ranking) je Vorschlag. Ein zweiter Stimmzettel, zu viele Punkte, Ränge mit Lücken, ein fremder Vorschlag
    oder eine geschlossene Abstimmung: 400 mit der Meldung, nichts gespeichert.

    A body member's one ballot; refusals are a 400 with a message, nothing is stored."""
    actor = actor_of(request)
    prioritisation = selectors.prioritisations(municipality_of(request).pk).filter(pk=prioritisation_id).first()
    if prioritisation is None or not (services.may_vote_as_member(actor, prioritisation)
                                      or actor.can(VIEW, prioritisation)):
        raise Http404
    method = prioritisation.method
    choices: dict[int, int | None] = {}
    for choice in payload.choices:
        if choice.proposal_id in choices:
            raise ServiceError(_("Jeder Vorschlag nur einmal, bitte."))
        choices[choice.proposal_id] = choice.rank if method == Prioritisation.Method.RANKING else choice.points
    ballot = services.submit_ballot(prioritisation=prioritisation, voter=services.member_voter(actor), actor=actor,
                                    choices=choices)
    return Status(201, PrioritisationBallotOut(id=ballot.pk, submitted_at=ballot.submitted_at.isoformat()))
