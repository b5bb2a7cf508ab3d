"""Named, tenant-aware reads of organisations and their profiles (in the current municipality's scope).

Offers and the inventory of offers: category tree, offer pages with filters, the inventory's counts and gaps;
each runs a fixed number of queries whatever the number of offers."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from teilhabe.core.models import Membership, Municipality, Organisation
from teilhabe.core.paging import Page
from teilhabe.core.roles import Actor
from teilhabe.directory.models import InventoryResponse, InventoryRound, Offer, OfferCategory, OrganisationProfile
from teilhabe.moderation.models import Revision
from teilhabe.plans.models import Edition, Measure, TargetGroup

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


PAGE_SIZE = 20
ONLINE = "online"  # the district key of online offers in the inventory


# --- categories -------------------------------------------------------------------------------------------


@dataclass
class CategoryNode:
    category: OfferCategory
    children: list[OfferCategory] = field(default_factory=list)


def category_tree(municipality: Municipality) -> list[CategoryNode]:
    """Top categories with their sub-categories, in order. One query."""
    rows = list(OfferCategory.objects.of(municipality).order_by("position", "name"))
    nodes = {c.pk: CategoryNode(c) for c in rows if c.parent_id is None}
    for c in rows:
        if c.parent_id is not None and c.parent_id in nodes:
            c.parent = nodes[c.parent_id].category
            nodes[c.parent_id].children.append(c)
    return list(nodes.values())


def category_choices(municipality: Municipality) -> list[tuple[int, str]]:
    """(id, label) with sub-categories indented under their top category. One query."""
    choices: list[tuple[int, str]] = []
    for node in category_tree(municipality):
        choices.append((node.category.pk, node.category.name))
        choices.extend((c.pk, f"– {c.name}") for c in node.children)
    return choices


# --- offers -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferFilters:
    category: int | None = None  # a top category includes its sub-categories
    language: str = ""
    district: str = ""
    target_group: int | None = None
    free: bool | None = None
    online: bool | None = None
    text: str = ""
    state: str = ""
    provider_organisation: int | None = None

    @property
    def active(self) -> bool:
        return any(v not in (None, "") for v in self.__dict__.values())


def offers_of(municipality: Municipality) -> QuerySet[Offer]:
    return (Offer.objects.of(municipality)
            .select_related("category__parent", "provider_organisation", "provider_org_unit"))


def filtered_offers(municipality: Municipality, filters: OfferFilters, *, published_only: bool) -> QuerySet[Offer]:
    qs = Offer.objects.of(municipality)
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    elif filters.state:
        qs = qs.filter(state=filters.state)
    if filters.category is not None:
        qs = qs.filter(Q(category_id=filters.category) | Q(category__parent_id=filters.category))
    if filters.language:
        # The JSON list as text contains the quoted code: exact codes on SQLite and PostgreSQL alike.
        qs = qs.filter(languages__icontains=f'"{filters.language}"')
    if filters.district:
        qs = qs.filter(district__iexact=filters.district)
    if filters.target_group is not None:
        qs = qs.filter(target_groups__id=filters.target_group)
    if filters.free is not None:
        qs = qs.filter(is_free=filters.free)
    if filters.online is not None:
        qs = qs.filter(is_online=filters.online)
    if filters.provider_organisation is not None:
        qs = qs.filter(provider_organisation_id=filters.provider_organisation)
    if filters.text:
        text = filters.text.strip()
        qs = qs.filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(place__icontains=text)
                       | Q(district__icontains=text) | Q(provider_organisation__name__icontains=text)
                       | Q(category__name__icontains=text))
    return qs


def offer_page(municipality: Municipality, filters: OfferFilters, page: int = 1, *, per_page: int = PAGE_SIZE,
               published_only: bool = False,
               own: tuple[Iterable[int], Iterable[int]] | None = None) -> Page[Offer]:
    """One page of offers with category, provider and target groups: three queries (count, page, target
    groups), whatever the number of offers. A page past the end gives the last page. `own`: only the offers
    of these (organisation ids, org unit ids)."""
    qs = filtered_offers(municipality, filters, published_only=published_only)
    if own is not None:
        qs = qs.filter(Q(provider_organisation_id__in=list(own[0])) | Q(provider_org_unit_id__in=list(own[1])))
    if filters.target_group is not None:  # the join can repeat an offer
        qs = qs.distinct()
    total = qs.count()
    num_pages = max(1, math.ceil(total / per_page))
    number = min(max(1, page), num_pages)
    start = (number - 1) * per_page
    items = list(
        qs.select_related("category__parent", "provider_organisation", "provider_org_unit")
        .prefetch_related(Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name")))
        .order_by("title", "pk")[start:start + per_page]
    ) if total else []
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


def offer_detail(municipality: Municipality, pk: int, *, published_only: bool = False) -> Offer:
    """An offer with everything its page shows (measures with their edition and field). Raises
    Offer.DoesNotExist for a foreign, unknown or (with published_only) unpublished id."""
    qs = offers_of(municipality).prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name")),
        Prefetch("measures", queryset=Measure.objects.select_related("edition", "field").order_by("title")),
    )
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    return qs.get(pk=pk)


def offer_districts(municipality: Municipality, *, published_only: bool = False) -> list[str]:
    """The districts offers name, sorted. One query."""
    qs = Offer.objects.of(municipality).exclude(district="")
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    return sorted(qs.order_by().values_list("district", flat=True).distinct(), key=str.casefold)


def offer_languages(municipality: Municipality, *, published_only: bool = False) -> list[str]:
    """The language codes offers are held in. One query."""
    qs = Offer.objects.of(municipality)
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    codes: set[str] = set()
    for langs in qs.order_by().values_list("languages", flat=True).distinct():
        codes.update(langs or [])
    return sorted(codes)


def target_groups(municipality: Municipality) -> list[TargetGroup]:
    return list(TargetGroup.objects.of(municipality).order_by("name"))


def measures_for_offers(municipality: Municipality) -> list[Measure]:
    """Measures an offer can be linked to: those of the adopted editions (the plan in force). One query."""
    return list(Measure.objects.of(municipality).filter(edition__status=Edition.Status.ADOPTED)
                .select_related("field").order_by("field__position", "position", "pk"))


def offers_of_measure(measure: Measure, *, published_only: bool = False) -> list[Offer]:
    """The offers linked to a measure (its back-office page lists them). One query."""
    qs = Offer.objects.filter(municipality_id=measure.municipality_id, measures=measure).select_related(
        "provider_organisation", "provider_org_unit", "category")
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    return list(qs.order_by("title", "pk"))


# --- inventory --------------------------------------------------------------------------------------------


def inventory_rounds(municipality: Municipality) -> list[InventoryRound]:
    return list(InventoryRound.objects.of(municipality).annotate(answered=Count("responses")))


def asked_organisations(municipality: Municipality) -> list[Organisation]:
    """The organisations an inventory round asks: those with members, or with an offer that names a contact
    e-mail address. One query."""
    with_members = Membership.objects.of(municipality).values("organisations")
    with_contact = Offer.objects.of(municipality).exclude(contact_email="").values("provider_organisation_id")
    return list(Organisation.objects.of(municipality)
                .filter(Q(pk__in=with_members) | Q(pk__in=with_contact)).order_by("name"))


def responses_of(round_: InventoryRound) -> dict[int, InventoryResponse]:
    """The round's answers by organisation, with their offers. Three queries."""
    rows = (InventoryResponse.objects.filter(round=round_).select_related("answered_by")
            .prefetch_related("confirmed_offers", "new_offers"))
    return {r.organisation_id: r for r in rows}


