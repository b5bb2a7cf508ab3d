"""Meetings: kick-offs, workshops, focus group rounds, citizens' forums (World Café), expert workshops,
multiplier meetings, conferences and body sessions; their parallel sessions (four focus groups at once, World
Café tables and rounds); registrations with consent and a retention period; attendance as counts only; and the
minutes' decisions with their status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.models import PLAIN_TEXT, TenantModel, Versioned
from teilhabe.participation.models.bodies import Body
from teilhabe.plans.models import FieldOfAction


class Meeting(TenantModel, Versioned):
    class Kind(models.TextChoices):
        KICK_OFF = "kick_off", _("Auftaktveranstaltung")
        WORKSHOP = "workshop", _("Workshop")
        FOCUS_GROUP_ROUND = "focus_group_round", _("Fokusgruppenrunde")
        CITIZENS_FORUM = "citizens_forum", _("Bürgerforum / World Café")
        EXPERT_WORKSHOP = "expert_workshop", _("Expertenworkshop")
        MULTIPLIER_MEETING = "multiplier_meeting", _("Multiplikatorentreffen")
        CONFERENCE = "conference", _("Konferenz")
        BODY_SESSION = "body_session", _("Gremiensitzung")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("vor Ort")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class State(models.TextChoices):
        PLANNED = "planned", _("geplant")
        INVITED = "invited", _("eingeladen")
        HELD = "held", _("stattgefunden")
        CANCELLED = "cancelled", _("abgesagt")

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings",
                             verbose_name=_("Gremium"))
    fields_of_action = models.ManyToManyField(FieldOfAction, verbose_name=_("Handlungsfelder"), blank=True,
                                              related_name="meetings")
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    format = models.CharField(_("Form"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField(_("Ort / Adresse"), max_length=300, blank=True, validators=PLAIN_TEXT)
    online_url = models.URLField(_("Online-Adresse"), blank=True)
    # Rich text, sanitised on the way in by the services.
    description = models.TextField(_("Beschreibung"), blank=True)
    agenda = models.TextField(_("Tagesordnung"), blank=True)
    minutes = models.TextField(pgettext_lazy("meeting minutes", "Protokoll"), blank=True)
    is_public = models.BooleanField(
        _("öffentlich"), default=False,
        help_text=_("Öffentliche Sitzungen stehen im Portal und in seinem Kalender; die Öffentlichkeit kann sich "
                    "anmelden."))
    registration_open = models.BooleanField(_("Anmeldung möglich"), default=False)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    retention_days = models.PositiveSmallIntegerField(
        _("Anmeldedaten löschen nach (Tagen)"), default=30,
        help_text=_("So viele Tage nach der Sitzung werden Namen und E-Mail-Adressen der Angemeldeten gelöscht."))
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.PLANNED)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Sitzung / Veranstaltung")
        verbose_name_plural = _("Sitzungen und Veranstaltungen")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="meeting_ends_after_start"),
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="meeting_by_start")]

    def __str__(self) -> str:
        return self.title

    def assigned_user_ids(self) -> set[int]:
        """The members of its body (with `body__members` prefetched); see Body.assigned_user_ids."""
        return self.body.assigned_user_ids() if self.body is not None else set()


class MeetingSession(TenantModel, Versioned):
    """One of a meeting's parallel sessions: a focus group in a round, a World Café table in a round."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions",
                                verbose_name=_("Sitzung"))
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions",
                             verbose_name=_("Gremium"), help_text=_("z. B. die Fokusgruppe, die hier tagt."))
    field_of_action = models.ForeignKey(FieldOfAction, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("Handlungsfeld"))
    round = models.PositiveSmallIntegerField(_("Runde"), default=1)
    table = models.CharField(_("Tisch / Raum"), max_length=100, blank=True, validators=PLAIN_TEXT)
    moderator_name = models.CharField(_("Moderation"), max_length=200, blank=True, validators=PLAIN_TEXT)
    results = models.TextField(_("Ergebnisse"), blank=True)  # rich text
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Teilsitzung")
        verbose_name_plural = _("Teilsitzungen")
        ordering = ["meeting", "round", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(TenantModel):
    """A registration for a public meeting: the least personal data, with the consent given and the day it
    is deleted on (the meeting's retention period)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    email = models.EmailField(_("E-Mail"))
    organisation_name = models.CharField(_("Organisation (freiwillig)"), max_length=200, blank=True,
                                         validators=PLAIN_TEXT)
    needs = models.CharField(_("Unterstützungsbedarf (freiwillig)"), max_length=500, blank=True,
                             validators=PLAIN_TEXT,
                             help_text=_("z. B. Gebärdensprache, Übersetzung, Kinderbetreuung, stufenloser Zugang"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    consent_text = models.TextField(_("Einwilligung"), validators=PLAIN_TEXT)
    consented_at = models.DateTimeField(_("eingewilligt am"))
    delete_after = models.DateField(_("wird gelöscht am"))
    cancel_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="registration_unique_email"),
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(TenantModel, Versioned):
    """Who came, as counts only — in total, by gender and by kind of organisation; never a list of
    individuals' origin. One row per meeting (session None) and optionally one per session."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(MeetingSession, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="attendances")
    total = models.PositiveIntegerField(_("insgesamt"))
    women = models.PositiveIntegerField(_("Frauen"), default=0)
    men = models.PositiveIntegerField(_("Männer"), default=0)
    diverse = models.PositiveIntegerField(_("divers"), default=0)
    from_administration = models.PositiveIntegerField(_("aus der Verwaltung"), default=0)
    from_politics = models.PositiveIntegerField(_("aus der Politik"), default=0)
    from_migrant_organisations = models.PositiveIntegerField(_("aus Migrantenorganisationen"), default=0)
    from_associations = models.PositiveIntegerField(_("aus Vereinen und Verbänden"), default=0)
    from_institutions = models.PositiveIntegerField(_("aus Einrichtungen (Schulen, Träger, Jobcenter)"), default=0)
    citizens = models.PositiveIntegerField(_("Bürger*innen"), default=0)

    GENDER_FIELDS = ("women", "men", "diverse")
    ORGANISATION_FIELDS = ("from_administration", "from_politics", "from_migrant_organisations",
                           "from_associations", "from_institutions", "citizens")

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "session"], name="attendance_unique_session"),
            models.UniqueConstraint(fields=["meeting"], condition=models.Q(session=None),
                                    name="attendance_unique_meeting"),
            models.CheckConstraint(
                condition=models.Q(total__gte=models.F("women") + models.F("men") + models.F("diverse")),
                name="attendance_total_covers_genders"),
        ]


class Decision(TenantModel, Versioned):
    """A decision recorded in a meeting's minutes, followed up by its status."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        DONE = "done", _("erledigt")
        DROPPED = "dropped", _("nicht weiterverfolgt")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("Beschluss"), validators=PLAIN_TEXT)
    responsible = models.CharField(_("zuständig"), max_length=200, blank=True, validators=PLAIN_TEXT)
    due_on = models.DateField(_("bis"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=12, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
