"""The tenant (Municipality), its administration (OrgUnit), outside actors (Organisation),
users with a role per municipality (Membership) and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.roles import Role
from teilhabe.core.validators import (
    BUNDESLAENDER,
    validate_ags,
    validate_no_markup,
    validate_slug_not_reserved,
)

PLAIN_TEXT = [validate_no_markup]


class Municipality(models.Model):
    """A Kommune: the tenant. Everything else belongs to exactly one."""

    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    slug = models.SlugField(
        _("Kurzbezeichnung"),
        max_length=60,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Erscheint in allen Adressen, z. B. /heidelberg/."),
    )
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel (AGS)"), max_length=8, validators=[validate_ags])
    land = models.CharField(
        _("Bundesland"), max_length=2, choices=[(code, name) for code, name in BUNDESLAENDER.values()]
    )
    languages = models.JSONField(
        _("Sprachen des Portals"),
        default=list,
        blank=True,
        help_text=_("Sprachcodes der Inhalte des Portals, z. B. de, en, ar, tr, uk."),
    )
    is_demo = models.BooleanField(_("Demodaten"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def content_languages(self) -> list[str]:
        langs = list(self.languages or [])
        return langs if "de" in langs else ["de", *langs]


class TenantQuerySet(models.QuerySet):
    def of(self, municipality: Municipality) -> TenantQuerySet:
        return self.filter(municipality=municipality)


_TenantManagerBase = models.Manager.from_queryset(TenantQuerySet)

if TYPE_CHECKING:
    class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
        """What mypy's Django plugin sees; at run time the class below, with the scope check."""
else:
    class TenantManager(type(ScopedManager(_manager_class=_TenantManagerBase, municipality="municipality"))):
        """django-scopes' manager as a named class: queries need a municipality scope (see TenantModel)."""


class TenantModel(models.Model):
    """Base of every tenant-owned model: the municipality is a column on each, so that every selector
    filters on it directly and no query can reach another tenant's rows by a join.

    Its manager is scoped (django-scopes): a query outside a municipality scope raises ScopeError, and
    inside one it only sees that municipality's rows (see teilhabe.core.tenancy)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")

    objects = TenantManager()

    class Meta:
        abstract = True


class RenderedDocument(TenantModel):
    """A document rendered in the background and kept by a hash of what it says (`content_key`): asking again
    for the same content serves the file, a change of content makes a new row. The implementation report
    (reporting.ReportDocument) and the monitoring report (monitoring.MonitoringDocument) are such documents;
    each adds its own formats, options and `file` (for its folder), and renders in its own task."""

    STALE_AFTER = dt.timedelta(minutes=10)  # pending longer than this: the worker died, a retry is offered

    class State(models.TextChoices):
        PENDING = "pending", _("wird erstellt")
        READY = "ready", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    content_key = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(upload_to="documents/", max_length=300, blank=True)  # each kind: its own folder
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


    @property
    def file_lost(self) -> bool:
        """READY, but its file has gone from the storage: it must be rendered again."""
        return self.state == self.State.READY and not self.file.storage.exists(self.file.name or "")

    def can_retry(self, now: dt.datetime | None = None) -> bool:
        if self.state == self.State.FAILED:
            return True
        return self.state == self.State.PENDING and (now or timezone.now()) - self.created_at > self.STALE_AFTER

    def restart(self) -> None:
        """Pending again (the caller enqueues its render)."""
        type(self).objects.filter(pk=self.pk).update(state=self.State.PENDING, error="", created_at=timezone.now())
        self.refresh_from_db()

    def record_failure(self, error: BaseException) -> None:
        """Kept on the row with its message: the page shows it and offers a retry."""
        type(self).objects.filter(pk=self.pk).update(
            state=self.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now())
        self.refresh_from_db()

    def keep(self, name: str, data: bytes) -> None:
        """Store the rendered file: READY."""
        self.file.save(name, ContentFile(data), save=False)
        self.size = len(data)
        self.state = self.State.READY
        self.error = ""
        self.finished_at = timezone.now()
        self.save(update_fields=["file", "size", "state", "error", "finished_at"])

    def drop(self) -> None:
        """Delete the row and its file."""
        self.file.delete(save=False)
        self.delete()


class Versioned(models.Model):
    """Optimistic locking: a save names the version it started from; a mismatch is a concurrent edit
    (see teilhabe.core.versioning). Every object a person edits in a form is Versioned."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class OrgUnit(TenantModel, Versioned):
    """Verwaltungseinheit: Dezernat → Amt → Abteilung, as a tree."""

    class Kind(models.TextChoices):
        DEZERNAT = "dezernat", _("Dezernat")
        AMT = "amt", _("Amt / Fachbereich")
        ABTEILUNG = "abteilung", _("Abteilung / Sachgebiet")
        STABSSTELLE = "stabsstelle", _("Stabsstelle")
        EIGENBETRIEB = "eigenbetrieb", _("Eigenbetrieb / Gesellschaft")

    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    short_name = models.CharField(_("Kürzel"), max_length=40, blank=True, validators=PLAIN_TEXT)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.AMT)
    parent = models.ForeignKey(
        "self", verbose_name=_("übergeordnet"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("Verwaltungseinheit")
        verbose_name_plural = _("Verwaltungseinheiten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="orgunit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TenantModel, Versioned):
    """Akteur outside the administration: Verein, MSO, Wohlfahrtsverband, …"""

    class Kind(models.TextChoices):
        MSO = "mso", _("Migrantenorganisation")
        WELFARE = "welfare", _("Wohlfahrtsverband")
        ASSOCIATION = "association", _("Verein")
        EDUCATION = "education", _("Bildungsträger")
        AUTHORITY = "authority", _("Behörde")
        COMPANY = "company", _("Unternehmen")
        RELIGIOUS = "religious", _("Religionsgemeinschaft")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("Website"), blank=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person. Platform administrators are superusers; everyone else acts through a Membership."""

    class Meta:
        verbose_name = _("Benutzer*in")
        verbose_name_plural = _("Benutzer*innen")


class Membership(TenantModel, Versioned):
    """A user's role in one municipality; Fachstelle users are tied to org units and organisations."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    org_units = models.ManyToManyField(OrgUnit, verbose_name=_("Verwaltungseinheiten"), blank=True)
    organisations = models.ManyToManyField(Organisation, verbose_name=_("Organisationen"), blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.municipality_id})"


class AuditEntry(TenantModel):
    """One recorded change: who, when, what, and each changed field as [old, new]."""

    class Action(models.TextChoices):
        CREATE = "create", _("angelegt")
        UPDATE = "update", _("geändert")
        DELETE = "delete", _("gelöscht")
        IMPORT = "import", _("importiert")
        MOVE = "move", _("verschoben")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    version = models.PositiveIntegerField(null=True, blank=True)
    changes: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["municipality", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


__all__ = [
    "AuditEntry",
    "Membership",
    "Municipality",
    "OrgUnit",
    "Organisation",
    "TenantModel",
    "User",
    "Versioned",
]
