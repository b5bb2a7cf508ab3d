"""The table of public page types that the accessibility suite (test_public_pages.py) visits, the data they
need, and the checks it runs on each: axe-core (WCAG 2.1 A/AA), reflow at 320 CSS px, keyboard-only use.

To cover a new public page type, add ONE line to PUBLIC_PAGES (and, if the page needs data, build it in
`build_world` and put its id into the returned dict, which fills the {placeholders} of the path). The page is
then checked in German and in Arabic (right to left) by every test of the suite. docs/accessibility.md says
the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe import demo
from teilhabe.calendar.events import services as event_services
from teilhabe.calendar.models import Event
from teilhabe.core import services as core_services
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor
from teilhabe.directory import services as directory_services
from teilhabe.directory.models import Offer, OfferCategory
from teilhabe.pages import services as page_services
from teilhabe.participation.models import Body, Meeting, Milestone, Proposal
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import chronicle as chronicle_services
from teilhabe.participation.services import meetings as meeting_services
from teilhabe.participation.services import prioritisation as prioritisation_services
from teilhabe.participation.services import proposals as proposal_services
from teilhabe.participation.services import registrations as participation_registrations
from teilhabe.participation.services import subscriptions as subscription_services
from teilhabe.plans.models import Edition, FieldOfAction, Measure, Plan
from teilhabe.reporting import services as reporting_services
from teilhabe.reporting.models import MeasureReport
from teilhabe.search import services as search_services
from tests.media_samples import VTT
from tests.monitoring import published


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str  # relative to the live server; {placeholders} are filled from build_world's dict
    status: int = 200
    # A page made to be embedded in another site (an iframe widget) has no header to skip.
    skip_link: bool = True


PUBLIC_PAGES: list[PublicPage] = [
    PublicPage("start", "/heidelberg/"),
    PublicPage("kalender", "/heidelberg/kalender/"),
    PublicPage("kalender-monat", "/heidelberg/kalender/2027/3/"),
    PublicPage("kalender-jahr", "/heidelberg/kalender/2027/"),
    PublicPage("umsetzungsberichte", "/heidelberg/umsetzung/"),
    PublicPage("monitoring", "/heidelberg/monitoring/"),
    PublicPage("monitoring-indikator", "/heidelberg/monitoring/einwohner/"),
    PublicPage("monitoring-aufgliederung", "/heidelberg/monitoring/einwohner/?aufgliederung=sex"),
    PublicPage("partner-berichte", "/heidelberg/mitwirken/{partner_token}/"),
    PublicPage("partner-bericht", "/heidelberg/mitwirken/{partner_token}/{partner_report}/"),
    PublicPage("termine", "/heidelberg/termine/"),
    PublicPage("termin", "/heidelberg/termine/{event}/"),
    PublicPage("termine-widget", "/heidelberg/termine/widget/{organisation}/", skip_link=False),
    PublicPage("organisationen", "/heidelberg/organisationen/"),
    PublicPage("organisation", "/heidelberg/organisationen/{organisation}/"),
    PublicPage("organisation-registrieren", "/heidelberg/organisationen/registrieren/"),
    PublicPage("organisation-registrieren-danke", "/heidelberg/organisationen/registrieren/danke/"),
    PublicPage("angebote", "/heidelberg/angebote/"),
    PublicPage("angebote-gefiltert", "/heidelberg/angebote/?kostenlos=1&sprache=ar"),
    PublicPage("angebot", "/heidelberg/angebote/{offer}/"),
    PublicPage("plan", "/heidelberg/plan/"),
    PublicPage("plan-handlungsfeld", "/heidelberg/plan/handlungsfeld/{field}/"),
    PublicPage("plan-massnahme", "/heidelberg/plan/massnahme/{measure}/"),
    PublicPage("vorschlaege", "/heidelberg/beteiligung/vorschlaege/"),
    PublicPage("vorschlaege-gefiltert", "/heidelberg/beteiligung/vorschlaege/?stand=accepted&q=Eltern"),
    PublicPage("vorschlag", "/heidelberg/beteiligung/vorschlaege/{proposal}/"),
    PublicPage("vorschlag-zusammengefuehrt", "/heidelberg/beteiligung/vorschlaege/{merged_proposal}/"),
    PublicPage("vorschlag-neu", "/heidelberg/beteiligung/vorschlaege/neu/"),
    PublicPage("vorschlag-danke", "/heidelberg/beteiligung/vorschlaege/danke/"),
    PublicPage("beteiligung", "/heidelberg/beteiligung/"),
    PublicPage("beteiligung-gremium", "/heidelberg/beteiligung/gremien/{body}/"),
    PublicPage("beteiligung-sitzungen", "/heidelberg/beteiligung/sitzungen/"),
    PublicPage("beteiligung-sitzung", "/heidelberg/beteiligung/sitzungen/{cafe}/"),
    PublicPage("suche", "/heidelberg/suche/?q=Sprachcaf%C3%A9"),
    PublicPage("chronik", "/heidelberg/chronik/"),
    PublicPage("impressum", "/heidelberg/impressum/"),
    PublicPage("datenschutz", "/heidelberg/datenschutz/"),
    PublicPage("barrierefreiheit", "/heidelberg/barrierefreiheit/"),
    PublicPage("leichte-sprache", "/heidelberg/leichte-sprache/"),
    PublicPage("gebaerdensprache", "/heidelberg/gebaerdensprache/"),  # with a video, captions and text
    PublicPage("barriere-melden", "/heidelberg/barriere-melden/"),
    PublicPage("barriere-melden-danke", "/heidelberg/barriere-melden/danke/"),
    PublicPage("beteiligung-sitzung", "/heidelberg/beteiligung/sitzungen/{meeting}/"),
    PublicPage("beteiligung-anmelden", "/heidelberg/beteiligung/veranstaltungen/{meeting}/anmelden/"),
    PublicPage("beteiligung-angemeldet", "/heidelberg/beteiligung/veranstaltungen/{meeting}/angemeldet/"),
    PublicPage("beteiligung-abmelden", "/heidelberg/beteiligung/abmelden/{registration_token}/"),
    PublicPage("priorisierungen", "/heidelberg/beteiligung/priorisierung/"),
    PublicPage("priorisierung-abstimmen", "/heidelberg/beteiligung/priorisierung/{prioritisation_open}/"),
    PublicPage("priorisierung-stimmzettel",
               "/heidelberg/beteiligung/priorisierung/{prioritisation_open}/stimmzettel/{ballot_token}/"),
    PublicPage("priorisierung-ergebnis", "/heidelberg/beteiligung/priorisierung/{prioritisation_result}/"),
    PublicPage("beteiligung-abonnieren", "/heidelberg/beteiligung/abonnieren/"),
    PublicPage("beteiligung-abonnieren-danke", "/heidelberg/beteiligung/abonnieren/danke/"),
    PublicPage("beteiligung-bestaetigen", "/heidelberg/beteiligung/abonnieren/bestaetigen/{subscription_code}/"),
    PublicPage("beteiligung-abbestellen", "/heidelberg/beteiligung/abbestellen/{subscription_token}/"),
    PublicPage("fehlerseite", "/heidelberg/gibt-es-nicht/", status=404),
]
LANGUAGES = ["de", "ar"]
BERLIN = ZoneInfo("Europe/Berlin")
# A real, playable WebM (a few seconds made in Chromium for the demo).
DEMO_VIDEO = Path(demo.__file__).resolve().parent / "media" / "gebaerdensprache-demo.webm"


def build_world(actor: Actor, municipality: Municipality, plan: Plan) -> dict[str, Any]:
    """Everything the public pages show, built through the services: a published implementation report, an
    open round with a partner link, a published monitoring, a sign-language video."""
    municipality.languages = ["de", "en", "ar"]
    municipality.save()
    edition = Edition.objects.get(plan=plan, status=Edition.Status.ADOPTED)
    done = reporting_services.open_round(actor=actor, edition=edition, title="Umsetzungsbericht 2025",
                                         period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                         deadline=dt.date(2026, 1, 31))
    closed = reporting_services.close_round(actor=actor, round_=done, expected_version=done.version).round
    reporting_services.publish_round(actor=actor, round_=closed, expected_version=closed.version, publish=True)
    open_ = reporting_services.open_round(actor=actor, edition=edition, title="Umsetzungsbericht 2026",
                                          period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                          deadline=dt.date.today() + dt.timedelta(days=14))
    report = MeasureReport.objects.filter(round=open_, addressed_organisations__isnull=False).first()
    assert report is not None
    link = reporting_services.create_partner_link(actor=actor, round_=open_,
                                                  organisation=report.addressed_organisations.get())
    fields = FieldOfAction.objects.filter(edition=edition).order_by("position")[:1]
    published.build(actor, municipality, years=4, fields=fields)
    page_services.add_page_video(
        actor=actor, municipality=municipality, kind="gebaerdensprache", title="Willkommen im Portal",
        video=SimpleUploadedFile("v.webm", DEMO_VIDEO.read_bytes()), captions=SimpleUploadedFile("v.vtt", VTT.encode()),
        transcript="Eine Frau erklärt in Gebärdensprache, was das Portal bietet.")
    organisation = _organisation(actor, municipality)
    event = event_services.create_event(actor=actor, municipality=municipality, values={
        "organisation": organisation, "title": "Sprachcafé", "state": Event.State.PUBLISHED,
        "start": dt.datetime(2027, 3, 12, 18, tzinfo=BERLIN), "end": dt.datetime(2027, 3, 12, 20, tzinfo=BERLIN),
        "place_name": "Stadtteilhaus", "district": "Altstadt", "languages": ["de", "ar"],
        "description": "<p>Deutsch sprechen bei Tee und Gebäck.</p>"})
    directory_services.ensure_default_categories(actor=actor, municipality=municipality)
    offer = directory_services.create_offer(actor=actor, municipality=municipality, values={
        "title": "Sprachcafé für Eltern", "category": OfferCategory.objects.get(name="Sprachcafé"),
        "provider_organisation": organisation, "languages": ["de", "ar"], "district": "Altstadt", "is_free": True,
        "step_free": True, "schedule": "Dienstags 15–17 Uhr", "state": Offer.State.PUBLISHED,
        "description": "<p>Deutsch üben, während die Kinder spielen.</p>"})
    measure = Measure.objects.filter(edition=edition).order_by("pk").first()
    assert measure is not None
    proposal, merged = _proposals(actor, municipality, measure)
    _chronicle(actor, municipality, edition, closed)
    body, cafe = _participation(actor, municipality, fields[0])
    search_services.reindex_municipality(municipality=municipality)
    subscription = subscription_services.subscribe(  # waiting for its confirmation
        municipality=municipality, topic="field", field_title=fields[0].title, email="leserin@example.org").subscription
    subscription_services.subscribe(municipality=municipality, topic="all", email="leserin@example.org")
    meeting = Meeting.objects.create(
        municipality=municipality, title="Bürgerforum World Café", kind=Meeting.Kind.CITIZENS_FORUM,
        is_public=True, registration_open=True, capacity=80, place="Stadthalle, Großer Saal",
        starts_at=dt.datetime(2027, 3, 20, 10, tzinfo=BERLIN), ends_at=dt.datetime(2027, 3, 20, 14, tzinfo=BERLIN),
        description="<p>Wie wollen wir zusammenleben? Drei Runden an Thementischen.</p>",
        agenda="<p>Begrüßung</p><p>Drei Runden World Café</p><p>Ergebnisse im Plenum</p>")
    registration = participation_registrations.register(
        municipality=municipality, meeting_id=meeting.pk, name="Ayşe Yılmaz", email="ayse@example.org",
        consent=True, now=dt.datetime(2027, 3, 1, 12, tzinfo=BERLIN))
    return {"partner_token": link.token, "partner_report": report.pk, "organisation": organisation.pk,
            "event": event.pk, "offer": offer.pk, "field": fields[0].pk, "measure": measure.pk,
            "meeting": meeting.pk, "registration_token": registration.cancel_token,
            "proposal": proposal.pk, "merged_proposal": merged.pk, **_prioritisations(actor, municipality),
            "subscription_token": subscription.token, "body": body.pk, "cafe": cafe.pk,
            "subscription_code": subscription_services.confirmation_code(subscription)}


def _proposals(actor: Actor, municipality: Municipality, measure: Measure) -> tuple[Proposal, Proposal]:
    """A proposal accepted as `measure` (with an answer), and one merged into it."""
    values = {"field_of_action": measure.field, "proposer_kind": Proposal.ProposerKind.PERSON,
              "proposer_name": "Samira K."}
    proposal = proposal_services.enter_proposal(actor=actor, municipality=municipality, values={
        **values, "title": "Sprachkurse für Eltern mit Kinderbetreuung",
        "text": "<p>Kurse am Vormittag, während die Kinder betreut werden.</p>"})
    merged = proposal_services.enter_proposal(actor=actor, municipality=municipality, values={
        **values, "title": "Deutschkurse für Mütter", "text": "<p>Kurse an den Grundschulen.</p>"})
    proposal_services.merge_proposals(actor=actor, proposal=merged, into=proposal, expected_version=merged.version)
    proposal_services.link_measure(actor=actor, proposal=proposal, measure=measure)
    proposal_services.answer_proposal(actor=actor, proposal=proposal, expected_version=proposal.version,
                                      status=Proposal.Status.ACCEPTED, answer="Wird mit dieser Maßnahme umgesetzt.")
    return proposal, merged


def _prioritisations(actor: Actor, municipality: Municipality) -> dict[str, Any]:
    """An open public prioritisation (points) with a ballot link, and a published ranking with ballots."""
    proposals = [Proposal.objects.create(municipality=municipality, title=title, text="<p>Vorschlag</p>")
                 for title in ("Sprachcafé im Stadtteilhaus", "Elternlotsen", "Begegnungsfest im Park")]
    ids = [p.pk for p in proposals]
    values = {"audience": "public", "points_per_person": 5, "max_points_per_proposal": 3}
    open_ = prioritisation_services.create_prioritisation(
        actor=actor, municipality=municipality, proposal_ids=ids,
        values={"title": "Welche Vorschläge zuerst?", "method": "points", **values})
    open_ = prioritisation_services.open_prioritisation(actor=actor, prioritisation=open_)
    ranked = prioritisation_services.create_prioritisation(
        actor=actor, municipality=municipality, proposal_ids=ids,
        values={"title": "Rangfolge der Vorschläge", "method": "ranking", **values})
    ranked = prioritisation_services.open_prioritisation(actor=actor, prioritisation=ranked)
    for n, order in enumerate([(0, 1, 2), (1, 0), (0, 2, 1)]):
        prioritisation_services.submit_ballot(
            prioritisation=ranked, voter=prioritisation_services.Voter(key=f"mail:{n}"),
            choices={ids[i]: rank for rank, i in enumerate(order, start=1)})
    ranked = prioritisation_services.close_prioritisation(actor=actor, prioritisation=ranked)
    prioritisation_services.publish_result(actor=actor, prioritisation=ranked)
    return {"prioritisation_open": open_.pk, "prioritisation_result": ranked.pk,
            "ballot_token": prioritisation_services.ballot_token(open_, "ana@example.org")}


def _chronicle(actor: Actor, municipality: Municipality, edition: Edition, round_: Any) -> None:
    """Milestones of every precision, a period, and links to the plan, a report and a document."""
    for values in (
        {"date": dt.date(2008, 1, 1), "end_date": dt.date(2009, 1, 1), "precision": Milestone.Precision.YEAR,
         "kind": Milestone.Kind.PARTICIPATION, "title": "Fünf Arbeitsgruppen arbeiten am Integrationsplan",
         "text": "<p>Die Arbeitsgruppen treffen sich regelmäßig:</p><ul><li>AG 1: Bildung</li><li>AG 2: Arbeit</li>"
                 "</ul>"},
        {"date": dt.date(2011, 2, 10), "kind": Milestone.Kind.COUNCIL_DECISION, "edition": edition,
         "title": "Integrationsplan einstimmig verabschiedet", "document_url": "https://example.org/kip.pdf",
         "document_label": "Der Integrationsplan (PDF)"},
        {"date": dt.date(2014, 9, 24), "end_date": dt.date(2014, 9, 29), "kind": Milestone.Kind.PARTICIPATION,
         "title": "Zweite Fokusgruppenrunde", "text": "In den vier Fokusgruppen konkretisieren die Teilnehmenden "
                                                      "die Zielvereinbarungen."},
        {"date": dt.date(2026, 1, 1), "precision": Milestone.Precision.MONTH, "kind": Milestone.Kind.REPORT,
         "title": "Umsetzungsbericht 2025 veröffentlicht", "reporting_round": round_},
    ):
        chronicle_services.create_milestone(actor=actor, municipality=municipality, values=values)


def _participation(actor: Actor, municipality: Municipality, field: FieldOfAction) -> tuple[Body, Meeting]:
    """A public working group with a chair and members, and a held World Café of it with tables in two
    rounds, attendance, published minutes, a decision and proposals."""
    body = body_services.create_body(actor=actor, municipality=municipality, values={
        "name": "Arbeitsgruppe Bildung", "kind": Body.Kind.WORKING_GROUP, "fields_of_action": [field],
        "purpose": "<p>Empfehlungen und Schlüsselprojekte für das Handlungsfeld erarbeiten.</p>"})
    body_services.add_member(actor=actor, body=body, values={"name": "Aylin Demir", "function": "chair",
                                                             "organisation_name": "Elternverein"})
    body_services.add_member(actor=actor, body=body, values={"name": "Jonas Weber"})
    start = dt.datetime(2027, 7, 5, 18, tzinfo=BERLIN)
    meeting = meeting_services.create_meeting(actor=actor, municipality=municipality, values={
        "title": "Bürgerforum (World Café)", "kind": Meeting.Kind.CITIZENS_FORUM, "body": body, "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3), "place": "Rathaus, Großer Saal", "is_public": True,
        "fields_of_action": [field], "agenda": "<ol><li>Begrüßung</li><li>World Café</li><li>Ergebnisse</li></ol>"})
    sessions = meeting_services.create_sessions(actor=actor, meeting=meeting, titles=["Tisch A", "Tisch B"],
                                                rounds=2, tables=["1", "2"])
    meeting_services.record_attendance(actor=actor, meeting=meeting, session=sessions[0], values={"total": 8})
    meeting_services.record_attendance(actor=actor, meeting=meeting, values={"total": 30, "women": 17, "men": 12})
    meeting = meeting_services.write_minutes(actor=actor, meeting=meeting, expected_version=meeting.version,
                                             minutes="<h2>Ergebnisse</h2><p>Vier Themen für die Workshops.</p>")
    meeting_services.add_decision(actor=actor, meeting=meeting, values={"text": "Expertenworkshops folgen."})
    meeting_services.publish_minutes(actor=actor, meeting=meeting, expected_version=meeting.version)
    Proposal.objects.bulk_create([
        Proposal(municipality=municipality, meeting=meeting, session=sessions[0], title="Sprachcafé im Quartier",
                 text="<p>Ein offener Treff.</p>")])
    return body, meeting


def _organisation(actor: Actor, municipality: Municipality) -> Organisation:
    """A published profile of a migrant organisation."""
    organisation = core_services.create_organisation(actor=actor, municipality=municipality,
                                                     name="Arabisch-Deutscher Familienverein",
                                                     kind=Organisation.Kind.MSO, website="")
    profile = directory_services.ensure_profile(actor=actor, organisation=organisation)
    directory_services.save_profile(actor=actor, profile=profile, expected_version=profile.version, values={
        "short_description": "Beratung und Begegnung für Familien.",
        "description": "<h2>Was wir tun</h2><p>Hausaufgabenhilfe, Elterncafé und Beratung.</p>",
        "languages": ["de", "ar"], "district": "Altstadt", "opening_hours": "Mo–Fr 10–16 Uhr"},
        trusted=True, published=True)
    return organisation


# --- checks in the page ----------------------------------------------------------------------------------

NARROW = 320
# Wider than the viewport: the document scrolls sideways (WCAG 1.4.10 Reflow).
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Visible text cut off at the viewport's edges or by a box that hides its overflow.
CLIPPED_TEXT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === "hidden") continue;
    if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue;
    let hiddenBox = false;  // inside a visually hidden box (clip / clip-path): read by screen readers only
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if ((s.clip && s.clip !== "auto") || (s.clipPath && s.clipPath !== "none")) { hiddenBox = true; break; }
    }
    if (hiddenBox) continue;
    if (rect.left < -1 || rect.right > width + 1) {
      out.push(el.tagName + ": " + el.textContent.trim().slice(0, 40));
      continue;
    }
    if (["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      out.push(el.tagName + " (cut): " + el.textContent.trim().slice(0, 40));
    }
  }
  return out;
}"""
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
}).map((el) => el.tagName + "." + el.className)"""

# The element that has focus, described, with whether its focus can be seen (an outline or a box shadow on
# it, or — for a control styled through its wrapper — on the wrapper).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.dataset.tabStop) el.dataset.tabStop = String(Math.random()).slice(2);
  const shows = (node) => {
    const s = getComputedStyle(node);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    return outline || (s.boxShadow && s.boxShadow !== "none");
  };
  const rect = el.getBoundingClientRect();
  const group = el.type === "radio" && el.name ? "radio:" + el.form?.id + ":" + el.name : "";
  return {
    id: el.dataset.tabStop, group, tag: el.tagName.toLowerCase(), elementId: el.id,
    text: (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40),
    visible: shows(el) || (el.parentElement && shows(el.parentElement)),
    onScreen: rect.width > 0 && rect.height > 0,
  };
}"""
# Everything a keyboard user must reach: visible, enabled, not taken out of the tab order.
INTERACTIVE = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, video[controls], "
    + "[tabindex]";
  return [...document.querySelectorAll(selector)].filter((el) => {
    if (el.disabled || el.getAttribute("tabindex") === "-1") return false;
    if (el.closest("[hidden], [inert]")) return false;
    if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") return false;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 || el.classList.contains("skip-link");
  }).map((el) => {
    if (!el.dataset.tabStop) el.dataset.tabStop = String(Math.random()).slice(2);
    const group = el.type === "radio" && el.name ? "radio:" + el.form?.id + ":" + el.name : "";
    const text = (el.textContent || el.id || "").trim().slice(0, 40);
    return {id: el.dataset.tabStop, group, tag: el.tagName.toLowerCase(), text};
  });
}"""
MAX_TAB_STOPS = 600
MAX_INNER_STOPS = 20


def tab_through(page: Any) -> tuple[list[dict[str, Any]], bool]:
    """Press Tab from the top of the page until focus leaves the document (or comes round to the first stop
    again). Returns the stops in order and whether the end was reached — False means a keyboard trap. A
    control with inner parts (a video's play button, time slider, volume …) keeps the focus for a few presses:
    that is not a trap as long as Tab moves on after them."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    repeats = 0
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            return stops, bool(stops)
        if stops and focused["id"] == stops[-1]["id"]:
            repeats += 1
            if repeats > MAX_INNER_STOPS:
                return stops, False
            continue
        repeats = 0
        if focused["id"] in seen:
            return stops, focused["id"] == stops[0]["id"]
        seen.add(focused["id"])
        stops.append(focused)
    return stops, False
