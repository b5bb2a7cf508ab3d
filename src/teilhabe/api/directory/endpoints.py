"""Organisations of the portal's directory in the REST API: public and read-only, published profiles only.

GET /api/v1/{municipality}/organisations                 filtered, paginated (up to 1,000 a page)
GET /api/v1/{municipality}/organisations/{organisation_id}  one organisation

A fixed number of SQL queries whatever the page size. The contact is only included with the organisation's
consent."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router

from teilhabe.api.directory.schemas import (
    ContactOut,
    OrganisationIdPath,
    OrganisationOut,
    OrganisationPageOut,
    OrganisationQuery,
    ProfileLinkOut,
)
from teilhabe.api.schemas import RefOut, Slug, errors
from teilhabe.directory import selectors
from teilhabe.directory.models import OrganisationProfile

router = Router(tags=["Organisationen"])
ERRORS_PUBLIC_READ = errors(404, 422)


def _out(request: HttpRequest, profile: OrganisationProfile) -> OrganisationOut:
    organisation = profile.organisation
    contact = (ContactOut(person=profile.contact_person, email=profile.contact_email, phone=profile.contact_phone)
               if profile.contact_consent else None)
    return OrganisationOut(
        id=organisation.pk, name=organisation.name, kind=organisation.kind,
        kind_label=str(organisation.get_kind_display()), short_description=profile.short_description,
        description_html=profile.description, languages=list(profile.languages or []),
        fields_of_activity=list(profile.fields_of_activity or []),
        target_groups=[RefOut(id=g.pk, name=g.name) for g in profile.target_groups.all()],
        district=profile.district, address=profile.address, opening_hours=profile.opening_hours,
        website=organisation.website, contact=contact,
        logo_url=request.build_absolute_uri(profile.logo.url) if profile.logo else None, logo_alt=profile.logo_alt,
        links=[ProfileLinkOut(label=str(link.get("label", "")), url=str(link.get("url", "")))
               for link in profile.links or []],
        updated_at=profile.updated_at.isoformat(),
    )


@router.get("/{slug:municipality}/organisations", response={200: OrganisationPageOut, **ERRORS_PUBLIC_READ},
            operation_id="organisations_list")
def organisations_list(request: HttpRequest, municipality: Slug,
                       query: Query[OrganisationQuery]) -> OrganisationPageOut:
    """Veröffentlichte Organisationsprofile, nach Name; Filter wie im Portal. / Published organisation
    profiles by name, with the portal's filters."""
    filters = selectors.DirectoryFilters(q=query.q or "", language=query.language or "", field=query.field or "",
                                         district=query.district or "", kind=query.kind or "",
                                         target_group=query.target_group)
    page = selectors.paginate(selectors.published_profiles(filters), query.page, query.page_size)
    return OrganisationPageOut(count=page.total, page=page.number, pages=page.num_pages, page_size=page.per_page,
                               items=[_out(request, p) for p in page.items])


@router.get("/{slug:municipality}/organisations/{organisation_id}",
            response={200: OrganisationOut, **ERRORS_PUBLIC_READ}, operation_id="organisation_get")
def organisation_get(request: HttpRequest, municipality: Slug,
                     organisation_id: OrganisationIdPath) -> OrganisationOut:
    """Eine veröffentlichte Organisation / one published organisation."""
    profile = selectors.published_profile(organisation_id)
    if profile is None:
        raise Http404
    return _out(request, profile)
