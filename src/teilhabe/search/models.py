"""The search index: one row per searchable thing and language, written by the domain apps through
teilhabe.search.services (never directly). The full-text machinery lives beside the table and is kept up to
date by the database itself (see migrations/0001_initial.py and docs/search.md):

- PostgreSQL: a generated column `search_vector` (tsvector, title weighted A, body B) built with the text
  search configuration of the row's language (`german` for de, `arabic` for ar, …, `simple` where
  PostgreSQL has no stemmer), and a GIN index on it;
- SQLite: an FTS5 table `search_searchdocument_fts` over title and body (external content, kept by triggers).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import TenantModel


class SearchDocument(TenantModel):
    kind = models.CharField(_("Art"), max_length=30)
    object_id = models.BigIntegerField()
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    title = models.CharField(_("Titel"), max_length=500)
    body = models.TextField(_("Text"), blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "object_id", "language"],
                                    name="searchdocument_unique"),
        ]
        indexes = [models.Index(fields=["municipality", "language", "kind"])]

    def __str__(self) -> str:
        return self.title
