"""Event pages in a real browser, checked with axe-core (WCAG 2.1 AA): the list with its filters, an event,
the widget and the calendar month with events, in German and in Arabic (right to left); the back-office form."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from teilhabe.calendar.events import services
from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def events(municipality: Municipality, verein: Organisation) -> int:
    day = timezone.localdate() + dt.timedelta(days=2)
    start = dt.datetime(day.year, day.month, day.day, 18, tzinfo=BERLIN)
    with municipality_scope(municipality):
        event = services.create_event(actor=Actor.system(municipality.pk), municipality=municipality, values={
            "organisation": verein, "title": "Sprachcafé", "start": start, "end": start + dt.timedelta(hours=2),
            "rrule": "FREQ=WEEKLY;COUNT=4", "languages": ["de", "ar"], "categories": ["bildung"],
            "description": "<h2>Programm</h2><p>Wir sprechen Deutsch.</p>", "state": "published",
            "place_name": "Stadtteilhaus", "accessibility": ["step_free"], "registration_required": True,
            "registration_url": "https://verein.example/anmelden"})
        services.cancel_occurrence(actor=Actor.system(municipality.pk), event=event,
                                   recurrence_id=start + dt.timedelta(days=7))
    return event.pk


@pytest.mark.parametrize("language", ["de", "ar"])
def test_event_pages_are_accessible(page: Any, municipality: Municipality, verein: Organisation, events: int,
                                    language: str) -> None:
    if language == "ar":
        page.goto("/heidelberg/termine/")
        page.select_option("#portal-language", "ar")
        page.get_by_role("button", name="Wechseln").click()
        page.wait_for_url("**/termine/")
        assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/heidelberg/termine/")
    assert page.locator(".event-item").count() == 4
    assert page.locator(".event-item--cancelled").count() == 1
    assert_accessible(page)
    page.locator("#kategorie-bildung").check()
    page.locator(".events-filter button[type=submit]").click()
    page.wait_for_url("**/termine/?kategorie=bildung*")
    assert page.locator(".event-item").count() == 4
    page.goto(f"/heidelberg/termine/{events}/")
    assert page.locator("h1").inner_text() == "Sprachcafé"
    assert_accessible(page)
    page.goto(f"/heidelberg/termine/widget/{verein.pk}/")
    assert page.locator(".event-item").count() == 4
    assert_accessible(page)
    day = timezone.localdate() + dt.timedelta(days=2)
    page.goto(f"/heidelberg/kalender/{day.year}/{day.month}/")
    assert "Sprachcafé" in page.locator("table.calendar-month").inner_text()
    assert_accessible(page)


def test_backoffice_event_form_is_accessible(page: Any, municipality: Municipality, koordination: User,
                                             events: int) -> None:
    log_in(page, koordination.username)
    page.goto("/heidelberg/intern/termine/")
    assert_accessible(page)
    page.goto(f"/heidelberg/intern/termine/{events}/")
    assert page.locator("input[name=start_date]").get_attribute("type") == "date"
    assert_accessible(page)
    page.goto(f"/heidelberg/intern/termine/{events}/einzeltermine/")
    assert_accessible(page)
