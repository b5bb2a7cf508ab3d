"""Organisation profiles in the search index: every published profile, with what its public page shows
(name, short and long description, fields of activity, target groups, district, languages spoken) — never
contact data. Registered in DirectoryConfig.ready(); apply_profile_values (the one write path of a profile)
calls `profile_changed` right after its write."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.core.i18n import FALLBACK_LANGUAGE, language_name
from teilhabe.core.models import Municipality
from teilhabe.directory.models import Offer, OrganisationProfile
from teilhabe.search import registry, services
from teilhabe.search.registry import Document
from teilhabe.search.text import join, plain

KIND = "organisation"
OFFER_KIND = "offer"


def profile_documents(municipality: Municipality, organisation_ids: Sequence[int] | None = None) -> list[Document]:
    """Published profiles: two queries."""
    profiles = (OrganisationProfile.objects.of(municipality).filter(published=True).select_related("organisation")
                .prefetch_related("target_groups").order_by("pk"))
    if organisation_ids is not None:
        profiles = profiles.filter(organisation_id__in=organisation_ids)
    return [
        Document(
            kind=KIND, object_id=p.organisation_id, language=FALLBACK_LANGUAGE, title=p.organisation.name,
            body=join(p.short_description, plain(p.description), *p.field_labels(),
                      *(t.name for t in p.target_groups.all()), p.district,
                      *(language_name(code) for code in p.languages or [])),
            url=reverse("portal:organisation_detail", kwargs={"municipality": municipality.slug,
                                                              "pk": p.organisation_id}),
        )
        for p in profiles
    ]


def offer_documents(municipality: Municipality, offer_ids: Sequence[int] | None = None) -> list[Document]:
    """Published offers, with what their public page shows (contact data aside): two queries."""
    offers = (Offer.objects.of(municipality).filter(state=Offer.State.PUBLISHED)
              .select_related("category", "category__parent", "provider_organisation", "provider_org_unit")
              .prefetch_related("target_groups").order_by("pk"))
    if offer_ids is not None:
        offers = offers.filter(pk__in=offer_ids)
    return [
        Document(
            kind=OFFER_KIND, object_id=o.pk, language=FALLBACK_LANGUAGE, title=o.title,
            body=join(plain(o.description), o.category.name,
                      o.category.parent.name if o.category.parent else "",
                      str(o.provider or ""), o.place, o.district, o.schedule,
                      *(t.name for t in o.target_groups.all()),
                      *(language_name(code) for code in o.languages or [])),
            url=reverse("portal:offer_detail", kwargs={"municipality": municipality.slug, "pk": o.pk}),
        )
        for o in offers
    ]


def register() -> None:
    registry.register(KIND, _("Organisationen"), profile_documents, position=10)
    registry.register(OFFER_KIND, _("Angebote"), offer_documents, position=15)


def offer_changed(offer: Offer) -> None:
    """Index a published offer, take a draft or deleted one out (the offers' write paths call this)."""
    municipality = offer.municipality
    docs = offer_documents(municipality, [offer.pk]) if offer.pk else []
    if docs:
        services.index_documents(municipality=municipality, documents=docs)
    else:
        services.remove(municipality=municipality, kind=OFFER_KIND, object_id=offer.pk)


def offer_removed(municipality: Municipality, offer_id: int) -> None:
    services.remove(municipality=municipality, kind=OFFER_KIND, object_id=offer_id)


def profile_changed(profile: OrganisationProfile) -> None:
    """Index a published profile, take an unpublished one out."""
    municipality = profile.municipality
    docs = profile_documents(municipality, [profile.organisation_id])
    if docs:
        services.index_documents(municipality=municipality, documents=docs)
    else:
        services.remove(municipality=municipality, kind=KIND, object_id=profile.organisation_id)
