"""The REST API (django-ninja): one router per domain, mounted under /api/v1/<municipality>/…

Domain errors become clear JSON answers with the right status, never a 500."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from teilhabe.calendar.api import router as calendar_router
from teilhabe.core.errors import ConcurrentEdit, ServiceError

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description="REST-API von Teilhabe. Pfade unter /api/v1/{municipality}/ enthalten die Kurzbezeichnung "
    "der Kommune. Schreibende Aufrufe verlangen eine Anmeldung (Sitzung) und das CSRF-Token.",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", calendar_router)


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
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Keine Berechtigung."}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Nicht gefunden."}, status=404)
api.add_router("/", "teilhabe.api.plans.router")
