"""The offers' services: the default taxonomy, rich text sanitised, one provider, the guard (Fachstelle only
for its own organisations), confirmation dates, filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.audit import history_of
from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.directory import selectors, services
from teilhabe.directory.models import Offer, OfferCategory
from tests.directory.conftest import make_offer
from tests.factories import OrganisationFactory


def test_default_categories_are_seeded_once(categories: list[OfferCategory], municipality: Municipality,
                                            coord_actor: Actor) -> None:
    assert [c.name for c in categories][:3] == ["Sprache", "Beratung", "Bildung"]
    count = OfferCategory.objects.count()
    assert count > 20
    services.ensure_default_categories(actor=coord_actor, municipality=municipality)
    assert OfferCategory.objects.count() == count
    tree = selectors.category_tree(municipality)
    assert tree[0].category.name == "Sprache" and "Deutschkurs" in [c.name for c in tree[0].children]


def test_description_is_sanitised_and_checked(categories: Any, municipality: Municipality,
                                              coord_actor: Actor) -> None:
    offer = make_offer(coord_actor, municipality, "Kurs", description='<p onclick="x()">Hallo<script>alert(1)'
                       '</script></p><h2>Zeiten</h2>')
    assert offer.description == "<p>Hallo</p><h2>Zeiten</h2>"
    with pytest.raises(ValidationError) as error:
        make_offer(coord_actor, municipality, "Kurs 2", description='<a href="https://x.example">hier</a>')
    assert "description" in error.value.message_dict
    assert not Offer.objects.filter(title="Kurs 2").exists()


def test_one_provider_only_and_language_codes(categories: Any, municipality: Municipality, coord_actor: Actor,
                                              verein: Organisation, amt: Any) -> None:
    with pytest.raises(ValidationError):
        make_offer(coord_actor, municipality, "Zwei", provider_organisation=verein, provider_org_unit=amt)
    with pytest.raises(ValidationError):
        make_offer(coord_actor, municipality, "Sprache", languages=["de", "<b>"])
    offer = make_offer(coord_actor, municipality, "Codes", languages=["DE", "ar", "ar"])
    assert offer.languages == ["de", "ar"]


def test_fachstelle_edits_only_offers_of_its_organisations(categories: Any, municipality: Municipality,
                                                           coord_actor: Actor, verein: Organisation,
                                                           make_member: Any) -> None:
    user = make_member(municipality, Role.FACHSTELLE, "mso", organisations=(verein,))
    mso = actor_for(user, municipality)
    other = OrganisationFactory(municipality=municipality, name="Anderer Verein")
    own = make_offer(mso, municipality, "Frauencafé", provider_organisation=verein)
    with pytest.raises(NotAllowed):  # no provider: not one of its own
        make_offer(mso, municipality, "Ohne Anbieter")
    with pytest.raises(NotAllowed):
        make_offer(mso, municipality, "Fremd", provider_organisation=other)
    foreign = make_offer(coord_actor, municipality, "Fremdes Angebot", provider_organisation=other)
    with pytest.raises(NotAllowed):
        services.update_offer(actor=mso, offer=foreign, expected_version=foreign.version, values={"title": "x"})
    with pytest.raises(NotAllowed):  # nor move its own offer to another organisation
        services.update_offer(actor=mso, offer=own, expected_version=own.version,
                              values={"provider_organisation": other})
    updated = services.update_offer(actor=mso, offer=own, expected_version=own.version, values={"title": "Café"})
    assert updated.title == "Café" and updated.version == own.version + 1
    assert history_of(updated).count() == 2


def test_foreign_objects_are_refused(categories: Any, municipality: Municipality, coord_actor: Actor,
                                     other_municipality: Municipality, foreign_user: Any) -> None:
    with municipality_scope(other_municipality):
        foreign_org = OrganisationFactory(municipality=other_municipality, name="Fremd")
    with pytest.raises(NotAllowed):
        make_offer(coord_actor, municipality, "Fremd", provider_organisation=foreign_org)


def test_confirm_sets_the_date_without_a_new_version(offers: list[Offer], coord_actor: Actor) -> None:
    offer = offers[0]
    services.confirm_offers(actor=coord_actor, offers=[offer])
    offer.refresh_from_db()
    assert offer.last_confirmed is not None and offer.version == 1


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["Deutschkurs A1 am Abend", "Migrationsberatung", "Online-Sprachcafé"]),
    ({"language": "fa"}, ["Migrationsberatung"]),
    ({"language": "a"}, []),
    ({"district": "bergheim"}, ["Deutschkurs A1 am Abend"]),
    ({"free": True}, ["Deutschkurs A1 am Abend"]),
    ({"online": True}, ["Online-Sprachcafé"]),
    ({"text": "beratung"}, ["Migrationsberatung"]),
    ({"text": "Interkultureller"}, ["Deutschkurs A1 am Abend"]),
])
def test_filters(offers: list[Offer], municipality: Municipality, filters: dict[str, Any],
                 expected: list[str]) -> None:
    page = selectors.offer_page(municipality, selectors.OfferFilters(**filters), published_only=True)
    assert [o.title for o in page.items] == expected


def test_category_filter_includes_sub_categories(offers: list[Offer], municipality: Municipality) -> None:
    sprache = OfferCategory.objects.get(name="Sprache")
    page = selectors.offer_page(municipality, selectors.OfferFilters(category=sprache.pk), published_only=True)
    assert [o.title for o in page.items] == ["Deutschkurs A1 am Abend", "Online-Sprachcafé"]
