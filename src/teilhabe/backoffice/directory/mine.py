"""„Meine Organisation“: the organisations a person edits (their profiles; later their offers and events).
The start page of organisation editors, who do not see the internal plan."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from teilhabe.core.models import Organisation
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.directory.permissions import EDIT_PROFILE


@requires(EDIT_PROFILE)
def my_organisation(request: TenantRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=request.actor.organisation_ids).order_by("name")
    return render(request, "backoffice/directory/my_organisation.html", {"organisations": organisations})
