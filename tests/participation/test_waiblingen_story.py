"""The Waiblingen story end to end, as seed 002 tells it: an integration workshop forms working groups with
trained moderators; the working groups meet and produce recommendations and proposals for key projects; the
workshop prioritises them by dot voting; the chosen ones become key projects of the plan — and the trace holds
both ways: the measure page shows the proposal and the meeting it came from, the proposal page shows the
measure it became. Every step through the services, with the actors who do it in real life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Body, BodyMember, Meeting, Prioritisation, Proposal
from teilhabe.participation.selectors import prioritisation as prioritisation_selectors
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as meeting_services
from teilhabe.participation.services import prioritisation as prioritisation_services
from teilhabe.participation.services import proposals as proposal_services
from teilhabe.plans.models import Edition, FieldOfAction, Measure, Plan

FIELDS = ("Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt")


def _at(day: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2027, 2, day, hour, 0))


@pytest.mark.django_db
def test_from_the_workshop_to_key_projects_traced_both_ways(
        municipality: Municipality, plan: Plan, koordination: User, make_member: Callable[..., User],
        client_for: Callable[[User | None], Client]) -> None:
    coordination = actor_for(koordination, municipality)
    moderators = [make_member(municipality, Role.MODERATION, f"moderation{i}") for i in range(len(FIELDS))]
    member = make_member(municipality, Role.GREMIUM, "gremium")
    with municipality_scope(municipality):
        edition = Edition.objects.get(plan=plan)
        fields = {f.title: f for f in FieldOfAction.objects.filter(edition=edition)}
        measures_before = Measure.objects.filter(edition=edition).count()

        # 1. The integration workshop forms one working group per field of action, each with its moderator.
        workshop = meeting_services.create_meeting(actor=coordination, municipality=municipality, values={
            "title": "Integrationsworkshop", "kind": Meeting.Kind.WORKSHOP, "is_public": True,
            "starts_at": _at(6, 10), "ends_at": _at(6, 16), "place": "Bürgerzentrum"})
        groups = []
        for title, moderator in zip(FIELDS, moderators, strict=True):
            group = body_services.create_body(actor=coordination, municipality=municipality, values={
                "name": f"AG {title}", "kind": Body.Kind.WORKING_GROUP, "fields_of_action": [fields[title]]})
            body_services.add_member(actor=coordination, body=group, values={
                "user": moderator, "function": BodyMember.Function.MODERATOR})
            groups.append(group)
        body_services.add_member(actor=coordination, body=groups[0], values={
            "user": member, "function": BodyMember.Function.MEMBER})
        sessions = meeting_services.create_sessions(actor=coordination, meeting=workshop,
                                                    titles=[f"AG {t}" for t in FIELDS], bodies=groups)
        assert [s.body for s in sessions] == groups

        # 2. Each working group meets; its moderator enters the proposals — and cannot do so for the other group.
        proposals: list[Proposal] = []
        for index, (group, moderator) in enumerate(zip(groups, moderators, strict=True)):
            actor = actor_for(moderator, municipality)
            session = meeting_services.create_meeting(actor=actor, municipality=municipality, values={
                "title": f"Sitzung {group.name}", "kind": Meeting.Kind.BODY_SESSION, "body": group,
                "starts_at": _at(13 + index, 17), "ends_at": _at(13 + index, 19)})
            for n in range(2):
                proposals.append(proposal_services.enter_proposal(actor=actor, municipality=municipality, values={
                    "title": f"Schlüsselprojekt {group.name} {n + 1}", "text": "<p>Vorschlag der AG.</p>",
                    "meeting": session, "field_of_action": fields[FIELDS[index]],
                    "proposer_kind": Proposal.ProposerKind.BODY, "proposer_body": group}))
        foreign_session = Meeting.objects.get(title=f"Sitzung {groups[0].name}")
        with pytest.raises(NotAllowed):
            proposal_services.enter_proposal(actor=actor_for(moderators[1], municipality), municipality=municipality,
                                             values={"title": "Fremd", "text": "x", "meeting": foreign_session,
                                                     "proposer_kind": Proposal.ProposerKind.BODY,
                                                     "proposer_body": groups[0]})

        # A member of a working group submits one online; it waits for Koordination's moderation.
        online = proposal_services.submit_proposal(
            actor=actor_for(member, municipality), municipality=municipality, values={
                "title": "Elternlotsen in Kitas", "text": "<p>Eltern begleiten Eltern.</p>",
                "field_of_action": fields[FIELDS[0]], "proposer_kind": Proposal.ProposerKind.BODY,
                "proposer_body": groups[0]})
        assert online.moderation == Proposal.Moderation.PENDING
        online = proposal_services.moderate_proposal(actor=coordination, proposal=online,
                                                     expected_version=online.version, publish=True)
        proposals.append(online)

        # 3. The workshop prioritises them by dot voting: 12 people, 3 dots each, counted by the moderation.
        voting = prioritisation_services.create_prioritisation(
            actor=coordination, municipality=municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Welche Schlüsselprojekte?", "method": Prioritisation.Method.DOTS,
                    "meeting": workshop, "points_per_person": 3})
        dots = dict(zip([p.pk for p in proposals], [11, 3, 2, 9, 11], strict=True))
        voting = prioritisation_services.enter_tally(actor=coordination, prioritisation=voting, participants=12,
                                                     dots=dots)
        voting = prioritisation_services.publish_result(actor=coordination, prioritisation=voting)
        result = prioritisation_selectors.result(voting)
        ranking = [(row.place, row.proposal.pk, row.score) for row in result.rows]
        top = sorted(proposals, key=lambda p: (-dots[p.pk], p.title, p.pk))
        assert [pk for _place, pk, _score in ranking] == [p.pk for p in top]
        assert ranking[0][0] == ranking[1][0] == 1  # 11 and 11: a tie shares the first place
        assert ranking[2][0] == 3

        # 4. The three chosen proposals become key projects of the plan in force.
        chosen = top[:3]
        adopted: dict[int, Measure] = {}
        for proposal in chosen:
            proposal.refresh_from_db()
            adopted[proposal.pk] = proposal_services.adopt_as_measure(
                actor=coordination, proposal=proposal, edition=edition, field_of_action=proposal.field_of_action,
                is_key_project=True, answer="Wird als Schlüsselprojekt umgesetzt.")
        assert Measure.objects.filter(edition=edition).count() == measures_before + 3
        for proposal in chosen:
            proposal.refresh_from_db()
            measure = adopted[proposal.pk]
            assert proposal.status == Proposal.Status.ACCEPTED
            assert measure.is_key_project
            assert list(measure.proposals.all()) == [proposal]  # the link, seen from the measure
            assert list(proposal.measures.all()) == [measure]  # and from the proposal
        for proposal in set(proposals) - set(chosen):
            proposal.refresh_from_db()
            assert proposal.status != Proposal.Status.ACCEPTED

    # 5. The trace on the public pages, both ways: the measure page names the proposal and its meeting; the
    #    proposal page names the measure it became.
    anonymous = client_for(None)
    slug = municipality.slug
    for proposal in chosen:
        measure = adopted[proposal.pk]
        measure_page = anonymous.get(reverse("portal:plan_measure", kwargs={"municipality": slug,
                                                                             "pk": measure.pk}))
        assert measure_page.status_code == 200
        assert proposal.title in measure_page.content.decode()
        if proposal.meeting is not None:
            assert proposal.meeting.title in measure_page.content.decode()
        proposal_page = anonymous.get(reverse("portal:participation_proposals_detail",
                                              kwargs={"municipality": slug, "pk": proposal.pk}))
        assert proposal_page.status_code == 200
        assert measure.title in proposal_page.content.decode()
    # And in the back office, where Koordination works with the measure.
    staff_page = client_for(koordination).get(reverse("backoffice:measure_detail", kwargs={
        "municipality": slug, "pk": adopted[chosen[0].pk].pk}))
    assert chosen[0].title in staff_page.content.decode()
