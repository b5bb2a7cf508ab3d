"""The public calendar pages: month, year, community filter, languages, errors, query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.calendar import services
from teilhabe.calendar.models import OwnObservance
from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE


@pytest.fixture
def visitor(client):
    return client


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_default_is_the_current_month(visitor, municipality):
    today = timezone.localdate()
    html = html_of(visitor.get("/heidelberg/kalender/"))
    assert '<table class="kern-table calendar-month"' in html
    assert f'<time datetime="{today:%Y-%m}' in html or "keine Einträge" in html
    assert 'aria-current="date"' in html
    assert html.count("<h1") == 1


def test_month_page_has_a_real_table_and_readable_days(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/4/"))
    assert "<caption" in html and html.count('<th scope="col"') == 7
    assert '<abbr title="Montag">' in html
    # Each day has its full date for screen readers; Pesach runs over eight days.
    assert '<span class="kern-sr-only">Donnerstag, 2. April' in html
    assert html.count('lang="de" dir="ltr">Pessach</bdi>') == 8 + 1  # eight days in the grid, once in the list
    assert html.count('lang="he" dir="rtl">פסח</bdi>') == 1
    assert "beginnt am Vorabend (Mittwoch, 1. April)" in html
    assert "2. April 2026" in html and "9. April 2026" in html and "(8 Tage)" in html
    # Links to the neighbouring months and to the year.
    assert 'href="/heidelberg/kalender/2026/3/"' in html and 'href="/heidelberg/kalender/2026/5/"' in html
    assert 'href="/heidelberg/kalender/2026/"' in html
    # Statutory holidays of Baden-Württemberg are marked.
    assert "Ostermontag (6. April)" in html
    assert "gesetzlicher Feiertag" in html


def test_names_carry_their_language(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/3/"))
    assert re.search(r'<bdi class="calendar-name calendar-name--other" lang="ar" dir="rtl">[^<]*عيد الفطر', html)
    assert re.search(r'<bdi class="calendar-name calendar-name--other" lang="tr" dir="ltr">Ramazan Bayramı', html)


def test_provisional_dates_are_marked(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2027/3/"))
    assert "vorläufig (abhängig von der Mondsichtung)" in html


def test_year_page_lists_twelve_months(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/"))
    assert html.count('<section class="calendar-year-month"') == 12
    assert 'href="/heidelberg/kalender/2026/12/"' in html
    assert "Weihnachten" in html and "Chinesisches Neujahr" in html
    assert 'href="/heidelberg/kalender/2025/"' in html and 'href="/heidelberg/kalender/2027/"' in html


def test_community_filter(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/", {"gemeinschaft": ["jewish", "bahai"]}))
    assert "Pessach" in html and "Naw-Rúz" in html
    assert "Weihnachten" not in html and "Ramadan" not in html
    assert 'value="jewish" id="gemeinschaft-jewish" checked' in html
    # The filter stays on when paging.
    assert 'href="/heidelberg/kalender/2027/?gemeinschaft=jewish&amp;gemeinschaft=bahai"' in html


def test_unknown_community_gives_a_message_not_an_error(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/5/", {"gemeinschaft": "<b>martians</b>"}))
    assert "Diese Gemeinschaft gibt es im Kalender nicht" in html
    assert "<b>martians" not in html


@pytest.mark.parametrize("url", [
    "/heidelberg/kalender/2026/13/", "/heidelberg/kalender/2026/0/", "/heidelberg/kalender/1899/",
    "/heidelberg/kalender/2101/1/", "/heidelberg/kalender/99999999999999999999/",
    "/heidelberg/kalender/abc/", "/heidelberg/kalender/martians.ics", "/heidelberg/kalender/1800/poster.pdf",
    "/nirgendwo/kalender/",
])
def test_bad_addresses_are_404(visitor, municipality, url):
    assert visitor.get(url).status_code == 404


def test_arabic_page_is_right_to_left(visitor, municipality):
    visitor.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    html = html_of(visitor.get("/heidelberg/kalender/2026/3/"))
    assert '<html lang="ar" dir="rtl">' in html
    # The Arabic name comes first, the German one is marked as German; the interface is Arabic too, and the
    # grid's columns run right to left.
    assert re.search(r'<bdi class="calendar-name calendar-name--primary" lang="ar" dir="rtl">عيد الفطر', html)
    assert '<table class="kern-table calendar-month">' in html
    assert "التقويم متعدد الثقافات" in html
    assert '<bdi class="calendar-name calendar-name--other" lang="de" dir="ltr">' in html


def test_hidden_and_own_observances(visitor, municipality, coord_actor, own_observance):
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="corpus-christi")
    html = html_of(visitor.get("/heidelberg/kalender/2026/6/"))
    assert "Fronleichnam (4. Juni)" in html  # still a statutory holiday of the Land
    assert 'lang="de" dir="ltr">Fronleichnam</bdi>' not in html
    assert "Fest der Kulturen" in html and "Stadtgesellschaft" in html
    assert 'value="eigene-stadtgesellschaft"' in html


def test_override_note_is_shown(visitor, municipality, coord_actor):
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-adha",
                               expected_version=0, year=2027, date=dt.date(2027, 5, 17),
                               note="Bekanntgabe des Moscheevereins")
    html = html_of(visitor.get("/heidelberg/kalender/2027/5/"))
    assert "Hinweis der Kommune: Bekanntgabe des Moscheevereins" in html


def test_page_links_to_feeds_and_print(visitor, municipality):
    html = html_of(visitor.get("/heidelberg/kalender/2026/1/"))
    assert 'href="/heidelberg/kalender/feed.ics"' in html
    assert 'href="/heidelberg/kalender/islamic.ics"' in html
    assert 'href="/heidelberg/kalender/2026/poster.pdf"' in html
    assert 'href="/heidelberg/kalender/2026/monate.pdf"' in html
    assert "Kalenderabonnement" in html


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/heidelberg/kalender/2026/6/", "/heidelberg/kalender/2026/"])
def test_query_count_does_not_grow_with_data(visitor, municipality, coord_actor, url):
    small = _count(visitor, url)
    for n in range(30):
        services.create_own_observance(actor=coord_actor, municipality=municipality, values={
            "key": f"tag-{n}", "names": {"de": f"Tag {n}"}, "community": "", "own_community": f"Verein {n}",
            "rule": OwnObservance.Rule.FIXED, "month": 6, "day": 1 + n % 28, "length_days": 1})
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key=f"tag-{n}",
                                   expected_version=0, year=2026, date=dt.date(2026, 6, 2 + n % 27))
        services.hide_observance(actor=coord_actor, municipality=municipality, observance_key=f"tag-{n}"
                                 if n % 2 else "ashura")
    assert _count(visitor, url) == small


def test_every_community_has_its_colour_in_the_stylesheet():
    from pathlib import Path

    from teilhabe.calendar import engine

    css = (Path(__file__).resolve().parents[2] / "src/teilhabe/static/teilhabe/calendar.css").read_text()
    for community in engine.communities():
        assert f".calendar-chip--{community.key}, " in css
        assert f"--community-colour: {community.colour};" in css, community.key
