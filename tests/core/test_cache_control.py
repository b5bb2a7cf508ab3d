"""Answers to a logged-in user are never stored by a cache; anonymous public pages keep normal caching."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import patch_cache_control

from teilhabe.core.middleware import PrivateCacheControlMiddleware
from tests.conftest import PASSWORD

PRIVATE = "private, no-store"


@pytest.mark.parametrize("path", [
    "/heidelberg/intern/",            # back office
    "/api/v1/heidelberg/plans",       # API
    "/heidelberg/",                   # the public portal, seen by a logged-in person
    "/",                              # the platform's start page
    "/konto/passwort/",               # account pages
    "/heidelberg/intern/gibt-es-nicht/",  # error pages too
])
def test_every_answer_to_a_logged_in_user_is_private_and_not_stored(client_for, koordination, path):
    response = client_for(koordination).get(path)
    assert response["Cache-Control"] == PRIVATE, (path, response.status_code)


@pytest.mark.parametrize("path", ["/heidelberg/", "/", "/heidelberg/barriere-melden/"])
def test_anonymous_pages_keep_normal_caching(client, municipality, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_the_answer_to_the_login_itself_is_private(client, koordination):
    response = client.post("/konto/anmelden/", {"username": "koordination", "password": PASSWORD})
    assert response.status_code == 302
    # The login view is never_cache; its own no-cache, must-revalidate stay.
    assert response["Cache-Control"].startswith(PRIVATE)


def test_a_views_own_public_caching_is_replaced_for_logged_in_users(rf: RequestFactory, koordination):
    def cached_view(request):
        response = HttpResponse("x")
        patch_cache_control(response, public=True, max_age=3600, must_revalidate=True)
        return response

    request = rf.get("/")
    request.COOKIES["sessionid"] = "x"
    request.session = type("Session", (), {"accessed": True})()
    request.user = koordination
    assert PrivateCacheControlMiddleware(cached_view)(request)["Cache-Control"] == "private, no-store, must-revalidate"
