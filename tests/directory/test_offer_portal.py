"""The public offer directory: only published offers, the filters, the search, paging, a fixed number of
queries, the offer's page (404 for drafts and other municipalities' offers), bad input."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.directory.models import Offer, OfferCategory
from tests.directory.conftest import make_offer


def _url(name: str = "offer_directory", **kwargs: Any) -> str:
    return reverse(f"portal:{name}", kwargs={"municipality": "heidelberg", **kwargs})


def test_directory_shows_published_offers_with_filters(offers: list[Offer]) -> None:
    client = Client()
    text = client.get(_url()).content.decode()
    assert "Deutschkurs A1 am Abend" in text and "Migrationsberatung" in text
    assert "Entwurf eines Kurses" not in text
    assert "Angebote 1–3 von 3" in text
    sprache = OfferCategory.objects.get(name="Sprache")
    text = client.get(_url(), {"kategorie": sprache.pk, "kostenlos": "on"}).content.decode()
    assert "Deutschkurs A1 am Abend" in text and "Online-Sprachcafé" not in text
    text = client.get(_url(), {"online": "on"}).content.decode()
    assert "Online-Sprachcafé" in text and "Deutschkurs A1" not in text
    text = client.get(_url(), {"sprache": "fa", "stadtteil": "Weststadt"}).content.decode()
    assert "Angebote 1–1 von 1" in text and "Migrationsberatung" in text
    text = client.get(_url(), {"q": "abend"}).content.decode()
    assert "Deutschkurs A1 am Abend" in text and "Migrationsberatung</a>" not in text


def test_bad_filters_are_ignored_or_refused(offers: list[Offer]) -> None:
    client = Client()
    assert client.get(_url(), {"kategorie": "abc", "sprache": "<script>", "seite": "999999999"}).status_code == 200
    assert client.get(_url(), {"q": "x\x00"}).status_code == 400


def test_fixed_number_of_queries(categories: Any, municipality: Municipality, coord_actor: Actor,
                                 django_assert_max_num_queries: Any) -> None:
    client = Client()
    make_offer(coord_actor, municipality, "Eins", district="Altstadt", languages=["de", "ar"], is_free=True)
    params = {"stadtteil": "Altstadt", "sprache": "ar", "kostenlos": "on"}
    client.get(_url(), params)
    with django_assert_max_num_queries(12) as one:
        client.get(_url(), params)
    for i in range(30):
        make_offer(coord_actor, municipality, f"Kurs {i}", district="Altstadt", languages=["de", "ar"], is_free=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url(), params)
    assert "Angebote 1–20 von 31" in response.content.decode()


def test_detail_page(offers: list[Offer], other_municipality: Municipality) -> None:
    client = Client()
    offer = offers[0]
    text = client.get(_url("offer_detail", pk=offer.pk)).content.decode()
    assert "Deutschkurs A1 am Abend" in text and "kurse@verein.example" in text and "العربية" in text
    assert client.get(_url("offer_detail", pk=offers[3].pk)).status_code == 404  # a draft
    other = reverse("portal:offer_detail", kwargs={"municipality": "herdecke", "pk": offer.pk})
    assert client.get(other).status_code == 404
