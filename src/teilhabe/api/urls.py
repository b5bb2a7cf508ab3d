"""The API's URLs: ninja's, plus JSON answers where Django would otherwise render an HTML page.

* An API path only matches a municipality that exists (the `tenant` converter). Any other path under
  /api/ – an unknown municipality, an unknown path – reaches the catch-all below: a JSON 404. (For an
  unknown slug the MunicipalityMiddleware would raise Http404, which Django answers with the HTML error page.)
* A method the path does not offer is a JSON 405 with the `Allow` header (ninja answers in plain text), and
  /api/v1/ itself (ninja's root view, which raises Http404) a JSON 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path, register_converter
from django.utils.translation import gettext as _

from teilhabe.api.main import api
from teilhabe.core.models import Municipality


class TenantConverter:
    """The slug of an existing municipality (one indexed query; the middleware then loads it)."""

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        if not Municipality.objects.filter(slug=value).exists():
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TenantConverter, "tenant")  # before api.urls builds the routes that use it


def _json(status: int, detail: str, **headers: str) -> HttpResponse:
    response = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name] = value
    return response


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _json(404, _("Nicht gefunden."))


not_found.csrf_exempt = True  # type: ignore[attr-defined]


def _json_answers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja's 405 (plain text) and a 404 raised outside an operation (its root view) as JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found(request)
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
    re_path(r"^(?P<rest>[\s\S]*)$", not_found),  # [\s\S]: a path may hold a line break (%0A)
]
