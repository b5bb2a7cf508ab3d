"""What every router of the API shares: the base classes of input and output schemas, the error answers,
ids and text types.

Input: every input schema (request bodies and query parameters alike) derives from `In`. Its one validator
sends every string of every field through `teilhabe.core.cleaning.clean_text` (single-line unless the field
is declared `LongText`/`LongPlainText`), checks plain-text fields with the back office's validator
(`teilhabe.core.validators.validate_no_markup`), and refuses text that is empty once cleaned where a field
requires some. A refusal is a 422 naming the field; no string reaches a query or the database uncleaned.
The OpenAPI schema tells the same rules: every text property gets a `pattern` built from them, so a client
(or schemathesis) can tell valid text from invalid text without sending it.

Output: answers are plain pydantic models (`Out`); every refusal has one of three shapes, declared per status
in each endpoint's `response={…}` (see `errors`)."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from teilhabe.core.cleaning import clean_text
from teilhabe.core.validators import validate_no_markup

# Ids are positive 64-bit integers (BigAutoField), versions 32-bit (PositiveIntegerField); larger numbers are
# refused before they reach a query, where PostgreSQL would fail on them.
MAX_ID = 9_223_372_036_854_775_807
MAX_VERSION = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# The municipality in the path; the URL only matches an existing one (teilhabe.api.urls), else a JSON 404.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Path(description="Kurzbezeichnung der Kommune, z. B. heidelberg / the municipality's slug",
                           pattern=SLUG_PATTERN)]


class Documented:
    """Metadata for `Annotated[…]` that adds keywords to a parameter's JSON schema only, where a rule is
    checked by the endpoint (with its own status) rather than by the schema: `Documented(minimum=1900)`."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        json_schema.update(self.keywords)
        return json_schema


# --- text -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextRules:
    """How a text field is cleaned and checked (see the module docstring). Put it into the field's type with
    the aliases below; a `str` field without it is single-line text without further rules."""

    multiline: bool = False  # keeps tabs and line breaks; allows the bidirectional embeddings and isolates
    plain: bool = False  # no HTML or script (the back office's rule)
    required: bool = False  # more than whitespace
    verbatim: bool = False  # checked, but passed on unchanged (keys and codes the endpoint compares exactly)


Text = Annotated[str, TextRules()]
Key = Annotated[str, TextRules(verbatim=True)]
PlainText = Annotated[str, TextRules(plain=True)]
RequiredPlainText = Annotated[str, TextRules(plain=True, required=True)]
LongPlainText = Annotated[str, TextRules(plain=True, multiline=True)]

# The rules as a regular expression (ECMA 262 and Python alike) for the OpenAPI schema. `clean_text` refuses
# C0 controls but tab, line feed and carriage return, DEL and the C1 controls everywhere (lone surrogates too,
# which no UTF-8 request can carry), and bidirectional controls: in single-line text U+202A–U+202E and
# U+2066–U+2069, in multi-line text the overrides U+202D/U+202E.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_REFUSED_SINGLE = _CONTROLS + r"\u202a-\u202e\u2066-\u2069"
_REFUSED_MULTI = _CONTROLS + r"\u202d\u202e"
# What str.strip() removes (Python's whitespace; the control characters among it are refused anyway).
_SPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# IGNORECASE folds U+017F (long s) to s, U+0130/U+0131 (dotted/dotless I) to i and U+212A (Kelvin) to k.
_S, _I = r"[sS\u017f]", r"[iI\u0130\u0131]"
_CI_SCRIPT = f"{_S}[cC][rR]{_I}[pP][tT]"
_CI_JAVASCRIPT = f"[jJ][aA][vV][aA]{_CI_SCRIPT}"
# teilhabe.core.validators.MARKUP_RE, spelled out without flags and with Python's meaning of \s.
_MARKUP = (f"<[{_SPACE}]*/?[{_SPACE}]*[a-zA-Z\u0130\u0131\u017f\u212a!?][^>]*>|{_CI_JAVASCRIPT}:|&#"
           f"|<[{_SPACE}]*{_CI_SCRIPT}")


