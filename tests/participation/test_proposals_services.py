"""Proposals: entering, online submission with moderation, answers, merging, editing, measures both ways."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.audit import history_of
from teilhabe.core.errors import ConcurrentEdit, NotAllowed, ServiceError
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Body, Meeting, News, Proposal, ProposalMeasure
from teilhabe.participation.selectors import proposals as selectors
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import Edition, Measure


def _enter(actor: Actor, municipality: Municipality, meeting: Meeting | None, title: str = "Sprachcafé",
           **extra: object) -> Proposal:
    return services.enter_proposal(actor=actor, municipality=municipality, values={
        "title": title, "text": "Ein offenes <b>Sprachcafé</b> im Stadtteil.", "meeting": meeting, **extra})


def test_a_moderator_enters_a_proposal_of_their_meeting_published_at_once(
        municipality: Municipality, moderator: User, meeting: Meeting) -> None:
    proposal = _enter(actor_for(moderator, municipality), municipality, meeting)
    assert proposal.is_public and proposal.origin == Proposal.Origin.MEETING
    assert proposal.status == Proposal.Status.SUBMITTED
    assert history_of(proposal).count() == 1


def test_a_moderator_cannot_enter_for_another_body_or_without_a_meeting(
        municipality: Municipality, moderator: User, other_body: Body, meeting: Meeting) -> None:
    actor = actor_for(moderator, municipality)
    with pytest.raises(NotAllowed):
        _enter(actor, municipality, None, proposer_body=other_body, proposer_kind="body")
    with pytest.raises(NotAllowed):
        _enter(actor, municipality, None)
    assert not Proposal.objects.exists()


def test_hostile_html_is_sanitised(municipality: Municipality, coord_actor: Actor) -> None:
    proposal = services.enter_proposal(actor=coord_actor, municipality=municipality, values={
        "title": "Elterncafé", "text": '<p onclick="x()">Gut</p><script>alert(1)</script><img src=x onerror=y>'})
    assert "script" not in proposal.text and "onclick" not in proposal.text and "img" not in proposal.text
    assert "Gut" in proposal.text


def test_markup_in_the_title_and_empty_text_are_refused(municipality: Municipality, coord_actor: Actor) -> None:
    with pytest.raises(ValidationError):
        services.enter_proposal(actor=coord_actor, municipality=municipality,
                                values={"title": "<script>x</script>", "text": "Text"})
    with pytest.raises(ValidationError) as refused:
        services.enter_proposal(actor=coord_actor, municipality=municipality,
                                values={"title": "Leer", "text": "<script>x</script>"})
    assert "text" in refused.value.message_dict
    assert not Proposal.objects.exists()


def test_a_forged_reference_of_another_municipality_is_refused(
        municipality: Municipality, other_municipality: Municipality, coord_actor: Actor) -> None:
    with municipality_scope(other_municipality):
        foreign = Body.objects.create(municipality=other_municipality, name="Fremdes Gremium")
    with pytest.raises(ValidationError) as refused:
        services.resolve_references(municipality, {"proposer_body": foreign.pk})
    assert "proposer_body" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _enter(coord_actor, municipality, None, proposer_kind="body", proposer_body=foreign)
    assert not Proposal.objects.exists()


def test_the_public_submits_online_and_waits_for_moderation(
        municipality: Municipality, coord_actor: Actor) -> None:
    proposal = services.submit_proposal(municipality=municipality, email="a@example.org", values={
        "title": "Mehr Sprachkurse am Abend", "text": "Für Berufstätige.", "proposer_kind": "person",
        "proposer_name": "Samira K."})
    assert proposal.moderation == Proposal.Moderation.PENDING and proposal.origin == Proposal.Origin.ONLINE
    assert selectors.moderation_queue(municipality) == [proposal]
    assert not selectors.filtered(municipality, selectors.ProposalFilters(), actor=None).exists()
    with pytest.raises(ValidationError):  # rejecting needs a comment
        services.moderate_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                   publish=False)
    published = services.moderate_proposal(actor=coord_actor, proposal=proposal,
                                           expected_version=proposal.version, publish=True)
    assert list(selectors.filtered(municipality, selectors.ProposalFilters(), actor=None)) == [published]


def test_the_public_cannot_name_a_body(municipality: Municipality, body: Body) -> None:
    with pytest.raises(ValidationError):
        services.submit_proposal(municipality=municipality, values={
            "title": "x", "text": "y", "proposer_kind": "body", "proposer_body": body})


def test_a_body_member_submits_for_their_own_body_only(
        municipality: Municipality, gremium_member: User, body: Body, other_body: Body) -> None:
    actor = actor_for(gremium_member, municipality)
    proposal = services.submit_proposal(actor=actor, municipality=municipality, values={
        "title": "Lesepaten", "text": "Lesepaten an Grundschulen.", "proposer_kind": "body", "proposer_body": body})
    assert proposal.moderation == Proposal.Moderation.PENDING and proposal.submitted_by_id == gremium_member.pk
    # the member sees it (their body), the public does not yet
    assert selectors.proposal_detail(municipality, proposal.pk, actor=actor) == proposal
    with pytest.raises(NotAllowed):
        services.submit_proposal(actor=actor, municipality=municipality, values={
            "title": "x", "text": "y", "proposer_kind": "body", "proposer_body": other_body})


def test_rejecting_needs_a_comment_and_hides_the_proposal(municipality: Municipality, coord_actor: Actor) -> None:
    proposal = services.submit_proposal(municipality=municipality, values={"title": "Werbung", "text": "Kauf!"})
    rejected = services.moderate_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                          publish=False, comment="Werbung, kein Vorschlag.")
    assert rejected.moderation == Proposal.Moderation.REJECTED
    with pytest.raises(Proposal.DoesNotExist):
        selectors.public_proposal(municipality, proposal.pk)


def test_not_pursued_needs_a_reason_and_accepted_a_measure(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting) -> None:
    proposal = _enter(coord_actor, municipality, meeting)
    with pytest.raises(ValidationError) as refused:
        services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                 status=Proposal.Status.NOT_PURSUED)
    assert "answer" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                 status=Proposal.Status.ACCEPTED)
    with pytest.raises(ValidationError):
        services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                 status="bogus")
    answered = services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                        status=Proposal.Status.NOT_PURSUED, answer="Gibt es schon.")
    assert answered.status == Proposal.Status.NOT_PURSUED
    news = News.objects.get(proposal=proposal)
    assert news.kind == News.Kind.PROPOSAL and "/beteiligung/vorschlaege/" in news.url
    assert news.body == meeting.body


def test_answering_against_an_old_version_is_a_conflict(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting) -> None:
    proposal = _enter(coord_actor, municipality, meeting)
    services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                             status=Proposal.Status.UNDER_CONSIDERATION, answer="Wir prüfen.")
    with pytest.raises(ConcurrentEdit):
        services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                 status=Proposal.Status.NOT_PURSUED, answer="Nein.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.UNDER_CONSIDERATION


def test_a_moderator_may_not_answer(municipality: Municipality, moderator: User, meeting: Meeting) -> None:
    proposal = _enter(actor_for(moderator, municipality), municipality, meeting)
    with pytest.raises(NotAllowed):
        services.answer_proposal(actor=actor_for(moderator, municipality), proposal=proposal,
                                 expected_version=proposal.version, status="under_consideration")


def test_merging_keeps_both_histories(municipality: Municipality, coord_actor: Actor, meeting: Meeting) -> None:
    first = _enter(coord_actor, municipality, meeting, "Sprachcafé Nord")
    second = _enter(coord_actor, municipality, meeting, "Sprachcafé Süd")
    with pytest.raises(ValidationError):
        services.merge_proposals(actor=coord_actor, proposal=first, into=first, expected_version=first.version)
    merged = services.merge_proposals(actor=coord_actor, proposal=first, into=second,
                                      expected_version=first.version)
    assert merged.status == Proposal.Status.MERGED and merged.merged_into == second
    assert "Sprachcafé Süd" in merged.answer
    assert history_of(first).count() == 2 and history_of(second).count() == 2
    detail = selectors.public_proposal(municipality, second.pk)
    assert list(detail.merged_from.all()) == [first]
    third = _enter(coord_actor, municipality, meeting, "Sprachcafé West")
    with pytest.raises(ValidationError):  # not into one that is itself merged
        services.merge_proposals(actor=coord_actor, proposal=third, into=first, expected_version=third.version)


def test_editing_checks_the_version_and_the_moderators_bodies(
        municipality: Municipality, moderator: User, meeting: Meeting, other_body: Body) -> None:
    actor = actor_for(moderator, municipality)
    proposal = _enter(actor, municipality, meeting)
    saved = services.update_proposal(actor=actor, proposal=proposal, expected_version=proposal.version,
                                     values={"title": "Sprachcafé im Quartier"})
    assert saved.title == "Sprachcafé im Quartier" and saved.version == proposal.version + 1
    with pytest.raises(ConcurrentEdit):
        services.update_proposal(actor=actor, proposal=proposal, expected_version=proposal.version,
                                 values={"title": "Alt"})
    with pytest.raises(NotAllowed):
        services.update_proposal(actor=actor, proposal=saved, expected_version=saved.version,
                                 values={"meeting": None, "proposer_kind": "body", "proposer_body": other_body})


def test_adopting_creates_the_measure_and_keeps_the_trace_both_ways(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting, edition: Edition) -> None:
    proposal = _enter(coord_actor, municipality, meeting, "Interkulturelle Elternbegleitung")
    field = edition.fields.get(title="Bildung und Sprachförderung")
    goal = field.goals.filter(parent=None).get()
    measure = services.adopt_as_measure(actor=coord_actor, proposal=proposal, edition=edition,
                                        field_of_action=field, goal=goal, is_key_project=True)
    proposal.refresh_from_db()
    assert measure.title == "Interkulturelle Elternbegleitung" and measure.is_key_project
    assert proposal.status == Proposal.Status.ACCEPTED and "Schlüsselprojekt" in proposal.answer
    assert "<" not in measure.description and "Sprachcafé" in measure.description
    assert selectors.proposals_of_measure(measure, public=True) == [proposal]
    assert [link.measure for link in selectors.public_proposal(municipality, proposal.pk).measure_links.all()] \
        == [measure]
    services.unlink_measure(actor=coord_actor, proposal=proposal, measure=measure)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.UNDER_CONSIDERATION
    assert not ProposalMeasure.objects.exists()


def test_adopting_into_a_field_of_another_edition_changes_nothing(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting, edition: Edition) -> None:
    proposal = _enter(coord_actor, municipality, meeting)
    other = Edition.objects.create(municipality=municipality, plan=edition.plan, name="Entwurf 2030")
    field = edition.fields.first()
    assert field is not None
    count = Measure.objects.count()
    with pytest.raises(ValidationError):
        services.adopt_as_measure(actor=coord_actor, proposal=proposal, edition=other, field_of_action=field)
    assert Measure.objects.count() == count and not ProposalMeasure.objects.exists()


def test_linking_twice_is_refused(municipality: Municipality, coord_actor: Actor, meeting: Meeting,
                                  own_measure: Measure) -> None:
    proposal = _enter(coord_actor, municipality, meeting)
    services.link_measure(actor=coord_actor, proposal=proposal, measure=own_measure)
    with pytest.raises(ValidationError):
        services.link_measure(actor=coord_actor, proposal=proposal, measure=own_measure)
    proposal.refresh_from_db()
    answered = services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                        status=Proposal.Status.ACCEPTED, answer="Wird mit dieser Maßnahme umgesetzt.")
    assert answered.status == Proposal.Status.ACCEPTED


def test_a_merged_proposal_cannot_be_adopted(
        municipality: Municipality, coord_actor: Actor, meeting: Meeting, edition: Edition) -> None:
    first = _enter(coord_actor, municipality, meeting, "A")
    second = _enter(coord_actor, municipality, meeting, "B")
    services.merge_proposals(actor=coord_actor, proposal=first, into=second, expected_version=first.version)
    first.refresh_from_db()
    with pytest.raises(ServiceError):
        services.adopt_as_measure(actor=coord_actor, proposal=first, edition=edition,
                                  field_of_action=edition.fields.first())  # type: ignore[arg-type]
