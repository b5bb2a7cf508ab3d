"""The REST API (django-ninja): one router per domain, mounted under /api/v1/…

Interface code lives here, in the api app, one package per domain: `<domain>/schemas.py` (what goes over the
wire) and `<domain>/endpoints.py` (the router: parse, call selectors or services, answer). The domain apps
hold no interface code.

Every refusal is JSON with a `detail`, with the status and body declared in the OpenAPI schema (see
teilhabe.api.schemas.errors), never an HTML page and never a 500:

| status | shape            | raised as                                                                     |
|--------|------------------|-------------------------------------------------------------------------------|
| 400    | ErrorOut         | ServiceError (a rule of the plan), HttpError(400) (calendar parameters)       |
| 401    | ErrorOut         | not logged in (teilhabe.api.auth)                                             |
| 403    | ErrorOut         | PermissionDenied / NotAllowed, CSRF token missing                             |
| 404    | ErrorOut         | Http404: unknown municipality (teilhabe.api.urls), object, or not a member    |
| 405    | ErrorOut         | a method the path does not offer (teilhabe.api.urls), with `Allow`            |
| 409    | ConflictOut      | ConcurrentEdit                                                                |
| 422    | ValidationErrorOut | the request does not fit the schema (a list of problems), the body is no JSON, |
|        |                  | or django's ValidationError from the endpoint or a service (messages per field) |
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser

from teilhabe.api.calendar.endpoints import router as calendar_router
from teilhabe.api.directory.endpoints import router as directory_router
from teilhabe.api.directory.offers_endpoints import router as offers_router
from teilhabe.api.monitoring.endpoints import router as monitoring_router
from teilhabe.api.participation.endpoints_bodies import router as participation_bodies_router
from teilhabe.api.participation.endpoints_chronicle import router as participation_chronicle_router
from teilhabe.api.participation.endpoints_prioritisation import router as participation_prioritisation_router
from teilhabe.api.participation.endpoints_proposals import router as participation_proposals_router
from teilhabe.api.plans.endpoints import router as plans_router
from teilhabe.api.reporting.endpoints import router as reporting_router
from teilhabe.api.search.endpoints import router as search_router
from teilhabe.core.errors import ConcurrentEdit, ServiceError


class BodyNotJson(ValueError):
    """The request body is not JSON (or not UTF-8)."""


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return json.loads(request.body)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise BodyNotJson(str(error)) from error


api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description="REST-API von Teilhabe. Pfade unter /api/v1/{municipality}/ enthalten die Kurzbezeichnung "
    "der Kommune. Schreibende Aufrufe verlangen eine Anmeldung (Sitzung) und das CSRF-Token. Jede Ablehnung "
    "ist JSON mit `detail`; die möglichen Status stehen bei jedem Aufruf.",
    urls_namespace="api",
    docs_url="/docs",
    parser=JsonParser(),
)
api.add_router("/", calendar_router)
api.add_router("/", plans_router)
api.add_router("/", reporting_router)
api.add_router("/", monitoring_router)
api.add_router("/", directory_router)
api.add_router("/", offers_router)
api.add_router("/", search_router)
api.add_router("/", participation_bodies_router)
api.add_router("/", participation_proposals_router)
api.add_router("/", participation_prioritisation_router)
api.add_router("/", participation_chronicle_router)


def _answer(request: HttpRequest, status: int, detail: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def problem(kind: str, loc: list[str | int], msg: str) -> dict[str, Any]:
    return {"type": kind, "loc": loc, "msg": msg}


def _location(error: dict[str, Any]) -> list[str | int]:
    if error.get("type") == "unknown_parameter":  # raised for the whole query schema; name the parameter
        return ["query", str(error.get("ctx", {}).get("parameter", ""))]
    return [p if isinstance(p, int) else str(p) for p in error.get("loc", ())]


@api.exception_handler(SchemaError)
def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    """The request does not fit the schema: each problem with where it is, what kind, and a message."""
    return _answer(request, 422, [
        problem(str(e.get("type", "")), _location(e), str(e.get("msg", ""))) for e in exc.errors
    ])


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, BodyNotJson):  # ninja's "Cannot parse request body"
        return _answer(request, 422, [problem("json_invalid", ["body"], _("Der Inhalt ist kein gültiges JSON."))])
    return _answer(request, exc.status_code, str(exc))


@api.exception_handler(ConcurrentEdit)
def concurrent_edit(request: HttpRequest, exc: ConcurrentEdit) -> HttpResponse:
    return api.create_response(request, {
        "detail": exc.message,
        "current_version": exc.current_version,
        "changes": [
            {"at": e.at.isoformat(), "by": str(e.actor) if e.actor else None, "changes": e.changes}
            for e in exc.entries
        ],
    }, status=409)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _answer(request, 400, exc.message)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _answer(request, 422, detail)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _answer(request, 403, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _answer(request, 404, _("Nicht gefunden."))
