"""Proposed changes waiting for Koordination: one `Revision` per proposal, of any kind of content.

A revision names its object by content type (the model's label, e.g. "directory.organisationprofile") and id,
carries the proposed values as JSON (what the owning app's applier understands), who proposed it and when, and
its state. Nothing is ever deleted: a published, returned or superseded revision stays as the history of the
object beside the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Organisation, TenantModel, User


class Revision(TenantModel):
    class State(models.TextChoices):
        PENDING = "pending", _("wartet auf Freigabe")
        PUBLISHED = "published", _("veröffentlicht")
        RETURNED = "returned", _("zurückgegeben")
        SUPERSEDED = "superseded", _("ersetzt durch eine neuere Fassung")

    content_type = models.CharField(max_length=100)  # the model's label_lower; the key of its applier
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    # The organisation whose editor proposed it: its editors see the revision and the comment on it.
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    values: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    base_values: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)  # the object when proposed
    base_version = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    comment = models.TextField(_("Kommentar"), blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Änderung zur Freigabe")
        verbose_name_plural = _("Änderungen zur Freigabe")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "content_type", "object_id"]),
                   models.Index(fields=["municipality", "state"])]

    def __str__(self) -> str:
        return f"{self.object_label} ({self.created_at:%d.%m.%Y %H:%M})"

    def responsible_org_unit_ids(self) -> set[int]:
        return set()

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id} if self.organisation_id else set()
