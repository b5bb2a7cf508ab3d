"""Keeping everyone informed: subscriptions to a body, a field of action, a proposal or the whole process
(members and participants, or the public by e-mail with double opt-in), and the news items that digests are
made of. News is written by the services in the same transaction as the change it tells of."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, TenantModel
from teilhabe.participation.models.bodies import Body
from teilhabe.participation.models.meetings import Meeting
from teilhabe.participation.models.proposals import Proposal


class Subscription(TenantModel):
    class Topic(models.TextChoices):
        ALL = "all", _("der ganze Beteiligungsprozess")
        BODY = "body", _("ein Gremium")
        FIELD = "field", _("ein Handlungsfeld")
        PROPOSAL = "proposal", _("ein Vorschlag")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("sofort")
        WEEKLY = "weekly", _("wöchentlich")

    email = models.EmailField(_("E-Mail"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    topic = models.CharField(_("Thema"), max_length=10, choices=Topic.choices, default=Topic.ALL)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions")
    # A field of action by its title, which stays the same across editions of the plan.
    field_title = models.CharField(_("Handlungsfeld"), max_length=200, blank=True, validators=PLAIN_TEXT)
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="subscriptions")
    frequency = models.CharField(_("Häufigkeit"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    token = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        ordering = ["email", "pk"]
        # One subscription per address and topic. NULLs are distinct in a unique index, so each kind of topic
        # has its own partial constraint on the columns that name it.
        constraints = [
            models.UniqueConstraint(fields=["municipality", "email", "topic", "field_title"],
                                    condition=models.Q(topic__in=["all", "field"]),
                                    name="subscription_unique_process_field"),
            models.UniqueConstraint(fields=["municipality", "email", "body"], condition=models.Q(topic="body"),
                                    name="subscription_unique_body"),
            models.UniqueConstraint(fields=["municipality", "email", "proposal"],
                                    condition=models.Q(topic="proposal"), name="subscription_unique_proposal"),
        ]
        indexes = [models.Index(fields=["municipality", "frequency", "confirmed_at"],
                                name="subscription_by_frequency")]

    def __str__(self) -> str:
        return self.email


class News(TenantModel):
    """Something a digest tells of: a new meeting, minutes published, a decision, a proposal's change."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("neue Sitzung")
        MINUTES = "minutes", _("Protokoll veröffentlicht")
        DECISION = "decision", _("Beschluss")
        PROPOSAL = "proposal", _("Vorschlag geändert")
        PRIORITISATION = "prioritisation", _("Priorisierung")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.CharField(max_length=500, validators=PLAIN_TEXT)
    url = models.CharField(max_length=300, blank=True)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    field_titles = models.JSONField(default=list, blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Neuigkeit")
        verbose_name_plural = _("Neuigkeiten")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["municipality", "at"], name="news_by_time")]
