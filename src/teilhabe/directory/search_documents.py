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
from teilhabe.directory.models import OrganisationProfile
from teilhabe.search import registry, services
from teilhabe.search.registry import Document
from teilhabe.search.text import join, plain

KIND = "organisation"


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


def register() -> None:
    registry.register(KIND, _("Organisationen"), profile_documents, position=10)


def profile_changed(profile: OrganisationProfile) -> None:
    """Index a published profile, take an unpublished one out."""
    municipality = profile.municipality
    docs = profile_documents(municipality, [profile.organisation_id])
    if docs:
        services.index_documents(municipality=municipality, documents=docs)
    else:
        services.remove(municipality=municipality, kind=KIND, object_id=profile.organisation_id)
