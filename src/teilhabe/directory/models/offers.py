"""Offers (Angebote): standing services such as a language course, counselling, a sports group or a women's
café, sorted into the municipality's own two-level taxonomy of categories (OfferCategory), provided by an
organisation or an office of the administration, and linked to the plan's measures they carry out."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, OrgUnit, TenantModel, Versioned
from teilhabe.plans.models import Measure, TargetGroup


class OfferCategory(TenantModel, Versioned):
    """A category of offers (Sprache → Deutschkurs). Two levels: a top category and its sub-categories.
    `field_title` maps the category to a field of action of the plan by its title, which stays the same
    across editions (the inventory groups offers without linked measures by it)."""

    name = models.CharField(_("Name"), max_length=120, validators=PLAIN_TEXT)
    parent = models.ForeignKey("self", verbose_name=_("Oberkategorie"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    field_title = models.CharField(
        _("Handlungsfeld"), max_length=200, blank=True, validators=PLAIN_TEXT,
        help_text=_("Titel des Handlungsfelds im Integrationsplan, zu dem Angebote dieser Kategorie gehören."))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Angebotskategorie")
        verbose_name_plural = _("Angebotskategorien")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "parent", "name"], name="offercategory_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def top(self) -> OfferCategory:
        """The top-level category (itself, or its parent); uses the parent when it is selected with it."""
        return self.parent if self.parent_id is not None and self.parent is not None else self


class Offer(TenantModel, Versioned):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    # Rich text, sanitised on the way in (teilhabe.core.richtext.sanitize) by the services.
    description = models.TextField(_("Beschreibung"), blank=True)
    category = models.ForeignKey(OfferCategory, verbose_name=_("Kategorie"), on_delete=models.PROTECT,
                                 related_name="offers")
    provider_organisation = models.ForeignKey(
        Organisation, verbose_name=_("Anbieter (Organisation)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="offers")
    provider_org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("Anbieter (Verwaltung)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="offers")
    languages = models.JSONField(_("Sprachen"), default=list, blank=True,
                                 help_text=_("Sprachcodes, in denen das Angebot stattfindet, z. B. de, ar, fa."))
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True,
                                           related_name="offers")
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("Online-Adresse"), blank=True)
    place = models.CharField(_("Ort / Adresse"), max_length=300, blank=True, validators=PLAIN_TEXT)
    district = models.CharField(_("Stadtteil"), max_length=100, blank=True, validators=PLAIN_TEXT)
    schedule = models.TextField(_("Zeiten / Öffnungszeiten"), blank=True, validators=PLAIN_TEXT)
    is_free = models.BooleanField(_("kostenlos"), default=False)
    cost = models.CharField(_("Kosten"), max_length=300, blank=True, validators=PLAIN_TEXT)
    registration_required = models.BooleanField(_("Anmeldung nötig"), default=False)
    registration = models.CharField(_("Anmeldung"), max_length=500, blank=True, validators=PLAIN_TEXT)
    step_free = models.BooleanField(_("stufenlos erreichbar"), default=False)
    sign_language = models.BooleanField(_("Gebärdensprache"), default=False)
    childcare = models.BooleanField(_("Kinderbetreuung"), default=False)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True, validators=PLAIN_TEXT)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=60, blank=True, validators=PLAIN_TEXT)
    website = models.URLField(_("Website"), blank=True)
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.DRAFT)
    last_confirmed = models.DateField(_("zuletzt bestätigt"), null=True, blank=True)
    measures = models.ManyToManyField(Measure, verbose_name=_("Maßnahmen des Integrationsplans"), blank=True,
                                      related_name="offers")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["municipality", "state", "title"]),
            models.Index(fields=["municipality", "category"]),
            models.Index(fields=["municipality", "district"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(provider_organisation__isnull=False) & models.Q(provider_org_unit__isnull=False)),
                name="offer_single_provider",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def provider(self) -> Organisation | OrgUnit | None:
        return self.provider_organisation or self.provider_org_unit

    # ResponsibleObject: the provider's organisation (or office) is responsible for the offer.
    def responsible_org_unit_ids(self) -> set[int]:
        return {self.provider_org_unit_id} if self.provider_org_unit_id else set()

    def responsible_organisation_ids(self) -> set[int]:
        return {self.provider_organisation_id} if self.provider_organisation_id else set()
