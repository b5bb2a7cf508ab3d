"""One ballot per person under concurrent submissions, on PostgreSQL: threads with their own database
connections submit at the same moment; the unique constraint lets exactly one ballot of a person in and
refuses the others with a clear message. (SQLite serialises writers, so the race only exists on PostgreSQL.)"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from teilhabe.core.errors import ServiceError
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Ballot, BallotChoice, Prioritisation, Proposal
from teilhabe.participation.selectors import prioritisation as selectors
from teilhabe.participation.services import prioritisation as services

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif("connection.vendor != 'postgresql'")]

THREADS = 8


def _race(prio: Prioritisation, municipality_id: int, voters: list[str], choices: dict[int, int]) -> list[str]:
    barrier = threading.Barrier(len(voters))
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(address: str) -> None:
        try:
            with municipality_scope(municipality_id):
                fresh = Prioritisation.objects.get(pk=prio.pk)
                barrier.wait(timeout=10)
                try:
                    services.submit_ballot(prioritisation=fresh, voter=services.Voter(
                        key=services.mail_voter_key(address)), choices=choices)
                    outcome = "ok"
                except ServiceError as exc:
                    outcome = exc.message
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit, args=(address,)) for address in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_one_ballot_per_person_under_concurrent_submissions(municipality, coord_actor):
    with municipality_scope(municipality):
        proposals = [Proposal.objects.create(municipality=municipality, title=t, text="x") for t in ("A", "B")]
        prio = services.create_prioritisation(
            actor=coord_actor, municipality=municipality, proposal_ids=[p.pk for p in proposals],
            values={"title": "Online", "method": "points", "audience": "public", "points_per_person": 3})
        prio = services.open_prioritisation(actor=coord_actor, prioritisation=prio)
    choices = {proposals[0].pk: 2, proposals[1].pk: 1}

    same = _race(prio, municipality.pk, ["ana@example.org"] * THREADS, choices)
    assert same.count("ok") == 1
    assert all("bereits abgestimmt" in o for o in same if o != "ok")

    different = _race(prio, municipality.pk, [f"p{i}@example.org" for i in range(THREADS)], choices)
    assert different == ["ok"] * THREADS

    with municipality_scope(municipality):
        assert Ballot.objects.filter(prioritisation=prio).count() == 1 + THREADS
        assert BallotChoice.objects.filter(ballot__prioritisation=prio).count() == 2 * (1 + THREADS)
        result = selectors.result(prio)
        assert {r.proposal.title: r.score for r in result.rows} == {"A": 2 * (1 + THREADS), "B": 1 + THREADS}
