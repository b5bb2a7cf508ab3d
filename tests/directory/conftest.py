"""Organisations with editors: one MSO whose editor proposes changes, one trusted association."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.directory import services
from teilhabe.directory.models import Offer, OfferCategory, OrganisationProfile
from tests.factories import OrganisationFactory


@pytest.fixture
def mso(municipality: Municipality) -> Organisation:
    with municipality_scope(municipality):
        return OrganisationFactory(municipality=municipality, name="Arabisch-Deutscher Familienverein",
                                   kind=Organisation.Kind.MSO)


@pytest.fixture
def other_org(municipality: Municipality) -> Organisation:
    with municipality_scope(municipality):
        return OrganisationFactory(municipality=municipality, name="Türkischer Elternverein",
                                   kind=Organisation.Kind.MSO)


@pytest.fixture
def editor(municipality: Municipality, mso: Organisation, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(mso,))


@pytest.fixture
def editor_actor(editor: User, municipality: Municipality) -> Actor:
    return actor_for(editor, municipality)


@pytest.fixture
def scope(municipality: Municipality) -> Any:
    with municipality_scope(municipality):
        yield


@pytest.fixture
def profile(mso: Organisation, municipality: Municipality, scope: Any) -> OrganisationProfile:
    return services.ensure_profile(actor=Actor.system(municipality.pk), organisation=mso)


@pytest.fixture
def other_profile(other_org: Organisation, municipality: Municipality, scope: Any) -> OrganisationProfile:
    return services.ensure_profile(actor=Actor.system(municipality.pk), organisation=other_org)


def make_offer(actor: Actor, municipality: Municipality, title: str, **values: Any) -> Offer:
    category = values.pop("category", None) or OfferCategory.objects.of(municipality).get(name="Deutschkurs")
    return services.create_offer(actor=actor, municipality=municipality, values={
        "title": title, "category": category, "languages": ["de"], "state": Offer.State.PUBLISHED, **values})


@pytest.fixture
def categories(municipality: Municipality, coord_actor: Actor) -> list[OfferCategory]:
    return services.ensure_default_categories(actor=coord_actor, municipality=municipality)


@pytest.fixture
def offers(categories: list[OfferCategory], municipality: Municipality, coord_actor: Actor,
           verein: Organisation) -> list[Offer]:
    beratung = OfferCategory.objects.get(name="Migrationsberatung")
    return [
        make_offer(coord_actor, municipality, "Deutschkurs A1 am Abend", languages=["de", "ar"],
                   district="Bergheim", is_free=True, provider_organisation=verein,
                   contact_email="kurse@verein.example"),
        make_offer(coord_actor, municipality, "Migrationsberatung", category=beratung, languages=["de", "fa"],
                   district="Weststadt"),
        make_offer(coord_actor, municipality, "Online-Sprachcafé", languages=["de", "uk"], is_online=True),
        make_offer(coord_actor, municipality, "Entwurf eines Kurses", state=Offer.State.DRAFT, district="Bergheim"),
    ]
