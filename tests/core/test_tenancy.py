"""Tenancy by construction: tenant-owned queries run only inside a municipality scope, see only that
municipality's rows, and a deliberate cross-tenant read says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django_scopes import ScopeError

from teilhabe.core import services
from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import Municipality, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import (
    MunicipalityMiddleware,
    across_municipalities,
    municipality_scope,
    no_municipality,
)
from teilhabe.plans.models import Measure
from tests.factories import MunicipalityFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> tuple[Municipality, Municipality]:
    a = MunicipalityFactory(name="Aalen", slug="aalen", ags="08136088", land="BW")
    b = MunicipalityFactory(name="Bonn", slug="bonn", ags="05314000", land="NW")
    with municipality_scope(a):
        OrgUnitFactory(municipality=a, name="Amt A")
    with municipality_scope(b):
        OrgUnitFactory(municipality=b, name="Amt B")
    return a, b


def test_an_unscoped_query_for_tenant_data_raises(two: Any) -> None:
    with no_municipality(), pytest.raises(ScopeError):
        list(OrgUnit.objects.all())
    with no_municipality(), pytest.raises(ScopeError):
        Measure.objects.filter(title="x").exists()


def test_a_scope_sees_only_its_municipality(two: Any) -> None:
    a, b = two
    with municipality_scope(a):
        assert list(OrgUnit.objects.values_list("name", flat=True)) == ["Amt A"]
        assert not OrgUnit.objects.filter(municipality=b).exists()  # even when asked for explicitly
    with municipality_scope(b):
        assert list(OrgUnit.objects.values_list("name", flat=True)) == ["Amt B"]


def test_a_deliberate_cross_tenant_read_says_so(two: Any) -> None:
    with across_municipalities():
        assert set(OrgUnit.objects.values_list("name", flat=True)) == {"Amt A", "Amt B"}


def test_a_service_refuses_an_actor_of_another_municipality_in_this_scope(two: Any) -> None:
    a, b = two
    actor_of_b = Actor.system(b.pk)
    with municipality_scope(a), pytest.raises(NotAllowed):
        services.create_org_unit(actor=actor_of_b, municipality=b, name="Eingeschmuggelt")
    with across_municipalities():
        assert not OrgUnit.objects.filter(name="Eingeschmuggelt").exists()


def test_the_middleware_scopes_a_request_and_leaves_nothing_behind(two: Any) -> None:
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["names"] = list(OrgUnit.objects.values_list("name", flat=True))
        return HttpResponse("ok")

    middleware = MunicipalityMiddleware(view)
    request = RequestFactory().get("/aalen/intern/")
    request.user = AnonymousUser()

    def get_response(req: HttpRequest) -> HttpResponse:
        middleware.process_view(req, view, (), {"municipality": "aalen"})
        return view(req)

    with no_municipality():
        MunicipalityMiddleware(get_response)(request)
        assert seen["names"] == ["Amt A"]
        with pytest.raises(ScopeError):  # the request's scope ended with the request
            list(OrgUnit.objects.all())


def test_a_request_outside_any_municipality_cannot_read_tenant_data(two: Any) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        list(OrgUnit.objects.all())
        return HttpResponse("ok")

    request = RequestFactory().get("/plattform/")
    with across_municipalities(), pytest.raises(ScopeError):  # even when the caller had disabled scopes
        MunicipalityMiddleware(view)(request)
