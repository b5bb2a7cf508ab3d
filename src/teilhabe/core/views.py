"""The platform's own pages: the list of municipalities and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.models import Municipality


def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.order_by("name")
    return render(request, "core/home.html", {"municipalities": municipalities})


def _error(request: HttpRequest, status: int) -> HttpResponse:
    """Titles and texts per status live in core/error.html, translated."""
    return render(request, "core/error.html", {"status": status}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)
