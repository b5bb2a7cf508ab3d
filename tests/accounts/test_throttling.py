"""Guessing passwords is throttled: per account and address, per address, and password-reset requests.

The policy (teilhabe.core.throttling): 10 wrong passwords for one user name from one address lock that user
name from that address for 15 minutes; one address failing 100 times over any user names is locked for
everyone behind it (loopback excepted); at most 5 reset requests an hour per address and per e-mail address.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from teilhabe.core.throttling import client_address
from tests.conftest import PASSWORD

LOGIN = "/konto/anmelden/"
ADMIN_LOGIN = "/admin/login/"
RESET = "/konto/passwort-vergessen/"
OFFICE = "198.51.100.7"  # documentation addresses (RFC 5737)
ELSEWHERE = "203.0.113.9"


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def fail(client: Client, username: str, times: int, url: str = LOGIN) -> list[int]:
    return [client.post(url, {"username": username, "password": f"falsch-{i}"}).status_code for i in range(times)]


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail


# --- login -----------------------------------------------------------------------------------------------

def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(koordination, caplog):
    client = client_at(OFFICE)
    with caplog.at_level(logging.WARNING, logger="teilhabe.security"):
        statuses = fail(client, "koordination", 30)
        response = client.post(LOGIN, {"username": "koordination", "password": PASSWORD})
    assert statuses == [200] * 9 + [429] * 21  # the tenth failure locks
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert '<html lang="de"' in html and html.count("<h1") == 1
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "für 15 Minuten gesperrt" in html
    assert response["Retry-After"] == "900"
    # Logged (not in the audit trail: a login attempt belongs to no municipality) and recorded by axes.
    refusals = [r for r in caplog.records if r.name == "teilhabe.security"]
    assert len(refusals) == 22 and "username='koordination'" in refusals[-1].getMessage()
    assert AccessAttempt.objects.get(username="koordination", ip_address=OFFICE).failures_since_start == 31
    assert AccessFailureLog.objects.filter(username="koordination", ip_address=OFFICE).count() == 31
    assert AccessFailureLog.objects.filter(username="koordination", locked_out=True).exists()


def test_lockout_page_in_english(koordination):
    client = client_at(OFFICE)
    client.cookies["django_language"] = "en"
    fail(client, "koordination", 10)
    html = client.post(LOGIN, {"username": "koordination", "password": PASSWORD}).content.decode()
    assert "Login temporarily blocked" in html and "blocked for 15 minutes" in html


def test_admin_login_is_throttled_the_same_way(platform_admin):
    client = client_at(OFFICE)
    fail(client, "plattform", 30, url=ADMIN_LOGIN)
    response = client.post(ADMIN_LOGIN, {"username": "plattform", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert not logged_in(client)
    assert client.get("/admin/").status_code == 302  # still sent to the login


def test_below_the_limit_the_right_password_logs_in_and_clears_the_count(koordination):
    client = client_at(OFFICE)
    assert fail(client, "koordination", 9) == [200] * 9
    assert client.post(LOGIN, {"username": "koordination", "password": PASSWORD}).status_code == 302
    assert not AccessAttempt.objects.filter(username="koordination").exists()
    assert fail(client_at(OFFICE), "koordination", 9) == [200] * 9  # counting starts again


def test_lock_is_per_account_and_address_so_colleagues_and_the_owner_elsewhere_still_log_in(koordination, lesend):
    fail(client_at(OFFICE), "koordination", 10)
    assert client_at(OFFICE).post(LOGIN, {"username": "koordination", "password": PASSWORD}).status_code == 429

    colleague = client_at(OFFICE)  # same office address, another account
    assert colleague.post(LOGIN, {"username": "lesend", "password": PASSWORD}).status_code == 302
    assert logged_in(colleague)
    owner_at_home = client_at(ELSEWHERE)  # the locked account, from another address
    assert owner_at_home.post(LOGIN, {"username": "koordination", "password": PASSWORD}).status_code == 302
    assert logged_in(owner_at_home)


def test_lock_ends_after_the_cool_off_time(koordination):
    fail(client_at(OFFICE), "koordination", 10)
    assert client_at(OFFICE).post(LOGIN, {"username": "koordination", "password": PASSWORD}).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    client = client_at(OFFICE)
    assert client.post(LOGIN, {"username": "koordination", "password": PASSWORD}).status_code == 302
    assert logged_in(client)


def test_failure_limit_and_cool_off_come_from_settings(settings, koordination):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    assert fail(client_at(OFFICE), "koordination", 3) == [200, 200, 429]
    response = client_at(OFFICE).post(LOGIN, {"username": "koordination", "password": PASSWORD})
    assert response.status_code == 429 and "für 30 Minuten gesperrt" in response.content.decode()


def test_an_address_spraying_many_accounts_is_locked_for_every_account(settings, koordination, lesend):
    settings.TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for number in range(4):  # 3 tries each at 4 names: no single account reaches its limit of 10
        assert fail(client_at(OFFICE), f"name{number}", 3) == [200] * 3
    response = client_at(OFFICE).post(LOGIN, {"username": "lesend", "password": PASSWORD})
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    # Only that address: the same account from elsewhere is fine.
    assert client_at(ELSEWHERE).post(LOGIN, {"username": "lesend", "password": PASSWORD}).status_code == 302


def test_loopback_is_never_locked_as_an_address(settings, koordination, lesend):
    # Behind a proxy that does not pass the client's address every request comes from 127.0.0.1;
    # locking that address would lock out the whole platform.
    settings.TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for number in range(4):
        fail(client_at("127.0.0.1"), f"name{number}", 3)
    assert client_at("127.0.0.1").post(LOGIN, {"username": "lesend", "password": PASSWORD}).status_code == 302


def test_client_address_behind_a_proxy_ignores_what_the_client_forwards(settings):
    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7")
    assert client_address(forged) == "127.0.0.1"  # no proxy configured: the header is not trusted
    settings.TEILHABE_PROXY_COUNT = 1
    assert client_address(forged) == "198.51.100.7"  # the entry nginx appended, not the forged one
    assert client_address(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    settings.TEILHABE_PROXY_COUNT = 2
    assert client_address(forged) == "10.9.9.9"


def test_test_client_login_and_force_login_still_work(koordination):
    # axes needs the request to count; Django's test client authenticates without one.
    assert Client().login(username="koordination", password=PASSWORD)
    assert not Client().login(username="koordination", password="falsch")
    client = Client()
    client.force_login(koordination)
    assert logged_in(client)


# --- password reset --------------------------------------------------------------------------------------

def request_reset(client: Client, email: str) -> int:
    return client.post(RESET, {"email": email}).status_code


def test_password_reset_is_limited_per_email_address(koordination, mailbox):
    statuses = [request_reset(client_at(f"198.51.100.{n}"), koordination.email) for n in range(1, 8)]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mailbox.outbox) == 5


def test_password_reset_is_limited_per_address(koordination, mailbox):
    client = client_at(OFFICE)
    statuses = [request_reset(client, f"person{n}@example.org") for n in range(5)]
    statuses.append(request_reset(client, koordination.email))
    assert statuses == [302] * 5 + [429]
    assert mailbox.outbox == []
    assert request_reset(client_at(ELSEWHERE), koordination.email) == 302  # another address may
    assert len(mailbox.outbox) == 1


def test_reset_limit_message_is_german_and_the_same_for_known_and_unknown_addresses(koordination, mailbox):
    for _n in range(5):
        request_reset(client_at(OFFICE), koordination.email)
        request_reset(client_at(ELSEWHERE), "niemand@example.org")
    known = client_at(OFFICE).post(RESET, {"email": koordination.email})
    unknown = client_at(ELSEWHERE).post(RESET, {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 429
    html = known.content.decode()
    assert "Es wurden zu viele Links zum Zurücksetzen des Passworts angefordert." in html
    assert "Bitte versuchen Sie es in 60 Minuten erneut." in html
    assert '<html lang="de"' in html and html.count("<h1") == 1
    assert known["Retry-After"] == "3600"
    assert _same_page(known, unknown)
    assert len(mailbox.outbox) == 5


def _same_page(first, second) -> bool:
    """Equal except for the per-response CSRF token."""
    token = re.compile(r'csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    return token.sub("", first.content.decode()) == token.sub("", second.content.decode())


def test_reset_limit_page_in_english(koordination, mailbox):
    client = client_at(OFFICE)
    client.cookies["django_language"] = "en"
    for _n in range(5):
        request_reset(client, koordination.email)
    html = client.post(RESET, {"email": koordination.email}).content.decode()
    assert "Too many password reset links have been requested." in html and "60 minutes" in html


def test_invalid_reset_form_is_not_counted(koordination, mailbox):
    for _n in range(10):
        assert request_reset(client_at(OFFICE), "keine-adresse") == 200
    assert request_reset(client_at(OFFICE), koordination.email) == 302
    assert len(mailbox.outbox) == 1


def test_reset_counters_keep_no_readable_email_address(koordination, mailbox):
    request_reset(client_at(OFFICE), koordination.email)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # LocMemCache, as configured for tests
    assert keys and not any("koordination" in key or "example.org" in key for key in keys)
