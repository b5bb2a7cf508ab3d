"""The text rules of API input, and the OpenAPI schema telling them truthfully: for every kind of text field,
the `pattern` the schema publishes accepts exactly the raw values the API's cleaning accepts (checked with
Python's re and with the ECMA 262 engine that validates JSON Schema in schemathesis)."""

from __future__ import annotations

import re

import jsonschema_rs
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.api.schemas import TextRules, clean, text_pattern

RULES = [TextRules(), TextRules(multiline=True), TextRules(plain=True), TextRules(plain=True, required=True),
         TextRules(plain=True, multiline=True), TextRules(verbatim=True)]
# Characters and fragments that matter to the rules, plus ordinary text.
PIECES = st.sampled_from([
    "a", "Z", "ä", "ß", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2028", "\u3000", "\ufeff", "\x00", "\x1b",
    "\x1f", "\x7f", "\x85", "\x9f", "\u200e", "\u200f", "\u061c", "\u202a", "\u202c", "\u202d", "\u202e", "\u2066",
    "\u2069", "<", ">", "/", "!", "?", "&", "#", "&#", "<b>", "< /i >", "<script", "javascript:", "JavaScript:",
    "java\u017fcript:", "<\u017f>", "<\u212a>", "<\u0131>", "<1>", "s", "i", ":", "Kurs B1", "مرحبا",
])
TEXTS = st.lists(PIECES, max_size=8).map("".join)


def accepted(value: str, rules: TextRules) -> bool:
    try:
        clean(value, rules)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("rules", RULES, ids=repr)
@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(value=TEXTS)
def test_the_published_pattern_is_the_rule(rules: TextRules, value: str) -> None:
    pattern = text_pattern(rules)
    expected = accepted(value, rules)
    assert (re.fullmatch(pattern, value) is not None) == expected, (value, expected)
    assert jsonschema_rs.validator_for({"type": "string", "pattern": pattern}).is_valid(value) == expected, value


@pytest.mark.parametrize(("value", "rules", "cleaned"), [
    ("  Kurs\tB1\n ", TextRules(), "Kurs B1"),
    ("Zeile 1\n\tZeile 2 ", TextRules(multiline=True), "Zeile 1\n\tZeile 2"),
    (" BW ", TextRules(verbatim=True), " BW "),
    ("Cafe\u0301", TextRules(), "Café"),  # NFC
])
def test_cleaning_normalises(value: str, rules: TextRules, cleaned: str) -> None:
    assert clean(value, rules) == cleaned


@pytest.mark.parametrize(("value", "rules"), [
    ("a\x00b", TextRules()), ("Antrag\u202egpj.exe", TextRules()), ("\u2066x", TextRules()),
    ("Zeile\u202e", TextRules(multiline=True)), ("<b>fett</b>", TextRules(plain=True)),
    (" \n ", TextRules(required=True)),
])
def test_cleaning_refuses(value: str, rules: TextRules) -> None:
    with pytest.raises(ValidationError):
        clean(value, rules)
