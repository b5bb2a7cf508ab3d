"""Security probe regressions for the API: control characters (PostgreSQL refuses NUL: a 500 there, stored on
SQLite), bidirectional overrides in titles and hostile links. Each is refused with a German message (400/422),
nothing is written; what the API accepts, the project's own JSON export carries and imports again."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django_scopes import scope

from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Edition, Measure
from tests.api.conftest import api_path
from tests.api.test_measures import _state

CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
ARABIC_WITH_RLM = "برنامج\u200f التعليم\nKurs B1 für Eltern"
HOSTILE_LINKS = ['https://ok.example/"><script>', "https://ok.example/'x", "https://ok.example/<b>",
                 "https://ok.example/a b", "javascript:alert(1)", "https://ok.example/\x00", "https://ok.example/\u202e"]


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_of(response: Any) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def state(measure: Measure) -> tuple[Any, ...]:
    with scope(municipality=measure.municipality):
        return _state(measure)


def measure_count(edition: Edition) -> int:
    with scope(municipality=edition.municipality):
        return Measure.objects.filter(edition=edition).count()


def patch(api: Any, measure: Measure, body: dict[str, Any]) -> Any:
    return api.patch(api_path(f"measures/{measure.pk}"), {"version": measure.version, **body})


# --- the list's search parameter --------------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL)
def test_measure_search_with_a_control_character_is_refused(api_for, lesend, plan, char):
    response = api_for(lesend).get(api_path("measures"), q=f"a{char}b")
    assert response.status_code in (400, 422), response.content
    assert "Steuerzeichen" in text_of(response)


# --- changing and creating measures -------------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("field", ["title", "description", "funding", "reference", "gender_diversity_note"])
def test_patch_with_a_control_character_is_refused(api_for, koordination, own_measure, char, field):
    before = state(own_measure)
    response = patch(api_for(koordination), own_measure, {field: f"Kurs{char}B1"})
    assert response.status_code == 422, response.content
    assert code(char) in text_of(response)
    assert state(own_measure) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
@pytest.mark.parametrize("body", [{"indicators": ["Teilnehmende{}"]},
                                  {"links": [{"title": "Flyer{}", "url": "https://example.org"}]}])
def test_patch_with_a_control_character_in_a_list_is_refused(api_for, koordination, own_measure, char, body):
    before = state(own_measure)
    body = json.loads(json.dumps(body).replace("{}", json.dumps(char)[1:-1]))
    response = patch(api_for(koordination), own_measure, body)
    assert response.status_code == 422, response.content
    assert state(own_measure) == before


def test_lone_surrogate_is_refused_not_a_500(api_for, koordination, own_measure):
    before = state(own_measure)
    raw = f'{{"version": {own_measure.version}, "title": "Kurs\\ud800B1"}}'
    response = api_for(koordination).client.patch(api_path(f"measures/{own_measure.pk}"), raw,
                                                  content_type="application/json")
    assert response.status_code == 422, response.content
    assert state(own_measure) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
def test_create_with_a_control_character_is_refused(api_for, koordination, edition, char):
    with scope(municipality=edition.municipality):
        field = edition.fields.first()
    count = measure_count(edition)
    response = api_for(koordination).post(api_path("measures"), {
        "edition_id": edition.pk, "title": f"Neue{char}Maßnahme", "field_id": field.pk})
    assert response.status_code == 422, response.content
    assert code(char) in text_of(response)
    assert measure_count(edition) == count


@pytest.mark.parametrize("char", BIDI)
def test_title_with_a_bidi_control_is_refused(api_for, koordination, own_measure, char):
    before = state(own_measure)
    response = patch(api_for(koordination), own_measure, {"title": f"Antrag{char}gpj.exe"})
    assert response.status_code == 422, response.content
    assert "Schreibrichtung" in text_of(response)
    assert state(own_measure) == before


@pytest.mark.parametrize("char", ["\u202d", "\u202e"])
def test_description_with_a_bidi_override_is_refused(api_for, koordination, own_measure, char):
    before = state(own_measure)
    response = patch(api_for(koordination), own_measure, {"description": f"Zeile\nAntrag{char}gpj.exe"})
    assert response.status_code == 422, response.content
    assert state(own_measure) == before


def test_arabic_description_with_rlm_is_accepted(api_for, koordination, own_measure):
    response = patch(api_for(koordination), own_measure, {"description": ARABIC_WITH_RLM})
    assert response.status_code == 200, response.content
    with scope(municipality=own_measure.municipality):
        own_measure.refresh_from_db()
    assert own_measure.description == ARABIC_WITH_RLM


# --- links: one validator for API, form and import -------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_hostile_link_is_refused(api_for, koordination, own_measure, url):
    before = state(own_measure)
    response = patch(api_for(koordination), own_measure, {"links": [{"title": "Flyer", "url": url}]})
    assert response.status_code == 422, response.content
    assert state(own_measure) == before


LINKS = [
    {"title": "Flyer (PDF)", "url": "https://example.org/flyer.pdf?v=2&lang=de#seite-2"},
    {"title": "https://de.wikipedia.org/wiki/Köln", "url": "https://de.wikipedia.org/wiki/Köln"},
    {"title": "A | B", "url": "http://example.org/a(b)/%22zitat%22"},
]


def test_links_the_api_accepts_survive_export_and_import(api_for, koordination, own_measure, edition,
                                                        empty_municipality_and_actor):
    response = patch(api_for(koordination), own_measure, {"links": LINKS})
    assert response.status_code == 200, response.content
    with scope(municipality=edition.municipality):
        data = exchange.export_plan_json(edition)
    municipality, actor = empty_municipality_and_actor
    with scope(municipality=municipality):
        draft = exchange.read_file(data, "plan.json")
        target = exchange.resolve_target(municipality=municipality, edition=None, plan_title="", draft=draft)
        copy = exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target).edition
        assert Measure.objects.get(edition=copy, title=own_measure.title).links == LINKS


@pytest.fixture
def empty_municipality_and_actor(db: Any) -> tuple[Any, Any]:
    from teilhabe.core.roles import Actor, Role
    from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

    municipality = MunicipalityFactory(name="Waiblingen", slug="waiblingen", ags="08119079", land="BW")
    user = UserFactory(username="koordination-wn")
    with scope(municipality=municipality):
        MembershipFactory(municipality=municipality, user=user, role=Role.KOORDINATION)
    return municipality, Actor(user_id=user.pk, municipality_id=municipality.pk, role=Role.KOORDINATION)