def text_pattern(rules: TextRules) -> str:
    """The regular expression a text of these rules matches (the whole value, raw as sent)."""
    refused = _REFUSED_MULTI if rules.multiline else _REFUSED_SINGLE
    pattern = "^"
    if rules.plain:
        pattern += f"(?![\\s\\S]*(?:{_MARKUP}))"
    if rules.required:  # some character that is not whitespace
        return pattern + f"[^{refused}]*[^{refused}{_SPACE}][^{refused}]*$"
    return pattern + f"[^{refused}]*$"


def _rules_in(annotation: Any) -> tuple[TextRules | None, bool]:
    """(the rules, whether it is text at all) of a field type: str, a list of str, optionally null."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        rules, is_text = _rules_in(base)
        found = next((m for m in metadata if isinstance(m, TextRules)), None)
        return (found or rules), is_text
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            rules, is_text = _rules_in(arg)
            if is_text:
                return rules, True
        return None, False
    if origin is list:
        return _rules_in(get_args(annotation)[0])
    return None, annotation is str


def text_rules_of(field: FieldInfo) -> TextRules | None:
    """The rules of a text field (str, list of str; optionally null), None for any other field."""
    rules, is_text = _rules_in(field.annotation)
    if not is_text:
        return None
    found = next((m for m in field.metadata if isinstance(m, TextRules)), None)
    return found or rules or TextRules()


def clean(value: str, rules: TextRules) -> str:
    """A text cleaned and checked by its rules; raises django's ValidationError with a German message."""
    cleaned = clean_text(value, multiline=rules.multiline)
    if rules.plain:
        validate_no_markup(value)
    if rules.required and not cleaned:
        raise ValidationError(_("Dieses Feld darf nicht leer sein."), code="blank")
    return value if rules.verbatim else cleaned


def _describe(prop: dict[str, Any], pattern: str) -> None:
    """Add the pattern to every string in a property's JSON schema (itself, a nullable branch, list items)."""
    if prop.get("type") == "string" and "pattern" not in prop and "enum" not in prop and "format" not in prop:
        prop["pattern"] = pattern
    for key in ("anyOf", "oneOf"):
        for branch in prop.get(key, []):
            _describe(branch, pattern)
    if isinstance(prop.get("items"), dict):
        _describe(prop["items"], pattern)


