"""The conflict page on every editable object.

For each object a person edits in the back office: open the edit form (GET, as a browser would, which reads
the version), let a second person change the object through the service, then send the first person's edit
against the now stale version. The answer must be the form again with the first person's input kept (and the
current version, so that saving again applies it on top), the one conflict partial showing what the other
person changed, and nothing of the first person's edit in the database.

The list of edit views is checked against the URL conf: a new `…_edit` view without a case here fails."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from teilhabe.calendar import services as calendar_services
from teilhabe.calendar.events import services as event_services
from teilhabe.calendar.feeds import services as feed_services
from teilhabe.calendar.models import CalendarSettings, DateOverride, Event, EventFeed, OwnObservance
from teilhabe.core import services as core_services
from teilhabe.core.models import Membership, Organisation, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.directory import services as directory_services
from teilhabe.directory.models import Offer, OfferCategory
from teilhabe.monitoring import services as monitoring_services
from teilhabe.monitoring.models import Category, Indicator
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
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan, StatusOption, TargetGroup
from teilhabe.reporting import services as reporting_services
from teilhabe.reporting.models import ReportingRound
from tests.media_samples import VTT, mp4

CONFLICT_MARKER = "Das hat die andere Person geändert:"


# --- reading forms like a browser ------------------------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        assert self._form is not None
        self._form["fields"].setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": {}, "names": set()}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            self._form["names"].add(name)
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self._form["names"].add(name)
            self._select = (name, "multiple" in a)
        elif tag == "option" and self._select is not None and "selected" in a:
            self._add(self._select[0], a.get("value", ""))
        elif tag == "textarea" and name:
            self._form["names"].add(name)
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_with(html: str, field: str) -> dict[str, Any]:
    """The POST form of the page that has the named field."""
    parser = _Forms()
    parser.feed(html)
    found = [f for f in parser.forms if field in f["names"]]
    assert len(found) == 1, f"expected one form with {field!r}, found {len(found)}"
    return found[0]


def conflict_box(html: str) -> str:
    match = re.search(r'<div class="kern-alert kern-alert--warning conflict".*?</table>', html, re.S)
    assert match, "no conflict partial on the page"
    return match.group(0)


# --- the editable objects ----------------------------------------------------------------------------------


@dataclass
class World:
    municipality: Any
    other: Actor  # the second person, Koordination too
    lesend_membership: Membership


@dataclass(frozen=True)
class Editable:
    url_name: str  # the view that saves; its form is opened at `page` (default: the same view)
    make: Callable[[World], Any]
    args: Callable[[Any], dict[str, Any]]  # URL path kwargs (besides the municipality) and query (key "?")
    field: str  # the form field the first person changes ...
    mine: str  # ... to this value
    theirs: Callable[[World, Any], None]  # the second person's change, through the service
    theirs_shown: str  # how it reads in the conflict partial
    stored: Callable[[Any], Any]  # the value in the database now
    theirs_stored: Any
    page: str | None = None


def _fresh(model: type, obj: Any) -> Any:
    return model.objects.get(pk=obj.pk)


def _pk(obj: Any) -> dict[str, Any]:
    return {"pk": obj.pk}


def _first(model: type, world: World) -> Any:
    return model.objects.of(world.municipality).order_by("pk").first()


def _feed(world: World) -> EventFeed:
    organisation = _first(Organisation, world)
    return feed_services.create_feed(actor=world.other, municipality=world.municipality, organisation=organisation,
                                     url="https://example.org/verein.ics")


def _own(world: World) -> OwnObservance:
    return calendar_services.create_own_observance(
        actor=world.other, municipality=world.municipality,
        values={"key": "fest-der-kulturen", "names": {"de": "Fest der Kulturen"}, "own_community": "Stadtgesellschaft",
                "rule": OwnObservance.Rule.FIXED, "month": 6, "day": 20, "length_days": 1})


def _override(world: World) -> DateOverride:
    return calendar_services.set_date_override(
        actor=world.other, municipality=world.municipality, observance_key="eid-al-adha", year=2027,
        expected_version=0, date=dt.date(2027, 5, 17), note="laut Moscheeverein")


def _legal_page(world: World) -> LegalPage:
    return page_services.save_legal_page(
        actor=world.other, municipality=world.municipality, kind=LegalPage.Kind.IMPRINT, language="de",
        title="Impressum", body="Stadt Heidelberg", expected_version=0)


def _round(world: World) -> ReportingRound:
    edition = Edition.objects.of(world.municipality).get(status=Edition.Status.ADOPTED)
    return reporting_services.open_round(
        actor=world.other, edition=edition, title="Umsetzungsbericht 2026", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), deadline=dt.date.today() + dt.timedelta(days=14))


def _indicator(world: World) -> Indicator:
    return monitoring_services.create_indicator(actor=world.other, municipality=world.municipality, values={
        "key": "einwohner", "name": "Einwohner", "dimensions": ["sex"], "goals": [_first(Goal, world)]})


def _category(world: World) -> Category:
    return monitoring_services.create_category(actor=world.other, municipality=world.municipality,
                                               dimension="age", code="u18", label="unter 18")


def _proposal(world: World) -> Proposal:
    return proposal_services.enter_proposal(actor=world.other, municipality=world.municipality, values={
        "title": "Sprachcafé", "text": "Ein offenes Sprachcafé.", "field_of_action": _first(FieldOfAction, world)})


def _offer(world: World) -> Offer:
    directory_services.ensure_default_categories(actor=world.other, municipality=world.municipality)
    return directory_services.create_offer(actor=world.other, municipality=world.municipality, values={
        "title": "Sprachcafé", "category": OfferCategory.objects.get(name="Sprachcafé"), "district": "Altstadt",
        "languages": ["de", "ar"]})


def _event(world: World) -> Event:
    return event_services.create_event(actor=world.other, municipality=world.municipality, values={
        "organisation": _first(Organisation, world), "title": "Sprachcafé",
        "start": dt.datetime(2027, 3, 12, 17, tzinfo=dt.UTC), "end": dt.datetime(2027, 3, 12, 19, tzinfo=dt.UTC)})


def _prioritisation(world: World) -> Prioritisation:
    proposals = [Proposal.objects.create(municipality=world.municipality, title=t, text="x") for t in ("A", "B")]
    return prioritisation_services.create_prioritisation(
        actor=world.other, municipality=world.municipality, proposal_ids=[p.pk for p in proposals],
        values={"title": "Priorisierung", "method": "points", "audience": "public", "points_per_person": 3})
def _milestone(world: World) -> Milestone:
    return chronicle_services.create_milestone(actor=world.other, municipality=world.municipality, values={
        "date": dt.date(2015, 3, 13), "title": "Beitritt zur Städtekoalition", "kind": Milestone.Kind.MEMBERSHIP})


def _video(world: World) -> PageVideo:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return page_services.add_page_video(
        actor=world.other, municipality=world.municipality, kind="gebaerdensprache", title="Willkommen",
        video=SimpleUploadedFile("v.mp4", mp4()), captions=SimpleUploadedFile("v.vtt", VTT.encode()))


EDITABLES: dict[str, Editable] = {
    "event": Editable(
        "event_edit", _event, _pk, "title", "Sprachcafé von Anna",
        lambda w, o: event_services.update_event(actor=w.other, event=o, expected_version=o.version,
                                                 values={"title": "Sprachcafé von Ben"}),
        "Sprachcafé von Ben", lambda o: _fresh(Event, o).title, "Sprachcafé von Ben"),
    "page video": Editable(
        "pagevideo_edit", _video, _pk, "title", "Willkommen von Anna",
        lambda w, o: page_services.update_page_video(actor=w.other, video=o, expected_version=o.version,
                                                     title="Willkommen von Ben", transcript=o.transcript),
        "Willkommen von Ben", lambda o: _fresh(PageVideo, o).title, "Willkommen von Ben"),
    "plan": Editable(
        "plan_settings", lambda w: _first(Plan, w), _pk, "title", "Plan von Anna",
        lambda w, o: plan_services.update_plan(actor=w.other, plan=o, expected_version=o.version,
                                               values={"title": "Plan von Ben"}),
        "Plan von Ben", lambda o: _fresh(Plan, o).title, "Plan von Ben"),
    "edition": Editable(
        "edition_edit", lambda w: _first(Edition, w), _pk, "name", "Ausgabe von Anna",
        lambda w, o: plan_services.update_edition(actor=w.other, edition=o, expected_version=o.version,
                                                  values={"name": "Ausgabe von Ben"}),
        "Ausgabe von Ben", lambda o: _fresh(Edition, o).name, "Ausgabe von Ben"),
    "field": Editable(
        "field_edit", lambda w: _first(FieldOfAction, w), _pk, "title", "Feld von Anna",
        lambda w, o: plan_services.update_field(actor=w.other, field=o, expected_version=o.version,
                                                values={"title": "Feld von Ben"}),
        "Feld von Ben", lambda o: _fresh(FieldOfAction, o).title, "Feld von Ben"),
    "goal": Editable(
        "goal_edit", lambda w: _first(Goal, w), _pk, "title", "Ziel von Anna",
        lambda w, o: plan_services.update_goal(actor=w.other, goal=o, expected_version=o.version,
                                               values={"title": "Ziel von Ben"}),
        "Ziel von Ben", lambda o: _fresh(Goal, o).title, "Ziel von Ben"),
    "measure": Editable(
        "measure_edit", lambda w: _first(Measure, w), _pk, "title", "Maßnahme von Anna",
        lambda w, o: plan_services.update_measure(actor=w.other, measure=o, expected_version=o.version,
                                                  values={"title": "Maßnahme von Ben"}),
        "Maßnahme von Ben", lambda o: _fresh(Measure, o).title, "Maßnahme von Ben"),
    "status option": Editable(
        "status_edit", lambda w: _first(StatusOption, w), _pk, "label", "Status von Anna",
        lambda w, o: plan_services.update_status_option(actor=w.other, option=o, expected_version=o.version,
                                                        label="Status von Ben", normalised=o.normalised,
                                                        colour=o.colour),
        "Status von Ben", lambda o: _fresh(StatusOption, o).label, "Status von Ben"),
    "target group": Editable(
        "targetgroup_edit",
        lambda w: plan_services.get_or_create_target_group(actor=w.other, municipality=w.municipality,
                                                           name="Eltern"),
        _pk, "name", "Gruppe von Anna",
        lambda w, o: plan_services.update_target_group(actor=w.other, group=o, expected_version=o.version,
                                                       name="Gruppe von Ben"),
        "Gruppe von Ben", lambda o: _fresh(TargetGroup, o).name, "Gruppe von Ben"),
    "org unit": Editable(
        "orgunit_edit", lambda w: _first(OrgUnit, w), _pk, "name", "Amt von Anna",
        lambda w, o: core_services.update_org_unit(actor=w.other, unit=o, expected_version=o.version,
                                                   name="Amt von Ben", short_name=o.short_name, kind=o.kind,
                                                   parent=o.parent),
        "Amt von Ben", lambda o: _fresh(OrgUnit, o).name, "Amt von Ben"),
    "organisation": Editable(
        "organisation_edit", lambda w: _first(Organisation, w), _pk, "name", "Verein von Anna",
        lambda w, o: core_services.update_organisation(actor=w.other, organisation=o, expected_version=o.version,
                                                       name="Verein von Ben", kind=o.kind, website=o.website),
        "Verein von Ben", lambda o: _fresh(Organisation, o).name, "Verein von Ben"),
    "membership": Editable(
        "member_edit", lambda w: w.lesend_membership, _pk, "role", Role.KOORDINATION.value,
        lambda w, o: core_services.update_member(actor=w.other, membership=o, expected_version=o.version,
                                                 role=Role.FACHSTELLE),
        "Fachstelle", lambda o: _fresh(Membership, o).role, Role.FACHSTELLE.value),
    "legal page": Editable(
        "legal_page_edit", _legal_page, lambda o: {"kind": o.kind, "language": o.language}, "title",
        "Impressum von Anna",
        lambda w, o: page_services.save_legal_page(actor=w.other, municipality=w.municipality, kind=o.kind,
                                                   language=o.language, title="Impressum von Ben", body=o.body,
                                                   expected_version=o.version),
        "Impressum von Ben", lambda o: _fresh(LegalPage, o).title, "Impressum von Ben"),
    "calendar variants": Editable(
        "calendar_variants", lambda w: calendar_services.set_variants(
            actor=w.other, municipality=w.municipality, expected_version=1, variants={}),
        lambda o: {}, "variant_islamic", "umm-al-qura",
        lambda w, o: calendar_services.set_variants(actor=w.other, municipality=w.municipality,
                                                    expected_version=_fresh(CalendarSettings, o).version,
                                                    variants={"orthodox-christmas": "armenian"}),
        "orthodox-christmas: armenian", lambda o: _fresh(CalendarSettings, o).variants,
        {"orthodox-christmas": "armenian"}, page="calendar_admin"),
    "own observance": Editable(
        "calendar_own_edit", _own, lambda o: {"?": {"kennung": o.key}}, "name_de", "Fest von Anna",
        lambda w, o: calendar_services.update_own_observance(
            actor=w.other, observance=o, expected_version=o.version, values={"names": {"de": "Fest von Ben"}}),
        "Fest von Ben", lambda o: _fresh(OwnObservance, o).names["de"], "Fest von Ben"),
    "reporting round": Editable(
        "round_edit", _round, _pk, "title", "Runde von Anna",
        lambda w, o: reporting_services.update_round(actor=w.other, round_=o, expected_version=o.version,
                                                     values={"title": "Runde von Ben"}),
        "Runde von Ben", lambda o: _fresh(ReportingRound, o).title, "Runde von Ben"),
    "date override": Editable(
        "calendar_override", _override, lambda o: {"?": {"key": o.observance_key, "jahr": o.year}}, "note",
        "laut Anna",
        lambda w, o: calendar_services.set_date_override(
            actor=w.other, municipality=w.municipality, observance_key=o.observance_key, year=o.year,
            date=o.date, expected_version=o.version, note="laut Ben"),
        "laut Ben", lambda o: _fresh(DateOverride, o).note, "laut Ben"),
    "indicator": Editable(
        "indicator_edit", _indicator, _pk, "name", "Einwohner laut Anna",
        lambda w, o: monitoring_services.update_indicator(actor=w.other, indicator=o, expected_version=o.version,
                                                          values={"name": "Einwohner laut Ben"}),
        "Einwohner laut Ben", lambda o: _fresh(Indicator, o).name, "Einwohner laut Ben"),
    "monitoring category": Editable(
        "category_edit", _category, _pk, "label", "unter 18 (Anna)",
        lambda w, o: monitoring_services.update_category(actor=w.other, category=o, expected_version=o.version,
                                                         values={"label": "unter 18 (Ben)"}),
        "unter 18 (Ben)", lambda o: _fresh(Category, o).label, "unter 18 (Ben)"),
    "offer": Editable(
        "offer_edit", _offer, _pk, "title", "Sprachcafé von Anna",
        lambda w, o: directory_services.update_offer(actor=w.other, offer=o, expected_version=o.version,
                                                     values={"title": "Sprachcafé von Ben"}),
        "Sprachcafé von Ben", lambda o: _fresh(Offer, o).title, "Sprachcafé von Ben"),
    "proposal": Editable(
        "participation_proposals_proposal_edit", _proposal, _pk, "title", "Sprachcafé von Anna",
        lambda w, o: proposal_services.update_proposal(actor=w.other, proposal=o, expected_version=o.version,
                                                       values={"title": "Sprachcafé von Ben"}),
        "Sprachcafé von Ben", lambda o: _fresh(Proposal, o).title, "Sprachcafé von Ben"),
    "calendar feed": Editable(
        "eventfeed_edit", lambda w: _feed(w), _pk, "url", "https://example.org/anna.ics",
        lambda w, o: feed_services.update_feed(actor=w.other, feed=o, expected_version=o.version,
                                               url="https://example.org/ben.ics", interval_hours=o.interval_hours,
                                               enabled=o.enabled),
        "https://example.org/ben.ics", lambda o: _fresh(EventFeed, o).url, "https://example.org/ben.ics"),
    "prioritisation": Editable(
        "participation_prioritisation_edit", lambda w: _prioritisation(w), _pk, "title", "Priorisierung von Anna",
        lambda w, o: prioritisation_services.update_prioritisation(
            actor=w.other, prioritisation=o, expected_version=o.version, values={"title": "Priorisierung von Ben"}),
        "Priorisierung von Ben", lambda o: _fresh(Prioritisation, o).title, "Priorisierung von Ben"),
    "milestone": Editable(
        "participation_chronicle_edit", _milestone, _pk, "title", "Beitritt laut Anna",
        lambda w, o: chronicle_services.update_milestone(actor=w.other, milestone=o, expected_version=o.version,
                                                         values={"title": "Beitritt laut Ben"}),
        "Beitritt laut Ben", lambda o: _fresh(Milestone, o).title, "Beitritt laut Ben"),
}
def _body(world: World) -> Body:
    return body_services.create_body(actor=world.other, municipality=world.municipality,
                                     values={"name": "AG Bildung"})


def _body_member(world: World) -> BodyMember:
    return body_services.add_member(actor=world.other, body=_body(world),
                                    values={"name": "Aylin Demir", "organisation_name": "Elternverein"})


def _meeting(world: World) -> Meeting:
    start = dt.datetime(2027, 3, 12, 17, tzinfo=dt.UTC)
    return meeting_services.create_meeting(actor=world.other, municipality=world.municipality, values={
        "title": "Workshop", "body": _body(world), "starts_at": start, "ends_at": start + dt.timedelta(hours=2),
        "place": "Rathaus"})


def _session(world: World) -> MeetingSession:
    return meeting_services.add_session(actor=world.other, meeting=_meeting(world), values={"title": "Tisch 1"})


def _decision(world: World) -> Decision:
    return meeting_services.add_decision(actor=world.other, meeting=_meeting(world), values={"text": "AG gründen"})


PARTICIPATION_EDITABLES: dict[str, Editable] = {
    "body": Editable(
        "body_edit", _body, _pk, "name", "AG Bildung (Anna)",
        lambda w, o: body_services.update_body(actor=w.other, body=o, expected_version=o.version,
                                               values={"name": "AG Bildung (Ben)"}),
        "AG Bildung (Ben)", lambda o: _fresh(Body, o).name, "AG Bildung (Ben)"),
    "body member": Editable(
        "bodymember_edit", _body_member, _pk, "organisation_name", "Elternbeirat Anna",
        lambda w, o: body_services.update_member(actor=w.other, member=o, expected_version=o.version,
                                                 values={"organisation_name": "Elternbeirat Ben"}),
        "Elternbeirat Ben", lambda o: _fresh(BodyMember, o).organisation_name, "Elternbeirat Ben"),
    "meeting": Editable(
        "meeting_edit", _meeting, _pk, "title", "Workshop von Anna",
        lambda w, o: meeting_services.update_meeting(actor=w.other, meeting=o, expected_version=o.version,
                                                     values={"title": "Workshop von Ben"}),
        "Workshop von Ben", lambda o: _fresh(Meeting, o).title, "Workshop von Ben"),
    "meeting session": Editable(
        "meetingsession_edit", _session, _pk, "title", "Tisch von Anna",
        lambda w, o: meeting_services.update_session(actor=w.other, session=o, expected_version=o.version,
                                                     values={"title": "Tisch von Ben"}),
        "Tisch von Ben", lambda o: _fresh(MeetingSession, o).title, "Tisch von Ben"),
    "decision": Editable(
        "decision_edit", _decision, _pk, "responsible", "Anna",
        lambda w, o: meeting_services.update_decision(actor=w.other, decision=o, expected_version=o.version,
                                                      values={"responsible": "Ben"}),
        "Ben", lambda o: _fresh(Decision, o).responsible, "Ben"),
}
EDITABLES.update(PARTICIPATION_EDITABLES)
# Edit views whose names do not end in _edit.
NOT_NAMED_EDIT = {"plan_settings", "calendar_variants", "calendar_override"}


def _url(municipality: Any, name: str, args: dict[str, Any]) -> str:
    from django.utils.http import urlencode

    query = args.pop("?", None)
    path = reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **args})
    return f"{path}?{urlencode(query)}" if query else path


def _backoffice_names(patterns: list[Any], inside: bool = False) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            names |= _backoffice_names(p.url_patterns, inside or p.namespace == "backoffice")
        elif isinstance(p, URLPattern) and p.name and inside:
            names.add(p.name)
    return names


def test_every_edit_view_has_a_conflict_case() -> None:
    names = _backoffice_names(get_resolver().url_patterns)
    edit_views = {n for n in names if n.endswith("_edit")} | NOT_NAMED_EDIT
    assert edit_views <= names, "a listed edit view is gone from the URL conf"
    assert edit_views == {e.url_name for e in EDITABLES.values()}


@pytest.fixture
def world(plan: Plan, municipality: Any, lesend: Any, make_member: Callable[..., Any]) -> World:
    other = make_member(municipality, Role.KOORDINATION, "ben")
    other.first_name, other.last_name = "Ben", "Berger"
    other.save()
    return World(municipality=municipality, other=actor_for(other, municipality),
                 lesend_membership=Membership.objects.get(user=lesend))


@pytest.mark.parametrize("kind", list(EDITABLES))
def test_the_conflict_page_on_every_editable_object(kind: str, world: World, koordination: Any,
                                                    client_for: Callable[..., Any]) -> None:
    case = EDITABLES[kind]
    obj = case.make(world)
    client = client_for(koordination)
    page_url = _url(world.municipality, case.page or case.url_name, dict(case.args(obj)))
    save_url = _url(world.municipality, case.url_name, dict(case.args(obj)))

    # Anna opens the form: it carries the version it shows.
    opened = client.get(page_url)
    assert opened.status_code == 200
    form = form_with(opened.content.decode(), case.field)
    seen_version = form["fields"]["version"][0]
    assert seen_version.isdigit()

    # Ben saves first, through the service.
    case.theirs(world, obj)

    # Anna saves her edit against the version she saw.
    data = {**form["fields"], case.field: [case.mine]}
    answer = client.post(save_url, data)
    assert answer.status_code == 200, f"{kind}: expected the form again, got {answer.status_code}"
    html = answer.content.decode()
    assert html.count(CONFLICT_MARKER) == 1
    box = conflict_box(html)
    assert "Ben Berger" in box and case.theirs_shown in box
    again = form_with(html, case.field)
    assert again["fields"][case.field] == [case.mine], "the person's input must be kept"
    assert int(again["fields"]["version"][0]) > int(seen_version), "the form is now against the current version"
    assert case.stored(obj) == case.theirs_stored, "nothing of the stale edit may be written"

    # Saving the form as it came back applies Anna's edit on top of Ben's.
    saved = client.post(save_url, again["fields"])
    assert saved.status_code == 302, f"{kind}: saving again should succeed"
    assert CONFLICT_MARKER not in client.get(saved["Location"]).content.decode()
