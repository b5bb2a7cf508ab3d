"""How recorded values are shown to people: amounts ("18.000 €"), dates ("16. März 2027"), field labels.

The audit trail stores raw, JSON-friendly values (`core/audit.py`: ISO dates, decimals as text, choice
keys). This module turns (object type, field, value) into the label and the value as the user knows it,
in the reader's language, from the model's field metadata. It is the one place the measure history, every
object's history and the audit log use; keys that are no model field (imports write "datei",
"massnahmen") get their labels from `EXTRA_LABELS`, anything else unknown is still shown readably."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

EMPTY = "–"
MAX_SHOWN_CHARS = 300
ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
GERMAN_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

# Keys that services record but that are no (longer a) model field: label by key, for every object type.
EXTRA_LABELS: dict[str, Any] = {
    "datei": gettext_lazy("Datei"),
    "massnahmen": gettext_lazy("Maßnahmen"),
    "geaendert": gettext_lazy("Geänderte Maßnahmen"),
    "konflikte": gettext_lazy("Übersprungene Konflikte"),
    "position": gettext_lazy("Reihenfolge"),
    "copied": gettext_lazy("Übernommen"),
    "user": gettext_lazy("Benutzerkonto"),
    "observance_key": gettext_lazy("Gedenk- oder Feiertag"),
}
# Amounts in euros; a DecimalField whose name is listed here (or contains "cost") is money.
MONEY_FIELDS = frozenset({"cost_estimate"})


# --- formatting --------------------------------------------------------------------------------------------


def as_decimal(value: Any) -> Decimal | None:
    """A Decimal from a stored value ("8E+3", "12500.00", 12500, Decimal); None if it is no number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def format_number(value: Any, decimal_pos: int | None = None) -> str:
    """A number with the reader's separators: 12.500,5 (de) or 12,500.5 (en)."""
    number = as_decimal(value)
    if number is None:
        return str(value)
    if decimal_pos is None:
        decimal_pos = 0 if number == number.to_integral() else max(0, -int(number.normalize().as_tuple().exponent))
    return number_format(number, decimal_pos, use_l10n=True, force_grouping=True)


def format_cost(value: Any) -> str:
    """An amount in euros: "18.000 €", "12.500,50 €" in German; "€18,000" in English."""
    number = as_decimal(value)
    if number is None:
        return EMPTY if value in (None, "") else str(value)
    places = 0 if number == number.to_integral() else 2
    text = number_format(number, places, use_l10n=True, force_grouping=True)
    if (get_language() or "de").startswith("en"):
        return f"€{text}"
    return f"{text} €"


def format_cost_input(value: Any) -> str:
    """An amount as an input is pre-filled: "12.500,00" (de), "12,500.00" (en)."""
    number = as_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return number_format(number, 2, use_l10n=True, force_grouping=True)


def as_date(value: Any) -> dt.date | None:
    """A date from a stored value: a date, "2027-03-16" or "16.03.2027"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        if match := ISO_DATE_RE.match(value.strip()):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := GERMAN_DATE_RE.match(value.strip()):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def format_date(value: Any) -> str:
    """"16. März 2027" (de), "16 March 2027" (en); anything that is no date unchanged."""
    day = as_date(value)
    if day is None:
        return EMPTY if value in (None, "") else str(value)
    return date_format(day, "DATE_FORMAT", use_l10n=True)


# --- field metadata ----------------------------------------------------------------------------------------


def model_for(object_type: str | type[models.Model] | None) -> type[models.Model] | None:
    if object_type is None or isinstance(object_type, type):
        return object_type
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _humanize(name: str) -> str:
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else EMPTY


def type_label(object_type: str | type[models.Model] | None) -> str:
    """"Maßnahme", "Handlungsfeld" … for "plans.measure", "plans.fieldofaction" …"""
    model = model_for(object_type)
    if model is not None:
        return str(model._meta.verbose_name)
    return _humanize(str(object_type or "").rpartition(".")[2])


def field_label(object_type: str | type[models.Model] | None, name: str) -> str:
    """The field's verbose name in the reader's language; a known extra key's label; else a readable form."""
    field = _field(model_for(object_type), name)
    if field is not None and getattr(field, "verbose_name", None):
        label = str(field.verbose_name)
        return label[:1].upper() + label[1:]
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    return _humanize(name)


def _plain(value: Any) -> str:
    """A value without field metadata: dates, numbers, ja/nein, lists joined, links by title."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int):  # counts, positions, years: as written (a year 2027 is no "2.027")
        return str(value)
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, float):
        return format_number(Decimal(str(value)))
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        if "url" in value:
            title = str(value.get("title") or "")
            url = str(value["url"])
            return f"{title} ({url})" if title and title != url else url
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    text = str(value)
    if ISO_DATE_RE.match(text):
        return format_date(text)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


def display_value(object_type: str | type[models.Model] | None, name: str, value: Any) -> str:
    """A recorded value as people read it, by the field's type: choice labels, formatted dates and
    amounts, ja/nein, lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return EMPTY
    field = _field(model_for(object_type), name)
    if field is None:
        return _plain(value)
    flat = getattr(field, "flatchoices", None)
    if flat:
        choices = {str(k): v for k, v in flat}
        if isinstance(value, list):
            return ", ".join(str(choices.get(str(v), v)) for v in value)
        if str(value) in choices:
            return str(choices[str(value)])
    if isinstance(field, models.DecimalField):
        if name in MONEY_FIELDS or "cost" in name:
            return format_cost(value)
        return format_number(value) if as_decimal(value) is not None else _plain(value)
    if isinstance(field, models.DateTimeField):
        return _plain(value)
    if isinstance(field, models.DateField):
        return format_date(value)
    if isinstance(field, models.BooleanField) and isinstance(value, bool | str):
        truth = value if isinstance(value, bool) else value.lower() in ("true", "1", "ja")
        return _("ja") if truth else _("nein")
    return _plain(value)


def author(entry: Any) -> str:
    """Who made an audit entry, as people read it: the name, else the login; "System" without a person."""
    actor = entry.actor
    if actor is None:
        return _("System")
    name: str = actor.get_full_name() or actor.get_username()
    return name


@dataclass(frozen=True)
class ChangeRow:
    name: str
    label: str
    old: str
    new: str


def change_rows(object_type: str | type[models.Model] | None, changes: Any) -> list[ChangeRow]:
    """Every recorded change {field: [old, new]} as label, old and new the way people read them."""
    if not isinstance(changes, dict):
        return []
    model = model_for(object_type)
    rows = []
    for name, pair in changes.items():
        old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        rows.append(ChangeRow(str(name), field_label(model, str(name)),
                              display_value(model, str(name), old), display_value(model, str(name), new)))
    return rows


# Sections of the edition comparison and the model each shows.
COMPARISON_MODELS = {"fields": "plans.fieldofaction", "goals": "plans.goal", "measures": "plans.measure"}


def comparison_value(kind: str, name: str, value: Any) -> Any:
    """A value of the edition comparison (already readable, but amounts as "1.8E+4" and dates as
    "16.03.2027") with amounts and dates in the reader's format; lists and text unchanged."""
    if value is None or isinstance(value, list):
        return value
    field = _field(model_for(COMPARISON_MODELS.get(kind)), name)
    if isinstance(field, models.DecimalField):
        return format_cost(value) if (name in MONEY_FIELDS or "cost" in name) else format_number(value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return format_date(value)
    return value
