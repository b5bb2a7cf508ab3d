"""„Meinten Sie …?“: a lead or partner name in a file that is not known but close to an existing org unit or
organisation ("Kinder und Jugendamt" for "Kinder- und Jugendamt") is offered as that one in the preview,
instead of being created as a new organisation of kind "Sonstige".

Names are compared after normalising case, whitespace, hyphens and punctuation, and umlaut spelling
(ä = ae, ß = ss); the similarity is rapidfuzz's ratio (0–100) of the normalised names, and a name is
offered from SUGGESTION_THRESHOLD up. The choice per name is "existing" (use the suggested one) or
"unit:<kind>" / "org:<kind>" (create a new org unit or organisation of that kind)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans.exchange.actors import kind_label
from teilhabe.plans.exchange.problems import Ref

SUGGESTION_THRESHOLD = 88.0
MIN_LENGTH = 4  # shorter names (AWO, VHS) are too easily close to others
USE_EXISTING = "existing"

_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))
_SEPARATORS = re.compile(r"[\-‐‑‒–—_/.,;:()\"'„“”‚‘’]+")


def loose(name: str) -> str:
    """The key names are compared by here: "Kinder- und Jugendamt" = "kinder und jugendamt"."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for umlaut, plain in _UMLAUTS:
        text = text.replace(umlaut, plain)
    text = _SEPARATORS.sub(" ", text)
    return " ".join(text.split())


@dataclass
class Suggestion:
    """An unknown name and the existing org unit or organisation it is probably meant as."""

    name: str  # as written in the file (first occurrence)
    existing: OrgUnit | Organisation
    score: float
    new_is_org_unit: bool  # what a new one would be, guessed from the name
    new_kind: str
    choice: str = USE_EXISTING
    refs: list[Ref] = field(default_factory=list)

    @property
    def existing_label(self) -> str:
        return self.existing.name

    @property
    def existing_kind_label(self) -> str:
        return kind_label(isinstance(self.existing, OrgUnit), self.existing.kind)

    @property
    def new_choice(self) -> str:
        return choice_value(self.new_is_org_unit, self.new_kind)

    @property
    def options(self) -> list[tuple[str, str]]:
        """(value, label) of every choice: the existing one first, then "new" of every kind, the guessed first."""
        from django.utils.translation import gettext as _

        options = [(USE_EXISTING, _("„%(name)s“ verwenden (%(kind)s)") % {
            "name": self.existing_label, "kind": self.existing_kind_label})]
        kinds = [(True, k.value) for k in OrgUnit.Kind] + [(False, k.value) for k in Organisation.Kind]
        kinds.sort(key=lambda item: choice_value(*item) != self.new_choice)
        for is_org_unit, kind in kinds:
            area = _("Verwaltungseinheit") if is_org_unit else _("Organisation")
            options.append((choice_value(is_org_unit, kind), _("neu anlegen: %(area)s, %(kind)s") % {
                "area": area, "kind": kind_label(is_org_unit, kind)}))
        return options

    @property
    def rows(self) -> str:
        return ", ".join(ref.where for ref in self.refs)


def choice_value(is_org_unit: bool, kind: str) -> str:
    return f"{'unit' if is_org_unit else 'org'}:{kind}"


def parse_choice(value: str) -> tuple[bool, str] | None:
    """(is_org_unit, kind) of a "create new" choice; None for "use existing" or anything unknown."""
    area, _sep, kind = value.partition(":")
    if area == "unit" and kind in OrgUnit.Kind.values:
        return True, kind
    if area == "org" and kind in Organisation.Kind.values:
        return False, kind
    return None


class Candidates:
    """The municipality's org units and organisations, by loose name, for suggestions."""

    def __init__(self, units: Iterable[OrgUnit], organisations: Iterable[Organisation]) -> None:
        self.by_key: dict[str, OrgUnit | Organisation] = {}
        everyone: list[OrgUnit | Organisation] = [*units, *organisations]
        for obj in everyone:
            self.by_key.setdefault(loose(obj.name), obj)
        self.keys = list(self.by_key)

    def best(self, name: str) -> tuple[OrgUnit | Organisation, float] | None:
        key = loose(name)
        if len(key) < MIN_LENGTH or not self.keys:
            return None
        if key in self.by_key:
            return self.by_key[key], 100.0
        found = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=SUGGESTION_THRESHOLD)
        if found is None:
            return None
        return self.by_key[found[0]], float(found[1])


def chosen(choices: Mapping[str, str] | None, key: str) -> str:
    """The choice for a name (by planning's key); without choices the suggestion is taken."""
    if not choices:
        return USE_EXISTING
    return choices.get(key, USE_EXISTING)


__all__ = ["USE_EXISTING", "Candidates", "Suggestion", "choice_value", "chosen", "loose", "parse_choice"]
