"""The platform's own pages: the list of municipalities and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.models import Municipality


def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.order_by("name")
    return render(request, "core/home.html", {"municipalities": municipalities})


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "core/error.html", {"status": status, "title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Keine Berechtigung", "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "Seite nicht gefunden", "Diese Seite gibt es nicht (mehr).")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "Fehler", "Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.")
