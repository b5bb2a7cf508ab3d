"""The demo's proposals follow the seeds: Waiblingen's working groups' key-project proposals accepted as the
demo plan's measures (traced both ways), one merged, one not pursued with a reason, one waiting for
moderation; Heidelberg's focus groups and Herdecke's World Café and expert workshops lead to measures too."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import across_municipalities, municipality_scope
from teilhabe.participation.models import Proposal
from teilhabe.participation.selectors import proposals as selectors
from teilhabe.plans.models import Measure

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _municipality(slug: str) -> Municipality:
    with across_municipalities():
        return Municipality.objects.get(slug=slug)


def test_waiblingen_traces_key_projects_both_ways(demo: str) -> None:
    municipality = _municipality("waiblingen")
    with municipality_scope(municipality):
        proposals = Proposal.objects.all()
        accepted = proposals.filter(status=Proposal.Status.ACCEPTED)
        assert accepted.count() >= 8
        measure = Measure.objects.get(title="Integrationslotsen", edition__status="adopted")
        assert [p.title for p in selectors.proposals_of_measure(measure, public=True)] == [
            "Projekt „Integrationslotsen“ wieder aufnehmen"]
        merged = proposals.get(status=Proposal.Status.MERGED)
        assert merged.merged_into is not None and merged.merged_into.status == Proposal.Status.ACCEPTED
        declined = proposals.get(status=Proposal.Status.NOT_PURSUED)
        assert declined.answer and "Demo" in declined.text
        assert proposals.filter(moderation=Proposal.Moderation.PENDING).count() == 1
    client = Client()
    page = client.get(f"/waiblingen/plan/massnahme/{measure.pk}/").content.decode()
    assert "Projekt „Integrationslotsen“ wieder aufnehmen" in page
    listing = client.get("/waiblingen/beteiligung/vorschlaege/").content.decode()
    assert "Sprachcafé auch am Samstag" not in listing  # waiting for moderation


@pytest.mark.parametrize("slug", ["heidelberg", "herdecke"])
def test_heidelberg_and_herdecke_have_proposals_leading_to_measures(demo: str, slug: str) -> None:
    municipality = _municipality(slug)
    with municipality_scope(municipality):
        proposals = Proposal.objects.all()
        assert proposals.count() >= 8
        assert proposals.filter(status=Proposal.Status.ACCEPTED, measure_links__isnull=False).count() >= 5
        assert proposals.filter(status=Proposal.Status.NOT_PURSUED).exclude(answer="").exists()
        first = proposals.filter(status=Proposal.Status.ACCEPTED).first()
        assert first is not None
    assert Client().get(f"/{slug}/beteiligung/vorschlaege/{first.pk}/").status_code == 200
