"""Validators shared by forms, imports and the API, so every entry point refuses the same input."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from teilhabe.core.cleaning import check_text, find_problem

# Amtlicher Gemeindeschlüssel: 2 digits Land, 1 Regierungsbezirk, 2 Kreis, 3 Gemeinde.
AGS_RE = re.compile(r"^\d{8}$")

BUNDESLAENDER: dict[str, tuple[str, str]] = {
    # AGS prefix: (ISO 3166-2 subdivision used by the `holidays` package, German name)
    "01": ("SH", "Schleswig-Holstein"),
    "02": ("HH", "Hamburg"),
    "03": ("NI", "Niedersachsen"),
    "04": ("HB", "Bremen"),
    "05": ("NW", "Nordrhein-Westfalen"),
    "06": ("HE", "Hessen"),
    "07": ("RP", "Rheinland-Pfalz"),
    "08": ("BW", "Baden-Württemberg"),
    "09": ("BY", "Bayern"),
    "10": ("SL", "Saarland"),
    "11": ("BE", "Berlin"),
    "12": ("BB", "Brandenburg"),
    "13": ("MV", "Mecklenburg-Vorpommern"),
    "14": ("SN", "Sachsen"),
    "15": ("ST", "Sachsen-Anhalt"),
    "16": ("TH", "Thüringen"),
}

# Markup is never needed in plain-text fields; refusing it keeps hostile HTML out of every export too.
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|javascript:|&#|<\s*script", re.IGNORECASE)

RESERVED_SLUGS = frozenset(
    {"admin", "api", "static", "media", "konto", "accounts", "plattform", "i18n", "health", "favicon.ico"}
)


def validate_ags(value: str) -> None:
    if not AGS_RE.match(value or ""):
        raise ValidationError(_("Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern."), code="ags_format")
    if value[:2] not in BUNDESLAENDER:
        raise ValidationError(
            _("Die ersten beiden Ziffern des AGS bezeichnen ein Land (01–16); %(prefix)s ist keines.")
            % {"prefix": value[:2]},
            code="ags_land",
        )


def land_for_ags(ags: str) -> str:
    """The ISO subdivision code (e.g. "BW") of the Land an AGS belongs to."""
    return BUNDESLAENDER[ags[:2]][0]


def validate_no_markup(value: str) -> None:
    """Plain text: no markup, and (last line of defence behind forms, API and imports) none of the
    characters teilhabe.core.cleaning refuses in any text (control characters, overrides)."""
    if value and MARKUP_RE.search(value):
        raise ValidationError(
            _("HTML oder Skripte sind hier nicht erlaubt. Bitte geben Sie reinen Text ein."), code="markup"
        )
    if value:
        check_text(value)


# Characters RFC 3986 does not allow unencoded in an address, plus quotes: each of them can end an HTML
# attribute or a Markdown/CSV field early. Whitespace is refused separately.
URL_FORBIDDEN_RE = re.compile(r"[\"'<>\\^`{|}]")
_CHECK_HTTP_URL = URLValidator(schemes=["http", "https"])
MAX_WEB_ADDRESS = 500


def validate_web_address(value: str) -> None:
    """The one check for web addresses people enter (measure links, organisation websites), used by
    forms, the API and imports alike: http or https only, no whitespace, no quotes or angle brackets,
    no markup, no control or bidirectional characters. Whatever passes here exports and imports again."""
    message = _("„%(url)s“ ist keine gültige Adresse (http:// oder https://, ohne Leerzeichen, "
                "Anführungszeichen oder spitze Klammern).")
    problem = find_problem(value or "", multiline=False)
    if problem:  # named by its code point; the address itself is not repeated
        raise ValidationError(problem, code="link")
    if not value or len(value) > MAX_WEB_ADDRESS or any(char.isspace() for char in value) \
            or URL_FORBIDDEN_RE.search(value) or MARKUP_RE.search(value):
        raise ValidationError(message, code="link", params={"url": value[:100]})
    try:
        _CHECK_HTTP_URL(value)
    except ValidationError:
        raise ValidationError(message, code="link", params={"url": value[:100]}) from None


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Diese Kurzbezeichnung ist reserviert."), code="reserved_slug")
