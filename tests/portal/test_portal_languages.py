"""The portal in the languages municipalities need most: interface text in the reader's language (no German
left), right to left for Arabic and Persian, German content marked and announced, and the staff pages
untouched (German/English only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from teilhabe.pages.models import LegalPage
from tests.portal.conftest import blank, german_interface_words, html_attrs, make_locale, text_in_language

ALL = ["de", "en", "ar", "fa", "tr", "uk", "ru"]
NON_LATIN = ["ar", "fa", "uk", "ru"]
NAMES = ["Heidelberg", "Teilhabe"]  # proper names, the same in every language


@pytest.fixture
def polyglot(municipality):
    municipality.languages = ALL
    municipality.is_demo = True  # the demo notice is interface text too
    municipality.save()
    return municipality


def page_in(visitor, code: str, path: str = "/heidelberg/") -> str:
    visitor.cookies["teilhabe_sprache"] = code
    response = visitor.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_switch_offers_every_complete_language(visitor, polyglot):
    html = page_in(visitor, "de")
    for code, name in [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("fa", "فارسی"),
                       ("tr", "Türkçe"), ("uk", "Українська"), ("ru", "Русский")]:
        assert re.search(f'<option value="{code}" lang="{code}"( selected)?>{name}</option>', html)


@pytest.mark.parametrize("code", NON_LATIN)
def test_start_page_has_no_german_interface_text(visitor, polyglot, code):
    """Every word in Latin script outside the parts marked as another language (the switch's language
    names, "Language") would be interface text that escaped translation."""
    html = page_in(visitor, code)
    assert html_attrs_of(html) == code
    assert german_interface_words(html, code, allowed=NAMES) == []


@pytest.mark.parametrize("path", ["/heidelberg/kalender/2027/3/", "/heidelberg/barriere-melden/",
                                  "/heidelberg/barriere-melden/danke/", "/heidelberg/impressum/"])
def test_other_portal_pages_have_no_german_interface_text(visitor, polyglot, path):
    """The calendar, the barrier report and a legal page in Arabic. German content (names, descriptions,
    legal text without an Arabic version) is marked lang="de" and so not counted; the feeds' and print
    files' technical names are allowed."""
    html = page_in(visitor, "ar", path)
    allowed = [*NAMES, "iCalendar", "PDF", "DIN", "Outlook", "Apple", "Google", "Thunderbird"]
    assert german_interface_words(html, "ar", allowed=allowed) == []


def html_attrs_of(html: str) -> str:
    match = re.search(r'<html lang="([^"]*)"', html)
    assert match
    return match.group(1)


def test_the_check_finds_german_interface_text(visitor, polyglot):
    """The check can fail: on the German page it finds the German interface, …"""
    html = page_in(visitor, "de")
    found = {w.lower() for w in german_interface_words(html, "de", allowed=NAMES)}
    assert {"barriere", "melden", "startseite", "impressum"} <= found


def test_the_check_finds_an_untranslated_message(tmp_path: Path, visitor, polyglot):
    """… and on an Arabic page whose catalogue lacks two messages (still above the threshold), exactly those."""
    directory = make_locale(tmp_path, {"ar": lambda po: blank(po, ["Barriere melden", "Rechtliches"])})
    with override_settings(LOCALE_PATHS=[directory]):
        html = page_in(visitor, "ar")
    assert html_attrs_of(html) == "ar"
    assert sorted(w.lower() for w in german_interface_words(html, "ar", allowed=NAMES)) == \
        ["barriere", "melden", "rechtliches"]


@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("tr", "ltr"), ("uk", "ltr"),
                                                 ("ru", "ltr"), ("en", "ltr")])
def test_page_direction_follows_the_language(visitor, polyglot, code, direction):
    for path in ["/heidelberg/", "/heidelberg/kalender/2027/3/", "/heidelberg/datenschutz/"]:
        visitor.cookies["teilhabe_sprache"] = code
        assert html_attrs(visitor.get(path)) == (code, direction)


@pytest.mark.parametrize(("code", "text"), [
    ("ar", "الصفحة الرئيسية"), ("fa", "صفحه اصلی"), ("tr", "Ana sayfa"), ("uk", "Головна сторінка"),
    ("ru", "Главная страница"),
])
def test_start_page_title_is_translated(visitor, polyglot, code, text):
    assert f"<title>{text} – Heidelberg</title>" in page_in(visitor, code)


def test_legal_page_without_translation_shows_german_marked_with_notice(visitor, polyglot):
    LegalPage.objects.create(municipality=polyglot, kind="impressum", language="de", title="Impressum",
                             body="Verantwortlich: Stadt Heidelberg")
    html = page_in(visitor, "fa", "/heidelberg/impressum/")
    assert '<html lang="fa" dir="rtl">' in html
    assert '<article class="legal-page" lang="de" dir="ltr">' in html
    assert "Verantwortlich: Stadt Heidelberg" in html
    # The notice in Persian, naming the language; not marked as German.
    assert "این محتوا هنوز به زبان شما موجود نیست." in html
    assert "(فارسی)" in html
    notice = html[html.index('class="kern-alert kern-alert--info fallback-note"'):]
    assert notice.index(">") < notice.index("این محتوا")
    assert 'lang="de"' not in notice[: notice.index("این محتوا")]
    # Ukrainian too.
    html = page_in(visitor, "uk", "/heidelberg/impressum/")
    assert "Цей вміст ще не доступний вашою мовою." in html
    assert '<article class="legal-page" lang="de" dir="ltr">' in html


