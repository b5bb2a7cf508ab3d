"""Where a person lands after login: their municipality's back office, a chooser for several, the platform
for administrators; a `next` parameter goes first; the public home page stays the list of municipalities."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, MunicipalityFactory

LOGIN = "/konto/anmelden/"


def _log_in(username: str, next_url: str | None = None) -> tuple[Any, Client]:
    client = Client()
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD}, follow=False), client


def test_one_membership_lands_on_its_back_office(koordination, municipality):
    response, client = _log_in("koordination")
    assert response.status_code == 302
    assert response["Location"] == "/konto/start/"
    landing = client.get("/konto/start/")
    assert landing.status_code == 302
    assert landing["Location"] == "/heidelberg/intern/"


def test_two_memberships_get_a_chooser_of_exactly_those(municipality, other_municipality, koordination):
    MunicipalityFactory(name="Kassel", slug="kassel", ags="06611000", land="HE")  # not theirs
    with municipality_scope(other_municipality):
        MembershipFactory(municipality=other_municipality, user=koordination, role=Role.LESEND)
    response, client = _log_in("koordination")
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('href="/heidelberg/intern/"') == 1
    assert html.count('href="/herdecke/intern/"') == 1
    assert "/kassel/" not in html
    assert "Kommune wählen" in html


def test_platform_admin_lands_on_the_platform(platform_admin):
    response, client = _log_in("plattform")
    assert client.get(response["Location"])["Location"] == "/plattform/"


def test_next_parameter_wins(koordination, municipality):
    response, _client = _log_in("koordination", next_url="/heidelberg/intern/seiten/")
    assert response["Location"] == "/heidelberg/intern/seiten/"


def test_anonymous_home_page_unchanged(municipality, other_municipality):
    html = Client().get("/").content.decode()
    assert 'href="/heidelberg/"' in html and 'href="/herdecke/"' in html


@pytest.mark.django_db
def test_landing_needs_login():
    response = Client().get("/konto/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
