"""Languages: the helper, the portal's content-language switch with rtl, and the English UI."""

from __future__ import annotations

import pytest

from teilhabe.core import i18n
from tests.portal.conftest import html_attrs


@pytest.mark.parametrize(("code", "rtl"), [
    ("ar", True), ("fa", True), ("prs", True), ("ps", True), ("ckb", True), ("ur", True), ("he", True),
    ("de", False), ("en", False), ("tr", False), ("uk", False), ("ku", False), ("ti", False),
    ("ar-SY", True), ("ku-Arab", True), ("pa-Latn", False),
])
def test_is_rtl(code, rtl):
    assert i18n.is_rtl(code) is rtl
    assert i18n.direction(code) == ("rtl" if rtl else "ltr")


def test_endonyms():
    assert i18n.language_name("ar") == "العربية"
    assert i18n.language_name("uk") == "Українська"
    assert i18n.language_name("ku") == "Kurmancî"
    assert i18n.language_name("tr-TR") == "Türkçe"
    assert i18n.language_name("xx") == "xx"


def test_localize_falls_back_to_german():
    found = i18n.localize({"de": "Hallo", "en": "Hello"}, "en")
    assert (found.value, found.is_fallback) == ("Hello", False)
    fallback = i18n.localize({"de": "Hallo"}, "ar")
    assert (fallback.value, fallback.language, fallback.is_fallback, fallback.dir) == ("Hallo", "de", True, "ltr")
    assert i18n.localize({}, "ar") is None


def test_switch_lists_the_municipality_languages_by_their_own_names(visitor, municipality):
    html = visitor.get("/heidelberg/").content.decode()
    assert 'action="/heidelberg/sprache/"' in html
    assert '<label class="kern-label language-switch__label" for="portal-language">' in html
    for code, name in [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("tr", "Türkçe")]:
        assert f'<option value="{code}" lang="{code}"' in html
        assert name in html


def test_switch_to_arabic_gives_rtl_page_with_arabic_interface(visitor, municipality):
    response = visitor.post("/heidelberg/sprache/", {"language": "ar", "next": "/heidelberg/impressum/"})
    assert response.status_code == 302
    assert response["Location"] == "/heidelberg/impressum/"
    assert response.cookies["teilhabe_sprache"].value == "ar"
    assert "django_language" not in response.cookies  # the staff pages keep German or English
    page = visitor.get("/heidelberg/")
    assert html_attrs(page) == ("ar", "rtl")
    assert page["Content-Language"] == "ar"
    html = page.content.decode()
    # Header and footer speak Arabic: nothing is marked as another language.
    assert '<header class="portal-header">' in html
    assert '<footer class="portal-footer">' in html
    assert "الإبلاغ عن عائق" in html and "Barriere melden" not in html
    assert '<option value="ar" lang="ar" selected>' in html


def test_switch_to_english_switches_the_interface_too(visitor, municipality):
    response = visitor.post("/heidelberg/sprache/", {"language": "en", "next": "/heidelberg/"})
    assert response.cookies["django_language"].value == "en"
    page = visitor.get("/heidelberg/")
    assert html_attrs(page) == ("en", "ltr")
    html = page.content.decode()
    assert "Welcome" in html
    assert "Legal notice" in html
    assert 'lang="de" dir="ltr"' not in html


def test_language_not_enabled_is_refused(visitor, municipality):
    response = visitor.post("/heidelberg/sprache/", {"language": "fr", "next": "/heidelberg/"}, follow=True)
    assert "teilhabe_sprache" not in visitor.cookies
    assert "Diese Sprache ist für dieses Portal nicht verfügbar." in response.content.decode()


def test_switch_refuses_foreign_redirect(visitor, municipality):
    response = visitor.post("/heidelberg/sprache/", {"language": "tr", "next": "https://evil.example/"})
    assert response["Location"] == "/heidelberg/"


def test_switch_needs_post(visitor, municipality):
    assert visitor.get("/heidelberg/sprache/").status_code == 405


def test_browser_preference_selects_content_language(visitor, municipality):
    response = visitor.get("/heidelberg/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.8")
    assert html_attrs(response) == ("ar", "rtl")
    assert "مرحبًا بك في بوابة الاندماج" in response.content.decode()


def test_english_ui_on_portal_start_page_by_accept_language(visitor, municipality):
    html = visitor.get("/heidelberg/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Welcome to the integration portal of Heidelberg" in html
    assert "Accessibility statement" in html
    assert "Report a barrier" in html


def test_english_ui_on_login_page_by_cookie(visitor, municipality):
    visitor.cookies["django_language"] = "en"
    html = visitor.get("/konto/anmelden/").content.decode()
    assert '<html lang="en"' in html
    assert ">Log in<" in html
    assert "Forgot your password?" in html


def test_platform_header_switch_uses_django_set_language(visitor, municipality):
    html = visitor.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Municipalities" in visitor.get("/").content.decode()
