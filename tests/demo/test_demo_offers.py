"""The demo's offers: each demo municipality has published offers in several languages, clearly marked as demo
data, linked to measures, and an open inventory round with answers."""

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
from teilhabe.directory import selectors
from teilhabe.directory.models import InventoryResponse, InventoryRound, Offer

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


@pytest.mark.parametrize("slug", ["heidelberg", "waiblingen", "herdecke"])
def test_offers_and_inventory(demo: str, slug: str) -> None:
    with across_municipalities():
        municipality = Municipality.objects.get(slug=slug)
    with municipality_scope(municipality):
        offers = list(Offer.objects.filter(state=Offer.State.PUBLISHED))
        assert len(offers) >= 6
        assert all("Demodaten" in o.description for o in offers)
        assert len({code for o in offers for code in o.languages}) >= 4
        assert any(o.measures.exists() for o in offers)
        round_ = InventoryRound.objects.get()
        assert round_.state == InventoryRound.State.OPEN
        assert InventoryResponse.objects.filter(round=round_).exists()
        inventory = selectors.inventory(municipality, languages_of_interest=municipality.content_languages)
        assert inventory.total == len(offers) and inventory.gaps
    page = Client().get(f"/{slug}/angebote/")
    assert page.status_code == 200 and offers[0].title in page.content.decode()
