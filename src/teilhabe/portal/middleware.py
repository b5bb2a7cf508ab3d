"""The portal's interface speaks the visitor's language.

Django's LocaleMiddleware has chosen a staff language (settings.LANGUAGES: German or English) for every
request. On a portal page (URL namespace "portal"), this middleware activates the page's language instead —
one the municipality's portal offers, whose interface catalogue is complete enough — so an Arabic page has
an Arabic interface. Back office, API, account and platform pages are never touched: they stay German or
English. Error pages of the portal do the same in teilhabe.core.views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from teilhabe.core.i18n import activate_portal_language

_ACTIVATED = "_teilhabe_portal_language"


class PortalLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = translation.get_language()
        response = self.get_response(request)
        code = getattr(request, _ACTIVATED, None)
        if code:
            response.headers["Content-Language"] = code
            if before:
                translation.activate(before)
            else:
                translation.deactivate()
        return response

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any,
                     view_kwargs: dict[str, Any]) -> None:
        match = request.resolver_match
        if match is None or "portal" not in match.namespaces or getattr(request, "municipality", None) is None:
            return
        setattr(request, _ACTIVATED, activate_portal_language(request))