def pending_organisations(round_: InventoryRound) -> list[Organisation]:
    answered = InventoryResponse.objects.filter(round=round_).values("organisation_id")
    return [o for o in asked_organisations(round_.municipality) if o.pk not in set(answered.values_list(
        "organisation_id", flat=True))]


def contact_addresses(organisation_ids: Sequence[int]) -> dict[int, list[str]]:
    """Where to write to each organisation: its members' addresses and the contact addresses of its offers,
    without duplicates. Two queries."""
    found: dict[int, list[str]] = defaultdict(list)
    pairs: list[tuple[int, str]] = list(
        Membership.objects.filter(organisations__in=organisation_ids).exclude(user__email="")
        .values_list("organisations", "user__email"))
    pairs += list(Offer.objects.filter(provider_organisation_id__in=organisation_ids).exclude(contact_email="")
                  .values_list("provider_organisation_id", "contact_email"))
    for org_id, email in sorted(pairs, key=lambda p: (p[0], p[1].lower())):
        if email.lower() not in (e.lower() for e in found[org_id]):
            found[org_id].append(email)
    return dict(found)


def organisation_offers(municipality: Municipality, organisation: Organisation) -> list[Offer]:
    return list(offers_of(municipality).filter(provider_organisation=organisation).order_by("title", "pk"))