class In(Schema):
    """Base of every input schema: request bodies and query parameters. Unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        rules = text_rules_of(field) if field is not None else None
        if rules is None:
            return value
        try:
            if isinstance(value, str):
                return clean(value, rules)
            if isinstance(value, list):
                return [clean(item, rules) if isinstance(item, str) else item for item in value]
        except ValidationError as error:
            raise PydanticCustomError("invalid_text", "{message}", {"message": " ".join(error.messages)}) from None
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        target = handler.resolve_ref_schema(json_schema)
        properties = target.get("properties", {})
        for name, field in cls.model_fields.items():
            rules = text_rules_of(field)
            prop = properties.get(field.alias or name)
            if rules is not None and prop is not None:
                _describe(prop, text_pattern(rules))
        return json_schema


class QueryIn(In):
    """Base of query-parameter schemas: cleaned like every input. A parameter the schema does not know is
    refused like an unknown body field (422), so that a misspelt filter (`?edtion=5`) is not silently
    ignored. (An endpoint takes all its query parameters from one such schema.)"""

    @model_validator(mode="after")
    def _no_unknown_parameters(self, info: ValidationInfo) -> QueryIn:
        request = (info.context or {}).get("request")
        unknown = sorted(set(getattr(request, "GET", {})) - set(type(self).model_fields))
        if unknown:
            raise PydanticCustomError("unknown_parameter", "{message}", {
                "parameter": unknown[0][:40],
                "message": _("Unbekannter Parameter: %(names)s.") % {"names": ", ".join(n[:40] for n in unknown[:5])},
            })
        return self


# --- answers --------------------------------------------------------------------------------------------------


class Out(BaseModel):
    """Base of every answer. Endpoints build answers from selector results themselves, so plain pydantic
    models do (ninja's Schema wraps each input in an ORM getter: seconds for the 10,000 measures of a tree)."""


class RefOut(Out):
    """Ein verknüpftes Objekt / a related object."""

    id: int
    name: str = Field(description="Anzeigename / display name")


# --- errors ---------------------------------------------------------------------------------------------------


class ErrorOut(Out):
    """Eine Ablehnung mit einer Meldung auf Deutsch; nichts wurde geschrieben. / A refusal with a German message;
    nothing was written."""

    detail: str = Field(description="Meldung / message")


class ProblemOut(Out):
    """Ein Verstoß gegen das Schema der Anfrage / one way the request does not fit the schema."""

    type: str = Field(description="Art des Fehlers, z. B. missing, string_too_long, invalid_text / kind of problem")
    loc: list[str | int] = Field(description="Ort: body, query oder path, dann Feld (und Position) / "
                                             "where: body, query or path, then the field (and index)")
    msg: str = Field(description="Meldung / message")


class ValidationErrorOut(Out):
    """422: Die Eingabe ist ungültig; nichts wurde geschrieben. Passt die Anfrage nicht zum Schema (falscher
    Typ, zu lang, unzulässige Zeichen, HTML, kein JSON), ist `detail` eine Liste der Verstöße; passt sie, aber
    ihr Inhalt nicht (eine Id, die es in der Kommune nicht gibt; das Ende vor dem Beginn), ordnet `detail`
    jedem Feld seine Meldungen zu. / The input is invalid; nothing was written. A request that does not fit
    the schema gets a list of problems; one that fits but whose content is refused gets messages per field."""

    detail: list[ProblemOut] | dict[str, list[str]] = Field(
        description="Verstöße gegen das Schema (Liste) oder Meldungen je Feld (Objekt) / "
                    "problems with the schema (list) or messages per field (object)")


class ChangeOut(Out):
    at: str = Field(description="Zeitpunkt (ISO 8601) / time")
    by: str | None = Field(description="Benutzername / user name")
    changes: dict[str, Any] = Field(description="Feld → [alt, neu] / field → [old, new]")


class ConflictOut(Out):
    """409: Jemand anderes hat inzwischen gespeichert; nichts wurde geschrieben. / Someone else saved in between;
    nothing was written."""

    detail: str = Field(description="Meldung / message")
    current_version: int = Field(description="Aktuelle Version; 0 = inzwischen gelöscht / current version, "
                                             "0 = deleted meanwhile")
    changes: list[ChangeOut] = Field(description="Änderungen der anderen seit Ihrer Version / "
                                                 "what the others changed since your version")


ErrorStatus = Literal[400, 401, 403, 404, 409, 422]
ERROR_SCHEMAS: dict[int, type[BaseModel]] = {
    400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ValidationErrorOut,
}


def errors(*statuses: ErrorStatus) -> dict[int, type[BaseModel]]:
    """The error answers of an endpoint, for its `response={200: …, **errors(401, 404, 422)}`."""
    return {status: ERROR_SCHEMAS[status] for status in statuses}


# Members reading: anonymous 401, not a member (or an unknown object) 404, bad parameters 422.
ERRORS_READ = errors(401, 404, 422)
# Members changing: also a rule of the plan (400), the role (403, also a missing CSRF token), a concurrent edit (409).
ERRORS_WRITE = errors(400, 401, 403, 404, 409, 422)


def with_api_names(exc: ValidationError, names: Mapping[str, str]) -> ValidationError:
    """A model's or service's ValidationError with the field names of the API (e.g. status → status_id)."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(name, name): errors for name, errors in exc.error_dict.items()})
