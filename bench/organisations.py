"""The directory of organisations with 2,000 published profiles (languages, fields, districts, target groups):
the portal's list with three filters set, the API's list at 1,000 items a page, and Koordination's list of
profiles. Figures: *_ms (median server time) and *_queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

COUNT = 2000
LANGUAGES = [["de", "ar"], ["de", "tr"], ["de", "fa", "ar"], ["de", "uk", "ru"]]
FIELDS = [["family", "counselling"], ["culture"], ["language", "education"], ["sport", "youth"]]
DISTRICTS = ["Altstadt", "Bergheim", "Weststadt", "Rohrbach", "Emmertsgrund"]


@dataclass
class DirectoryData:
    slug: str
    user: Any


def build_directory() -> DirectoryData:
    """Organisations and profiles in bulk (benchmark data, not a user's path), a Koordination member."""
    from teilhabe.core.models import Membership, Municipality, Organisation, User
    from teilhabe.core.roles import Role
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.directory.models import OrganisationProfile
    from teilhabe.plans.models import TargetGroup

    municipality = Municipality.objects.create(name="Bench Verzeichnis", slug="bench-directory", ags="08221000",
                                               land="BW", languages=["de", "ar", "tr", "fa", "uk", "ru"])
    with municipality_scope(municipality):
        groups = [TargetGroup.objects.create(municipality=municipality, name=f"Gruppe {i}") for i in range(5)]
        kinds = [Organisation.Kind.MSO, Organisation.Kind.ASSOCIATION, Organisation.Kind.WELFARE]
        organisations = Organisation.objects.bulk_create([
            Organisation(municipality=municipality, name=f"Verein {i:05d}", kind=kinds[i % 3]) for i in range(COUNT)])
        profiles = OrganisationProfile.objects.bulk_create([
            OrganisationProfile(
                municipality=municipality, organisation=o, short_description=f"Kurzbeschreibung {i}",
                description="<p>Beschreibung</p>", languages=LANGUAGES[i % 4], fields_of_activity=FIELDS[i % 4],
                district=DISTRICTS[i % 5], published=True, contact_consent=bool(i % 2),
                contact_email=f"v{i}@example.org")
            for i, o in enumerate(organisations)])
        through = OrganisationProfile.target_groups.through
        through.objects.bulk_create([through(organisationprofile_id=p.pk, targetgroup_id=groups[i % 5].pk)
                                     for i, p in enumerate(profiles)])
        user = User.objects.create_user(username="bench-koordination-directory", password=None)
        Membership.objects.create(municipality=municipality, user=user, role=Role.KOORDINATION)
    return DirectoryData(slug=municipality.slug, user=user)


def _data(harness: Harness) -> DirectoryData:
    return harness.once("directory", build_directory)


def bench_portal(harness: Harness) -> Figures:
    from django.test import Client

    data = _data(harness)
    ms, queries = harness.measure_get(Client(), f"/{data.slug}/organisationen/?language=ar&field=family"
                                                f"&district=Altstadt")
    return {"organisation_directory_ms": ms, "organisation_directory_queries": queries}


def bench_api(harness: Harness) -> Figures:
    from django.test import Client

    data = _data(harness)
    ms, queries = harness.measure_get(Client(), f"/api/v1/{data.slug}/organisations?page_size=1000")
    return {"organisations_api_1000_ms": ms, "organisations_api_queries": queries}


def bench_backoffice(harness: Harness) -> Figures:
    data = _data(harness)
    ms, queries = harness.measure_get(harness.client_for(data.user),
                                      f"/{data.slug}/intern/organisationsprofile/?kind=mso")
    return {"profile_list_ms": ms, "profile_list_queries": queries}


BENCHMARKS = {"organisation_directory": bench_portal, "organisations_api": bench_api,
              "profile_list": bench_backoffice}
