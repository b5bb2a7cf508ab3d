"""The API's URLs: ninja's, with a JSON 405 where ninja answers in plain text.

A 404 under /api/ – an unknown municipality (raised by the MunicipalityMiddleware), a path no route
matches, ninja's root view – is JSON through the project's 404 handler (`teilhabe.core.views.page_not_found`).
A method the path does not offer is a JSON 405 with the `Allow` header."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext as _

from teilhabe.api.main import api


def _json(status: int, detail: str, **headers: str) -> HttpResponse:
    response = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name] = value
    return response


def _json_answers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja's 405 (plain text) as JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = response["Allow"]
            return _json(405, _("Diese Methode ist hier nicht erlaubt. Erlaubt: %(allowed)s.") % {"allowed": allowed},
                         Allow=allowed)
        return response

    return wrapped


def _with_json_answers(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern = URLPattern(pattern.pattern, _json_answers(pattern.callback),
                                 pattern.default_args, pattern.name)
        result.append(pattern)
    return result


_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    path("v1/", (_with_json_answers(_patterns), _app_name, _namespace)),
]
