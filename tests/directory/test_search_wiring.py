"""Organisation profiles in the search: published through moderation → found; unpublished → gone."""

from __future__ import annotations

from typing import Any

from teilhabe.core.roles import Actor
from teilhabe.directory import services
from teilhabe.directory.models import OrganisationProfile
from teilhabe.moderation import services as moderation
from teilhabe.search import fulltext


def _titles(municipality: Any, query: str) -> list[str]:
    return [h.title for h in fulltext.search(municipality, query, language="de").page.items]


def test_a_published_profile_is_found_and_an_unpublished_one_is_not(municipality: Any, profile: OrganisationProfile,
                                                                   editor_actor: Actor, coord_actor: Actor) -> None:
    values = {"short_description": "Beratung und Treffpunkt für Familien.", "description": "<p>Wir bieten "
              "<strong>Hausaufgabenhilfe</strong> an.</p>", "languages": ["de", "ar"],
              "fields_of_activity": ["family"], "district": "Bergheim", "contact_email": "geheim@example.org",
              "contact_consent": False}
    saved = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                  values=values)
    assert _titles(municipality, "Hausaufgabenhilfe") == []  # waiting for moderation
    moderation.publish(actor=coord_actor, revision=saved.revision)
    hits = fulltext.search(municipality, "Hausaufgabenhilfe", language="de").page.items
    assert [(h.kind, h.title) for h in hits] == [("organisation", "Arabisch-Deutscher Familienverein")]
    assert hits[0].url == f"/heidelberg/organisationen/{profile.organisation_id}/"
    assert _titles(municipality, "Bergheim") == ["Arabisch-Deutscher Familienverein"]
    assert _titles(municipality, "geheim") == []  # contact data is never indexed
    profile.refresh_from_db()
    services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                          values=services.current_values(profile), published=False)
    assert _titles(municipality, "Hausaufgabenhilfe") == []


def test_offers_are_found_once_published_and_gone_as_draft_or_deleted(
        municipality: Any, categories: Any, coord_actor: Actor, scope: Any) -> None:
    from tests.directory.conftest import make_offer

    offer = make_offer(coord_actor, municipality, "Schwimmkurs für Frauen", description="<p>Mit Kinderbetreuung.</p>",
                       district="Emmertsgrund", languages=["fa"], state="draft")
    assert _titles(municipality, "Schwimmkurs") == []  # a draft is not public
    offer = services.set_offer_state(actor=coord_actor, offer=offer, expected_version=offer.version,
                                     state="published")
    hits = fulltext.search(municipality, "Kinderbetreuung", language="de").page.items
    assert [(h.kind, h.title) for h in hits] == [("offer", "Schwimmkurs für Frauen")]
    assert hits[0].url == f"/heidelberg/angebote/{offer.pk}/"
    assert _titles(municipality, "Emmertsgrund") == ["Schwimmkurs für Frauen"]
    offer = services.update_offer(actor=coord_actor, offer=offer, expected_version=offer.version,
                                  values={"title": "Schwimmkurs für Mädchen"})
    assert _titles(municipality, "Schwimmkurs") == ["Schwimmkurs für Mädchen"]
    services.delete_offer(actor=coord_actor, offer=offer, expected_version=offer.version)
    assert _titles(municipality, "Schwimmkurs") == []
