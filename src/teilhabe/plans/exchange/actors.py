"""Who is named in a file: names are matched ignoring case and spacing; unknown ones get a kind guessed
from the name (an office of the administration, or an outside organisation of some kind)."""

from __future__ import annotations

import re

from django.utils import translation

from teilhabe.core.models import Organisation, OrgUnit

# Names that start like an office of the administration become org units; everything else an organisation.
_OFFICE_PREFIX = re.compile(
    r"^(amt|ämter|fachbereich|fachdienst|referat|dezernat|stabsstelle|abteilung|sachgebiet|bürgeramt|"
    r"bürgerbüro|stadtverwaltung|kreisverwaltung|gemeindeverwaltung|oberbürgermeister|bürgermeister|"
    r"integrationsbüro|büro für|geschäftsstelle|eigenbetrieb)\b",
    re.IGNORECASE,
)
_OFFICE_WORD = re.compile(r"^\w+amt$", re.IGNORECASE)  # Jugendamt, Sozialamt, Ordnungsamt …
_UNIT_KIND = [
    (re.compile(r"^dezernat\b", re.I), OrgUnit.Kind.DEZERNAT),
    (re.compile(r"^(abteilung|sachgebiet)\b", re.I), OrgUnit.Kind.ABTEILUNG),
    (re.compile(r"^stabsstelle\b", re.I), OrgUnit.Kind.STABSSTELLE),
    (re.compile(r"^eigenbetrieb\b", re.I), OrgUnit.Kind.EIGENBETRIEB),
]
_ORGANISATION_KIND = [
    (re.compile(r"\b(jobcenter|agentur für arbeit|ausländerbehörde|polizei|landratsamt|regierungspräsidium|"
                r"bundesamt|landesamt|staatliches schulamt|gericht)\b|gericht$", re.I), Organisation.Kind.AUTHORITY),
    (re.compile(r"\b(caritas|diakonie|diakonisches werk|awo|arbeiterwohlfahrt|drk|deutsches rotes kreuz|"
                r"paritätische|der paritätische|zwst|wohlfahrt)", re.I), Organisation.Kind.WELFARE),
    (re.compile(r"\b(volkshochschule|vhs|bildungsträger|bildungswerk|hochschule|universität|schule)\b", re.I),
     Organisation.Kind.EDUCATION),
    (re.compile(r"\b(moschee|kirche|kirchengemeinde|synagoge|jüdische gemeinde|gemeinde \w+ glaubens)\b", re.I),
     Organisation.Kind.RELIGIOUS),
    (re.compile(r"\b(gmbh|ag|kg|ohg|unternehmen|ihk|handwerkskammer)\b", re.I), Organisation.Kind.COMPANY),
    (re.compile(r"\b(migrantenorganisation|migrantenselbstorganisation|mso)\b", re.I), Organisation.Kind.MSO),
    (re.compile(r"\b(e\.\s?v\.|verein|förderverein)", re.I), Organisation.Kind.ASSOCIATION),
]


def norm(text: str) -> str:
    """The key names are compared by: case and whitespace do not matter."""
    return " ".join(text.split()).casefold()


def looks_like_office(name: str) -> bool:
    name = name.strip()
    if _ORGANISATION_KIND[0][0].search(name):  # Jobcenter, Ausländerbehörde: an authority, not our office
        return False
    return bool(_OFFICE_PREFIX.match(name) or _OFFICE_WORD.match(name))


def guess_org_unit_kind(name: str) -> str:
    for pattern, kind in _UNIT_KIND:
        if pattern.search(name):
            return kind
    return OrgUnit.Kind.AMT


def guess_organisation_kind(name: str) -> str:
    for pattern, kind in _ORGANISATION_KIND:
        if pattern.search(name):
            return kind
    return Organisation.Kind.OTHER


def kind_label(is_org_unit: bool, kind: str) -> str:
    with translation.override("de"):
        choices = OrgUnit.Kind if is_org_unit else Organisation.Kind
        return str(choices(kind).label)


def match_kind(is_org_unit: bool, text: str) -> str | None:
    """A kind given as its German label or its code."""
    wanted = norm(text)
    choices = OrgUnit.Kind if is_org_unit else Organisation.Kind
    with translation.override("de"):
        for choice in choices:
            if wanted in {norm(str(choice.label)), norm(choice.value)}:
                return choice.value
    return None
