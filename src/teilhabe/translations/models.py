"""The language tree of a municipality and translated values of other apps' content.

German is the source. Every other enabled language translates from its parent (default German): de → en → ti.
A translated value is stored per (content type, object id, language, field) with the hash of the text it was
translated from (the parent language's text at that moment), so its state follows: missing (no row),
outdated (the source has changed since) or up to date. See docs/translations.md."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import TenantModel, Versioned


class LanguageParent(TenantModel, Versioned):
    """The language `language` is translated from `parent` in this municipality. No row: from German."""

    language = models.CharField(_("Sprache"), max_length=10)
    parent = models.CharField(_("übersetzt aus"), max_length=10, default="de")

    class Meta:
        verbose_name = _("Sprachbaum-Eintrag")
        verbose_name_plural = _("Sprachbaum")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "language"], name="languageparent_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.parent} → {self.language}"


class Translation(TenantModel, Versioned):
    """One field of one object in one language, and the source text's hash it was translated from."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    field = models.CharField(max_length=60)
    value = models.TextField(blank=True)
    source_hash = models.CharField(max_length=64, blank=True)
    translator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    translated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language", "field"],
                                    name="translation_unique"),
        ]
        indexes = [models.Index(fields=["municipality", "content_type", "language"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.field}@{self.language}"


__all__ = ["LanguageParent", "Translation"]
