"""The answer to an online proposal reaches its submitter by e-mail (through a real SMTP server process), once,
after the change is committed; proposals without an address send nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Meeting, Proposal
from teilhabe.participation.services import proposals as services


def test_the_submitter_gets_the_answer(municipality: Municipality, coord_actor: Actor, meeting: Meeting,
                                       smtp_server: Any, run_tasks: Callable[[], list[Any]],
                                       django_capture_on_commit_callbacks: Any) -> None:
    proposal = services.submit_proposal(municipality=municipality, email="samira@example.org", values={
        "title": "Sprachkurse am Abend", "text": "Für Berufstätige.", "proposer_kind": "person",
        "proposer_name": "Samira K."})
    with django_capture_on_commit_callbacks(execute=True):
        published = services.moderate_proposal(actor=coord_actor, proposal=proposal,
                                               expected_version=proposal.version, publish=True)
    run_tasks()
    assert smtp_server.messages() == []  # publishing alone is no answer
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(actor=coord_actor, proposal=published, expected_version=published.version,
                                 status=Proposal.Status.NOT_PURSUED, answer="Die VHS bietet das schon an.")
    run_tasks()
    [message] = smtp_server.wait_for(1)
    assert [a.addr_spec for a in message["To"].addresses] == ["samira@example.org"]
    assert "Sprachkurse am Abend" in message["Subject"] and "nicht weiterverfolgt" in message["Subject"]
    body = message.get_content()
    assert "Die VHS bietet das schon an." in body and f"/heidelberg/beteiligung/vorschlaege/{proposal.pk}/" in body


def test_no_address_no_mail(municipality: Municipality, coord_actor: Actor, meeting: Meeting, smtp_server: Any,
                            run_tasks: Callable[[], list[Any]], django_capture_on_commit_callbacks: Any) -> None:
    proposal = services.enter_proposal(actor=coord_actor, municipality=municipality,
                                       values={"title": "x", "text": "y", "meeting": meeting})
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(actor=coord_actor, proposal=proposal, expected_version=proposal.version,
                                 status=Proposal.Status.UNDER_CONSIDERATION, answer="Wir prüfen.")
    assert run_tasks() == []
    assert smtp_server.messages() == []
