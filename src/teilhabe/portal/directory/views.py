"""The public directory of organisations: a filterable list, a page per organisation, and registering an
organisation. No login; request.municipality comes from the MunicipalityMiddleware."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.tenancy import TenantRequest
from teilhabe.directory import selectors, services
from teilhabe.portal.content import localized
from teilhabe.portal.directory.forms import DirectoryFilterForm, RegistrationForm

PAGE_SIZE = 20
PAGE_PARAM = "seite"


def organisation_list(request: TenantRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET, languages=selectors.languages_in_use(), districts=selectors.districts())
    values = form.valid_values()
    try:
        number = int(request.GET.get(PAGE_PARAM, "1"))
    except ValueError:
        number = 1
    filters = selectors.DirectoryFilters(
        q=values.get("q", ""), language=values.get("language", ""), field=values.get("field", ""),
        district=values.get("district", ""), kind=values.get("kind", ""))
    page = selectors.paginate(selectors.published_profiles(filters), number, PAGE_SIZE)
    localized(request, page.items)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "portal/directory/organisation_list.html", {
        "form": form, "page": page, "pager": page, "filtered": any(values.values()),
        "page_query": f"{params.urlencode()}&" if params else "",
    })


def organisation_detail(request: TenantRequest, pk: int) -> HttpResponse:
    profile = selectors.published_profile(pk)
    if profile is None:
        raise Http404
    localized(request, [profile])
    return render(request, "portal/directory/organisation_detail.html", {"profile": profile})


def register(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:  # answer a bot like a person, but keep nothing
            return redirect("portal:organisation_register_thanks", municipality=municipality.slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.request_registration(
                    municipality=municipality, organisation_name=data["organisation_name"], kind=data["kind"],
                    website=data["organisation_website"], first_name=data["first_name"],
                    last_name=data["last_name"], email=data["email"], message=data["message"])
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                return redirect("portal:organisation_register_thanks", municipality=municipality.slug)
        messages.error(request, _("Die Anfrage wurde nicht gesendet. Bitte prüfen Sie Ihre Eingaben."))
    return render(request, "portal/directory/register.html", {"form": form})


def register_thanks(request: TenantRequest) -> HttpResponse:
    return render(request, "portal/directory/register_thanks.html")
