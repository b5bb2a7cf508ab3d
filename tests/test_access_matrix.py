"""Every back-office view × every role × a user of another municipality × an object of another
municipality, derived from the declarations.

Each view declares its permission with @requires (teilhabe.core.tenancy); the expected outcome for each
user is computed from the role table (the permissions the apps declare), so the table and the views
cannot drift apart: a view without a declaration, or one that answers differently than declared, fails
here. For every route that takes an object id, the same kind of object is built in another municipality
and its id must answer 404 through our municipality's URL — a new view is covered the day it is added
(and a route whose object kind cannot be derived fails `test_every_object_route_is_derivable`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfWriter

from teilhabe.calendar.events import services as event_services
from teilhabe.calendar.models import Event, EventFeed
from teilhabe.core.models import Membership, Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Actor, Permission, ResponsibleObject, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.directory import services as directory_services
from teilhabe.directory.models import InventoryRound, Offer, OfferCategory, OrganisationProfile, RegistrationRequest
from teilhabe.directory.permissions import EDIT_PROFILE
from teilhabe.moderation import services as moderation_services
from teilhabe.moderation.models import Revision
from teilhabe.monitoring import services as monitoring_services
from teilhabe.monitoring.models import Category, ImportBatch, Indicator, SeriesBreak
from teilhabe.monitoring.services import ObservationRow
from teilhabe.pages import services as page_services
from teilhabe.pages.models import LegalPage, PageVideo
from teilhabe.participation.models import (
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingSession,
    Milestone,
    Prioritisation,
    Proposal,
)
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import chronicle as chronicle_services
from teilhabe.participation.services import meetings as meeting_services
from teilhabe.participation.services import prioritisation as prioritisation_services
from teilhabe.participation.services import proposals as proposal_services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan, StatusOption, TargetGroup
from teilhabe.reporting import attachments as reporting_attachments
from teilhabe.reporting import services as reporting_services
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportAttachment, ReportingRound, Success
from tests.conftest import build_small_plan
from tests.factories import MembershipFactory, OrganisationFactory, OrgUnitFactory, UserFactory
from tests.media_samples import VTT, mp4


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]
    callback: Callable[..., Any]


def _walk(patterns: list[Any], namespace: str = "", params: tuple[str, ...] = ()) -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns, params + tuple(p.pattern.converters))
        elif isinstance(p, URLPattern) and p.name:
            yield Route(f"{namespace}{p.name}", params + tuple(p.pattern.converters), p.callback)


def backoffice_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if r.name.startswith("backoffice:")]


# Which object an id in a URL refers to, by the view name's first word.
OBJECT_FOR_PREFIX: dict[str, type[models.Model]] = {
    "measure": Measure, "field": FieldOfAction, "goal": Goal, "edition": Edition, "plan": Plan,
    "status": StatusOption, "orgunit": OrgUnit, "organisation": Organisation, "member": Membership,
    "target": TargetGroup, "targetgroup": TargetGroup,
    "round": ReportingRound, "report": MeasureReport, "partnerlink": PartnerLink, "attachment": ReportAttachment,
    "indicator": Indicator, "event": Event, "category": Category, "seriesbreak": SeriesBreak, "batch": ImportBatch,
    "revision": Revision, "registration": RegistrationRequest, "profile": OrganisationProfile,
    "offer": Offer, "inventory": InventoryRound,
    "eventfeed": EventFeed,
    "legalpage": LegalPage,
    "pagevideo": PageVideo,
    "body": Body, "bodymember": BodyMember, "meeting": Meeting, "meetingsession": MeetingSession,
    "decision": Decision,
}
# Views named by more than their first word (participation_<subject>_<object>_…): the longest prefix wins.
OBJECT_FOR_NAME_PREFIX: dict[str, type[models.Model]] = {
    "participation_proposals_proposal_": Proposal,
    "participation_prioritisation_": Prioritisation,
    "participation_chronicle_": Milestone,
}
# Non-id URL parameters and the value to use.
FIXED_PARAMS: dict[str, str] = {"kind": LegalPage.Kind.IMPRINT, "language": "de"}


def _model_for(route: Route) -> type[models.Model] | None:
    name = route.name.split(":", 1)[1]
    for long_prefix in sorted(OBJECT_FOR_NAME_PREFIX, key=len, reverse=True):
        if name.startswith(long_prefix):
            return OBJECT_FOR_NAME_PREFIX[long_prefix]
    prefix = name.split("_", 1)[0]
    return OBJECT_FOR_PREFIX.get(prefix)


def _id_params(route: Route) -> list[str]:
    return [p for p in route.params if p != "municipality" and p not in FIXED_PARAMS]


def _object_for(route: Route, municipality: Municipality) -> models.Model | None:
    model = _model_for(route)
    if model is None:
        return None
    with municipality_scope(municipality):
        qs = model._default_manager.all()
        if model is Measure:
            # The measure the Fachstelle fixture is NOT responsible for: object-level checks must bite.
            return qs.get(title="Schulsozialarbeit")
        if model is MeasureReport:
            return qs.get(title="Schulsozialarbeit")
        if model is Membership:
            return qs.filter(role=Role.LESEND).order_by("pk").first()
        return qs.order_by("pk").first()


def _kwargs(route: Route, municipality: Municipality, obj: models.Model | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"municipality": municipality.slug}
    for param in route.params:
        if param == "municipality":
            continue
        if param in FIXED_PARAMS:
            kwargs[param] = FIXED_PARAMS[param]
        else:
            assert obj is not None, f"{route.name}: no object known for URL parameter {param!r}"
            kwargs[param] = obj.pk
    return kwargs


USERS = ["anonymous", "koordination", "fachstelle", "lesend", "statistik", "organisation", "foreign_user",
         "platform_admin"]


def _furnish(municipality: Municipality) -> None:
    """What every kind of routed object needs to exist once in a municipality, beyond the plan."""
    with municipality_scope(municipality):
        TargetGroup.objects.get_or_create(municipality=municipality, name="Eltern")
        LegalPage.objects.get_or_create(municipality=municipality, kind=LegalPage.Kind.IMPRINT, language="de",
                                        defaults={"title": "Impressum", "body": "Text"})
        if not Membership.objects.filter(role=Role.LESEND).exists():
            MembershipFactory(municipality=municipality, user=UserFactory(), role=Role.LESEND)
        if not ReportingRound.objects.exists():  # an open round over the plan, with a partner link
            actor = Actor.system(municipality.pk)
            edition = Edition.objects.get(status=Edition.Status.ADOPTED)
            round_ = reporting_services.open_round(
                actor=actor, edition=edition, title="Umsetzungsbericht", period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 12, 31), deadline=dt.date.today() + dt.timedelta(days=14))
            addressed = MeasureReport.objects.filter(round=round_, addressed_organisations__isnull=False).first()
            assert addressed is not None
            organisation = addressed.addressed_organisations.get()
            reporting_services.create_partner_link(actor=actor, round_=round_, organisation=organisation)
            # A submitted report with an attachment: its answerers and whoever sees rounds may download it.
            report = MeasureReport.objects.get(round=round_, title="Mama lernt Deutsch")
            reporting_attachments.add_attachment(by=actor, report=report, upload=ContentFile(_pdf(), name="a.pdf"))
            reporting_services.submit(by=actor, report=report, expected_version=report.version, values={
                "status": StatusOption.objects.order_by("pk").first(), "progress": "Drei Kurse.",
                "success": Success.SUCCESSFUL})
        if not Event.objects.exists():  # a weekly event of the first organisation
            event_services.create_event(actor=Actor.system(municipality.pk), municipality=municipality, values={
                "organisation": Organisation.objects.order_by("pk").first(), "title": "Sprachcafé",
                "start": dt.datetime(2026, 10, 15, 16, tzinfo=dt.UTC),
                "end": dt.datetime(2026, 10, 15, 18, tzinfo=dt.UTC),
                "rrule": "FREQ=WEEKLY;COUNT=4", "state": Event.State.PUBLISHED})
        if not Indicator.objects.exists():  # an indicator with values, a category and a series break
            _furnish_monitoring(municipality)
        if not Revision.objects.exists():  # a profile with a pending revision, a registration request
            _furnish_directory(municipality)
        if not Offer.objects.exists():  # an offer without a provider (no Fachstelle's own) and an open round
            _furnish_offers(municipality)
        if not EventFeed.objects.exists():  # a subscribed calendar (not fetched: outbound calls are off)
            EventFeed.objects.create(municipality=municipality, organisation=Organisation.objects.order_by("pk")[0],
                                     url="https://example.org/verein.ics")

        if not Body.objects.exists():  # a body with a member, a meeting with a session and a decision
            _furnish_participation(municipality)
        if not Proposal.objects.exists():  # a published proposal collected in a meeting of a working group
            _furnish_proposals(municipality)
        if not Prioritisation.objects.exists():  # a dot voting of a body's meeting, over two proposals
            _furnish_prioritisation(municipality)
        if not Milestone.objects.exists():  # a milestone of the chronicle
            chronicle_services.create_milestone(actor=Actor.system(municipality.pk), municipality=municipality,
                                                values={"date": dt.date(2015, 3, 13), "title": "Beitritt"})

        if not PageVideo.objects.exists():  # a sign-language video
            page_services.add_page_video(
                actor=Actor.system(municipality.pk), municipality=municipality, kind="gebaerdensprache",
                title="Video", video=ContentFile(mp4(), name="v.mp4"), captions=ContentFile(VTT.encode(), name="v.vtt"))


def _furnish_proposals(municipality: Municipality) -> None:
    body = Body.objects.create(municipality=municipality, name="AG Sprache")
    starts = dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)
    meeting = Meeting.objects.create(municipality=municipality, body=body, title="AG-Sitzung", starts_at=starts,
                                     ends_at=starts + dt.timedelta(hours=2))
    proposal_services.enter_proposal(actor=Actor.system(municipality.pk), municipality=municipality, values={
        "title": "Sprachcafé", "text": "Ein offenes Sprachcafé.", "meeting": meeting})
def _furnish_prioritisation(municipality: Municipality) -> None:
    actor = Actor.system(municipality.pk)
    body = Body.objects.create(municipality=municipality, name="AG Priorisierung")
    meeting = Meeting.objects.create(municipality=municipality, body=body, title="Workshop",
                                     starts_at=dt.datetime(2026, 10, 1, 17, tzinfo=dt.UTC),
                                     ends_at=dt.datetime(2026, 10, 1, 19, tzinfo=dt.UTC))
    proposals = [Proposal.objects.create(municipality=municipality, title=t, text="x") for t in ("Eins", "Zwei")]
    prioritisation_services.create_prioritisation(
        actor=actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
        values={"title": "Punktabfrage", "method": "dots", "audience": "body", "body": body, "meeting": meeting})


def _furnish_offers(municipality: Municipality) -> None:
    actor = Actor.system(municipality.pk)
    directory_services.ensure_default_categories(actor=actor, municipality=municipality)
    directory_services.create_offer(actor=actor, municipality=municipality, values={
        "title": "Sprachcafé", "category": OfferCategory.objects.get(name="Sprachcafé"), "district": "Altstadt",
        "state": Offer.State.PUBLISHED})
    directory_services.open_inventory_round(actor=actor, municipality=municipality, title="Bestandsaufnahme",
                                            deadline=dt.date.today() + dt.timedelta(days=14))


def _furnish_participation(municipality: Municipality) -> None:
    actor = Actor.system(municipality.pk)
    body = body_services.create_body(actor=actor, municipality=municipality, values={"name": "AG Bildung"})
    body_services.add_member(actor=actor, body=body, values={"name": "Aylin Demir", "function": "contact"})
    start = dt.datetime(2030, 5, 4, 9, tzinfo=dt.UTC)  # public and open for registration (the portal's form)
    meeting = meeting_services.create_meeting(actor=actor, municipality=municipality, values={
        "title": "Workshop", "body": body, "starts_at": start, "ends_at": start + dt.timedelta(hours=2),
        "is_public": True, "registration_open": True})
    meeting_services.add_session(actor=actor, meeting=meeting, values={"title": "Tisch 1"})
    meeting_services.add_decision(actor=actor, meeting=meeting, values={"text": "Eine AG Sprache wird gebildet."})


def _furnish_monitoring(municipality: Municipality) -> None:
    actor = Actor.system(municipality.pk)
    indicator = monitoring_services.create_indicator(actor=actor, municipality=municipality, values={
        "key": "einwohner", "name": "Einwohner", "dimensions": ["sex", "age"], "is_published": True,
        "goals": list(Goal.objects.all()[:1]), "measures": list(Measure.objects.all()[:1])})
    monitoring_services.write_observations(actor=actor, indicator=indicator, label="Einwohner.csv", rows=[
        ObservationRow(period=str(year), period_start=dt.date(year, 1, 1), value=Decimal(1000 + year))
        for year in (2020, 2021)])
    monitoring_services.create_category(actor=actor, municipality=municipality, dimension="age", code="u18",
                                        label="unter 18")
    monitoring_services.add_series_break(actor=actor, indicator=indicator, period="2021", note="Zensus")


def _furnish_directory(municipality: Municipality) -> None:
    actor = Actor.system(municipality.pk)
    profile = directory_services.ensure_profile(actor=actor, organisation=Organisation.objects.order_by("pk").first())
    profile = directory_services.save_profile(  # published: the portal shows it and translators translate it
        actor=actor, profile=profile, expected_version=profile.version,
        values=directory_services.current_values(profile), published=True).profile
    moderation_services.propose(actor=actor, perm=EDIT_PROFILE, obj=profile, values={"district": "Altstadt"},
                                base_values={}, organisation=profile.organisation)
    directory_services.request_registration(
        municipality=municipality, organisation_name="Neuer Verein", kind=Organisation.Kind.ASSOCIATION, website="",
        first_name="Nora", last_name="Neu", email=f"nora@{municipality.slug}.example")


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def everything(plan: Plan, municipality: Municipality, koordination: User, fachstelle: User, lesend: User,
               foreign_user: User, platform_admin: User,
               make_member: Callable[..., User]) -> dict[str, User | None]:
    _furnish(municipality)
    statistik = make_member(municipality, Role.STATISTIK, "statistik")
    with municipality_scope(municipality):  # an organisation editor of the organisation the routes do NOT use
        own = OrganisationFactory(municipality=municipality, name="Eigener Verein der Redaktion")
    editor = make_member(municipality, Role.ORGANISATION, "organisation", organisations=(own,))
    return {"anonymous": None, "koordination": koordination, "fachstelle": fachstelle, "lesend": lesend,
            "statistik": statistik, "organisation": editor, "foreign_user": foreign_user,
            "platform_admin": platform_admin}


@pytest.fixture
def foreign_world(other_municipality: Municipality, foreign_user: User) -> Municipality:
    """The same kinds of objects as ours, in the other municipality, built through the services."""
    actor = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        other_amt = OrgUnitFactory(municipality=other_municipality, name="Anderes fremdes Amt")
        verein = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    build_small_plan(actor, other_municipality, amt, other_amt, verein)
    _furnish(other_municipality)
    return other_municipality


def test_every_backoffice_view_declares_its_permission() -> None:
    undeclared = [r.name for r in backoffice_routes() if not hasattr(r.callback, "required_permission")]
    assert undeclared == []


def test_every_object_route_is_derivable() -> None:
    """A route taking an object id must name its object kind by its first word (see OBJECT_FOR_PREFIX),
    so that the foreign-object check below covers it."""
    unknown = [r.name for r in backoffice_routes() if _id_params(r) and _model_for(r) is None]
    assert unknown == []


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", USERS)
def test_role_matrix(who: str, method: str, everything: dict[str, User | None], municipality: Municipality,
                     client_for: Callable[[User | None], Any]) -> None:
    user = everything[who]
    client = client_for(user)
    problems = []
    for route in backoffice_routes():
        perm: Permission = route.callback.required_permission
        obj = _object_for(route, municipality)
        url = reverse(route.name, kwargs=_kwargs(route, municipality, obj))
        response = getattr(client, method)(url)
        status = response.status_code
        if user is None:
            ok = status == 302 and "/konto/anmelden/" in response["Location"]
            expected = "redirect to login"
        elif who == "foreign_user":
            ok, expected = status == 404, "404"
        else:
            actor = actor_for(user, municipality)
            allowed = actor.can(perm, obj if isinstance(obj, ResponsibleObject) else None)
            # A view may declare a rule about its object beyond the permission's reach (an open round's
            # draft report only for Koordination): `view.object_rule(actor, obj)`, the view's own check.
            rule = getattr(route.callback, "object_rule", None)
            if allowed and rule is not None:
                allowed = rule(actor, obj)
            if allowed:
                # An empty POST may be refused as bad input (400), but never as forbidden or missing.
                allowed_statuses = (200, 302, 405) if method == "get" else (200, 302, 400, 405)
                ok = status in allowed_statuses and "/konto/anmelden/" not in response.get("Location", "")
                expected = f"allowed {allowed_statuses}"
            else:
                ok, expected = status == 403, "403"
        if not ok:
            problems.append(f"{method.upper()} {route.name} {url}: got {status}, expected {expected}")
    assert problems == []


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["koordination", "platform_admin"])
def test_foreign_objects_are_404(who: str, method: str, everything: dict[str, User | None],
                                 foreign_world: Municipality, municipality: Municipality,
                                 client_for: Callable[[User | None], Any]) -> None:
    """Ids of the other municipality's objects, asked for through our municipality's URLs: 404, for the
    role that may do everything here (and for a platform administrator, who may do everything anywhere)."""
    client = client_for(everything[who])
    checked, problems = 0, []
    for route in backoffice_routes():
        if not _id_params(route):
            continue
        foreign = _object_for(route, foreign_world)
        assert foreign is not None, f"{route.name}: the foreign world has no {_model_for(route)}"
        url = reverse(route.name, kwargs=_kwargs(route, municipality, foreign))
        status = getattr(client, method)(url).status_code
        checked += 1
        if status != 404:
            problems.append(f"{method.upper()} {route.name} {url}: got {status}, expected 404")
    assert checked >= 15, "fewer object routes than expected: is the route walk still finding them?"
    assert problems == []
