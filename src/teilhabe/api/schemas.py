"""Schemas and field types shared by the API's routers: error answers, ids, plain text, references.

Input is checked with the same validators as the back office forms (teilhabe.core.validators), so every
entry point refuses the same input; a refusal is a 422 that names the field."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from ninja import Field
from pydantic import AfterValidator, BaseModel

from teilhabe.core.validators import validate_no_markup

# Ids are positive 64-bit integers (BigAutoField), versions 32-bit (PositiveIntegerField); larger numbers are
# refused before they reach a query, where PostgreSQL would fail on them.
MAX_ID = 9_223_372_036_854_775_807
MAX_VERSION = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _no_markup(value: str) -> str:
    try:
        validate_no_markup(value)
    except ValidationError as exc:
        raise ValueError(" ".join(str(m) for m in exc.messages)) from None
    return value


class Out(BaseModel):
    """Base of every answer. Endpoints build answers from selector results themselves, so plain pydantic
    models do (ninja's Schema wraps each input in an ORM getter: seconds for the 10,000 measures of a tree)."""


# Text without HTML or script (the same rule as the back office); lengths are set per field with Field().
PlainText = Annotated[str, AfterValidator(_no_markup)]


class ErrorOut(Out):
    """Jede Ablehnung: `detail` ist eine Meldung auf Deutsch oder bei 422 die Fehler je Feld. / Every refusal:
    `detail` is a German message, or for 422 the problems per field."""

    detail: Any = Field(description="Meldung (Text) oder Fehler je Feld (Objekt oder Liste) / "
                                    "message, or the problems per field")


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


class RefOut(Out):
    """Ein verknüpftes Objekt / a related object."""

    id: int
    name: str = Field(description="Anzeigename / display name")


ERRORS_READ: dict[int, type[BaseModel]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
ERRORS_WRITE: dict[int, type[BaseModel]] = {
    400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut,
}
