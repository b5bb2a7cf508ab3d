"""Control characters in the calendar back office's parameters and forms: 400 or a form error, never a 500
(PostgreSQL refuses NUL in text), and nothing is written."""

from __future__ import annotations

import pytest
from django_scopes import scope

from teilhabe.calendar.models import DateOverride, HiddenObservance, OwnObservance

BAD = ["\x00", "\x1b", "\x7f", "\x85"]
OWN_EDIT = "/heidelberg/intern/kalender/eigene/bearbeiten/"


@pytest.mark.parametrize("char", BAD)
def test_kennung_with_a_control_character_answers_400_on_get(client_for, koordination, own_observance, char):
    response = client_for(koordination).get(OWN_EDIT, {"kennung": f"a{char}"})
    assert response.status_code == 400
    assert "unzulässiges Steuerzeichen" in response.content.decode()


@pytest.mark.parametrize("char", BAD)
def test_kennung_with_a_control_character_answers_400_on_post(client_for, koordination, municipality,
                                                             own_observance, char):
    client = client_for(koordination)
    assert client.post(f"{OWN_EDIT}?kennung=a{char}", {"key": "x"}).status_code == 400
    response = client.post("/heidelberg/intern/kalender/eigene/loeschen/", {"kennung": f"a{char}"})
    assert response.status_code == 400
    with scope(municipality=municipality):
        assert OwnObservance.objects.filter(municipality=municipality).count() == 1


@pytest.mark.parametrize("char", BAD)
@pytest.mark.parametrize("path", ["ausblenden/", "einblenden/", "datum/entfernen/"])
def test_observance_key_with_a_control_character_answers_400(client_for, koordination, municipality, char, path):
    response = client_for(koordination).post(f"/heidelberg/intern/kalender/{path}",
                                             {"observance_key": f"a{char}", "jahr": "2026"})
    assert response.status_code == 400
    assert "Steuerzeichen" in response.content.decode()
    with scope(municipality=municipality):
        assert not HiddenObservance.objects.filter(municipality=municipality).exists()
        assert not DateOverride.objects.filter(municipality=municipality).exists()


@pytest.mark.parametrize("char", BAD)
def test_override_form_key_with_a_control_character_answers_400(client_for, koordination, char):
    response = client_for(koordination).get("/heidelberg/intern/kalender/datum/", {"key": f"a{char}"})
    assert response.status_code == 400


@pytest.mark.parametrize("char", BAD)
@pytest.mark.parametrize("field", ["name_de", "own_community", "description"])
def test_own_observance_form_refuses_control_characters(client_for, koordination, municipality, char, field):
    data = {"key": "tag-der-vereine", "name_de": "Tag der Vereine", "name_en": "Club day", "rule": "fixed",
            "day": "12", "month": "9", "length_days": "1", "description": "Alle Vereine.",
            "own_community": "Vereine"}
    data[field] = f"a{char}b"
    response = client_for(koordination).post("/heidelberg/intern/kalender/eigene/neu/", data)
    assert response.status_code == 200
    assert "unzulässiges Steuerzeichen" in response.content.decode()
    with scope(municipality=municipality):
        assert not OwnObservance.objects.filter(municipality=municipality).exists()


def test_own_observance_form_refuses_a_bidi_override_in_a_name(client_for, koordination, municipality):
    data = {"key": "tag-der-vereine", "name_de": "Tag\u202eder Vereine", "rule": "fixed",
            "day": "12", "month": "9", "length_days": "1", "own_community": "Vereine"}
    response = client_for(koordination).post("/heidelberg/intern/kalender/eigene/neu/", data)
    assert "Umkehr der Schreibrichtung (U+202E)" in response.content.decode()
    with scope(municipality=municipality):
        assert not OwnObservance.objects.filter(municipality=municipality).exists()


def test_own_observance_accepts_rlm_in_an_arabic_description(client_for, koordination, municipality):
    text = "مهرجان\u200f الثقافات\nFest"
    data = {"key": "tag-der-vereine", "name_de": "Tag der Vereine", "name_ar": "يوم\u200f الجمعيات",
            "rule": "fixed", "day": "12", "month": "9", "length_days": "1", "description": text,
            "own_community": "Vereine"}
    response = client_for(koordination).post("/heidelberg/intern/kalender/eigene/neu/", data)
    assert response.status_code == 302
    with scope(municipality=municipality):
        assert "\u200f" in OwnObservance.objects.get(municipality=municipality).description
