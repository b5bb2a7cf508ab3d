"""The calendar in the reader's language (issue 7, item 10): statutory holidays named in English on an
English page, dates in each language's own pattern, and every statutory holiday once in its day cell."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from teilhabe.calendar import selectors


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def day_cell(html: str, iso_day: str) -> str:
    """The grid cell of one day (found by its visible label's date, e.g. "26 March" / "26. März")."""
    cells = re.findall(r'<td class="kern-table__cell calendar-day[^"]*"[^>]*>(.*?)</td>', html, re.S)
    matching = [cell for cell in cells if f">{iso_day}<" in cell]
    assert len(matching) == 1, (iso_day, len(matching))
    return matching[0]


def test_english_month_page_names_holidays_in_english(english, municipality):
    html = html_of(english.get("/heidelberg/kalender/2027/3/"))
    assert '<html lang="en"' in html
    assert "Good Friday" in html and "Easter Monday" in html
    assert "Karfreitag" not in html and "Ostermontag" not in html
    assert "Public holidays: Good Friday (26 March), Easter Monday (29 March)" in html


def test_english_year_page_has_no_german_holiday_names(english, municipality):
    html = html_of(english.get("/heidelberg/kalender/2027/"))
    assert "Good Friday" in html and "Christmas" in html
    assert "Karfreitag" not in html and "Weihnachten" not in html


def test_english_dates_read_day_month_year(english, municipality):
    html = html_of(english.get("/heidelberg/kalender/2027/3/"))
    assert "16 March 2027" in html
    assert "Friday, 26 March 2027" in html
    assert ". March" not in html  # no German pattern with an English month name


def test_german_dates_read_day_dot_month_year(client, municipality):
    html = html_of(client.get("/heidelberg/kalender/2027/3/"))
    assert "16. März 2027" in html
    assert "Freitag, 26. März 2027" in html
    assert "Gesetzliche Feiertage: Karfreitag (26. März), Ostermontag (29. März)" in html


@pytest.mark.parametrize(("url", "label", "name"), [
    ("/heidelberg/kalender/2027/3/", "Freitag, 26. März", "Karfreitag"),
    ("/heidelberg/kalender/2027/3/", "Montag, 29. März", "Ostermontag"),
    ("/heidelberg/kalender/2027/5/", "Donnerstag, 6. Mai", "Christi Himmelfahrt"),
    ("/heidelberg/kalender/2027/10/", "Sonntag, 3. Oktober", "Tag der Deutschen Einheit"),
    ("/heidelberg/kalender/2027/1/", "Freitag, 1. Januar", "Neujahr"),
])
def test_each_statutory_holiday_once_in_its_day_cell(client, municipality, url, label, name):
    cell = day_cell(html_of(client.get(url)), label)
    assert cell.count(name) == 1, cell
    assert "gesetzlicher Feiertag" in cell  # the mark stays, visibly or for screen readers


@pytest.mark.parametrize(("label", "name"), [
    ("Friday, 26 March", "Good Friday"), ("Monday, 29 March", "Easter Monday"),
])
def test_each_statutory_holiday_once_in_its_day_cell_in_english(english, municipality, label, name):
    cell = day_cell(html_of(english.get("/heidelberg/kalender/2027/3/")), label)
    assert cell.count(name) == 1, cell
    assert "public holiday" in cell


def test_good_friday_is_one_marked_chip(client, municipality):
    cell = day_cell(html_of(client.get("/heidelberg/kalender/2027/3/")), "Freitag, 26. März")
    assert 'calendar-chip--holiday' in cell
    assert 'class="calendar-day__holiday"' not in cell  # named by the observance's chip only


def test_hidden_observance_leaves_the_holidays_own_name(client, municipality, coord_actor):
    from teilhabe.calendar import services

    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="good-friday")
    cell = day_cell(html_of(client.get("/heidelberg/kalender/2027/3/")), "Freitag, 26. März")
    assert cell.count("Karfreitag") == 1
    assert 'class="calendar-day__holiday"' in cell


def test_statutory_holiday_names_by_language(municipality):
    assert selectors.statutory_holidays(municipality, 2027, "en")[dt.date(2027, 3, 26)] == "Good Friday"
    assert selectors.holiday_language("en") == "en"
    assert selectors.holiday_language("ar") == "de"  # the holidays package has no Arabic names: German
    german = selectors.statutory_holidays(municipality, 2027, "ar")
    assert german == selectors.statutory_holidays(municipality, 2027)


def test_arabic_page_keeps_the_community_names_and_german_holidays(client, municipality):
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    html = html_of(client.get("/heidelberg/kalender/2027/3/"))
    # Names the engine has in Arabic are shown in Arabic; statutory holidays fall back to German.
    assert re.search(r'<bdi class="calendar-name calendar-name--primary" lang="ar" dir="rtl">', html)
    assert "Karfreitag" in html


def test_german_names_on_a_foreign_language_page_are_announced(client, municipality):
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    html = html_of(client.get("/heidelberg/kalender/2027/3/"))
    # In the reader's language, like the rest of the interface.
    assert "بعض الأسماء والنصوص غير متوفرة بعد بلغتك (العربية)، لذلك تظهر باللغة الألمانية." in html


def test_english_page_without_german_names_has_no_fallback_note(english, municipality):
    html = html_of(english.get("/heidelberg/kalender/2027/3/"))
    assert "fallback-note" not in html


def test_english_page_announces_an_own_observance_named_only_in_german(english, municipality, coord_actor):
    from teilhabe.calendar import services
    from teilhabe.calendar.models import OwnObservance

    services.create_own_observance(actor=coord_actor, municipality=municipality, values={
        "key": "stadtfest", "names": {"de": "Stadtfest"}, "community": "", "own_community": "Stadt",
        "rule": OwnObservance.Rule.FIXED, "month": 3, "day": 12, "length_days": 1})
    html = html_of(english.get("/heidelberg/kalender/2027/3/"))
    assert "Some names and texts are not yet available in your language (English); they are shown in German." in html
    assert 'lang="de" dir="ltr">Stadtfest</bdi>' in html


def test_german_page_has_no_fallback_note(client, municipality):
    assert "fallback-note" not in html_of(client.get("/heidelberg/kalender/2027/3/"))


def test_arabic_page_names_communities_in_arabic_and_marks_an_own_one_german(client, municipality, own_observance):
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    html = html_of(client.get("/heidelberg/kalender/2027/6/"))
    assert 'for="gemeinschaft-islamic">الإسلام</label>' in html
    # The municipality's own community has only the name it was given: German, marked, left to right.
    assert 'for="gemeinschaft-eigene-stadtgesellschaft" lang="de" dir="ltr">Stadtgesellschaft</label>' in html
    assert '<bdi lang="de" dir="ltr">Stadtgesellschaft</bdi>' in html
    # Its own description likewise.
    assert '<p class="calendar-entry__description" lang="de" dir="ltr">Das Fest aller Vereine' in html
    assert 'class="kern-alert kern-alert--info fallback-note"' in html
