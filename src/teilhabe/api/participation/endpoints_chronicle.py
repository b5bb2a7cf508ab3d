"""The chronicle in the REST API.

GET    /api/v1/{municipality}/chronicle                  published milestones for everyone (filter by year and
                                                         kind; proposed/dismissed ones with MANAGE_CHRONICLE)
POST   /api/v1/{municipality}/chronicle                  a new milestone (MANAGE_CHRONICLE)
PATCH  /api/v1/{municipality}/chronicle/{milestone_id}   change, confirm or dismiss (MANAGE_CHRONICLE, version)
DELETE /api/v1/{municipality}/chronicle/{milestone_id}   delete (MANAGE_CHRONICLE, version)

Reads go through teilhabe.participation.selectors.chronicle (two queries for a page, whatever its size), writes
through teilhabe.participation.services.chronicle."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, municipality_of, require
from teilhabe.api.participation.schemas_chronicle import (
    ChronicleQuery,
    MilestoneCreateIn,
    MilestoneDocumentOut,
    MilestoneIdPath,
    MilestoneKind,
    MilestoneOut,
    MilestonePageOut,
    MilestonePatchIn,
    MilestonePrecision,
    MilestoneState,
    MilestoneVersionQuery,
)
from teilhabe.api.schemas import ERRORS_WRITE, RefOut, Slug, errors
from teilhabe.core.models import Municipality
from teilhabe.participation.models import Meeting, Milestone
from teilhabe.participation.permissions import MANAGE_CHRONICLE
from teilhabe.participation.selectors import chronicle as selectors
from teilhabe.participation.services import chronicle as services
from teilhabe.plans.models import Edition
from teilhabe.reporting.models import ReportingRound

router = Router(tags=["Chronik"])

ERRORS_PUBLIC_READ = errors(403, 404, 422)
LINKS: dict[str, type[Any]] = {"edition_id": Edition, "meeting_id": Meeting, "reporting_round_id": ReportingRound}
PLAIN = ("date", "end_date", "precision", "kind", "title", "text", "document_url", "document_label")


def _out(milestone: Milestone, prefix: str) -> MilestoneOut:
    edition, meeting, round_ = milestone.edition, milestone.meeting, milestone.reporting_round
    return MilestoneOut(
        id=milestone.pk, date=milestone.date.isoformat(),
        end_date=milestone.end_date.isoformat() if milestone.end_date else None,
        precision=cast(MilestonePrecision, milestone.precision), when=selectors.when(milestone).text,
        kind=cast(MilestoneKind, milestone.kind), kind_label=str(milestone.get_kind_display()),
        title=milestone.title, text=milestone.text, state=cast(MilestoneState, milestone.state),
        proposed_by_teilhabe=bool(milestone.source_key),
        edition=RefOut(id=edition.pk, name=f"{edition.plan.title}: {edition.name}") if edition else None,
        meeting=RefOut(id=meeting.pk, name=meeting.title) if meeting else None,
        reporting_round=RefOut(id=round_.pk, name=round_.title) if round_ else None,
        document=MilestoneDocumentOut(url=milestone.document_url, label=milestone.document_label)
        if milestone.document_url else None,
        url=f"{prefix}#meilenstein-{milestone.pk}", version=milestone.version,
    )


def _prefix(request: HttpRequest, slug: str) -> str:
    return request.build_absolute_uri(reverse("portal:participation_chronicle", kwargs={"municipality": slug}))


@router.get("/{slug:municipality}/chronicle", response={200: MilestonePageOut, **ERRORS_PUBLIC_READ},
            operation_id="chronicle_list", summary="Chronik / the chronicle")
def chronicle_list(request: HttpRequest, municipality: Slug, query: Query[ChronicleQuery]) -> MilestonePageOut:
    """Die veröffentlichten Meilensteine der Kommune, neueste zuerst, seitenweise (`page`, `page_size` ≤ 1000),
    nach Jahr und Art gefiltert. Ohne Anmeldung. Vorgeschlagene und verworfene (`state`) nur mit dem Recht, die
    Chronik zu pflegen (sonst 403). Zwei Datenbankabfragen, gleich wie groß die Seite ist.

    The municipality's published milestones, newest first, paginated; no login. Proposed and dismissed ones
    need participation.manage_chronicle."""
    place = municipality_of(request)
    state = query.state or Milestone.State.PUBLISHED
    qs = selectors.milestones(place).filter(state=state)
    if state != Milestone.State.PUBLISHED:
        actor = actor_of(request)
        if actor is None or not actor.can(MANAGE_CHRONICLE):
            raise PermissionDenied(_("Dazu fehlt Ihnen die Berechtigung."))
    if query.year is not None:
        qs = qs.filter(date__year=query.year)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    page = selectors.page_of(qs, query.page, query.page_size)
    prefix = _prefix(request, place.slug)
    return MilestonePageOut(
        count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
        next_page=page.number + 1 if page.has_next else None,
        previous_page=page.number - 1 if page.has_previous else None,
        items=[_out(m, prefix) for m in page.items],
    )


def _values(place: Municipality, payload: MilestoneCreateIn | MilestonePatchIn) -> dict[str, Any]:
    """The fields sent, with linked ids resolved in this municipality (an id of another one is unknown: 422)."""
    sent = payload.model_fields_set
    values: dict[str, Any] = {name: getattr(payload, name) for name in PLAIN if name in sent}
    for name in ("text", "document_url", "document_label"):
        if name in values and values[name] is None:
            values[name] = ""
    problems: dict[str, list[str]] = {}
    if values.get("document_url"):
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(values["document_url"])
        except ValidationError:
            problems["document_url"] = [_("Bitte geben Sie eine gültige Adresse (http oder https) an.")]
    for name, model in LINKS.items():
        if name not in sent:
            continue
        pk = getattr(payload, name)
        field = name.removesuffix("_id")
        if pk is None:
            values[field] = None
            continue
        found = model.objects.of(place).filter(pk=pk).first()
        if found is None:
            problems[name] = [_("Unbekannte Id in dieser Kommune.")]
        values[field] = found
    if problems:
        raise ValidationError(problems)
    return values


API_NAMES = {"edition": "edition_id", "meeting": "meeting_id", "reporting_round": "reporting_round_id"}


def _api_names(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({API_NAMES.get(k, k): v for k, v in exc.error_dict.items()})


def _one(place: Municipality, milestone_id: int) -> Milestone:
    found = selectors.milestones(place).filter(pk=milestone_id).first()
    if found is None:
        raise Http404
    return found


@router.post("/{slug:municipality}/chronicle", response={201: MilestoneOut, **ERRORS_WRITE},
             operation_id="chronicle_create", summary="Meilenstein anlegen / create a milestone",
             auth=MemberSessionAuth())
def chronicle_create(request: HttpRequest, municipality: Slug, payload: MilestoneCreateIn) -> Status[MilestoneOut]:
    """Legt einen Meilenstein an; er steht sofort in der Chronik. Nur mit dem Recht, die Chronik zu pflegen
    (Koordination). Ein verknüpftes Objekt einer anderen Kommune ist unbekannt (422).

    Creates a milestone, published at once (Koordination)."""
    actor = require(request, MANAGE_CHRONICLE)
    place = municipality_of(request)
    try:
        milestone = services.create_milestone(actor=actor, municipality=place, values=_values(place, payload))
    except ValidationError as exc:
        raise _api_names(exc) from None
    return Status(201, _out(_one(place, milestone.pk), _prefix(request, place.slug)))


@router.patch("/{slug:municipality}/chronicle/{milestone_id}", response={200: MilestoneOut, **ERRORS_WRITE},
              operation_id="chronicle_update", summary="Meilenstein ändern, bestätigen oder verwerfen / change, "
              "confirm or dismiss a milestone", auth=MemberSessionAuth())
def chronicle_update(request: HttpRequest, municipality: Slug, milestone_id: MilestoneIdPath,
                     payload: MilestonePatchIn) -> MilestoneOut:
    """Ändert die mitgesendeten Felder; `state` bestätigt (published) oder verwirft (dismissed) einen Vorschlag.
    `version` ist Pflicht (409, wenn inzwischen jemand anderes gespeichert hat).

    Changes the fields sent; `state` confirms or dismisses; `version` is required."""
    actor = require(request, MANAGE_CHRONICLE)
    place = municipality_of(request)
    milestone = _one(place, milestone_id)
    values = _values(place, payload)
    version = payload.version
    try:
        if values:
            milestone = services.update_milestone(actor=actor, milestone=milestone, expected_version=version,
                                                  values=values)
            version = milestone.version
        if payload.state == Milestone.State.PUBLISHED and milestone.state != Milestone.State.PUBLISHED:
            services.confirm_milestone(actor=actor, milestone=milestone, expected_version=version)
        elif payload.state == Milestone.State.DISMISSED and milestone.state != Milestone.State.DISMISSED:
            services.dismiss_milestone(actor=actor, milestone=milestone, expected_version=version)
    except ValidationError as exc:
        raise _api_names(exc) from None
    return _out(_one(place, milestone_id), _prefix(request, place.slug))


@router.delete("/{slug:municipality}/chronicle/{milestone_id}", response={204: None, **ERRORS_WRITE},
               operation_id="chronicle_delete", summary="Meilenstein löschen / delete a milestone",
               auth=MemberSessionAuth())
def chronicle_delete(request: HttpRequest, municipality: Slug, milestone_id: MilestoneIdPath,
                     query: Query[MilestoneVersionQuery]) -> Status[None]:
    """Löscht einen Meilenstein; einen von Teilhabe vorgeschlagenen verwirft es stattdessen, damit er nicht
    wieder vorgeschlagen wird. `version` ist Pflicht.

    Deletes a milestone (one Teilhabe proposed is dismissed instead); `version` is required."""
    actor = require(request, MANAGE_CHRONICLE)
    place = municipality_of(request)
    services.delete_milestone(actor=actor, milestone=_one(place, milestone_id), expected_version=query.version)
    return Status(204, None)
