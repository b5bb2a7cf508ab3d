"""Prioritisation's services: setting up, dot voting tally, online ballots (points and ranking), the result
against a hand-checked example, and bad input that changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Ballot, BallotChoice, Body, Meeting, News, Prioritisation, Proposal, Tally
from teilhabe.participation.selectors import prioritisation as selectors
from teilhabe.participation.services import prioritisation as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _scope(municipality: Municipality) -> Iterator[None]:
    with municipality_scope(municipality):
        yield


@pytest.fixture
def proposals(municipality: Municipality, body: Body) -> list[Proposal]:
    return [Proposal.objects.create(municipality=municipality, title=title, text=f"<p>{title}</p>")
            for title in ("Sprachcafé", "Elternlotsen", "Begegnungsfest", "Patenschaften")]


def _member_actor(user: User, municipality: Municipality) -> Actor:
    return actor_for(user, municipality)


def _make(actor: Actor, municipality: Municipality, proposals: list[Proposal], **values: Any) -> Prioritisation:
    return services.create_prioritisation(
        actor=actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
        values={"title": "Schlüsselprojekte", "method": "points", "audience": "public", "points_per_person": 5,
                "max_points_per_proposal": 3, **values})


def _open(actor: Actor, municipality: Municipality, proposals: list[Proposal], **values: Any) -> Prioritisation:
    return services.open_prioritisation(actor=actor, prioritisation=_make(actor, municipality, proposals, **values))


def _mail(address: str) -> services.Voter:
    return services.Voter(key=services.mail_voter_key(address))


# --- the result, hand-checked --------------------------------------------------------------------------------

# Four voters, points (5 each, at most 3 on one proposal), proposals A=Sprachcafé B=Elternlotsen C=Begegnungsfest
# D=Patenschaften:
#   voter 1: A 3, B 2          voter 2: A 1, C 3, D 1
#   voter 3: B 3, C 2          voter 4: D 3
# Sums: A = 3+1 = 4, B = 2+3 = 5, C = 3+2 = 5, D = 1+3 = 4 → B and C tie on place 1, A and D tie on place 3.
POINT_BALLOTS = [{"A": 3, "B": 2}, {"A": 1, "C": 3, "D": 1}, {"B": 3, "C": 2}, {"D": 3}]

# Three voters rank the four proposals (1 = first); n = 4, so rank r is worth 4 − r + 1 = 5 − r points:
#   voter 1: A 1, B 2, C 3, D 4 → A 4, B 3, C 2, D 1
#   voter 2: B 1, A 2           → B 4, A 3          (C and D unranked: 0)
#   voter 3: C 1, A 2, B 3      → C 4, A 3, B 2
# Borda: A = 4+3+3 = 10, B = 3+4+2 = 9, C = 2+0+4 = 6, D = 1 → A 1st, B 2nd, C 3rd, D 4th.
RANK_BALLOTS = [{"A": 1, "B": 2, "C": 3, "D": 4}, {"B": 1, "A": 2}, {"C": 1, "A": 2, "B": 3}]


def _by_letter(proposals: list[Proposal]) -> dict[str, int]:
    return dict(zip("ABCD", (p.pk for p in proposals), strict=True))


def test_points_result_matches_the_hand_count_with_ties(coord_actor, municipality, proposals):
    prio = _open(coord_actor, municipality, proposals)
    ids = _by_letter(proposals)
    for number, ballot in enumerate(POINT_BALLOTS):
        services.submit_ballot(prioritisation=prio, voter=_mail(f"person{number}@example.org"),
                               choices={ids[k]: v for k, v in ballot.items()})
    result = selectors.result(prio)
    by_title = {r.proposal.title: r for r in result.rows}
    assert {t: r.score for t, r in by_title.items()} == {
        "Sprachcafé": 4, "Elternlotsen": 5, "Begegnungsfest": 5, "Patenschaften": 4}
    assert [(r.place, r.tied) for r in result.rows] == [(1, True), (1, True), (3, True), (3, True)]
    assert len(result.ties) == 2
    assert result.ballots == 4
    assert by_title["Sprachcafé"].voters == 2
    assert "5 Punkte" in result.explanation and "höchstens 3 Punkte je Vorschlag" in result.explanation


def test_ranking_result_is_the_borda_count(coord_actor, municipality, proposals):
    prio = _open(coord_actor, municipality, proposals, method="ranking")
    ids = _by_letter(proposals)
    for number, ballot in enumerate(RANK_BALLOTS):
        services.submit_ballot(prioritisation=prio, voter=_mail(f"r{number}@example.org"),
                               choices={ids[k]: v for k, v in ballot.items()})
    result = selectors.result(prio)
    assert [(r.proposal.title, r.score, r.place) for r in result.rows] == [
        ("Sprachcafé", 10, 1), ("Elternlotsen", 9, 2), ("Begegnungsfest", 6, 3), ("Patenschaften", 1, 4)]
    assert not result.ties
    assert "Borda" in result.explanation and "4 Punkte" in result.explanation


def test_dot_voting_tally_entered_by_the_moderator(moderator, municipality, proposals, meeting):
    actor = _member_actor(moderator, municipality)
    prio = _make(actor, municipality, proposals, method="dots", audience="body", body=meeting.body,
                 meeting=meeting, points_per_person=3, max_points_per_proposal=None)
    ids = _by_letter(proposals)
    prio = services.enter_tally(actor=actor, prioritisation=prio, participants="12",
                                dots={ids["A"]: "14", ids["B"]: 9, ids["C"]: 9})
    assert prio.state == Prioritisation.State.CLOSED and prio.participants == 12
    result = selectors.result(prio)
    assert [(r.proposal.title, r.score, r.place) for r in result.rows] == [
        ("Sprachcafé", 14, 1), ("Begegnungsfest", 9, 2), ("Elternlotsen", 9, 2), ("Patenschaften", 0, 4)]
    assert result.ballots == 12
    # 12 people × 3 dots = 36 at most
    with pytest.raises(ServiceError, match="mehr Punkte"):
        services.enter_tally(actor=actor, prioritisation=prio, participants=12, dots={ids["A"]: 30, ids["B"]: 7})
    assert Tally.objects.get(prioritisation=prio, proposal_id=ids["A"]).dots == 14
    published = services.publish_result(actor=actor, prioritisation=prio)
    assert published.result_published_at is not None
    news = News.objects.get(kind=News.Kind.PRIORITISATION)
    assert news.url.endswith(f"/beteiligung/priorisierung/{prio.pk}/") and news.body == meeting.body
    with pytest.raises(ServiceError, match="veröffentlicht"):
        services.enter_tally(actor=actor, prioritisation=published, participants=12, dots={ids["A"]: 1})


# --- ballots: who, when, how much ----------------------------------------------------------------------------


def test_a_second_ballot_of_the_same_person_is_refused(coord_actor, municipality, proposals):
    prio = _open(coord_actor, municipality, proposals)
    first = proposals[0].pk
    services.submit_ballot(prioritisation=prio, voter=_mail("Ana@Example.org"), choices={first: 2})
    with pytest.raises(ServiceError, match="bereits abgestimmt"):
        services.submit_ballot(prioritisation=prio, voter=_mail(" ana@example.org "), choices={first: 1})
    assert Ballot.objects.count() == 1 and BallotChoice.objects.get().points == 2


def test_the_voter_key_is_a_keyed_hash_never_the_address(coord_actor, municipality, proposals, settings):
    prio = _open(coord_actor, municipality, proposals)
    ballot = services.submit_ballot(prioritisation=prio, voter=_mail("ana@example.org"), choices={proposals[0].pk: 1})
    assert "ana" not in ballot.voter_key and len(ballot.voter_key) == len("mail:") + 64
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert services.mail_voter_key("ana@example.org") != ballot.voter_key


@pytest.mark.parametrize(("choices", "message"), [
    ({"A": 4}, "höchstens 3 Punkte"),
    ({"A": 3, "B": 3}, "6 Punkte vergeben, aber nur 5"),
    ({"A": 0}, "mindestens einen Punkt"),
    ({"A": -1}, "ganze Zahlen"),
    ({"A": "zwei"}, "ganze Zahlen"),
    ({"X": 1}, "gehört nicht zu dieser Priorisierung"),
    ({"junk": 1}, "Unbekannter Vorschlag"),
])
def test_bad_points_are_refused_and_nothing_is_written(coord_actor, municipality, proposals, choices, message):
    prio = _open(coord_actor, municipality, proposals[:3])  # Patenschaften (X) is not in this one
    ids = {**_by_letter(proposals), "X": proposals[3].pk, "junk": "x1"}
    with pytest.raises(ServiceError, match=message):
        services.submit_ballot(prioritisation=prio, voter=_mail("a@example.org"),
                               choices={ids[k]: v for k, v in choices.items()})
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()


@pytest.mark.parametrize(("ranks", "message"), [
    ({"A": 1, "B": 3}, "ohne Lücken"),
    ({"A": 1, "B": 1}, "ohne Lücken"),
    ({"A": 2}, "ohne Lücken"),
    ({}, "Rang 1"),
])
def test_bad_ranks_are_refused(coord_actor, municipality, proposals, ranks, message):
    prio = _open(coord_actor, municipality, proposals, method="ranking")
    ids = _by_letter(proposals)
    with pytest.raises(ServiceError, match=message):
        services.submit_ballot(prioritisation=prio, voter=_mail("a@example.org"),
                               choices={ids[k]: v for k, v in ranks.items()})
    assert not Ballot.objects.exists()


def test_a_proposal_of_another_municipality_is_refused(coord_actor, municipality, other_municipality, proposals):
    with municipality_scope(other_municipality):
        foreign = Proposal.objects.create(municipality=other_municipality, title="Fremd", text="x")
    with pytest.raises(ValidationError):
        _make(coord_actor, municipality, [*proposals[:2], foreign])
    prio = _open(coord_actor, municipality, proposals)
    with pytest.raises(ServiceError, match="gehört nicht"):
        services.submit_ballot(prioritisation=prio, voter=_mail("a@example.org"), choices={foreign.pk: 1})
    assert not Prioritisation.objects.exclude(pk=prio.pk).exists() and not Ballot.objects.exists()


def test_no_ballot_before_opening_or_after_the_close(coord_actor, municipality, proposals):
    prio = _make(coord_actor, municipality, proposals)
    voter, choice = _mail("a@example.org"), {proposals[0].pk: 1}
    with pytest.raises(ServiceError, match="noch nicht begonnen"):
        services.submit_ballot(prioritisation=prio, voter=voter, choices=choice)
    prio = services.open_prioritisation(actor=coord_actor, prioritisation=prio)
    later = timezone.now() + dt.timedelta(days=3)
    prio = services.update_prioritisation(actor=coord_actor, prioritisation=prio, expected_version=prio.version,
                                          values={"closes_at": later - dt.timedelta(days=1)})
    with pytest.raises(ServiceError, match="beendet"):
        services.submit_ballot(prioritisation=prio, voter=voter, choices=choice, now=later)
    prio = services.close_prioritisation(actor=coord_actor, prioritisation=prio)
    with pytest.raises(ServiceError, match="beendet"):
        services.submit_ballot(prioritisation=prio, voter=voter, choices=choice)
    assert not Ballot.objects.exists()


def test_rules_are_fixed_once_open(coord_actor, municipality, proposals):
    prio = _open(coord_actor, municipality, proposals)
    with pytest.raises(ServiceError, match="nur im Entwurf"):
        services.update_prioritisation(actor=coord_actor, prioritisation=prio, expected_version=prio.version,
                                       values={"points_per_person": 10})
    with pytest.raises(ServiceError, match="nur im Entwurf"):
        services.update_prioritisation(actor=coord_actor, prioritisation=prio, expected_version=prio.version,
                                       values={}, proposal_ids=[p.pk for p in proposals[:2]])
    prio.refresh_from_db()
    assert prio.points_per_person == 5 and prio.proposals.count() == 4


def test_body_ballots_only_for_members_of_the_body(moderator, gremium_member, koordination, municipality,
                                                   proposals, body):
    coord = actor_for(koordination, municipality)
    prio = _open(coord, municipality, proposals, audience="body", body=body)
    member = actor_for(gremium_member, municipality)
    services.submit_ballot(prioritisation=prio, voter=services.member_voter(member), actor=member,
                           choices={proposals[0].pk: 3})
    with pytest.raises(ServiceError, match="bereits abgestimmt"):
        services.submit_ballot(prioritisation=prio, voter=services.member_voter(member), actor=member,
                               choices={proposals[1].pk: 1})
    # Koordination is not a member of the body; a mail voter is not one either
    with pytest.raises(ServiceError, match="nur die Mitglieder"):
        services.submit_ballot(prioritisation=prio, voter=services.member_voter(coord), actor=coord,
                               choices={proposals[0].pk: 1})
    with pytest.raises(ServiceError, match="nur die Mitglieder"):
        services.submit_ballot(prioritisation=prio, voter=_mail("x@example.org"), choices={proposals[0].pk: 1})
    assert Ballot.objects.get().user == gremium_member


def test_moderators_manage_only_their_bodies(moderator, municipality, proposals, other_body, body):
    actor = actor_for(moderator, municipality)
    with pytest.raises(NotAllowed):
        _make(actor, municipality, proposals, audience="body", body=other_body)
    with pytest.raises(ServiceError, match="Gremium"):
        _make(actor, municipality, proposals)  # a public one without a body is Koordination's
    assert _make(actor, municipality, proposals, audience="body", body=body).body == body
    assert Prioritisation.objects.count() == 1


def test_gremium_members_cannot_manage(gremium_member, municipality, proposals, body):
    with pytest.raises(NotAllowed):
        _make(actor_for(gremium_member, municipality), municipality, proposals, audience="body", body=body)


def test_setup_values_are_checked(coord_actor, municipality, proposals):
    with pytest.raises(ValidationError) as caught:
        _make(coord_actor, municipality, proposals, points_per_person=2, max_points_per_proposal=3)
    assert "max_points_per_proposal" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _make(coord_actor, municipality, proposals, method="dots")
    assert "meeting" in caught.value.message_dict
    with pytest.raises(ValidationError):
        _make(coord_actor, municipality, proposals[:1])
    with pytest.raises(ValidationError):
        _make(coord_actor, municipality, proposals, title="<script>alert(1)</script>")
    assert not Prioritisation.objects.exists()


# --- ballot links ---------------------------------------------------------------------------------------------


def test_ballot_token_names_the_voter_key_and_only_this_prioritisation(coord_actor, municipality, proposals):
    prio = _open(coord_actor, municipality, proposals)
    other = _open(coord_actor, municipality, proposals)
    token = services.ballot_token(prio, "Ana@example.org")
    assert "ana" not in signing.b64_decode(token.split(":")[0].lstrip(".").encode()).decode("latin-1").lower()
    assert services.voter_from_token(prio, token).key == services.mail_voter_key("ana@example.org")
    with pytest.raises(ServiceError, match="gehört nicht"):
        services.voter_from_token(other, token)
    with pytest.raises(ServiceError, match="ungültig"):
        services.voter_from_token(prio, token[:-2] + "xx")


def test_ballot_link_is_mailed(coord_actor, municipality, proposals, smtp_server, run_tasks,
                               django_capture_on_commit_callbacks: Callable[..., Any]):
    prio = _open(coord_actor, municipality, proposals)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_ballot_link(prioritisation=prio, address="Ana@Example.org", base_url="https://beispiel.de")
    run_tasks()
    [message] = smtp_server.messages()
    assert message["To"] == "ana@example.org"
    body = message.get_content()
    path = f"/{municipality.slug}/beteiligung/priorisierung/{prio.pk}/stimmzettel/"
    assert f"https://beispiel.de{path}" in body
    token = body.split(path)[1].split("/")[0]
    assert services.voter_from_token(prio, token).key == services.mail_voter_key("ana@example.org")
    with pytest.raises(ServiceError, match="gültige E-Mail"):
        services.request_ballot_link(prioritisation=prio, address="keine-adresse", base_url="")


def test_meeting_of_another_body_is_refused(coord_actor, municipality, proposals, other_body, meeting):
    with pytest.raises(ValidationError) as caught:
        _make(coord_actor, municipality, proposals, audience="body", body=other_body, meeting=meeting,
              method="dots")
    assert "meeting" in caught.value.message_dict


def test_foreign_body_is_refused(coord_actor, municipality, other_municipality, proposals):
    with municipality_scope(other_municipality):
        foreign = Body.objects.create(municipality=other_municipality, name="Fremd")
    with pytest.raises((NotAllowed, ValidationError)):
        _make(coord_actor, municipality, proposals, audience="body", body=foreign)
    assert not Prioritisation.objects.exists()
    assert Meeting.objects.count() == 0
