"""The categories of each dimension: a standard vocabulary for sex, nationality and migration background
(as German statistics publish them, with the spellings GENESIS and the Länder monitoring use), plus the
categories a municipality defines itself (age groups, districts: models.Category).

Observations store category codes; tidy CSV shows each category's label, so that an export imports again
into the same series."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from teilhabe.monitoring.models import Category, Dimension


@dataclass(frozen=True)
class CategoryDef:
    code: str
    label: str
    aliases: tuple[str, ...] = ()


STANDARD: dict[str, tuple[CategoryDef, ...]] = {
    Dimension.SEX: (
        CategoryDef("female", "weiblich", ("w", "f", "frauen", "female", "weibl.", "GESW")),
        CategoryDef("male", "männlich", ("m", "männer", "maennlich", "male", "männl.", "GESM")),
        CategoryDef("diverse", "divers", ("d", "diverse", "GESD")),
        CategoryDef("unknown", "ohne Angabe", ("o. a.", "unbekannt", "GESX")),
    ),
    Dimension.NATIONALITY: (
        CategoryDef("german", "deutsch", ("deutsche", "deutschland", "NATD", "NAT1")),
        CategoryDef("foreign", "nichtdeutsch", ("ausländer", "ausländisch", "auslaender", "nicht deutsch",
                                                "ausländer/-innen", "NATA", "NAT2")),
    ),
    Dimension.MIGRATION: (
        CategoryDef("with", "mit Migrationshintergrund", ("mit", "mit mh", "mh")),
        CategoryDef("without", "ohne Migrationshintergrund", ("ohne", "ohne mh")),
    ),
    Dimension.AGE: (),
    Dimension.DISTRICT: (),
}


def normalise(text: str) -> str:
    """Case-, space- and NBSP-insensitive form used to compare spellings."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().casefold()


@dataclass
class Vocabulary:
    """Lookup of every known spelling per dimension, and each code's label."""

    spellings: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension → normalised → code
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension → code → label
    order: dict[str, list[str]] = field(default_factory=dict)  # dimension → codes in display order

    def add(self, dimension: str, code: str, label: str, aliases: Iterable[str] = ()) -> None:
        spellings = self.spellings.setdefault(dimension, {})
        for spelling in (code, label, *aliases):
            spellings.setdefault(normalise(spelling), code)
        if code not in self.labels.setdefault(dimension, {}):
            self.labels[dimension][code] = label
            self.order.setdefault(dimension, []).append(code)

    def code_for(self, dimension: str, text: str) -> str | None:
        return self.spellings.get(dimension, {}).get(normalise(text))

    def label_of(self, dimension: str, code: str) -> str:
        return self.labels.get(dimension, {}).get(code, code)


def vocabulary() -> Vocabulary:
    """The standard vocabulary and the current municipality's own categories (one query)."""
    vocab = Vocabulary()
    for dimension, defs in STANDARD.items():
        for d in defs:
            vocab.add(dimension, d.code, d.label, d.aliases)
    for category in Category.objects.order_by("dimension", "position", "label"):
        vocab.add(category.dimension, category.code, category.label, category.aliases or [])
    return vocab


def breakdown_key(breakdown: dict[str, str]) -> str:
    """Canonical text of a breakdown: "nationality=foreign|sex=female"; "" is the total."""
    return "|".join(f"{dim}={breakdown[dim]}" for dim in sorted(breakdown))


def parse_breakdown_key(key: str) -> dict[str, str]:
    if not key:
        return {}
    return dict(part.split("=", 1) for part in key.split("|"))
