"""Login, logout, password change and reset: German texts, complete flows, no surprises."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

NEW_PASSWORD = "neues-Passwort-2025!"


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail


def test_login_page_is_german_and_styled(client):
    response = client.get("/konto/anmelden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de"' in html
    assert "Benutzername" in html
    assert "Passwort vergessen?" in html
    assert 'class="kern-form-input__input"' in html
    assert html.count("<h1") == 1


def test_login_failure_message_is_german(client, koordination):
    response = client.post("/konto/anmelden/", {"username": "koordination", "password": "falsch"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben." in html
    assert "Groß-/Kleinschreibung" in html
    assert "_auth_user_id" not in client.session


def test_login_and_logout_via_post(client, koordination):
    response = client.post("/konto/anmelden/", {"username": "koordination", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(koordination.pk)
    assert client.get("/konto/abmelden/").status_code == 405  # logging out needs POST (CSRF-protected)
    assert "_auth_user_id" in client.session
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logout_button_in_header_posts(client_for, koordination):
    html = client_for(koordination).get("/").content.decode()
    assert re.search(r'<form method="post" action="/konto/abmelden/"', html)


def test_login_redirects_to_next(client, koordination, municipality):
    response = client.post("/konto/anmelden/", {"username": "koordination", "password": PASSWORD,
                                                "next": "/heidelberg/intern/"})
    assert response["Location"] == "/heidelberg/intern/"


def test_password_change_needs_login(client, db):
    response = client.get("/konto/passwort/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_password_change(client_for, koordination):
    client = client_for(koordination)
    html = client.get("/konto/passwort/").content.decode()
    assert "Passwort ändern" in html
    assert "Altes Passwort" in html
    wrong = client.post("/konto/passwort/", {"old_password": "falsch", "new_password1": NEW_PASSWORD,
                                              "new_password2": NEW_PASSWORD})
    assert "Das alte Passwort war falsch." in wrong.content.decode()
    mismatch = client.post("/konto/passwort/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                 "new_password2": "anders-123456"})
    assert "Die beiden Passwörter sind nicht identisch." in mismatch.content.decode()
    too_short = client.post("/konto/passwort/", {"old_password": PASSWORD, "new_password1": "kurz",
                                                  "new_password2": "kurz"})
    assert "Dieses Passwort ist zu kurz." in too_short.content.decode()
    response = client.post("/konto/passwort/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                 "new_password2": NEW_PASSWORD}, follow=True)
    assert "Ihr Passwort wurde geändert." in response.content.decode()
    assert Client().login(username="koordination", password=NEW_PASSWORD)
    assert not Client().login(username="koordination", password=PASSWORD)


def test_password_reset_full_flow(client, koordination, mailbox):
    html = client.get("/konto/passwort-vergessen/").content.decode()
    assert "Passwort vergessen" in html
    response = client.post("/konto/passwort-vergessen/", {"email": koordination.email})
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert "Bitte prüfen Sie Ihr Postfach" in client.get(response["Location"]).content.decode()

    assert len(mailbox.outbox) == 1
    message = mailbox.outbox[0]
    assert message.to == [koordination.email]
    assert message.subject == "Teilhabe: Passwort zurücksetzen"
    assert "Guten Tag koordination" in message.body
    assert "Ihr Benutzername: koordination" in message.body
    link = re.search(r"http://testserver(/konto/passwort-neu/\S+/)", message.body).group(1)

    # The link redirects to a URL without the token (so it does not leak through the Referer).
    form_page = client.get(link, follow=True)
    html = form_page.content.decode()
    assert "Neues Passwort festlegen" in html
    set_url = form_page.redirect_chain[-1][0]
    mismatch = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": "anders-123456"})
    assert "Die beiden Passwörter sind nicht identisch." in mismatch.content.decode()
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/konto/passwort-neu/fertig/"
    assert "Ihr neues Passwort ist gespeichert." in client.get(response["Location"]).content.decode()
    assert Client().login(username="koordination", password=NEW_PASSWORD)

    # The link works only once.
    again = Client().get(link, follow=True).content.decode()
    assert "Link ungültig" in again


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, koordination, mailbox):
    response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert mailbox.outbox == []


def test_password_reset_with_invalid_address_gets_german_message(client, db, mailbox):
    response = client.post("/konto/passwort-vergessen/", {"email": "keine-adresse"})
    assert response.status_code == 200
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()


def test_password_reset_email_in_english(client, koordination, mailbox):
    client.cookies["django_language"] = "en"
    client.post("/konto/passwort-vergessen/", {"email": koordination.email})
    assert mailbox.outbox[0].subject == "Teilhabe: reset your password"


def test_account_pages_in_english(client, db):
    client.cookies["django_language"] = "en"
    html = client.get("/konto/passwort-vergessen/").content.decode()
    assert "Forgot your password" in html
