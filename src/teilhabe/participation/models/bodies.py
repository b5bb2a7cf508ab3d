"""Gremien: steering groups, working groups, focus groups, round tables, the migration council, expert panels —
and their members, who are people with an account or just a name and an organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, TenantModel, Versioned
from teilhabe.plans.models import FieldOfAction


class Body(TenantModel, Versioned):
    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steuerungsgruppe")
        WORKING_GROUP = "working_group", _("Arbeitsgruppe")
        FOCUS_GROUP = "focus_group", _("Fokusgruppe")
        ROUND_TABLE = "round_table", _("Runder Tisch")
        MIGRATION_COUNCIL = "migration_council", _("Migrationsbeirat / Integrationsrat")
        EXPERT_PANEL = "expert_panel", _("Fachgremium / Expertenrunde")
        OTHER = "other", _("Sonstiges Gremium")

    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.WORKING_GROUP)
    # Rich text, sanitised on the way in (teilhabe.core.richtext.sanitize) by the services.
    purpose = models.TextField(_("Auftrag und Zweck"), blank=True)
    fields_of_action = models.ManyToManyField(FieldOfAction, verbose_name=_("Handlungsfelder"), blank=True,
                                              related_name="bodies")
    active_from = models.DateField(_("aktiv seit"), null=True, blank=True)
    active_until = models.DateField(_("aktiv bis"), null=True, blank=True)
    is_public = models.BooleanField(
        _("öffentlich"), default=True,
        help_text=_("Öffentliche Gremien zeigt das Portal mit ihren öffentlichen Sitzungen, Vorschlägen und "
                    "Beschlüssen."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="body_unique_name")]

    def __str__(self) -> str:
        return self.name

    def assigned_user_ids(self) -> set[int]:
        """The members with an account: where their role applies with Reach.OWN (a moderator runs the
        meetings of the bodies they are assigned to; a body member sees and takes part in their own bodies).
        Uses the prefetched members when they are there."""
        return {m.user_id for m in self.members.all() if m.user_id is not None}


class BodyMember(TenantModel, Versioned):
    class Function(models.TextChoices):
        CHAIR = "chair", _("Vorsitz")
        MODERATOR = "moderator", _("Moderation")
        CONTACT = "contact", _("Ansprechperson / Multiplikator*in")
        MEMBER = "member", _("Mitglied")
        GUEST = "guest", _("Gast")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("Gremium"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="body_memberships", verbose_name=_("Konto"))
    name = models.CharField(_("Name"), max_length=200, blank=True, validators=PLAIN_TEXT,
                            help_text=_("Für Mitglieder ohne Konto."))
    email = models.EmailField(_("E-Mail"), blank=True, help_text=_("Für Einladungen an Mitglieder ohne Konto."))
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="body_memberships", verbose_name=_("Organisation"))
    organisation_name = models.CharField(_("Organisation / Stelle (frei)"), max_length=200, blank=True,
                                         validators=PLAIN_TEXT)
    function = models.CharField(_("Funktion"), max_length=10, choices=Function.choices, default=Function.MEMBER)
    active_from = models.DateField(_("seit"), null=True, blank=True)
    active_until = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gremienmitglied")
        verbose_name_plural = _("Gremienmitglieder")
        ordering = ["body", "function", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(user=None) | ~models.Q(name=""), name="bodymember_named"),
            models.UniqueConstraint(fields=["body", "user"], condition=~models.Q(user=None),
                                    name="bodymember_unique_user"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.user.get_full_name() or self.user.username if self.user is not None else ""

    @property
    def affiliation(self) -> str:
        return self.organisation.name if self.organisation is not None else self.organisation_name
