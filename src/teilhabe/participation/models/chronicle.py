"""The chronicle (Stationen der Integrationspolitik): milestones with a date or a period, a kind, a text and
links to editions, meetings, reporting rounds and documents. Teilhabe proposes milestones from what happened
in it; Koordination confirms or dismisses them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, TenantModel, Versioned
from teilhabe.participation.models.meetings import Meeting
from teilhabe.plans.models import Edition
from teilhabe.reporting.models import ReportingRound


class Milestone(TenantModel, Versioned):
    class Kind(models.TextChoices):
        COUNCIL_DECISION = "council_decision", _("Ratsbeschluss")
        PLAN = "plan", _("Integrationsplan")
        EVENT = "event", _("Veranstaltung")
        PARTICIPATION = "participation", _("Beteiligung")
        REPORT = "report", _("Bericht")
        MEMBERSHIP = "membership", _("Mitgliedschaft / Netzwerk")
        OFFICE = "office", _("Stelle / Einrichtung")
        OTHER = "other", _("Sonstiges")

    class Precision(models.TextChoices):
        DAY = "day", _("Tag")
        MONTH = "month", _("Monat")
        YEAR = "year", _("Jahr")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        PUBLISHED = "published", _("veröffentlicht")
        DISMISSED = "dismissed", _("verworfen")

    date = models.DateField(_("Datum / Beginn"))
    end_date = models.DateField(_("Ende (bei Zeiträumen)"), null=True, blank=True)
    precision = models.CharField(_("Genauigkeit"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("Titel"), max_length=300, validators=PLAIN_TEXT)
    text = models.TextField(_("Text"), blank=True)  # rich text, sanitised on the way in by the services
    edition = models.ForeignKey(Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("Ausgabe des Plans"))
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("Sitzung"))
    reporting_round = models.ForeignKey(ReportingRound, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("Berichtsrunde"))
    document_url = models.URLField(_("Dokument (Adresse)"), blank=True)
    document_label = models.CharField(_("Dokument (Bezeichnung)"), max_length=200, blank=True,
                                      validators=PLAIN_TEXT)
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.PUBLISHED)
    # What Teilhabe proposed it from ("edition:12:adopted"), so that it proposes nothing twice.
    source_key = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the feed's <updated>

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Chronik")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "source_key"], condition=~models.Q(source_key=""),
                                    name="milestone_unique_source"),
            models.CheckConstraint(condition=models.Q(end_date=None) | models.Q(end_date__gte=models.F("date")),
                                   name="milestone_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.title