@dataclass
class Inventory:
    """The offers counted by field of action × district × language × target group, and the gaps."""

    fields: list[str]
    districts: list[str]
    languages: list[str]
    categories: list[str]
    target_groups: list[str]
    total: int
    by_field_district: dict[tuple[str, str], int]
    by_category_language: dict[tuple[str, str], int]
    by_category_target_group: dict[tuple[str, str], int]
    # (category, district) → languages of interest in which no offer of that category exists there
    gaps: dict[tuple[str, str], list[str]]
    offers: list[Offer]
    # (category, district, language) → offers; district ONLINE for online offers
    by_category_district_language: dict[tuple[str, str, str], int] = field(default_factory=dict)

    @property
    def gap_districts(self) -> list[str]:
        return [d for d in self.districts if d != ONLINE]

    def language_gap_rows(self, code: str) -> list[tuple[str, list[int], int]]:
        """For one language: per category the offers held in it in each district, and online. A 0 in a
        district with no online offer in that language either is a gap."""
        counts = self.by_category_district_language
        return [(c, [counts.get((c, d, code), 0) for d in self.gap_districts], counts.get((c, ONLINE, code), 0))
                for c in self.categories]

    def field_rows(self) -> list[tuple[str, list[int], int]]:
        return [(f, [self.by_field_district.get((f, d), 0) for d in self.districts],
                 sum(self.by_field_district.get((f, d), 0) for d in self.districts)) for f in self.fields]

    def language_rows(self) -> list[tuple[str, list[int]]]:
        return [(c, [self.by_category_language.get((c, lang), 0) for lang in self.languages])
                for c in self.categories]

    def target_group_rows(self) -> list[tuple[str, list[int]]]:
        return [(c, [self.by_category_target_group.get((c, t), 0) for t in self.target_groups])
                for c in self.categories]

    def gap_rows(self) -> list[tuple[str, list[list[str]]]]:
        return [(c, [self.gaps.get((c, d), []) for d in self.districts if d != ONLINE]) for c in self.categories]


NO_FIELD = "ohne Handlungsfeld"


def _fields_of(offer: Offer) -> list[str]:
    """The fields of action an offer serves: those of its linked measures (in force), else its category's."""
    titles = sorted({m.field.title for m in offer.measures.all() if m.edition.status == Edition.Status.ADOPTED})
    if titles:
        return titles
    category = offer.category
    title = category.field_title or (category.parent.field_title if category.parent else "")
    return [title] if title else [NO_FIELD]


def inventory(municipality: Municipality, *, languages_of_interest: Iterable[str] = (),
              published_only: bool = False) -> Inventory:
    """The inventory of the municipality's offers. Four queries (offers with category, provider; their
    measures with field and edition; target groups), whatever the number of offers.

    Gaps: for every top category and every district in which offers exist, the languages of interest (the
    portal's languages and every language some offer is held in, German aside) in which no offer of that
    category is held there — online offers count everywhere."""
    qs = offers_of(municipality).prefetch_related(
        Prefetch("measures", queryset=Measure.objects.select_related("field", "edition")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name")))
    if published_only:
        qs = qs.filter(state=Offer.State.PUBLISHED)
    offers = list(qs.order_by("title", "pk"))
    by_field_district: dict[tuple[str, str], int] = defaultdict(int)
    by_category_language: dict[tuple[str, str], int] = defaultdict(int)
    by_category_tg: dict[tuple[str, str], int] = defaultdict(int)
    present: set[tuple[str, str, str]] = set()  # (category, district, language)
    by_cdl: dict[tuple[str, str, str], int] = defaultdict(int)
    online: set[tuple[str, str]] = set()  # (category, language) held online
    field_names: set[str] = set()
    district_names: set[str] = set()
    language_codes: set[str] = {c for c in languages_of_interest if c != "de"}
    tg_names: set[str] = set()
    category_names: list[str] = list(dict.fromkeys(
        c.name for c in OfferCategory.objects.of(municipality).filter(parent__isnull=True).order_by("position",
                                                                                                      "name")))
    for offer in offers:
        category = offer.category.parent.name if offer.category.parent else offer.category.name
        district = ONLINE if offer.is_online and not offer.district else (offer.district or "–")
        district_names.add(district)
        for title in _fields_of(offer):
            field_names.add(title)
            by_field_district[(title, district)] += 1
        for code in offer.languages or []:
            by_category_language[(category, code)] += 1
            if code != "de":
                language_codes.add(code)
            present.add((category, district, code))
            by_cdl[(category, district, code)] += 1
            if offer.is_online:
                online.add((category, code))
        for group in offer.target_groups.all():
            tg_names.add(group.name)
            by_category_tg[(category, group.name)] += 1
    district_list = sorted(district_names - {ONLINE, "–"}, key=str.casefold) + sorted(
        district_names & {ONLINE, "–"})
    language_list = sorted(language_codes)
    gaps: dict[tuple[str, str], list[str]] = {}
    for category in category_names:
        for district in district_list:
            if district == ONLINE:
                continue
            missing = [code for code in language_list
                       if (category, district, code) not in present and (category, code) not in online]
            if missing:
                gaps[(category, district)] = missing
    return Inventory(
        fields=sorted(field_names - {NO_FIELD}, key=str.casefold) + ([NO_FIELD] if NO_FIELD in field_names else []),
        districts=district_list, languages=["de", *language_list], categories=category_names,
        target_groups=sorted(tg_names, key=str.casefold), total=len(offers),
        by_field_district=dict(by_field_district), by_category_language=dict(by_category_language),
        by_category_target_group=dict(by_category_tg), gaps=gaps, offers=offers,
        by_category_district_language=dict(by_cdl))
