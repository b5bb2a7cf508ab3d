"""Costs and dates on the measure page, the measure list, the editions list and the conflict box read as
people write them (issue 7, item 3): "18.000 €" and "16. März 2027" in German, "€18,000" and "16 March 2027"
in English — no "18.000,00 €", no "16.03.2027"."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from teilhabe.plans import services
from teilhabe.plans.models import Edition

pytestmark = pytest.mark.django_db

NUMERIC_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def main_of(page: str) -> str:
    return page[page.index('<main'):page.index("</main>")]


def client_in(client_for, user, language: str):
    client = client_for(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def dated_measure(coord_actor, own_measure):
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version, values={
        "cost_estimate": Decimal("18000.00"), "start_date": dt.date(2027, 3, 16), "end_date": dt.date(2028, 1, 4)})
    own_measure.refresh_from_db()
    return own_measure


@pytest.mark.parametrize(("language", "cost", "start", "end"), [
    ("de", "18.000 €", "16. März 2027", "4. Januar 2028"),
    ("en", "€18,000", "16 March 2027", "4 January 2028"),
])
def test_measure_page(client_for, lesend, dated_measure, url, language, cost, start, end):
    page = main_of(html(client_in(client_for, lesend, language).get(url("measure_detail", pk=dated_measure.pk))))
    facts = page[:page.index("<table")]  # the facts above the history
    assert cost in facts and f"{start} – {end}" in facts
    assert "18.000,00" not in page and "18,000.00" not in page
    assert not NUMERIC_DATE.search(page)


def test_measure_page_without_cost_and_dates(client_for, lesend, foreign_measure, url):
    page = main_of(html(client_for(lesend).get(url("measure_detail", pk=foreign_measure.pk))))
    assert re.search(r"Zeitraum</dt><dd[^>]*>– – laufend</dd>", page)
    assert re.search(r"Geschätzte Kosten</dt><dd[^>]*>–</dd>", page)
    assert "None" not in page


@pytest.mark.parametrize(("language", "start"), [("de", "16. März 2027"), ("en", "16 March 2027")])
def test_measure_list(client_for, lesend, dated_measure, url, language, start):
    page = main_of(html(client_in(client_for, lesend, language).get(url("measure_list"))))
    assert start in page
    assert not NUMERIC_DATE.search(page)


@pytest.mark.parametrize(("language", "adopted"), [("de", "14. März 2024"), ("en", "14 March 2024")])
def test_editions_list(client_for, koordination, edition, url, language, adopted):
    assert edition.status == Edition.Status.ADOPTED
    page = main_of(html(client_in(client_for, koordination, language).get(url("edition_list"))))
    assert adopted in page
    assert not NUMERIC_DATE.search(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_edition_page_created_date(client_for, koordination, edition, url, language):
    page = main_of(html(client_in(client_for, koordination, language).get(url("edition_edit", pk=edition.pk))))
    assert not NUMERIC_DATE.search(page)
