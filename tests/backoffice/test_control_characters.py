"""Control characters, bidirectional overrides and hostile links through the back-office forms and the measure
list's filters: a message at the field (or a 400 for a query string), never a 500 – PostgreSQL cannot store NUL –
and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.pages.models import LegalPage
from teilhabe.plans.models import FieldOfAction, Measure
from teilhabe.translations.selectors import translated

CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
ARABIC_WITH_RLM = "برنامج\u200f التعليم\nKurs B1 für Eltern"
HOSTILE_LINKS = ['https://ok.example/"><script>', "https://ok.example/'x", "javascript:alert(1)",
                 "https://ok.example/a b", "https://ok.example/<b>", "https://ok.example/\u202e"]


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": "heidelberg", **kwargs})


def html(response: Any) -> str:
    return response.content.decode()


def state(municipality: Municipality) -> dict[str, Any]:
    with scope(municipality=municipality):
        return {
            "measures": sorted(Measure.objects.filter(municipality=municipality).values_list(
                "pk", "version", "title", "description", "funding", "links")),
            "units": sorted(OrgUnit.objects.filter(municipality=municipality).values_list("pk", "name", "short_name")),
            "organisations": sorted(Organisation.objects.filter(municipality=municipality).values_list(
                "pk", "name", "website")),
            "pages": LegalPage.objects.filter(municipality=municipality).count(),
            "audit": AuditEntry.objects.filter(municipality=municipality).count(),
        }


def measure_data(measure: Measure, **changes: Any) -> dict[str, Any]:
    data = {"version": measure.version, "title": measure.title, "field": measure.field_id,
            "lead": f"u{measure.lead_org_unit_id}", "status": measure.status_id, "description": "", "funding": "",
            "links": "", "indicators": ""}
    data.update(changes)
    return data


@pytest.fixture
def measure(own_measure: Measure, municipality: Municipality) -> Measure:
    with scope(municipality=municipality):
        return Measure.objects.select_related("field").get(pk=own_measure.pk)


# --- the measure form ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("field", ["title", "description", "funding", "reference", "indicators",
                                   "gender_diversity_note", "cost_estimate", "start_date", "lead", "goals"])
def test_measure_form_refuses_control_characters(client_for, koordination, municipality, measure, char, field):
    before = state(municipality)
    response = client_for(koordination).post(url("measure_edit", pk=measure.pk),
                                             measure_data(measure, **{field: f"1{char}2"}))
    assert response.status_code == 200
    assert f"unzulässiges Steuerzeichen ({code(char)})" in html(response)
    assert state(municipality) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
def test_new_measure_with_a_control_character_is_refused(client_for, koordination, municipality, edition, char):
    with scope(municipality=municipality):
        field = FieldOfAction.objects.filter(edition=edition).first()
    before = state(municipality)
    response = client_for(koordination).post(url("measure_create") + f"?ausgabe={edition.pk}", {
        "title": f"Elterncafé{char}", "field": field.pk, "status": ""})
    assert response.status_code == 200
    assert code(char) in html(response)
    assert state(municipality) == before


@pytest.mark.parametrize("char", BIDI)
def test_measure_title_with_a_bidi_control_is_refused(client_for, koordination, municipality, measure, char):
    before = state(municipality)
    response = client_for(koordination).post(url("measure_edit", pk=measure.pk),
                                             measure_data(measure, title=f"Antrag{char}gpj.exe"))
    assert response.status_code == 200
    assert f"Zeichen zur Umkehr der Schreibrichtung ({code(char)}), das in Namen und Titeln nicht erlaubt ist" \
           in html(response)
    assert state(municipality) == before


@pytest.mark.parametrize("char", ["\u202d", "\u202e"])
def test_measure_description_with_a_bidi_override_is_refused(client_for, koordination, municipality, measure,
                                                              char):
    before = state(municipality)
    response = client_for(koordination).post(url("measure_edit", pk=measure.pk),
                                             measure_data(measure, description=f"Zeile 1\nAntrag{char}gpj.exe"))
    assert code(char) in html(response)
    assert state(municipality) == before


def test_arabic_description_with_rlm_is_accepted(client_for, koordination, municipality, measure):
    response = client_for(koordination).post(url("measure_edit", pk=measure.pk), measure_data(
        measure, description=ARABIC_WITH_RLM, title="Elternkurs عربي\u200f"))
    assert response.status_code == 302, html(response)
    with scope(municipality=municipality):
        measure.refresh_from_db()
    assert measure.description == ARABIC_WITH_RLM
    assert measure.title == "Elternkurs عربي\u200f"


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_measure_form_refuses_hostile_links(client_for, koordination, municipality, measure, link):
    before = state(municipality)
    response = client_for(koordination).post(url("measure_edit", pk=measure.pk),
                                             measure_data(measure, links=f"Flyer | {link}"))
    assert response.status_code == 200
    assert any(message in html(response) for message in ("Zeile 1:", "HTML oder Skripte", "U+202E"))
    assert state(municipality) == before


# --- the measure list's filters ---------------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("param", ["q", "lead", "status", "sortierung", "ausgabe"])
def test_measure_list_filter_with_a_control_character_is_400(client_for, lesend, plan, char, param):
    response = client_for(lesend).get(url("measure_list"), {param: f"a{char}b"})
    assert response.status_code == 400
    assert f"unzulässiges Steuerzeichen ({code(char)})" in html(response)


def test_measure_list_search_still_works(client_for, lesend, plan):
    response = client_for(lesend).get(url("measure_list"), {"q": "  mama\t"})
    assert response.status_code == 200
    assert [m.title for m in response.context["measures"]] == ["Mama lernt Deutsch"]


# --- org units, organisations, legal pages -------------------------------------------------------------------


@pytest.mark.parametrize(("char", "field"), [
    *((char, field) for char in CONTROL for field in ("name", "short_name", "kind", "parent")),
    ("\u202e", "name"), ("\u202e", "short_name"),
])
def test_org_unit_form_refuses_control_characters(client_for, koordination, municipality, char, field):
    before = state(municipality)
    data = {"name": "Amt für Integration", "kind": "amt", "short_name": "", "parent": "", field: f"Amt{char}50"}
    response = client_for(koordination).post(url("orgunit_create"), data)
    assert response.status_code == 200
    assert code(char) in html(response)
    assert state(municipality) == before


@pytest.mark.parametrize("website", HOSTILE_LINKS)
def test_organisation_website_uses_the_one_link_validator(client_for, koordination, municipality, website):
    before = state(municipality)
    response = client_for(koordination).post(url("organisation_create"),
                                             {"name": "Verein", "kind": "association", "website": website})
    assert response.status_code == 200
    assert state(municipality) == before


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("field", ["title", "body", "version"])
def test_legal_page_form_refuses_control_characters(client_for, koordination, municipality, char, field):
    before = state(municipality)
    data = {"title": "Impressum", "body": "Stadt Heidelberg\nMarktplatz 10", "version": "0", field: f"a{char}b"}
    response = client_for(koordination).post("/heidelberg/intern/seiten/impressum/de/", data)
    assert response.status_code == 200
    if field != "version":  # a hidden field's error is not shown; nobody can correct it anyway
        assert code(char) in html(response)
    assert state(municipality) == before


def test_legal_page_in_arabic_with_rlm_is_accepted(client_for, koordination, municipality):
    client = client_for(koordination)
    # The Arabic page translates the German one (teilhabe.translations), which comes first.
    assert client.post("/heidelberg/intern/seiten/impressum/de/", {
        "title": "Impressum", "body": "Stadt Heidelberg", "version": "0"}).status_code == 302
    with scope(municipality=municipality):
        page = LegalPage.objects.get(municipality=municipality, kind="impressum")
    editor = client.get("/heidelberg/intern/seiten/impressum/ar/")  # the translation editor of the German page
    assert editor.status_code == 302
    response = client.post(editor["Location"], {"title": "بيانات\u200f الناشر", "title__version": 0,
                                                "body": ARABIC_WITH_RLM, "body__version": 0})
    assert response.status_code == 302
    with scope(municipality=municipality):
        assert translated(page, "title", "ar").value == "بيانات\u200f الناشر"
