"""An organisation's public profile (1:1 with core.Organisation) and requests to register one on the portal."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, TenantModel, User, Versioned
from teilhabe.plans.models import TargetGroup


class FieldOfActivity(models.TextChoices):
    """What organisations work on: a fixed list, so the directory filters and the inventory of offers count
    the same things in every municipality."""

    LANGUAGE = "language", _("Sprache")
    EDUCATION = "education", _("Bildung und Schule")
    WORK = "work", _("Arbeit und Ausbildung")
    COUNSELLING = "counselling", _("Beratung")
    FAMILY = "family", _("Familie und Kinder")
    YOUTH = "youth", _("Jugend")
    WOMEN = "women", _("Frauen")
    SENIORS = "seniors", _("Ältere Menschen")
    HEALTH = "health", _("Gesundheit")
    HOUSING = "housing", _("Wohnen")
    CULTURE = "culture", _("Kultur")
    SPORT = "sport", _("Sport")
    RELIGION = "religion", _("Religion und Glaube")
    VOLUNTEERING = "volunteering", _("Ehrenamt und Engagement")
    ANTI_DISCRIMINATION = "anti_discrimination", _("Antidiskriminierung")
    REFUGEES = "refugees", _("Geflüchtete")


class OrganisationProfile(TenantModel, Versioned):
    """What an organisation says about itself on the portal. Rich text is stored sanitised (nh3); the
    contact is shown publicly only with `contact_consent`; editors of organisations that are not `trusted`
    propose changes, which Koordination publishes (teilhabe.moderation)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="profile")
    short_description = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True)  # sanitised HTML
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)  # codes, e.g. ["de", "ar"]
    fields_of_activity = models.JSONField(_("Arbeitsfelder"), default=list, blank=True)  # FieldOfActivity values
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True, related_name="+")
    district = models.CharField(_("Stadtteil"), max_length=100, blank=True, validators=PLAIN_TEXT)
    address = models.CharField(_("Adresse"), max_length=300, blank=True, validators=PLAIN_TEXT)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True, validators=PLAIN_TEXT)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True, validators=PLAIN_TEXT)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True, validators=PLAIN_TEXT)
    contact_consent = models.BooleanField(_("Kontakt öffentlich zeigen"), default=False)
    logo = models.ImageField(_("Logo"), upload_to="logos/", max_length=300, blank=True)
    logo_alt = models.CharField(_("Beschreibung des Logos (Alternativtext)"), max_length=200, blank=True,
                                validators=PLAIN_TEXT)
    links: models.JSONField[list[dict[str, Any]]] = models.JSONField(_("Links"), default=list, blank=True)
    trusted = models.BooleanField(_("vertrauenswürdig (veröffentlicht ohne Freigabe)"), default=False)
    published = models.BooleanField(_("veröffentlicht"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Organisationsprofil")
        verbose_name_plural = _("Organisationsprofile")
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["municipality", "published"])]

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation_id else str(_("Organisationsprofil"))

    def responsible_org_unit_ids(self) -> set[int]:
        return set()

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id}

    def field_labels(self) -> list[str]:
        known = dict(FieldOfActivity.choices)
        return [str(known[key]) for key in self.fields_of_activity if key in known]


class RegistrationRequest(TenantModel):
    """An organisation and a person asking on the portal to present it; Koordination confirms or rejects."""

    class State(models.TextChoices):
        PENDING = "pending", _("offen")
        CONFIRMED = "confirmed", _("bestätigt")
        REJECTED = "rejected", _("abgelehnt")

    organisation_name = models.CharField(_("Name der Organisation"), max_length=200, validators=PLAIN_TEXT)
    kind = models.CharField(_("Art"), max_length=20, choices=Organisation.Kind.choices,
                            default=Organisation.Kind.ASSOCIATION)
    website = models.URLField(_("Website"), blank=True)
    first_name = models.CharField(_("Vorname"), max_length=150, validators=PLAIN_TEXT)
    last_name = models.CharField(_("Nachname"), max_length=150, validators=PLAIN_TEXT)
    email = models.EmailField(_("E-Mail"))
    message = models.TextField(_("Nachricht"), blank=True, max_length=2000, validators=PLAIN_TEXT)
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    comment = models.TextField(_("Kommentar"), blank=True, validators=PLAIN_TEXT)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Registrierungsanfrage")
        verbose_name_plural = _("Registrierungsanfragen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.first_name} {self.last_name})"
