"""The public offers API: published offers only, filters, pages of up to 1,000, a fixed number of queries,
404 for drafts and foreign ids, 422 for bad parameters."""

from __future__ import annotations

from typing import Any

from django.test import Client

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.directory.models import Offer, OfferCategory
from tests.directory.conftest import make_offer

API = "/api/v1/heidelberg/offers"


def test_list_and_filters(offers: list[Offer]) -> None:
    client = Client()
    body = client.get(API).json()
    assert body["count"] == 3 and [o["title"] for o in body["items"]] == [
        "Deutschkurs A1 am Abend", "Migrationsberatung", "Online-Sprachcafé"]
    first = body["items"][0]
    assert first["languages"] == ["de", "ar"] and first["free"] is True
    assert first["provider"]["name"] == "Interkultureller Verein" and first["provider_kind"] == "organisation"
    assert first["category"]["parent"]["name"] == "Sprache"
    assert first["url"].endswith(f"/heidelberg/angebote/{first['id']}/")
    assert client.get(API, {"language": "fa"}).json()["count"] == 1
    assert client.get(API, {"online": "true"}).json()["items"][0]["title"] == "Online-Sprachcafé"
    assert client.get(API, {"district": "Bergheim", "free": "true"}).json()["count"] == 1
    sprache = OfferCategory.objects.get(name="Sprache")
    assert client.get(API, {"category": sprache.pk}).json()["count"] == 2
    assert client.get(API, {"q": "beratung"}).json()["count"] == 1


def test_detail(offers: list[Offer]) -> None:
    client = Client()
    assert client.get(f"{API}/{offers[0].pk}").json()["title"] == "Deutschkurs A1 am Abend"
    assert client.get(f"{API}/{offers[3].pk}").status_code == 404  # a draft
    assert client.get(f"/api/v1/herdecke/offers/{offers[0].pk}").status_code == 404


def test_bad_parameters(offers: list[Offer]) -> None:
    client = Client()
    assert client.get(API, {"page_size": "1001"}).status_code == 422
    assert client.get(API, {"language": "<b>"}).status_code == 422
    assert client.get(API, {"q": "a\x00"}).status_code == 422
    assert client.get(API, {"kategorie": "1"}).status_code == 422  # unknown parameter
    assert client.get("/api/v1/gibt-es-nicht/offers").status_code == 404


def test_fixed_number_of_queries(categories: Any, municipality: Municipality, coord_actor: Actor,
                                 django_assert_max_num_queries: Any) -> None:
    client = Client()
    make_offer(coord_actor, municipality, "Eins", languages=["de", "ar"], district="Altstadt")
    with django_assert_max_num_queries(8) as one:
        assert client.get(API, {"page_size": "1000", "language": "ar"}).json()["count"] == 1
    for i in range(40):
        make_offer(coord_actor, municipality, f"Kurs {i}", languages=["de", "ar"], district="Altstadt")
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get(API, {"page_size": "1000", "language": "ar"}).json()
    assert body["count"] == 41 and len(body["items"]) == 41
