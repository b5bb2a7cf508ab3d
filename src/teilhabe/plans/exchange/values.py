"""Parsing one cell's value: dates, amounts, yes/no, lists, colours, links. Errors are German sentences."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from teilhabe.core import cleaning
from teilhabe.plans.exchange.columns import LIST_SEPARATOR, PATH_SEPARATOR

OPEN_END_WORDS = frozenset({"laufend", "fortlaufend", "dauerhaft", "offen", "unbefristet"})
YES_WORDS = frozenset({"ja", "j", "x", "yes", "true", "wahr", "1"})
NO_WORDS = frozenset({"nein", "n", "no", "false", "falsch", "0", "-"})
MAX_COST = Decimal("999999999999.99")  # Measure.cost_estimate: 14 digits, 2 decimals

_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
_GERMAN_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")
_SPACES = re.compile(r"\s+")


# Cells of running text: tab, line breaks, embeddings and isolates allowed (teilhabe.core.cleaning's
# multi-line rules). Every other text cell holds names or titles, one per line in list cells.
MULTILINE_KEYS = frozenset({"description", "funding", "gender_diversity"})


class CellError(ValueError):
    """The value of one cell is not acceptable; the message says why."""


def checked_text(value: str, *, key: str) -> str:
    """A text cell (XLSX) or string (JSON) through the platform's input-cleaning layer, before anything
    else reads it: a forbidden character raises CellError naming it (teilhabe.core.cleaning), the text
    comes back in NFC without surrounding whitespace. Line breaks stay, since list cells hold one item
    per line; single-line values are flattened later by one_line()."""
    problem = cleaning.find_problem(value, multiline=key in MULTILINE_KEYS)
    if problem:
        raise CellError(problem)
    return cleaning.clean_text(value, multiline=True)


def clean_text(value: object) -> str:
    """A cell as text: numbers without a trailing .0, surrounding whitespace stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def one_line(value: str) -> str:
    return _SPACES.sub(" ", value).strip()


def split_list(value: str) -> list[str]:
    """"a; b ;; c" → ["a", "b", "c"], duplicates (ignoring case) dropped."""
    seen: set[str] = set()
    result: list[str] = []
    for part in value.replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR):
        item = one_line(part)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            result.append(item)
    return result


# What a "Federführung" cell says besides the names: role phrases before a name, an explanation after it.
_ROLE_PHRASE = re.compile(
    r"^(initiiert\s+(vom|von\s+der|von\s+den|von|durch(\s+d(as|en|ie|er))?)|gemeinsam\s+mit(\s+de[mnr])?|"
    r"in\s+(kooperation|zusammenarbeit)\s+mit(\s+de[mnr])?|unterstützt\s+(vom|von\s+der|von\s+den|von|durch"
    r"(\s+d(as|en|ie|er))?))\s+",
    re.IGNORECASE,
)
_TRAILING_PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")


@dataclass(frozen=True)
class LeadName:
    """One lead named in a "Federführung" cell: `full` without a role phrase ("initiiert vom …"), `name`
    also without a trailing parenthetical. Planning takes `full` if it is a known name, else `name`."""

    full: str
    name: str


def split_leads(value: str) -> tuple[list[LeadName], bool]:
    """The leads of a cell, contact first: split on ";" and line breaks (not on " und ": names contain it),
    role phrases and a trailing parenthetical set apart. Returns the names and whether a role phrase was
    removed (then the cell's text is kept as the note on responsibility)."""
    leads: list[LeadName] = []
    role_removed = False
    seen: set[str] = set()
    for part in value.replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR):
        text = one_line(part)
        if not text:
            continue
        full = _ROLE_PHRASE.sub("", text, count=1).strip()
        role_removed = role_removed or full != text
        name = _TRAILING_PARENTHETICAL.sub("", full).strip() or full
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        leads.append(LeadName(full=full, name=name))
    return leads, role_removed


def split_goal_paths(value: str) -> list[tuple[str, ...]]:
    """One path per line of the cell; levels separated by ">"."""
    paths: list[tuple[str, ...]] = []
    for line in value.splitlines():
        if not line.strip():
            continue
        levels = tuple(one_line(level) for level in line.split(PATH_SEPARATOR.strip()))
        if any(not level for level in levels):
            raise CellError(
                _("Der Zielpfad „%(path)s“ enthält eine leere Ebene. Ebenen werden durch „ > “ getrennt.")
                % {"path": one_line(line)}
            )
        if tuple(levels) not in paths:
            paths.append(levels)
    return paths