def test_calendar_texts_in_german_are_marked_and_announced(visitor, polyglot):
    html = page_in(visitor, "ar", "/heidelberg/kalender/2027/3/")
    # Descriptions exist in German and English only: German, left to right, inside the Arabic page.
    assert '<p class="calendar-entry__description" lang="de" dir="ltr">' in html
    # Community names are in the reader's language, in the filter and on each entry.
    assert '<label class="kern-label calendar-community-label calendar-community-label--islamic" ' \
           'for="gemeinschaft-islamic">الإسلام</label>' in html
    assert '<span class="kern-label kern-label--small">الإسلام</span>' in html
    assert "بعض الأسماء والنصوص غير متوفرة بعد بلغتك (العربية)، لذلك تظهر باللغة الألمانية." in html
    # The Arabic interface around them.
    assert "التقويم متعدد الثقافات" in text_in_language(html, "ar")


def test_english_calendar_marks_nothing_as_german(visitor, polyglot):
    html = page_in(visitor, "en", "/heidelberg/kalender/2027/3/")
    assert '<p class="calendar-entry__description" lang="en" dir="ltr">' in html
    assert '<bdi lang="de"' not in html


def test_portal_error_page_speaks_the_portal_language(visitor, polyglot):
    visitor.cookies["teilhabe_sprache"] = "ru"
    response = visitor.get("/heidelberg/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_attrs(response) == ("ru", "ltr")
    assert "Страница не найдена" in html and "На главную страницу: Heidelberg" in html
    visitor.cookies["teilhabe_sprache"] = "ar"
    response = visitor.get("/heidelberg/kalender/2027/13/")  # Http404 inside a portal view
    assert response.status_code == 404
    assert html_attrs(response) == ("ar", "rtl")
    assert "الصفحة غير موجودة" in response.content.decode()


def test_barrier_report_errors_in_the_readers_language(visitor, polyglot):
    visitor.cookies["teilhabe_sprache"] = "tr"
    html = visitor.post("/heidelberg/barriere-melden/", {"description": ""}).content.decode()
    assert "Lütfen erişim engelini açıklayın." in html
    assert "Bildirim gönderilmedi. Lütfen girdiğiniz bilgileri kontrol edin." in html


# --- the staff pages stay German or English ------------------------------------------------------------

def test_back_office_ignores_a_portal_language(client_for, koordination, polyglot):
    client = client_for(koordination)
    client.cookies["teilhabe_sprache"] = "ar"
    response = client.get("/heidelberg/intern/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert html_attrs(response) == ("de", "ltr")
    assert response["Content-Language"] == "de"
    # The back-office error pages too.
    missing = client.get("/heidelberg/intern/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="ar")
    assert missing.status_code == 404
    assert html_attrs(missing) == ("de", "ltr")


def test_staff_language_switch_cannot_choose_a_portal_language(client_for, koordination, polyglot):
    client = client_for(koordination)
    html = client.get("/").content.decode()
    assert re.findall(r'<option value="([^"]+)"', html) == ["de", "en"]
    # A crafted request: Django's set_language stores any language it has a catalogue for, but the
    # LocaleMiddleware only activates settings.LANGUAGES.
    client.post("/i18n/setlang/", {"language": "ar", "next": "/heidelberg/intern/"})
    assert html_attrs(client.get("/heidelberg/intern/")) == ("de", "ltr")


def test_login_page_with_an_arabic_browser_is_german(visitor, polyglot):
    visitor.cookies["teilhabe_sprache"] = "ar"
    response = visitor.get("/konto/anmelden/", HTTP_ACCEPT_LANGUAGE="ar")
    assert html_attrs(response) == ("de", "ltr")


def test_portal_page_leaves_the_language_of_the_next_request_alone(client_for, koordination, polyglot):
    client = client_for(koordination)
    client.cookies["teilhabe_sprache"] = "fa"
    assert html_attrs(client.get("/heidelberg/")) == ("fa", "rtl")
    assert html_attrs(client.get("/heidelberg/intern/")) == ("de", "ltr")


@pytest.mark.parametrize(("code", "day_month", "long_date"), [
    ("de", "26. März", "Freitag, 26. März 2027"),
    ("en", "26 March", "Friday, 26 March 2027"),
    ("ar", "26 مارس", "الجمعة، 26 مارس، 2027"),
    ("fa", "26 مارس", "جمعه، 26 مارس 2027"),
    ("tr", "26 Mart", "Cuma, 26 Mart 2027"),
    ("uk", "26 березня", "П'ятниця, 26 березня 2027 р."),
    ("ru", "26 марта", "Пятница, 26 марта 2027 г."),
])
def test_calendar_dates_in_each_language(code, day_month, long_date):
    """The day and month without the year's suffix ("р.", "г.") or the Arabic comma before it."""
    import datetime as dt

    from django.utils import translation

    from teilhabe.portal.templatetags import calendar_dates

    with translation.override(code):
        assert calendar_dates.day_month(dt.date(2027, 3, 26)) == day_month
        assert calendar_dates.long_date(dt.date(2027, 3, 26)) == long_date
