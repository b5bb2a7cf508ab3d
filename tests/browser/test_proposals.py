"""The back office's proposal pages in a real browser, checked with axe-core (WCAG 2.1 AA): the list, the
moderation queue, entering a proposal, and a proposal's page with all its action forms; and the back-office
measure page showing where the measure came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Meeting, Proposal
from teilhabe.participation.services import proposals as services
from teilhabe.plans.models import Measure
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_backoffice_proposal_pages_are_accessible(page: Any, municipality: Municipality, koordination: User,
                                                  own_measure: Measure) -> None:
    actor = Actor.system(municipality.pk)
    with municipality_scope(municipality):
        body = Body.objects.create(municipality=municipality, name="AG Bildung")
        starts = timezone.make_aware(dt.datetime(2027, 3, 10, 17, 0))
        meeting = Meeting.objects.create(municipality=municipality, body=body, title="Sitzung der AG Bildung",
                                         starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
        proposal = services.enter_proposal(actor=actor, municipality=municipality, values={
            "title": "Sprachcafé für Eltern", "text": "<p>Am Vormittag.</p>", "meeting": meeting,
            "proposer_kind": "body", "proposer_body": meeting.body})
        services.link_measure(actor=actor, proposal=proposal, measure=own_measure)
        pending = services.submit_proposal(municipality=municipality, values={"title": "Abendkurse", "text": "x"})
        other = services.enter_proposal(actor=actor, municipality=municipality,
                                        values={"title": "Elterncafé", "text": "y", "meeting": meeting})
    log_in(page, koordination.username)
    for path in ("/heidelberg/intern/beteiligung/vorschlaege/", "/heidelberg/intern/beteiligung/vorschlaege/freigabe/",
                 "/heidelberg/intern/beteiligung/vorschlaege/neu/",
                 f"/heidelberg/intern/beteiligung/vorschlaege/{proposal.pk}/",
                 f"/heidelberg/intern/beteiligung/vorschlaege/{pending.pk}/",
                 f"/heidelberg/intern/beteiligung/vorschlaege/{proposal.pk}/bearbeiten/",
                 f"/heidelberg/intern/massnahmen/{own_measure.pk}/"):
        page.goto(path)
        assert_accessible(page)
    # not pursued without a reason: the page again with the message at the field
    page.goto(f"/heidelberg/intern/beteiligung/vorschlaege/{other.pk}/")
    page.select_option("#id_antwort-status", "not_pursued")
    page.click("form[action$='antworten/'] button[type=submit]")
    assert "begründen" in page.content()
    assert_accessible(page)
    with municipality_scope(municipality):
        assert Proposal.objects.get(pk=other.pk).status == Proposal.Status.SUBMITTED
