"""One input-cleaning layer for every entry point: forms, API schemas, imports and query strings.

Rules (the same wherever text enters the platform):

* Refused everywhere: NUL and every other C0 control character (U+0000–U+001F) except tab, line feed
  and carriage return; DEL and the C1 controls (U+007F–U+009F); lone surrogates (U+D800–U+DFFF, only
  reachable through JSON), which no database can store.
* Single-line text (names, titles, short fields): tab, line feed, carriage return and the Unicode
  line/paragraph separators (with the spaces around them) are turned into one space; the bidirectional
  embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused – they let
  "Antrag\u202egpj.exe" look like "Antragexe.jpg".
* Multi-line text (descriptions, notes): tab and line breaks stay; of the bidirectional controls only
  the overrides U+202D/U+202E are refused. Embeddings and isolates may be needed for mixed
  Arabic/Persian and German paragraphs.
* The marks U+200E/U+200F (LRM/RLM) and U+061C (ALM) are fine everywhere.
* `clean_text` returns the value normalised to NFC and stripped of leading and trailing whitespace.

`clean_text` raises django's ValidationError with a German (translatable) message; forms attach it to
the field, imports turn it into a problem naming row and column, the API into a 422, query-string
parameters (`clean_query_param`, `request_param`) into a 400.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# C0 controls without tab (09), line feed (0A) and carriage return (0D); DEL; C1 controls.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Line breaks and tabs; in single-line text they become a space.
SINGLE_LINE_SPACE_RE = re.compile("[ ]*[\t\n\r\u2028\u2029][\t\n\r\u2028\u2029 ]*")
# Embeddings, overrides and isolates: refused in single-line text.
BIDI_SINGLE_LINE_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Overrides only: refused in multi-line text too.
BIDI_MULTILINE_RE = re.compile("[\u202d\u202e]")

MESSAGE_CONTROL = _("Die Eingabe enthält ein unzulässiges Steuerzeichen (%(code)s). Bitte entfernen Sie es.")
MESSAGE_SURROGATE = _("Die Eingabe enthält ein ungültiges Zeichen (%(code)s). Bitte entfernen Sie es.")
MESSAGE_BIDI = _(
    "Die Eingabe enthält ein Zeichen zur Umkehr der Schreibrichtung (%(code)s), das in Namen und Titeln "
    "nicht erlaubt ist."
)
MESSAGE_BIDI_MULTILINE = _(
    "Die Eingabe enthält ein Zeichen zur Umkehr der Schreibrichtung (%(code)s). Bitte entfernen Sie es."
)


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _problem(value: str, *, multiline: bool, bidi: bool = True) -> ValidationError | None:
    """The first problem in `value` as a ValidationError (not raised), or None."""
    for pattern, message, code in (
        (CONTROL_RE, MESSAGE_CONTROL, "control_character"),
        (SURROGATE_RE, MESSAGE_SURROGATE, "invalid_character"),
    ):
        match = pattern.search(value)
        if match:
            return ValidationError(message, code=code, params={"code": _code_point(match.group())})
    if bidi:
        pattern, message = ((BIDI_MULTILINE_RE, MESSAGE_BIDI_MULTILINE) if multiline
                            else (BIDI_SINGLE_LINE_RE, MESSAGE_BIDI))
        match = pattern.search(value)
        if match:
            return ValidationError(message, code="bidi_control", params={"code": _code_point(match.group())})
    return None


def find_problem(value: str, *, multiline: bool) -> str | None:
    """The (translated) message for the first forbidden character in `value`, or None if it is clean."""
    error = _problem(value, multiline=multiline)
    return error.messages[0] if error is not None else None


def visible(value: str) -> str:
    """`value` with every character the single-line rules refuse replaced by U+FFFD, for messages that
    quote refused input (a lone surrogate could not even be sent as UTF-8)."""
    for pattern in (CONTROL_RE, SURROGATE_RE, BIDI_SINGLE_LINE_RE):
        value = pattern.sub("\ufffd", value)
    return value


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` checked and normalised (NFC, stripped; single-line: line breaks and tabs as one space).

    Raises ValidationError naming the first forbidden character (see the module docstring)."""
    error = _problem(value, multiline=multiline)
    if error is not None:
        raise error
    value = unicodedata.normalize("NFC", value)
    if not multiline:
        value = SINGLE_LINE_SPACE_RE.sub(" ", value)
    return value.strip()


def check_text(value: str) -> None:
    """Validator for model fields (last line of defence): the rules for multi-line text, no changes.

    Single-line rules (bidi embeddings and isolates) are the job of forms, API and imports, which know
    which kind of field they fill."""
    error = _problem(value, multiline=True)
    if error is not None:
        raise error


def clean_query_param(value: str | None) -> str:
    """A GET/POST filter value (search box, key): control characters refused, whitespace stripped.

    Bidirectional marks are harmless in a search and left alone. Raises ValidationError; the caller
    answers 400 (see `request_param`)."""
    if value is None:
        return ""
    error = _problem(value, multiline=False, bidi=False)
    if error is not None:
        raise error
    return SINGLE_LINE_SPACE_RE.sub(" ", value).strip()


def request_param(request: HttpRequest, name: str, data: Mapping[str, Any] | None = None) -> str:
    """The cleaned parameter `name` of `data` (default: request.GET).

    A forbidden character raises BadRequest (handler400 answers 400); the German message is shown on
    the error page through the messages framework."""
    source = request.GET if data is None else data
    raw = source.get(name)
    try:
        return clean_query_param(None if raw is None else str(raw))
    except ValidationError as error:
        message = gettext("Der Parameter „%(name)s“ ist ungültig: %(problem)s") % {
            "name": name, "problem": error.messages[0]}
        messages.error(request, message, fail_silently=True)
        raise BadRequest(message) from error


def check_query(request: HttpRequest) -> None:
    """Every value of every GET parameter through clean_query_param (for list pages whose filters reach
    the database); a forbidden character raises BadRequest as in `request_param`."""
    for name in request.GET:
        for value in request.GET.getlist(name):
            if _problem(value, multiline=False, bidi=False) is not None:
                request_param(request, name, {name: value})
