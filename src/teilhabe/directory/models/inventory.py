"""The inventory of offers (Bestandsanalyse): Koordination opens a round with a deadline in which every
organisation (with members, or with an offer that names a contact address) enters or confirms its offers;
each organisation's answer is one InventoryResponse. Reminders go out before the deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, TenantModel, Versioned
from teilhabe.directory.models.offers import Offer


class InventoryRound(TenantModel, Versioned):
    class State(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    message = models.TextField(_("Nachricht an die Organisationen"), blank=True, validators=PLAIN_TEXT)
    deadline = models.DateField(_("Frist"))
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.OPEN)
    remind_days_before = models.PositiveSmallIntegerField(
        _("Erinnerung vor der Frist (Tage)"), default=7,
        help_text=_("So viele Tage vor der Frist werden alle Organisationen erinnert, die noch nicht geantwortet "
                    "haben; 0: keine Erinnerung."))
    reminded_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(default=timezone.now, editable=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Bestandsaufnahme")
        verbose_name_plural = _("Bestandsaufnahmen")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class InventoryResponse(TenantModel, Versioned):
    """One organisation's answer in a round: which of its offers still exist (confirmed), which it entered
    during the round (new), or that it has no offers."""

    round = models.ForeignKey(InventoryRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE,
                                     related_name="inventory_responses")
    confirmed_offers = models.ManyToManyField(Offer, verbose_name=_("bestätigte Angebote"), blank=True,
                                              related_name="+")
    new_offers = models.ManyToManyField(Offer, verbose_name=_("neue Angebote"), blank=True, related_name="+")
    no_offers = models.BooleanField(_("keine Angebote"), default=False)
    note = models.TextField(_("Anmerkung"), blank=True, validators=PLAIN_TEXT)
    answered_at = models.DateTimeField(_("beantwortet am"), default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("Antwort zur Bestandsaufnahme")
        verbose_name_plural = _("Antworten zur Bestandsaufnahme")
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="inventoryresponse_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.organisation}"

    def responsible_org_unit_ids(self) -> set[int]:
        return set()

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id}
