"""The public offer directory with 5,000 published offers in one municipality (20 districts, 8 languages,
the default categories, 6 target groups, 200 organisations), three filters set (language, district, free of
charge). Figures: offer_directory_ms (median server time of /<municipality>/angebote/ through the Django test
client, anonymous) and offer_directory_queries; offer_api_ms / offer_api_queries for
/api/v1/<municipality>/offers with the same filters and 1,000 offers a page."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

OFFERS = 5000
DISTRICTS = [f"Stadtteil {n:02d}" for n in range(1, 21)]
LANGUAGES = ["de", "en", "ar", "fa", "tr", "uk", "ru", "ti"]


@dataclass
class OfferData:
    slug: str


def build_offers(slug: str = "bench-offers", count: int = OFFERS) -> OfferData:
    """Bulk-inserted offers (this builder is not a user write path); categories through the service."""
    from bench.plan import build_municipality
    from teilhabe.core.models import Organisation
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.directory import services
    from teilhabe.directory.models import Offer, OfferCategory
    from teilhabe.plans.models import TargetGroup

    rng = random.Random(7)
    municipality, user = build_municipality(slug, "Angebotsstadt", "08999001")
    with municipality_scope(municipality):
        actor = actor_for(user, municipality)
        services.ensure_default_categories(actor=actor, municipality=municipality)
        categories = list(OfferCategory.objects.filter(parent__isnull=False))
        organisations = Organisation.objects.bulk_create(
            Organisation(municipality=municipality, name=f"Verein {n:03d}") for n in range(200))
        groups = TargetGroup.objects.bulk_create(
            TargetGroup(municipality=municipality, name=name) for name in
            ("Frauen", "Jugendliche", "Eltern", "Geflüchtete", "Senioren", "Neuzugewanderte"))
        offers = Offer.objects.bulk_create(
            Offer(municipality=municipality, title=f"Angebot {n:05d}", category=rng.choice(categories),
                  provider_organisation=rng.choice(organisations), district=rng.choice(DISTRICTS),
                  languages=["de", *rng.sample(LANGUAGES[1:], rng.randint(0, 3))], is_free=rng.random() < 0.6,
                  is_online=rng.random() < 0.1, state=Offer.State.PUBLISHED,
                  description="<p>Ein Angebot für alle, die Deutsch lernen und Menschen treffen möchten.</p>",
                  schedule="dienstags 18–20 Uhr")
            for n in range(count))
        through = Offer.target_groups.through
        through.objects.bulk_create(
            through(offer_id=o.pk, targetgroup_id=g.pk) for o in offers for g in rng.sample(groups, 2))
    return OfferData(slug=slug)


def bench_offer_directory(harness: Harness) -> Figures:
    from django.test import Client
    from django.urls import reverse

    data: OfferData = harness.once("offers", build_offers)
    url = reverse("portal:offer_directory", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(Client(), f"{url}?sprache=ar&stadtteil=Stadtteil+07&kostenlos=on")
    figures = {"offer_directory_ms": ms, "offer_directory_queries": queries}
    api = f"/api/v1/{data.slug}/offers?language=ar&district=Stadtteil+07&free=true&page_size=1000"
    ms, queries = harness.measure_get(Client(), api)
    figures.update({"offer_api_ms": ms, "offer_api_queries": queries})
    return figures


BENCHMARKS = {"offer_directory": bench_offer_directory}
