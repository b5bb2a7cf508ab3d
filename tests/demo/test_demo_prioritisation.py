"""The demo's prioritisation: Waiblingen's key projects, prioritised by dot voting at the integration workshop
(published) and online by the public (open, with demo ballots)."""

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
from teilhabe.participation.models import Ballot, Prioritisation
from teilhabe.participation.selectors import prioritisation as selectors

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


def test_waiblingen_prioritises_its_key_projects(demo: str) -> None:
    with across_municipalities():
        municipality = Municipality.objects.get(slug="waiblingen")
    with municipality_scope(municipality):
        dots = Prioritisation.objects.get(method=Prioritisation.Method.DOTS)
        assert dots.result_published_at is not None and dots.meeting is not None and dots.participants
        result = selectors.result(dots)
        assert result.rows[0].score > 0 and result.rows[0].tied  # two key projects share the first place
        online = Prioritisation.objects.get(method=Prioritisation.Method.POINTS)
        assert online.state == Prioritisation.State.OPEN and online.audience == "public"
        assert Ballot.objects.filter(prioritisation=online).count() >= 5
    client = Client()
    assert "So wurde gezählt" in client.get(f"/waiblingen/beteiligung/priorisierung/{dots.pk}/").content.decode()
    page = client.get(f"/waiblingen/beteiligung/priorisierung/{online.pk}/").content.decode()
    assert "Link zum Stimmzettel anfordern" in page
