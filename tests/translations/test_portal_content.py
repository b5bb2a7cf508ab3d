"""Organisations, offers, events and the plan on the portal in the reader's language: a stored translation
is shown with its own lang/dir and without the notice; a missing one falls back to German with the notice.
Lists stay at a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from teilhabe.calendar.events import services as event_services
from teilhabe.calendar.models import Event
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import services as directory_services
from teilhabe.directory.models import Offer, OfferCategory
from teilhabe.plans.models import Measure
from teilhabe.translations import services as translations

BERLIN = ZoneInfo("Europe/Berlin")
ARABIC_TITLE = "مقهى اللغة للآباء"


@pytest.fixture
def arabic_reader(polyglot: Municipality) -> Client:
    client = Client()
    client.cookies["teilhabe_sprache"] = "ar"
    return client


def _offer(actor: Actor, municipality: Municipality, title: str) -> Offer:
    with municipality_scope(municipality):
        directory_services.ensure_default_categories(actor=actor, municipality=municipality)
        return directory_services.create_offer(actor=actor, municipality=municipality, values={
            "title": title, "category": OfferCategory.objects.get(name="Sprachcafé"), "languages": ["de", "ar"],
            "description": "<p>Deutsch üben, während die Kinder spielen.</p>", "state": Offer.State.PUBLISHED})


def test_a_translated_offer_shows_in_arabic_and_an_untranslated_one_in_german_with_notice(
        arabic_reader: Client, polyglot: Municipality, coord_actor: Actor) -> None:
    translated = _offer(coord_actor, polyglot, "Sprachcafé für Eltern")
    untranslated = _offer(coord_actor, polyglot, "Nähcafé")
    with municipality_scope(polyglot):
        translations.save_translations(actor=coord_actor, obj=translated, language="ar",
                                       values={"title": ARABIC_TITLE, "description": "<p>تدرّب على الألمانية.</p>"})
    html = arabic_reader.get(f"/heidelberg/angebote/{translated.pk}/").content.decode()
    assert f'<h1 class="kern-heading-large" lang="ar" dir="rtl">{ARABIC_TITLE}</h1>' in html
    assert "تدرّب على الألمانية" in html and "fallback-note" not in html
    html = arabic_reader.get(f"/heidelberg/angebote/{untranslated.pk}/").content.decode()
    assert '<h1 class="kern-heading-large" lang="de" dir="ltr">Nähcafé</h1>' in html
    assert "fallback-note" in html
    listing = arabic_reader.get("/heidelberg/angebote/").content.decode()
    assert f'lang="ar" dir="rtl">{ARABIC_TITLE}</a>' in listing and 'lang="de" dir="ltr">Nähcafé</a>' in listing


def test_the_offer_list_in_arabic_runs_a_fixed_number_of_queries(
        arabic_reader: Client, polyglot: Municipality, coord_actor: Actor) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert arabic_reader.get("/heidelberg/angebote/").status_code == 200
        return len(queries)

    first = _offer(coord_actor, polyglot, "Angebot 0")
    with municipality_scope(polyglot):
        translations.save_translations(actor=coord_actor, obj=first, language="ar", values={"title": "عرض"})
    few = count()
    for i in range(1, 12):
        offer = _offer(coord_actor, polyglot, f"Angebot {i}")
        with municipality_scope(polyglot):
            translations.save_translations(actor=coord_actor, obj=offer, language="ar", values={"title": f"عرض {i}"})
    assert count() == few


def test_profile_event_and_measure_pages_show_their_translations(
        arabic_reader: Client, polyglot: Municipality, coord_actor: Actor, verein: Organisation,
        measure: Measure) -> None:
    soon = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(0), tzinfo=BERLIN)
    with municipality_scope(polyglot):
        profile = directory_services.ensure_profile(actor=coord_actor, organisation=verein)
        profile = directory_services.save_profile(
            actor=coord_actor, profile=profile, expected_version=profile.version,
            values={"short_description": "Beratung für Familien.", "languages": ["de", "ar"]},
            trusted=True, published=True).profile
        translations.save_translations(actor=coord_actor, obj=profile, language="ar",
                                       values={"short_description": "استشارات للعائلات."})
        event = event_services.create_event(actor=coord_actor, municipality=polyglot, values={
            "organisation": verein, "title": "Elterncafé", "state": Event.State.PUBLISHED,
            "start": soon.replace(hour=18), "end": soon.replace(hour=20),
            "languages": ["de", "ar"]})
        translations.save_translations(actor=coord_actor, obj=event, language="ar", values={"title": "مقهى الآباء"})
        translations.save_translations(actor=coord_actor, obj=measure, language="ar", values={"title": "ماما تتعلم"})
    html = arabic_reader.get(f"/heidelberg/organisationen/{verein.pk}/").content.decode()
    assert 'lang="ar" dir="rtl">استشارات للعائلات.</p>' in html
    html = arabic_reader.get(f"/heidelberg/termine/{event.pk}/").content.decode()
    assert '<h1 class="kern-heading-large" lang="ar" dir="rtl">مقهى الآباء</h1>' in html
    assert 'lang="ar" dir="rtl">مقهى الآباء</a>' in arabic_reader.get("/heidelberg/termine/").content.decode()
    html = arabic_reader.get(f"/heidelberg/plan/massnahme/{measure.pk}/").content.decode()
    assert '<span lang="ar" dir="rtl">ماما تتعلم</span>' in html


def test_german_readers_see_the_german_text_without_extra_queries(polyglot: Municipality, coord_actor: Actor,
                                                                  client: Any) -> None:
    offer = _offer(coord_actor, polyglot, "Sprachcafé für Eltern")
    with municipality_scope(polyglot):
        translations.save_translations(actor=coord_actor, obj=offer, language="ar", values={"title": ARABIC_TITLE})
    html = client.get(f"/heidelberg/angebote/{offer.pk}/").content.decode()
    assert '<h1 class="kern-heading-large" lang="de" dir="ltr">Sprachcafé für Eltern</h1>' in html
    assert ARABIC_TITLE not in html and "fallback-note" not in html
