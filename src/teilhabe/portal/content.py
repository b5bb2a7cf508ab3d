"""Content fields of the portal in the reader's language: the views call `localized` on what they show, the
templates read it with the `tr`, `tr_attrs` and `tr_fallback` filters (portal_tags)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

from teilhabe.core.i18n import FALLBACK_LANGUAGE, content_language_of
from teilhabe.core.tenancy import TenantRequest
from teilhabe.translations.selectors import localize_all

M = TypeVar("M", bound=models.Model)


def localized(request: TenantRequest, objects: Iterable[M]) -> list[M]:
    """Put the translations of `objects` (registered models) in the reader's language on them: two queries for
    any number of objects, none for a German reader (the stored text is German)."""
    items = list(objects)
    code = content_language_of(request).code
    if items and code != FALLBACK_LANGUAGE:
        localize_all(request.municipality, items, code)
    return items
