"""The visitor's content language on a municipality's portal, resolved once per request."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language

from teilhabe.core.i18n import FALLBACK_LANGUAGE, Language, content_language, language

_ATTR = "_teilhabe_content_language"


def content_language_of(request: HttpRequest) -> Language:
    cached: Language | None = getattr(request, _ATTR, None)
    if cached is not None:
        return cached
    municipality = getattr(request, "municipality", None)
    enabled = municipality.content_languages if municipality is not None else [FALLBACK_LANGUAGE]
    result = language(content_language(request, enabled))
    setattr(request, _ATTR, result)
    return result


def ui_language() -> str:
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]