def format_goal_path(path: tuple[str, ...]) -> str:
    return PATH_SEPARATOR.join(path)


def _date_error(text: str) -> CellError:
    return CellError(
        _("„%(value)s“ ist kein gültiges Datum. Erlaubt sind TT.MM.JJJJ (z. B. 01.03.2026), MM/JJJJ "
          "(z. B. 03/2026) oder JJJJ (z. B. 2026).") % {"value": text}
    )


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            _("Den Tag „%(value)s“ gibt es nicht im Kalender.") % {"value": text}
        ) from None


def parse_date(value: object, *, is_end: bool) -> dt.date | None:
    """A start or end date. Month and year are widened to the first (start) or last (end) day;
    an empty end or "laufend" means open."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _date_error(str(value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 1900 <= value <= 2200:
            return _year_bound(int(value), is_end)
        raise _date_error(clean_text(value))
    text = one_line(str(value))
    if not text:
        return None
    if text.casefold() in OPEN_END_WORDS:
        if is_end:
            return None
        raise CellError(_("„%(value)s“ ist als Beginn nicht möglich; bitte ein Datum angeben.") % {"value": text})
    if match := _DATE_DE.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _MONTH.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise CellError(_("Den Monat „%(value)s“ gibt es nicht.") % {"value": text})
        day = calendar.monthrange(year, month)[1] if is_end else 1
        return dt.date(year, month, day)
    if match := _YEAR.match(text):
        return _year_bound(int(match.group(1)), is_end)
    raise _date_error(text)


def _year_bound(year: int, is_end: bool) -> dt.date:
    return dt.date(year, 12, 31) if is_end else dt.date(year, 1, 1)


def parse_cost(value: object) -> Decimal | None:
    """Euro amounts as numbers or German text: "12.500 €", "12.500,50", "12500.5"."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("„%(value)s“ ist kein Betrag.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
        text = clean_text(value)
    else:
        text = one_line(str(value))
        compact = re.sub(r"(?i)\s|€|eur(o)?|\u00a0", "", text)
        if not compact:
            return None
        negative = compact.startswith("-")
        digits = compact.lstrip("+-")
        if _THOUSANDS_ONLY.match(digits):
            number = digits.replace(".", "")
        elif "," not in digits and _PLAIN_DECIMAL.match(digits):
            number = digits
        elif _GERMAN_DECIMAL.match(digits):
            number = digits.replace(".", "").replace(",", ".")
        else:
            raise CellError(
                _("„%(value)s“ ist kein Betrag. Bitte eine Zahl in Euro angeben, z. B. 12.500 oder 12.500,50.")
                % {"value": text}
            )
        try:
            amount = Decimal(("-" if negative else "") + number)
        except InvalidOperation:
            raise CellError(_("„%(value)s“ ist kein Betrag.") % {"value": text}) from None
    if not amount.is_finite():
        raise CellError(_("„%(value)s“ ist kein Betrag.") % {"value": text})
    if amount < 0:
        raise CellError(_("Kosten dürfen nicht negativ sein (%(value)s).") % {"value": text})
    if amount > MAX_COST:
        raise CellError(_("Der Betrag %(value)s ist zu groß.") % {"value": text})
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded != amount:
        raise CellError(_("Beträge haben höchstens zwei Nachkommastellen (%(value)s).") % {"value": text})
    return rounded


def parse_whole_number(value: object, *, what: str) -> int | None:
    """A positive whole number written by the export (a measure's ID or version): 42, 42.0 or "42"."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("„%(value)s“ ist keine gültige %(what)s.") % {"value": value, "what": what})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) < 1 or len(text) > 18:
        raise CellError(_("„%(value)s“ ist keine gültige %(what)s. Bitte übernehmen Sie den Wert aus dem Export "
                          "unverändert oder lassen Sie die Zelle leer.") % {"value": text, "what": what})
    return int(text)


def parse_yes_no(value: object) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = clean_text(value).casefold()
    if not text:
        return False
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    raise CellError(
        _("„%(value)s“ ist nicht erlaubt. Bitte „ja“, „nein“, „x“ oder leer.") % {"value": clean_text(value)}
    )


def parse_colour(value: object) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    if not text.startswith("#"):
        text = "#" + text
    if not _COLOUR.match(text):
        raise CellError(_("„%(value)s“ ist keine Farbe. Bitte als #RRGGBB angeben, z. B. #005a9c.")
                        % {"value": clean_text(value)})
    return text.lower()
