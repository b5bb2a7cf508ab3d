"""Security settings from the environment: HSTS, session lifetime, proxies, throttling limits, cache."""

from __future__ import annotations

import runpy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import teilhabe.settings
from tests.conftest import PASSWORD

SETTINGS_FILE = Path(teilhabe.settings.__file__)
VARIABLES = [
    "TEILHABE_HSTS_SECONDS", "TEILHABE_HSTS_INCLUDE_SUBDOMAINS", "TEILHABE_SESSION_HOURS", "TEILHABE_PROXY_COUNT",
    "TEILHABE_LOGIN_FAILURE_LIMIT", "TEILHABE_LOGIN_COOLOFF_MINUTES", "TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT",
    "TEILHABE_PASSWORD_RESET_LIMIT", "TEILHABE_CACHE_DIR",
]


@pytest.fixture
def read_settings(monkeypatch, tmp_path):
    """Read settings.py afresh with the given environment (the running Django keeps its own settings)."""
    def read(**environment: str) -> dict[str, Any]:
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("TEILHABE_VAR_DIR", str(tmp_path))
        monkeypatch.setenv("TEILHABE_SECRET_KEY", "test")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE), run_name="settings_probe")

    return read


def test_defaults(read_settings):
    settings = read_settings()
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SESSION_COOKIE_AGE"] == 10 * 3600
    assert "SECURE_PROXY_SSL_HEADER" not in settings
    assert settings["AXES_FAILURE_LIMIT"] == 10
    assert settings["AXES_COOLOFF_TIME"] == timedelta(minutes=15)
    assert settings["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    assert settings["TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT"] == 100
    assert settings["TEILHABE_PASSWORD_RESET_LIMIT"] == 5
    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["AUTHENTICATION_BACKENDS"][0] == "teilhabe.core.throttling.LoginThrottleBackend"
    assert settings["AUTHENTICATION_BACKENDS"][-1] == "django.contrib.auth.backends.ModelBackend"
    assert settings["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    middleware = settings["MIDDLEWARE"]
    assert (middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
            < middleware.index("teilhabe.core.middleware.PrivateCacheControlMiddleware"))


def test_values_from_the_environment(read_settings, tmp_path):
    settings = read_settings(
        TEILHABE_HSTS_SECONDS="31536000", TEILHABE_HSTS_INCLUDE_SUBDOMAINS="true", TEILHABE_SESSION_HOURS="8",
        TEILHABE_PROXY_COUNT="1", TEILHABE_LOGIN_FAILURE_LIMIT="5", TEILHABE_LOGIN_COOLOFF_MINUTES="30",
        TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT="50", TEILHABE_PASSWORD_RESET_LIMIT="3",
        TEILHABE_CACHE_DIR=str(tmp_path / "cache"),
    )
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SESSION_COOKIE_AGE"] == 8 * 3600
    assert settings["TEILHABE_PROXY_COUNT"] == 1
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["AXES_FAILURE_LIMIT"] == 5
    assert settings["AXES_COOLOFF_TIME"] == timedelta(minutes=30)
    assert settings["TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT"] == 50
    assert settings["TEILHABE_PASSWORD_RESET_LIMIT"] == 3
    assert settings["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "cache")}


def test_session_hours_may_be_fractional(read_settings):
    assert read_settings(TEILHABE_SESSION_HOURS="0.5")["SESSION_COOKIE_AGE"] == 1800


def test_hsts_header_is_sent_on_https_when_configured(settings, db):
    assert "Strict-Transport-Security" not in Client().get("/", secure=True)
    settings.SECURE_HSTS_SECONDS = 300
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=300; includeSubDomains"
    assert "Strict-Transport-Security" not in Client().get("/")  # never on plain HTTP


def test_https_behind_the_proxy_is_recognised(settings, db):
    settings.SECURE_HSTS_SECONDS = 300
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == "max-age=300"


def test_login_session_lasts_ten_hours(client, koordination):
    client.post("/konto/anmelden/", {"username": "koordination", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 10 * 3600
