"""The back office's offer pages: the list (filters, paging, a fixed number of queries), the form (create,
edit, hostile HTML, a forged provider id) and the measure page listing its offers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import services
from teilhabe.directory.models import Offer, OfferCategory
from tests.directory.conftest import make_offer
from tests.factories import OrganisationFactory


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": "heidelberg", **kwargs})


def test_list_filters_and_pages(offers: list[Offer], koordination: Any, client_for: Any) -> None:
    client = client_for(koordination)
    page = client.get(_url("offers_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Deutschkurs A1 am Abend" in text and "Entwurf eines Kurses" in text
    text = client.get(_url("offers_list"), {"sprache": "fa"}).content.decode()
    assert "Migrationsberatung" in text and "Deutschkurs A1" not in text
    assert client.get(_url("offers_list"), {"q": "a\x00b"}).status_code == 400
    assert client.get(_url("offers_list"), {"kategorie": "999999", "seite": "99"}).status_code == 200


def test_list_runs_a_fixed_number_of_queries(categories: Any, municipality: Municipality, coord_actor: Actor,
                                             koordination: Any, client_for: Any,
                                             django_assert_max_num_queries: Any) -> None:
    client = client_for(koordination)
    make_offer(coord_actor, municipality, "Eins", district="Altstadt")
    client.get(_url("offers_list"))  # warm-up (session, categories)
    with django_assert_max_num_queries(12) as one:
        client.get(_url("offers_list"), {"stadtteil": "Altstadt"})
    for i in range(25):
        make_offer(coord_actor, municipality, f"Kurs {i}", district="Altstadt", languages=["de", "ar"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url("offers_list"), {"stadtteil": "Altstadt"})
    assert "Angebote 1–20 von 26" in response.content.decode()


def _post_data(category: OfferCategory, **extra: Any) -> dict[str, Any]:
    return {"title": "Frauencafé", "category": category.pk, "description": "Treffen bei Tee.\n\nFür alle.",
            "languages": ["de", "ar"], "district": "Bergheim", "state": "published", **extra}


def test_create_and_edit(categories: Any, koordination: Any, client_for: Any, verein: Organisation) -> None:
    client = client_for(koordination)
    assert client.get(_url("offers_create")).status_code == 200
    category = OfferCategory.objects.get(name="Frauencafé")
    response = client.post(_url("offers_create"), _post_data(category, provider=f"o{verein.pk}"))
    assert response.status_code == 302
    offer = Offer.objects.get(title="Frauencafé")
    assert offer.provider_organisation == verein and offer.description == "<p>Treffen bei Tee.</p><p>Für alle.</p>"
    assert client.get(_url("offer_edit", pk=offer.pk)).status_code == 200
    response = client.post(_url("offer_edit", pk=offer.pk), _post_data(
        category, title="Frauencafé international", provider=f"o{verein.pk}", version=offer.version))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Frauencafé international" and offer.version == 2


def test_bad_input_changes_nothing(categories: Any, koordination: Any, client_for: Any,
                                   other_municipality: Municipality) -> None:
    client = client_for(koordination)
    category = OfferCategory.objects.get(name="Frauencafé")
    with municipality_scope(other_municipality):
        foreign = OrganisationFactory(municipality=other_municipality, name="Fremd")
    response = client.post(_url("offers_create"), _post_data(category, provider=f"o{foreign.pk}"))
    assert response.status_code == 200 and "aria-invalid" in response.content.decode()
    response = client.post(_url("offers_create"), _post_data(
        category, description='<p>Infos <a href="https://x.example">hier</a></p>'))
    assert response.status_code == 200 and "sagt nicht, wohin der Link führt" in response.content.decode()
    response = client.post(_url("offers_create"), _post_data(category, district="", place=""))
    assert response.status_code == 200 and "Ort oder Stadtteil" in response.content.decode()
    assert not Offer.objects.exists()


def test_fachstelle_offers_only_its_organisations(categories: Any, municipality: Municipality,
                                                  verein: Organisation, make_member: Any, client_for: Any,
                                                  coord_actor: Actor) -> None:
    other = OrganisationFactory(municipality=municipality, name="Anderer Verein")
    user = make_member(municipality, Role.FACHSTELLE, "mso", organisations=(verein,))
    client = client_for(user)
    text = client.get(_url("offers_create")).content.decode()
    assert "Interkultureller Verein" in text and "Anderer Verein" not in text
    foreign = make_offer(coord_actor, municipality, "Fremd", provider_organisation=other)
    assert client.get(_url("offer_edit", pk=foreign.pk)).status_code == 403
    category = OfferCategory.objects.get(name="Frauencafé")
    response = client.post(_url("offers_create"), _post_data(category, provider=f"o{other.pk}"))
    assert response.status_code == 200
    assert client.post(_url("offers_create"), _post_data(category, provider=f"o{verein.pk}")).status_code == 302


def test_measure_page_lists_its_offers(plan: Any, categories: Any, municipality: Municipality,
                                       coord_actor: Actor, koordination: Any, client_for: Any) -> None:
    from teilhabe.plans.models import Measure

    measure = Measure.objects.get(title="Mama lernt Deutsch")
    offer = make_offer(coord_actor, municipality, "Mama-Kurs Bergheim", district="Bergheim")
    services.link_offer_to_measures(actor=coord_actor, offer=offer, expected_version=offer.version,
                                    measures=[measure])
    text = client_for(koordination).get(reverse("backoffice:measure_detail", kwargs={
        "municipality": "heidelberg", "pk": measure.pk})).content.decode()
    assert "Angebote zu dieser Maßnahme" in text and "Mama-Kurs Bergheim" in text


def test_organisation_editor_sees_and_edits_only_its_offers(categories: Any, municipality: Municipality,
                                                            verein: Organisation, make_member: Any,
                                                            client_for: Any, coord_actor: Actor) -> None:
    other = OrganisationFactory(municipality=municipality, name="Anderer Verein")
    own = make_offer(coord_actor, municipality, "Eigenes Sprachcafé", provider_organisation=verein,
                     district="Altstadt")
    foreign = make_offer(coord_actor, municipality, "Fremdes Angebot", provider_organisation=other,
                         district="Altstadt")
    client = client_for(make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(verein,)))
    text = client.get(_url("offers_list")).content.decode()
    assert "Eigenes Sprachcafé" in text and "Fremdes Angebot" not in text
    assert client.get(_url("offer_edit", pk=own.pk)).status_code == 200
    assert client.get(_url("offer_edit", pk=foreign.pk)).status_code == 403
    assert client.get(reverse("backoffice:measure_list", kwargs={"municipality": "heidelberg"})).status_code == 403
