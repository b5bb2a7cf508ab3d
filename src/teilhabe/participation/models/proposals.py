"""Proposals and recommendations (Vorschläge, Empfehlungen, Ideen): collected in a meeting or submitted
online, answered in public, merged when related, and — when chosen — carried on as measures or key projects
of a plan edition. The link to the measure is kept both ways (ProposalMeasure)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, TenantModel, Versioned
from teilhabe.participation.models.bodies import Body
from teilhabe.participation.models.meetings import Meeting, MeetingSession
from teilhabe.plans.models import FieldOfAction, Measure


class Proposal(TenantModel, Versioned):
    class Origin(models.TextChoices):
        MEETING = "meeting", _("in einer Sitzung gesammelt")
        ONLINE = "online", _("online eingereicht")

    class ProposerKind(models.TextChoices):
        ORGANISATION = "organisation", _("eine Organisation")
        BODY = "body", _("ein Gremium")
        PERSON = "person", _("eine Person")
        ANONYMOUS = "anonymous", _("anonym")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("wartet auf Freigabe")
        PUBLISHED = "published", _("freigegeben")
        REJECTED = "rejected", _("abgelehnt")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        UNDER_CONSIDERATION = "under_consideration", _("in Prüfung")
        ACCEPTED = "accepted", _("als Maßnahme übernommen")
        MERGED = "merged", _("zusammengeführt")
        NOT_PURSUED = "not_pursued", _("nicht weiterverfolgt")

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    text = models.TextField(_("Vorschlag"))  # rich text, sanitised on the way in by the services
    field_of_action = models.ForeignKey(FieldOfAction, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="proposals", verbose_name=_("Handlungsfeld"))
    origin = models.CharField(_("Herkunft"), max_length=10, choices=Origin.choices, default=Origin.MEETING)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals",
                                verbose_name=_("Sitzung"))
    session = models.ForeignKey(MeetingSession, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="proposals", verbose_name=_("Teilsitzung"))
    proposer_kind = models.CharField(_("Wer schlägt vor"), max_length=12, choices=ProposerKind.choices,
                                     default=ProposerKind.ANONYMOUS)
    proposer_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                              related_name="proposals", verbose_name=_("Organisation"))
    proposer_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="proposals", verbose_name=_("Gremium"))
    proposer_name = models.CharField(_("Name (öffentlich)"), max_length=200, blank=True, validators=PLAIN_TEXT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)
    # An online submission without an account gives an address for the answer; it is not shown.
    submitter_email = models.EmailField(_("E-Mail für die Antwort"), blank=True)
    moderation = models.CharField(_("Freigabe"), max_length=10, choices=Moderation.choices,
                                  default=Moderation.PUBLISHED)
    moderation_comment = models.TextField(_("Kommentar zur Freigabe"), blank=True, validators=PLAIN_TEXT)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    answer = models.TextField(_("Öffentliche Antwort / Begründung"), blank=True, validators=PLAIN_TEXT)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from", verbose_name=_("zusammengeführt in"))
    measures = models.ManyToManyField(Measure, through="ProposalMeasure", related_name="proposals", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "moderation", "status"], name="proposal_by_state")]

    def __str__(self) -> str:
        return self.title

    def assigned_user_ids(self) -> set[int]:
        """The members of its meeting's body or of the proposing body."""
        if self.meeting is not None:
            return self.meeting.assigned_user_ids()
        return self.proposer_body.assigned_user_ids() if self.proposer_body is not None else set()

    @property
    def is_public(self) -> bool:
        return self.moderation == self.Moderation.PUBLISHED

    @property
    def proposer_display(self) -> str:
        """Who proposes, as shown: the organisation's or body's name, the person's public name; "" when
        anonymous (with the related rows selected, no query)."""
        if self.proposer_kind == self.ProposerKind.ORGANISATION and self.proposer_organisation is not None:
            return self.proposer_organisation.name
        if self.proposer_kind == self.ProposerKind.BODY and self.proposer_body is not None:
            return self.proposer_body.name
        return self.proposer_name if self.proposer_kind == self.ProposerKind.PERSON else ""


class ProposalMeasure(TenantModel):
    """A proposal carried on as a measure (or key project) of a plan edition: the trace both ways."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="measure_links")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="proposal_links")
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        verbose_name = _("Vorschlag → Maßnahme")
        verbose_name_plural = _("Vorschläge → Maßnahmen")
        constraints = [models.UniqueConstraint(fields=["proposal", "measure"], name="proposalmeasure_unique")]
