"""Named, tenant-aware reads of organisations and their profiles (in the current municipality's scope)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from teilhabe.core.models import Organisation
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.directory.models import OrganisationProfile
from teilhabe.moderation.models import Revision

PROFILE_TYPE = "directory.organisationprofile"


@dataclass(frozen=True)
class DirectoryFilters:
    """The portal's and the API's filters; empty means all."""

    q: str = ""
    language: str = ""
    field: str = ""
    district: str = ""
    kind: str = ""
    target_group: int | None = None


def paginate(queryset: QuerySet, number: int, per_page: int) -> Page:  # type: ignore[type-arg]
    total = queryset.count()
    num_pages = max(1, -(-total // per_page))
    number = min(max(1, number), num_pages)
    items = list(queryset[(number - 1) * per_page: number * per_page])
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


def published_profiles(filters: DirectoryFilters = DirectoryFilters()) -> QuerySet[OrganisationProfile]:
    """Published profiles with their organisation and target groups, by organisation name. Languages and
    fields are JSON lists: filtered by containment on PostgreSQL and SQLite alike (`contains` on a JSON
    list is not available on SQLite, so a quoted-string match on the stored JSON text is used)."""
    qs = (OrganisationProfile.objects.filter(published=True).select_related("organisation")
          .prefetch_related("target_groups").order_by("organisation__name", "pk"))
    if filters.q:
        qs = qs.filter(Q(organisation__name__icontains=filters.q) | Q(short_description__icontains=filters.q))
    if filters.language:
        qs = qs.filter(languages__icontains=f'"{filters.language}"')
    if filters.field:
        qs = qs.filter(fields_of_activity__icontains=f'"{filters.field}"')
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.kind:
        qs = qs.filter(organisation__kind=filters.kind)
    if filters.target_group:
        qs = qs.filter(target_groups=filters.target_group)
    return qs


def published_profile(organisation_id: int) -> OrganisationProfile | None:
    return (OrganisationProfile.objects.filter(published=True, organisation_id=organisation_id)
            .select_related("organisation").prefetch_related("target_groups").first())


def districts() -> list[str]:
    return sorted(set(OrganisationProfile.objects.filter(published=True).exclude(district="")
                      .values_list("district", flat=True)))


def languages_in_use() -> list[str]:
    codes: set[str] = set()
    for langs in OrganisationProfile.objects.filter(published=True).values_list("languages", flat=True):
        codes.update(langs or [])
    return sorted(codes)


@dataclass(frozen=True)
class AdminFilters:
    q: str = ""
    kind: str = ""
    state: str = ""  # "", "published", "unpublished", "pending", "none", "trusted"


@dataclass
class AdminRow:
    organisation: Organisation
    profile: OrganisationProfile | None
    pending: bool = False
    editors: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def organisations_with_profiles(filters: AdminFilters) -> QuerySet[Organisation]:
    """Every organisation for Koordination's list, with its profile (if any) and whether a change waits."""
    pending = Revision.objects.filter(content_type=PROFILE_TYPE, state=Revision.State.PENDING,
                                      object_id=OuterRef("profile__pk"))
    qs = (Organisation.objects.select_related("profile").annotate(has_pending=Exists(pending))
          .order_by("name", "pk"))
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    state_filters = {
        "published": Q(profile__published=True), "unpublished": Q(profile__isnull=False, profile__published=False),
        "none": Q(profile__isnull=True), "trusted": Q(profile__trusted=True), "pending": Q(has_pending=True),
    }
    if filters.state in state_filters:
        qs = qs.filter(state_filters[filters.state])
    return qs


def my_organisations(actor: Actor) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=actor.organisation_ids).select_related("profile").order_by("name")
