"""The display layer of the audit trail (`teilhabe.core.display`): labels and values as people read them,
in German and English, from the model's field metadata; readable fallbacks for unknown keys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from teilhabe.backoffice.plans.forms.plan import GermanDecimalField
from teilhabe.core import display
from teilhabe.core.audit import plain_value


@pytest.mark.parametrize("value", [Decimal("18000.00"), "1.8E+4", plain_value(Decimal("18000.00")), 18000, "18000"])
def test_costs_in_german_and_english(value):
    with translation.override("de"):
        assert display.format_cost(value) == "18.000 €"
    with translation.override("en"):
        assert display.format_cost(value) == "€18,000"


def test_costs_with_cents_and_nothing():
    with translation.override("de"):
        assert display.format_cost(Decimal("12500.5")) == "12.500,50 €"
        assert display.format_cost(None) == "–"
        assert display.format_cost_input(Decimal("12500")) == "12.500,00"
    with translation.override("en"):
        assert display.format_cost(Decimal("12500.5")) == "€12,500.50"
        assert display.format_cost_input(Decimal("12500")) == "12,500.00"


@pytest.mark.parametrize("value", [dt.date(2027, 3, 16), "2027-03-16", "16.03.2027"])
def test_dates_in_german_and_english(value):
    with translation.override("de"):
        assert display.format_date(value) == "16. März 2027"
    with translation.override("en"):
        assert display.format_date(value) == "16 March 2027"


def test_edition_fields_by_label_and_value():
    with translation.override("de"):
        assert display.field_label("plans.edition", "adopted_on") == "Beschlossen am"
        assert display.field_label("plans.edition", "council_reference") == "Beschluss (Drucksache)"
        assert display.field_label("plans.edition", "predecessor") == "Vorgängerausgabe"
        assert display.display_value("plans.edition", "status", "adopted") == "beschlossen"
        assert display.display_value("plans.edition", "status", "draft") == "Entwurf"
        assert display.display_value("plans.edition", "adopted_on", "2027-03-16") == "16. März 2027"
    with translation.override("en"):
        assert display.display_value("plans.edition", "adopted_on", "2027-03-16") == "16 March 2027"


def test_measure_values():
    with translation.override("de"):
        assert display.field_label("plans.measure", "cost_estimate") == "Geschätzte Kosten (EUR)"
        assert display.display_value("plans.measure", "cost_estimate", "8E+3") == "8.000 €"
        assert display.display_value("plans.measure", "is_key_project", True) == "ja"
        assert display.display_value("plans.measure", "is_key_project", False) == "nein"
        assert display.display_value("plans.measure", "target_groups", ["Eltern", "Kinder"]) == "Eltern, Kinder"
        assert display.display_value("plans.measure", "links", [{"url": "https://a.de", "title": "A"}]) == \
            "A (https://a.de)"
        assert display.display_value("plans.measure", "end_date", None) == "–"


def test_import_keys_and_unknown_fields_stay_readable():
    with translation.override("de"):
        rows = display.change_rows("plans.edition", {"datei": [None, "liste.xlsx"], "massnahmen": [None, 1200]})
        assert [(r.label, r.old, r.new) for r in rows] == [("Datei", "–", "liste.xlsx"),
                                                           ("Maßnahmen", "–", "1200")]
        # a field removed since, an object type that no longer exists: no repr, no exception
        row = display.change_rows("plans.gone", {"old_field": ["2027-03-16", {"a": 1}]})[0]
        assert (row.label, row.old, row.new) == ("Old field", "16. März 2027", "a: 1")
        assert display.change_rows("plans.measure", None) == []
        assert display.display_value("calendar.dateoverride", "year", 2027) == "2027"
        assert display.type_label("plans.measure") == "Maßnahme"
        assert display.type_label("plans.fieldofaction") == "Handlungsfeld"
        assert display.type_label("plans.gone") == "Gone"


def test_change_rows_in_english(settings):
    with translation.override("en"):
        row = display.change_rows("plans.measure", {"cost_estimate": ["8E+3", "12500"]})[0]
        assert (row.old, row.new) == ("€8,000", "€12,500")
        assert display.display_value("plans.measure", "is_key_project", True) == "yes"


@pytest.mark.parametrize("text,expected", [
    ("12.500,00", Decimal("12500.00")), ("12500.00", Decimal("12500.00")), ("12.500 €", Decimal("12500")),
    ("12500,5", Decimal("12500.5")), ("12,500.00", Decimal("12500.00")), ("1.234.567,89 EUR", Decimal("1234567.89")),
])
def test_cost_input_accepts_german_and_plain_numbers(text, expected):
    field = GermanDecimalField(max_digits=14, decimal_places=2, required=False)
    assert field.clean(text) == expected


def test_cost_input_is_prefilled_as_people_write_it():
    field = GermanDecimalField(max_digits=14, decimal_places=2, required=False)
    with translation.override("de"):
        assert field.prepare_value(Decimal("12500.00")) == "12.500,00"
    assert field.prepare_value("12.500,00") == "12.500,00"  # what was typed stays as typed
    assert field.prepare_value(None) is None
