"""Proposals in the back office and on the portal: lists with fixed query counts, the proposal page and its
actions, the online form (honeypot, throttle, bad input), and both measure pages showing where a measure
came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, Meeting, Proposal, ProposalMeasure
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import Edition, FieldOfAction, Measure


def _bulk(municipality: Municipality, meeting: Meeting, field: FieldOfAction | None, n: int, start: int = 0) -> None:
    Proposal.objects.bulk_create([
        Proposal(municipality=municipality, title=f"Vorschlag {i}", text="<p>Text</p>", meeting=meeting,
                 field_of_action=field, proposer_kind=Proposal.ProposerKind.BODY, proposer_body=meeting.body,
                 status=Proposal.Status.UNDER_CONSIDERATION if i % 2 else Proposal.Status.SUBMITTED)
        for i in range(start, start + n)])


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _bo(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def _portal(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"portal:{name}", kwargs={"municipality": municipality.slug, **kwargs})


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def test_list_pages_take_a_fixed_number_of_queries(
        municipality: Municipality, koordination: User, meeting: Meeting, edition: Edition,
        client_for: Callable[..., Any]) -> None:
    field = edition.fields.first()
    _bulk(municipality, meeting, field, 10)
    client, public = client_for(koordination), client_for(None)
    bo = _bo("participation_proposals_list", municipality) + f"?stand=under_consideration&handlungsfeld={field.pk}"
    portal = _portal("participation_proposals_list", municipality) + "?q=Vorschlag&gremium=" + str(meeting.body_id)
    few = (_queries(client, bo), _queries(public, portal))
    _bulk(municipality, meeting, field, 30, start=10)
    assert (_queries(client, bo), _queries(public, portal)) == few
    html = public.get(portal).content.decode()
    assert "40 Vorschläge gefunden" in html and "AG Bildung" in html


def test_the_moderator_sees_their_bodies_and_enters_for_their_meetings_only(
        municipality: Municipality, moderator: User, meeting: Meeting, other_body: Body,
        client_for: Callable[..., Any]) -> None:
    client = client_for(moderator)
    form = client.get(_bo("participation_proposals_create", municipality)).content.decode()
    assert meeting.title in form
    response = client.post(_bo("participation_proposals_create", municipality), {
        "title": "Lesepaten", "text": "Lesepaten an Grundschulen", "proposer_kind": "body",
        "proposer_body": other_body.pk})
    assert response.status_code == 200 and not Proposal.objects.exists()
    response = client.post(_bo("participation_proposals_create", municipality), {
        "title": "Lesepaten", "text": "Lesepaten an Grundschulen", "proposer_kind": "anonymous",
        "meeting": meeting.pk})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.meeting == meeting and proposal.is_public
    assert client.get(_bo("participation_proposals_proposal_detail", municipality, pk=proposal.pk)).status_code == 200
    assert client.get(_bo("participation_proposals_queue", municipality)).status_code == 403


def test_moderation_answer_merge_and_adoption_from_the_proposal_page(
        municipality: Municipality, koordination: User, edition: Edition, client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    first = services.submit_proposal(municipality=municipality, values={"title": "Abendkurse", "text": "Bitte."})
    second = services.submit_proposal(municipality=municipality, values={"title": "Kurse am Abend", "text": "Ja."})
    queue = client.get(_bo("participation_proposals_queue", municipality)).content.decode()
    assert "Abendkurse" in queue and "Kurse am Abend" in queue
    for p in (first, second):
        response = client.post(_bo("participation_proposals_proposal_moderate", municipality, pk=p.pk),
                               {"freigabe-decision": "publish", "freigabe-version": p.version})
        assert response.status_code == 302
    first.refresh_from_db()
    # not pursued without a reason: the page again, with the message, nothing changed
    response = client.post(_bo("participation_proposals_proposal_answer", municipality, pk=first.pk),
                           {"antwort-status": "not_pursued", "antwort-answer": "", "antwort-version": first.version})
    assert response.status_code == 200 and "begründen" in response.content.decode()
    first.refresh_from_db()
    assert first.status == Proposal.Status.SUBMITTED
    response = client.post(_bo("participation_proposals_proposal_merge", municipality, pk=first.pk),
                           {"zusammen-into": second.pk, "zusammen-version": first.version})
    assert response.status_code == 302
    second.refresh_from_db()
    field = edition.fields.get(title="Bildung und Sprachförderung")
    response = client.post(_bo("participation_proposals_proposal_adopt", municipality, pk=second.pk), {
        "uebernahme-field_of_action": field.pk, "uebernahme-is_key_project": "on",
        "uebernahme-version": second.version})
    assert response.status_code == 302
    measure = Measure.objects.get(title="Kurse am Abend")
    assert measure.is_key_project
    page = client.get(_bo("participation_proposals_proposal_detail", municipality, pk=second.pk)).content.decode()
    assert "Abendkurse" in page and "Kurse am Abend" in page and "Verlauf" in page
    measure_page = client.get(_bo("measure_detail", municipality, pk=measure.pk)).content.decode()
    assert "Hervorgegangen aus" in measure_page and "Kurse am Abend" in measure_page


def test_a_forged_measure_id_changes_nothing(
        municipality: Municipality, other_municipality: Municipality, koordination: User, coord_actor: Actor,
        meeting: Meeting, client_for: Callable[..., Any]) -> None:
    proposal = services.enter_proposal(actor=coord_actor, municipality=municipality,
                                       values={"title": "x", "text": "y", "meeting": meeting})
    response = client_for(koordination).post(
        _bo("participation_proposals_proposal_link", municipality, pk=proposal.pk), {"verknuepfen-measure": 999999})
    assert response.status_code == 200
    assert not ProposalMeasure.objects.exists()


def test_the_public_page_shows_what_became_of_it(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting, own_measure: Measure,
        client_for: Callable[..., Any]) -> None:
    proposal = services.enter_proposal(actor=coord_actor, municipality=municipality, values={
        "title": "Mütter lernen Deutsch", "text": "Kurse mit Kinderbetreuung.", "meeting": meeting,
        "proposer_kind": "body", "proposer_body": meeting.body})
    services.link_measure(actor=coord_actor, proposal=proposal, measure=own_measure)
    proposal.refresh_from_db()
    services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                             status=Proposal.Status.ACCEPTED, answer="Wird als „Mama lernt Deutsch“ umgesetzt.")
    client = client_for(None)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(_portal("participation_proposals_detail", municipality, pk=proposal.pk))
    assert page.status_code == 200 and len(captured) <= 12
    html = page.content.decode()
    assert "Mama lernt Deutsch" in html and "AG Bildung" in html and "Sitzung der AG Bildung" in html
    assert "als Maßnahme übernommen" in html
    meeting_url = _portal("participation_bodies_meeting", municipality, pk=meeting.pk)
    assert meeting_url not in html  # not a public meeting
    measure_page = client.get(_portal("plan_measure", municipality, pk=own_measure.pk)).content.decode()
    assert "Hervorgegangen aus der Beteiligung" in measure_page and "Mütter lernen Deutsch" in measure_page
    Meeting.objects.filter(pk=meeting.pk).update(is_public=True)
    assert meeting_url in client.get(_portal("participation_proposals_detail", municipality, pk=proposal.pk)) \
        .content.decode()
    assert meeting_url in client.get(_portal("plan_measure", municipality, pk=own_measure.pk)).content.decode()


def test_a_pending_proposal_is_not_public(municipality: Municipality, client_for: Callable[..., Any]) -> None:
    proposal = services.submit_proposal(municipality=municipality, values={"title": "Geheim", "text": "noch"})
    assert client_for(None).get(_portal("participation_proposals_detail", municipality, pk=proposal.pk)) \
        .status_code == 404


def test_online_submission_with_honeypot_throttle_and_bad_input(
        municipality: Municipality, client_for: Callable[..., Any], settings: Any) -> None:
    settings.TEILHABE_PROPOSAL_SUBMIT_LIMIT = 1
    client = client_for(None)
    url = _portal("participation_proposals_submit", municipality)
    assert client.get(url).status_code == 200
    bot = client.post(url, {"title": "Spam", "text": "Spam", "proposer_kind": "anonymous", "website": "x"})
    assert bot.status_code == 302 and not Proposal.objects.exists()
    bad = client.post(url, {"title": "<script>alert(1)</script>", "text": "Text", "proposer_kind": "anonymous"})
    assert bad.status_code == 200 and "HTML oder Skripte" in bad.content.decode()
    assert not Proposal.objects.exists()
    forged = client.post(url, {"title": "Gut", "text": "Text", "proposer_kind": "organisation",
                               "proposer_organisation": 999999})
    assert forged.status_code == 200 and not Proposal.objects.exists()
    ok = client.post(url, {"title": "Mehr Sprachkurse", "text": "Abends", "proposer_kind": "person",
                           "proposer_name": "Samira", "email": "samira@example.org"})
    assert ok.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.moderation == Proposal.Moderation.PENDING and proposal.submitter_email == "samira@example.org"
    throttled = client.post(url, {"title": "Noch einer", "text": "Abends", "proposer_kind": "anonymous"})
    assert throttled.status_code == 429 and Proposal.objects.count() == 1


def test_from_proposal_to_key_project_to_its_published_report(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting, edition: Edition,
        client_for: Callable[..., Any]) -> None:
    """The trace the issue asks for: a working group's proposal, adopted as a key project, reported on in a
    published implementation report — the proposal's public page shows the reported state."""
    import datetime as dt

    from teilhabe.plans.models import StatusOption
    from teilhabe.reporting import services as reporting_services
    from teilhabe.reporting.models import MeasureReport, Success

    proposal = services.enter_proposal(actor=coord_actor, municipality=municipality, values={
        "title": "Elternbegleiter für geflüchtete Familien", "text": "Als Schlüsselprojekt.", "meeting": meeting,
        "proposer_kind": "body", "proposer_body": meeting.body})
    field = edition.fields.get(title="Bildung und Sprachförderung")
    measure = services.adopt_as_measure(actor=coord_actor, proposal=proposal, edition=edition, field_of_action=field,
                                        is_key_project=True)
    round_ = reporting_services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                           period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                           deadline=dt.date.today() + dt.timedelta(days=14))
    report = MeasureReport.objects.get(round=round_, measure=measure)
    status = StatusOption.objects.filter(municipality=municipality).order_by("pk").last()
    report = reporting_services.submit(by=coord_actor, report=report, expected_version=report.version, values={
        "status": status, "progress": "Zwölf Familien begleitet.", "success": Success.SUCCESSFUL})
    reporting_services.accept(actor=coord_actor, report=report, expected_version=report.version)
    round_.refresh_from_db()
    closed = reporting_services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version).round
    reporting_services.publish_round(actor=coord_actor, round_=closed, expected_version=closed.version, publish=True)
    html = client_for(None).get(_portal("participation_proposals_detail", municipality, pk=proposal.pk)) \
        .content.decode()
    assert "Schlüsselprojekt" in html and "Umsetzungsbericht 2026" in html and status.label in html
    measure_page = client_for(None).get(_portal("plan_measure", municipality, pk=measure.pk)).content.decode()
    assert "Elternbegleiter für geflüchtete Familien" in measure_page and "Sitzung der AG Bildung" in measure_page
