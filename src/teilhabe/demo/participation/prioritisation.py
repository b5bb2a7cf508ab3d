"""Demo participation: prioritisation (see the package docstring).

Waiblingen (seed 002): the working groups' recommendations named key projects per field of action, "Es gilt nun
die vielfältigen Ideen zu priorisieren". The demo shows that step twice:

- a dot voting at the integration workshop, entered by the moderation and published (the tally is invented:
  Demo);
- an open public online prioritisation of the same key projects (points), with a few demo ballots.

It uses the proposals the proposals step made (demo.proposals) when there are any; otherwise it enters the key
projects the seed names as proposals itself. Likewise a body and the workshop meeting from the bodies step, or
its own when that step made none."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Meeting, Proposal
from teilhabe.participation.services import prioritisation as services

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo

# The key projects seed 002 proposes, by field of action (short titles of the demo).
KEY_PROJECTS = [
    ("Elternbegleiter für geflüchtete Familien und Kita-Einstieg",
     "Zwei Bundesprogramme im Bereich „Sprache und Bildung“ mit Familienbildungsstätte und Fachbereich Bildung "
     "und Erziehung."),
    ("Veranstaltungsreihe „Ein Land im Fokus“", "Eine Veranstaltungsreihe, die jeweils ein Land in den Fokus stellt."),
    ("Begegnung auf der Boccia-Bahn an der Rundsporthalle",
     "Angebote für Austausch über Kulturen und Generationen, z. B. im Rahmen von „Sport im Park“."),
    ("Traditionelles Ehrenamt öffnen: Feuerwehr, DRK",
     "Menschen mit Migrationshintergrund für traditionelle Engagements gewinnen."),
    ("Integrationslotsen wieder aufnehmen",
     "Menschen, die schon länger in Waiblingen leben, helfen neu Zugezogenen bei der ersten Orientierung."),
    ("Offener Treff mit Informationen zu Arbeit, Schule, Wohnen",
     "Ein regelmäßiges Angebot für alle Interessierten, nicht nur für Geflüchtete."),
]
# Demo: dots each key project got at the workshop, 21 participants with 3 dots each (invented).
WORKSHOP_DOTS = [14, 6, 9, 11, 14, 8]
WORKSHOP_PARTICIPANTS = 21
# Demo ballots of the online prioritisation: points per key project (5 per person, at most 3 on one).
ONLINE_BALLOTS = [
    [3, 0, 0, 0, 2, 0], [0, 0, 2, 0, 3, 0], [2, 1, 0, 0, 0, 2], [0, 0, 0, 3, 2, 0], [3, 0, 0, 0, 0, 2],
    [1, 1, 1, 1, 1, 0], [0, 3, 0, 0, 0, 2], [2, 0, 0, 0, 3, 0], [0, 0, 3, 0, 0, 2],
]


def _proposals(demo: ParticipationDemo) -> list[Proposal]:
    made = [p for p in demo.proposals.values() if p.moderation == Proposal.Moderation.PUBLISHED]
    if len(made) >= 2:
        return sorted(made, key=lambda p: p.pk)[:8]
    proposals = []
    for title, text in KEY_PROJECTS:
        proposal = Proposal.objects.filter(municipality=demo.municipality, title=title).first()
        if proposal is None:
            proposal = Proposal.objects.create(
                municipality=demo.municipality, title=title, text=f"<p>{text} (Demo nach dem Integrationskonzept)</p>",
                proposer_kind=Proposal.ProposerKind.BODY, status=Proposal.Status.UNDER_CONSIDERATION)
        demo.proposals[title] = proposal
        proposals.append(proposal)
    return proposals


def _workshop(demo: ParticipationDemo) -> tuple[Body, Meeting]:
    meeting = next((m for t, m in demo.meetings.items() if "workshop" in t.lower()), None)
    if meeting is not None and meeting.body is not None:
        return meeting.body, meeting
    body = next((b for name, b in demo.bodies.items() if "runder tisch" in name.lower()), None) or next(
        iter(demo.bodies.values()), None)
    if body is None:
        body, _ = Body.objects.get_or_create(
            municipality=demo.municipality, name="Arbeitsgruppen der Fortschreibung (Demo)",
            defaults={"kind": Body.Kind.WORKING_GROUP,
                      "purpose": "Demo: die Arbeitsgruppen zu den Handlungsfeldern des Integrationskonzepts."})
        demo.bodies[body.name] = body
    if meeting is None:
        starts = timezone.make_aware(dt.datetime(2016, 11, 19, 10, 0))
        meeting = Meeting.objects.create(
            municipality=demo.municipality, body=body, title="Integrationsworkshop: Priorisierung (Demo)",
            kind=Meeting.Kind.WORKSHOP, starts_at=starts, ends_at=starts + dt.timedelta(hours=4),
            place="Rathaus Waiblingen")
        demo.meetings[meeting.title] = meeting
    return (meeting.body or body), meeting


def build(demo: ParticipationDemo) -> None:
    if demo.slug != "waiblingen":
        return
    with municipality_scope(demo.municipality):
        proposals = _proposals(demo)
        body, meeting = _workshop(demo)
        dots = services.create_prioritisation(
            actor=demo.actor, municipality=demo.municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Schlüsselprojekte: Punktabfrage im Integrationsworkshop", "method": "dots",
                    "audience": "body", "body": body, "meeting": meeting, "points_per_person": 3,
                    "max_points_per_proposal": 2})
        dots = services.enter_tally(actor=demo.actor, prioritisation=dots, participants=WORKSHOP_PARTICIPANTS,
                                    dots={p.pk: n for p, n in zip(proposals, WORKSHOP_DOTS, strict=False)})
        services.publish_result(actor=demo.actor, prioritisation=dots)

        now = timezone.now()
        online = services.create_prioritisation(
            actor=demo.actor, municipality=demo.municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Welche Schlüsselprojekte zuerst? Online-Priorisierung", "method": "points",
                    "audience": "public", "points_per_person": 5, "max_points_per_proposal": 3,
                    "opens_at": now - dt.timedelta(days=3), "closes_at": now + dt.timedelta(days=28)})
        online = services.open_prioritisation(actor=demo.actor, prioritisation=online)
        for number, points in enumerate(ONLINE_BALLOTS, start=1):
            choices = {p.pk: n for p, n in zip(proposals, points, strict=False) if n}
            if choices:
                services.submit_ballot(prioritisation=online, choices=choices, voter=services.Voter(
                    key=services.mail_voter_key(f"demo{number}@example.org")))
