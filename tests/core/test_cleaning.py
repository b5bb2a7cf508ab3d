"""The input-cleaning layer (teilhabe.core.cleaning) and the one link validator, on their own and in the form
base classes every form derives from; the entry points have their own tests (test_control_characters.py in
tests/backoffice, tests/exchange, tests/calendar_app and tests/api)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.test import RequestFactory
from django_scopes import scope

from teilhabe.core.cleaning import (
    check_query,
    check_text,
    clean_query_param,
    clean_text,
    find_problem,
    request_param,
    visible,
)
from teilhabe.core.forms import KernForm
from teilhabe.core.models import OrgUnit
from teilhabe.core.validators import validate_no_markup, validate_web_address
from teilhabe.plans.links import make_link, parse_link

# Refused in every text, single- or multi-line.
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9b", "\x9f"]
SURROGATE = ["\ud800", "\udfff"]
# Refused in single-line text (names, titles); of these only U+202D/U+202E in multi-line text.
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
BIDI_OVERRIDES = ["\u202d", "\u202e"]
BIDI_ALLOWED_IN_MULTILINE = [c for c in BIDI if c not in BIDI_OVERRIDES]
# Fine everywhere.
MARKS = ["\u200e", "\u200f", "\u061c"]
ARABIC_WITH_RLM = "برنامج\u200f التعليم – Kurs B1"
HOSTILE_LINKS = [
    'https://ok.example/"><script>', "https://ok.example/'onmouseover=1", "https://ok.example/<b>",
    "https://ok.example/a b", "https://ok.example/a\tb", "javascript:alert(1)", "JAVASCRIPT:alert(1)",
    "data:text/html,x", "ftp://ok.example/x", "//ok.example/x", "https://ok.example/`x`", "https://ok.example/\\x",
    "https://ok.example/{x}", "https://ok.example/?a=&#60;", "https://ok.example/\x00", "https://ok.example/\u202e",
    "https://", "", "https://ok.example/" + "x" * 500,
]


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


# --- clean_text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL + SURROGATE)
@pytest.mark.parametrize("multiline", [False, True])
def test_control_characters_are_refused_everywhere(char, multiline):
    with pytest.raises(ValidationError) as error:
        clean_text(f"Antrag{char}stellen", multiline=multiline)
    assert code(char) in error.value.messages[0]
    assert find_problem(f"a{char}", multiline=multiline) == error.value.messages[0]


@pytest.mark.parametrize("char", CONTROL)
def test_the_message_is_german_and_names_the_character(char):
    with pytest.raises(ValidationError) as error:
        clean_text(f"a{char}b")
    assert error.value.messages == [
        f"Die Eingabe enthält ein unzulässiges Steuerzeichen ({code(char)}). Bitte entfernen Sie es."]
    assert error.value.code == "control_character"


@pytest.mark.parametrize("char", BIDI)
def test_bidi_controls_are_refused_in_single_line_text(char):
    with pytest.raises(ValidationError) as error:
        clean_text(f"Antrag{char}gpj.exe")
    assert error.value.messages == [f"Die Eingabe enthält ein Zeichen zur Umkehr der Schreibrichtung ({code(char)}), "
                                    "das in Namen und Titeln nicht erlaubt ist."]


@pytest.mark.parametrize("char", BIDI_OVERRIDES)
def test_bidi_overrides_are_refused_in_multiline_text(char):
    with pytest.raises(ValidationError, match=re.escape(code(char))):
        clean_text(f"Zeile 1\nAntrag{char}gpj.exe", multiline=True)


@pytest.mark.parametrize("char", BIDI_ALLOWED_IN_MULTILINE)
def test_embeddings_and_isolates_are_allowed_in_multiline_text(char):
    text = f"Deutsch {char}فارسی\u202c\u2069 Deutsch"
    assert clean_text(text, multiline=True) == text


@pytest.mark.parametrize("char", MARKS)
@pytest.mark.parametrize("multiline", [False, True])
def test_direction_marks_are_fine_everywhere(char, multiline):
    assert clean_text(f"يوم{char} الجمعيات", multiline=multiline) == f"يوم{char} الجمعيات"


def test_normalisation():
    assert clean_text("  Cafe\u0301 \t der\r\nKulturen\u2028 ") == "Café der Kulturen"
    assert clean_text("  Zeile 1\r\n\tZeile 2\n", multiline=True) == "Zeile 1\r\n\tZeile 2"
    assert clean_text("") == ""
    assert clean_text(ARABIC_WITH_RLM, multiline=True) == ARABIC_WITH_RLM


def test_find_problem_of_clean_text_is_none():
    assert find_problem("Fest der Kulturen – عيد", multiline=False) is None


def test_query_parameters():
    assert clean_query_param(None) == ""
    assert clean_query_param("  Mama\tlernt ") == "Mama lernt"
    assert clean_query_param("\u202ebidi is harmless in a search") == "\u202ebidi is harmless in a search"
    for char in CONTROL + SURROGATE:
        with pytest.raises(ValidationError, match=re.escape(code(char))):
            clean_query_param(f"a{char}b")


def test_request_param_and_check_query_raise_bad_request_with_the_message(rf: RequestFactory):
    request = rf.get("/", {"kennung": "a\x00b", "ok": "fine"})
    assert request_param(request, "ok") == "fine"
    assert request_param(request, "missing") == ""
    with pytest.raises(BadRequest, match="U\\+0000"):
        request_param(request, "kennung")
    with pytest.raises(BadRequest, match="„kennung“"):
        check_query(request)
    check_query(rf.get("/", {"q": "Mama", "seite": "2"}))


def test_visible_replaces_what_single_line_text_refuses():
    assert visible("a\x00b\u202ec\ud800d\u200fe") == "a\ufffdb\ufffdc\ufffdd\u200fe"


# --- the model validator (last line of defence) ---------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROL + SURROGATE + BIDI_OVERRIDES)
def test_validate_no_markup_refuses_control_characters_and_overrides(char):
    with pytest.raises(ValidationError, match=re.escape(code(char))):
        validate_no_markup(f"a{char}b")
    with pytest.raises(ValidationError):
        check_text(f"a{char}b")


def test_validate_no_markup_keeps_refusing_markup_and_accepts_plain_text():
    with pytest.raises(ValidationError) as error:
        validate_no_markup("<b>x</b>")
    assert error.value.code == "markup"
    for text in ("", "Zeile 1\nZeile 2\tTab", ARABIC_WITH_RLM, "1 < 2, Herz <3", "\u2067فارسی\u2069"):
        validate_no_markup(text)


def test_services_full_clean_refuses_what_the_forms_refuse(municipality, coord_actor):
    from teilhabe.core import services as core_services

    with scope(municipality=municipality):
        for name in ("Amt\x00 für Integration", "Amt\x1b", "Amt\x85 für Integration", "Amt\u202e"):
            with pytest.raises(ValidationError):
                core_services.create_org_unit(actor=coord_actor, municipality=municipality, name=name,
                                              kind=OrgUnit.Kind.AMT)
        assert not OrgUnit.objects.filter(municipality=municipality).exists()


# --- the link validator -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_one_link_validator_refuses_hostile_addresses(url):
    with pytest.raises(ValidationError):
        validate_web_address(url)
    with pytest.raises(ValidationError):
        make_link("Titel", url)
    with pytest.raises(ValidationError):
        parse_link(f"Titel | {url}")


@pytest.mark.parametrize("url", [
    "https://example.org", "http://example.org/a/b?c=1&d=2#e", "https://de.wikipedia.org/wiki/Köln",
    "https://example.org/%22x%22", "https://sub.example.org:8443/pfad;x=1", "https://example.org/a(b)",
])
def test_link_validator_accepts_ordinary_addresses(url):
    validate_web_address(url)
    assert parse_link(f"Titel | {url}") == {"title": "Titel", "url": url}
    assert parse_link(url) == {"title": url, "url": url}


def test_link_titles_are_plain_single_line_text():
    assert make_link("  Flyer\n(PDF) ", "https://example.org/f.pdf") == {
        "title": "Flyer (PDF)", "url": "https://example.org/f.pdf"}
    assert parse_link("A | B | https://example.org") == {"title": "A | B", "url": "https://example.org"}
    for title in ("<b>Flyer</b>", "Flyer\u202efdp.exe", "Flyer\x00", "x" * 201):
        with pytest.raises(ValidationError):
            make_link(title, "https://example.org")
    with pytest.raises(ValidationError, match="zusammen höchstens 500"):
        make_link("t" * 200, "https://example.org/" + "x" * 290)


# --- the form base classes --------------------------------------------------------------------------------


class SampleForm(KernForm):
    title = forms.CharField(required=False)
    body = forms.CharField(required=False, widget=forms.Textarea)
    email = forms.EmailField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "–"), ("a", "A")])
    many = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])
    secret = forms.CharField(required=False, widget=forms.PasswordInput, strip=False)
    fixed = forms.CharField(required=False, disabled=True)

    def clean_title(self) -> str:
        # a form's own clean_<field> sees the cleaned value
        return str(self.cleaned_data["title"]).upper()


def _errors(data: dict[str, Any], **kwargs: Any) -> dict[str, list[str]]:
    form = SampleForm(data, **kwargs)
    form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}


@pytest.mark.parametrize("char", CONTROL + SURROGATE)
@pytest.mark.parametrize("field", ["title", "body", "email", "kind"])
def test_every_field_of_every_form_refuses_control_characters(char, field):
    errors = _errors({field: f"a{char}b"})
    assert list(errors) == [field]
    assert code(char) in errors[field][0]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
def test_lists_of_choices_are_checked_too(char):
    assert code(char) in _errors({"many": ["a", f"b{char}"]})["many"][0]


@pytest.mark.parametrize("char", BIDI)
def test_single_line_fields_refuse_bidi_controls_text_areas_only_overrides(char):
    assert "Schreibrichtung" in _errors({"title": f"Antrag{char}gpj.exe"})["title"][0]
    body_errors = _errors({"body": f"Antrag{char}gpj.exe"})
    assert bool(body_errors) is (char in BIDI_OVERRIDES)


def test_form_values_come_back_normalised():
    form = SampleForm({"title": "Cafe\u0301\tder Kulturen", "body": "Zeile 1\r\nZeile 2", "kind": "a",
                       "secret": "  pass\u0301wort  ", "fixed": "\x00 ignored: disabled fields keep their initial"},
                      initial={"fixed": "Anfang"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "CAFÉ DER KULTUREN"
    assert form.cleaned_data["body"] == "Zeile 1\r\nZeile 2"
    assert form.cleaned_data["secret"] == "  pass\u0301wort  "  # passwords are only hashed, never changed
    assert form.cleaned_data["fixed"] == "Anfang"


def test_rlm_in_arabic_text_is_accepted_by_forms():
    form = SampleForm({"title": "برنامج\u200f التعليم", "body": ARABIC_WITH_RLM})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == ARABIC_WITH_RLM


def test_every_form_of_the_project_derives_from_the_bases():
    """Forms that bypass KernForm/KernModelForm would bypass the cleaning layer."""
    import importlib
    import pkgutil

    import teilhabe
    from teilhabe.core.forms import KernFormMixin

    outside: list[str] = []
    for module_info in pkgutil.walk_packages(teilhabe.__path__, "teilhabe."):
        if ".migrations" in module_info.name or module_info.name.endswith((".wsgi", ".asgi")):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__
                    and not issubclass(value, KernFormMixin) and value.__name__ != "VersionMixin"):
                outside.append(f"{module.__name__}.{value.__name__}")
    assert outside == []


# --- Django's own auth forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
def test_login_with_control_characters_is_a_form_error_not_a_500(client, koordination, char):
    response = client.post("/konto/anmelden/", {"username": f"koordination{char}", "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_password_reset_with_control_characters_is_not_a_500(client, koordination, char, mailoutbox):
    response = client.post("/konto/passwort-vergessen/", {"email": f"a{char}@example.org"})
    assert response.status_code in (200, 302)
    assert mailoutbox == []
