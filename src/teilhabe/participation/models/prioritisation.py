"""Prioritisation of proposals: dot voting in a meeting (the moderator enters the tally) or an online ballot
(one ballot per person; each person a fixed number of points, or a ranking)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, TenantModel, Versioned
from teilhabe.participation.models.bodies import Body
from teilhabe.participation.models.meetings import Meeting
from teilhabe.participation.models.proposals import Proposal


class Prioritisation(TenantModel, Versioned):
    class Method(models.TextChoices):
        DOTS = "dots", _("Punktabfrage in der Sitzung")
        POINTS = "points", _("Online: Punkte verteilen")
        RANKING = "ranking", _("Online: Rangfolge")

    class Audience(models.TextChoices):
        BODY = "body", _("Mitglieder des Gremiums")
        PUBLIC = "public", _("Öffentlichkeit (mit bestätigter E-Mail-Adresse)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    method = models.CharField(_("Verfahren"), max_length=10, choices=Method.choices, default=Method.DOTS)
    audience = models.CharField(_("Wer stimmt ab"), max_length=10, choices=Audience.choices, default=Audience.BODY)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="prioritisations",
                             verbose_name=_("Gremium"))
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="prioritisations", verbose_name=_("Sitzung"))
    proposals = models.ManyToManyField(Proposal, related_name="prioritisations", verbose_name=_("Vorschläge"))
    points_per_person = models.PositiveSmallIntegerField(
        _("Punkte je Person"), default=3,
        help_text=_("Bei der Punktabfrage und beim Punkte-Verteilen: so viele Punkte hat jede Person."))
    max_points_per_proposal = models.PositiveSmallIntegerField(
        _("höchstens Punkte je Vorschlag"), null=True, blank=True)
    opens_at = models.DateTimeField(_("offen ab"), null=True, blank=True)
    closes_at = models.DateTimeField(_("offen bis"), null=True, blank=True)
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.DRAFT)
    participants = models.PositiveIntegerField(
        _("Teilnehmende (Punktabfrage)"), null=True, blank=True,
        help_text=_("Wie viele Personen in der Sitzung Punkte vergeben haben."))
    result_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Priorisierung")
        verbose_name_plural = _("Priorisierungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def assigned_user_ids(self) -> set[int]:
        if self.meeting is not None:
            return self.meeting.assigned_user_ids()
        return self.body.assigned_user_ids() if self.body is not None else set()


class Tally(TenantModel):
    """Dot voting in a meeting: the dots each proposal got, entered by the moderator."""

    prioritisation = models.ForeignKey(Prioritisation, on_delete=models.CASCADE, related_name="tallies")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="tallies")
    dots = models.PositiveIntegerField(_("Punkte"))

    class Meta:
        verbose_name = _("Punktzahl")
        verbose_name_plural = _("Punktzahlen")
        constraints = [models.UniqueConstraint(fields=["prioritisation", "proposal"], name="tally_unique")]


class Ballot(TenantModel):
    """One person's online ballot. `voter_key` names the person (an account, or a confirmed e-mail address by
    its keyed hash) and is unique per prioritisation: the database refuses a second ballot, also under
    concurrent submissions."""

    prioritisation = models.ForeignKey(Prioritisation, on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=128, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stimmzettel")
        verbose_name_plural = _("Stimmzettel")
        constraints = [
            models.UniqueConstraint(fields=["prioritisation", "voter_key"], name="ballot_one_per_person"),
        ]


class BallotChoice(TenantModel):
    """Points given to a proposal (points), or its rank (ranking: 1 is first)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    # The ballot's prioritisation, repeated so that the tally reads one index (prioritisation, proposal, …)
    # without joining the ballots: 10,000 ballots are counted in one index-only pass.
    prioritisation = models.ForeignKey(Prioritisation, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(default=0)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "proposal"], name="ballotchoice_unique")]
        indexes = [
            models.Index(fields=["proposal"], name="ballotchoice_by_proposal"),
            models.Index(fields=["prioritisation", "proposal", "municipality", "points", "rank"],
                         name="ballotchoice_tally"),
        ]
