"""Cells as statisticians write them: numbers with German or English decimal marks, the special values of
the official statistics (GENESIS, Destatis' "Zeichenerklärung"), flags, units and the spellings of a total."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from teilhabe.monitoring.categories import normalise
from teilhabe.monitoring.models import Observation, Unit

SUPPRESSED = Observation.Flag.SUPPRESSED.value
PROVISIONAL = Observation.Flag.PROVISIONAL.value
ESTIMATED = Observation.Flag.ESTIMATED.value

# What a value cell may hold instead of a number (Destatis, "Zeichenerklärung"; GENESIS flat files).
ZERO, SECRET, SKIP = "zero", "secret", "skip"
SPECIAL_VALUES: dict[str, tuple[str, str]] = {
    "-": (ZERO, "nichts vorhanden (genau null)"),
    "–": (ZERO, "nichts vorhanden (genau null)"),
    ".": (SECRET, "Zahlenwert unbekannt oder geheim zu halten"),
    "/": (SECRET, "keine Angabe, da Zahlenwert nicht sicher genug"),
    "x": (SKIP, "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"),
    "…": (SKIP, "Angabe fällt später an"),
    "...": (SKIP, "Angabe fällt später an"),
}

# Flags in a tidy file's flag column (Open SDG and SDMX spell them as Eurostat does: e = estimated).
TIDY_FLAGS: dict[str, str] = {
    "": "", "p": PROVISIONAL, "v": PROVISIONAL, "vorläufig": PROVISIONAL, "provisional": PROVISIONAL,
    "e": ESTIMATED, "s": ESTIMATED, "geschätzt": ESTIMATED, "estimated": ESTIMATED, "estimate": ESTIMATED,
    "c": SUPPRESSED, "geheim": SUPPRESSED, "gesperrt": SUPPRESSED, "suppressed": SUPPRESSED,
    "confidential": SUPPRESSED, "r": "", "berichtigt": "", "revised": "", "endgültig": "", "final": "", "a": "",
}
# GENESIS' quality column (…__q, value_q): e = endgültiger Wert (final!), v/p = vorläufig, s = geschätzt,
# r = berichtigt; a special value may stand there too.
GENESIS_FLAGS: dict[str, str] = {
    "": "", "e": "", "r": "", "v": PROVISIONAL, "p": PROVISIONAL, "s": ESTIMATED,
    ".": SUPPRESSED, "/": SUPPRESSED, "-": "", "x": "", "…": "", "...": "",
}
# A marker written after a number in a Destatis table: 1 234 p (vorläufig), s (geschätzt), r (berichtigt).
TRAILING_FLAG = re.compile(r"^(.*\d)\s*([psr])$")
TRAILING_FLAGS = {"p": PROVISIONAL, "s": ESTIMATED, "r": ""}

TOTAL_SPELLINGS = frozenset(normalise(t) for t in (
    "", "insgesamt", "gesamt", "zusammen", "summe", "total", "_t", "alle", "all", "insg.", "Deutschland insgesamt"))

_THOUSANDS_DOT = re.compile(r"-?\d{1,3}(\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
MAX_VALUE = Decimal("1e16")  # Observation.value: 20 digits, 4 of them after the point
PLACES = Decimal("0.0001")


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: Decimal | None
    flag: str = ""
    skip: str = ""  # why this cell gives no value at all (x, …)


def parse_number(text: str, *, decimal_comma: bool) -> Decimal:
    """A number as written in a German or an English file: 1234,5 / 1.234,5 / 1234.5 / 1,234.5 / 1 234."""
    raw = text
    if "_" in raw:
        raise CellError(raw)
    try:
        number = Decimal(raw)
    except InvalidOperation:
        t = raw.translate(_SPACES).replace("−", "-")
        if decimal_comma:
            if "," in t:
                t = t.replace(".", "").replace(",", ".")
            elif _THOUSANDS_DOT.fullmatch(t):
                t = t.replace(".", "")
        elif "," in t:
            if _THOUSANDS_COMMA.fullmatch(t):
                t = t.replace(",", "")
            elif t.count(",") == 1 and "." not in t:  # 12,5 typed into a spreadsheet cell as text
                t = t.replace(",", ".")
            else:
                raise CellError(raw) from None
        try:
            number = Decimal(t)
        except InvalidOperation:
            raise CellError(raw) from None
    else:
        if decimal_comma and _THOUSANDS_DOT.fullmatch(raw):
            number = Decimal(raw.replace(".", ""))
    if not number.is_finite():
        raise CellError(raw)
    if abs(number) >= MAX_VALUE:
        raise CellError(_("Der Wert %(value)s ist zu groß.") % {"value": raw})
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        number = number.quantize(PLACES)  # as stored: four decimal places
    return number


def read_value(text: str, *, decimal_comma: bool) -> Cell:
    """A value cell: a number, a special value of the official statistics, or a number with a marker."""
    special = SPECIAL_VALUES.get(text)
    if special is not None:
        meaning, _label = special
        if meaning == ZERO:
            return Cell(Decimal(0))
        if meaning == SECRET:
            return Cell(None, SUPPRESSED)
        return Cell(None, skip=text)
    try:
        return Cell(parse_number(text, decimal_comma=decimal_comma))
    except CellError:
        marked = TRAILING_FLAG.match(text)
        if marked is None:
            raise
        return Cell(parse_number(marked[1], decimal_comma=decimal_comma), TRAILING_FLAGS[marked[2]])


def not_a_number(text: str) -> str:
    return _("„%(value)s“ ist keine Zahl. Erlaubt sind Zahlen wie 1234, 1.234,5 oder 12,5 und die Zeichen der "
             "amtlichen Statistik (- . / x …).") % {"value": text}


# The unit as statisticians write it → its kind.
UNIT_SPELLINGS: dict[str, Unit] = {
    **{normalise(t): Unit.COUNT for t in (
        "Anzahl", "Personen", "Person", "Einwohner", "Einwohnerinnen und Einwohner", "Fälle", "Kinder",
        "Haushalte", "count", "number", "persons", "Anz.", "Stück", "1", "Menschen")},
    **{normalise(t): Unit.PERCENT for t in ("%", "Prozent", "percent", "in %", "v. H.", "vH", "Anteil in %", "Quote")},
    **{normalise(t): Unit.PER_1000 for t in (
        "‰", "Promille", "je 1.000", "je 1000", "je 1.000 Einwohner", "je 1000 Einwohner",
        "je 1.000 Einwohnerinnen und Einwohner", "pro 1.000", "pro 1000", "per 1,000", "per 1000")},
}


def unit_of(text: str) -> Unit | None:
    """The kind of unit a label names ("Personen" → count, "%" → percent, "je 1.000 Einwohner" → per 1,000)."""
    key = normalise(text)
    if key in UNIT_SPELLINGS:
        return UNIT_SPELLINGS[key]
    if key.startswith(("je 1.000", "je 1000", "pro 1.000", "pro 1000")):
        return Unit.PER_1000
    if key.startswith(("anzahl", "personen")):
        return Unit.COUNT
    return None
