"""Public pages of prioritisation (filled below)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from teilhabe.core.tenancy import TenantRequest


def prioritisation_list(request: TenantRequest) -> HttpResponse:
    raise Http404


def prioritisation_detail(request: TenantRequest, pk: int) -> HttpResponse:
    raise Http404


def prioritisation_ballot(request: TenantRequest, pk: int, token: str) -> HttpResponse:
    raise Http404
