"""Reporting rounds: Koordination asks every responsible office for the state of its measures; the accepted
answers of a closed round are the implementation report (Umsetzungsbericht) for the council.

ReportingRound → MeasureReport (one per measure, addressed to the measure's leads) → ReportStep (every submission,
return and acceptance, with the answer as it was) and ReportAttachment. A MeasureReport copies what it reports on
(reference, title, field, leads, indicators, status at opening) when the round opens, and its accepted status
as words when it is accepted, so that a closed round's report stays what was accepted even when the plan
changes later. PartnerLink lets an external partner without an account answer its own reports."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, OrgUnit, RenderedDocument, TenantModel, Versioned
from teilhabe.plans.models import Edition, FieldOfAction, Measure, StatusOption


class ReportingRound(TenantModel, Versioned):
    class Scope(models.TextChoices):
        ALL = "all", _("alle Maßnahmen")
        FIELDS = "fields", _("ausgewählte Handlungsfelder")
        KEY_PROJECTS = "key_projects", _("nur Schlüsselprojekte")

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="reporting_rounds",
                                verbose_name=_("Ausgabe"))
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    deadline = models.DateField(_("Frist"))
    scope = models.CharField(_("Maßnahmen"), max_length=20, choices=Scope.choices, default=Scope.ALL)
    fields = models.ManyToManyField(FieldOfAction, verbose_name=_("Handlungsfelder"), blank=True,
                                    related_name="+")
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.OPEN)
    remind_days_before = models.PositiveSmallIntegerField(
        _("Erinnerung vor der Frist (Tage)"), default=7,
        help_text=_("So viele Tage vor der Frist werden alle Stellen mit offenen Berichten erinnert; 0: keine."))
    reminded_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(default=timezone.now, editable=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Berichtsrunde")
        verbose_name_plural = _("Berichtsrunden")
        ordering = ["-period_end", "-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="round_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_late(self, today: object | None = None) -> bool:
        """The deadline has passed (a report still owed now is late)."""
        return (today or timezone.localdate()) > self.deadline  # type: ignore[operator]


class Success(models.TextChoices):
    """The success assessment, in the words of Heidelberg's first implementation report."""

    SUCCESSFUL = "successful", _("erfolgreich")
    PARTLY = "partly", _("teilweise erfolgreich")
    NOT_SUCCESSFUL = "not_successful", _("nicht erfolgreich")
    NOT_YET = "not_yet", _("noch nicht bewertbar")


class MeasureReport(TenantModel, Versioned):
    class State(models.TextChoices):
        PENDING = "pending", _("offen")
        DRAFT = "draft", _("in Bearbeitung")
        SUBMITTED = "submitted", _("eingereicht")
        RETURNED = "returned", _("zurückgegeben")
        ACCEPTED = "accepted", _("angenommen")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    # What the report is about, as it stood when the round opened.
    reference = models.CharField(_("Nr."), max_length=30, blank=True)
    title = models.CharField(_("Maßnahme"), max_length=300)
    field_title = models.CharField(_("Handlungsfeld"), max_length=200)
    field_position = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    is_key_project = models.BooleanField(_("Schlüsselprojekt"), default=False)
    lead_names = models.CharField(_("Federführung"), max_length=1000, blank=True)
    indicators = models.JSONField(_("Erfolgsindikatoren"), default=list, blank=True)
    status_before_label = models.CharField(max_length=80, blank=True)
    status_before_normalised = models.CharField(max_length=20, blank=True)
    addressed_org_units = models.ManyToManyField(OrgUnit, blank=True, related_name="+")
    addressed_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")

    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.PENDING)
    # The answer.
    status = models.ForeignKey(StatusOption, null=True, blank=True, on_delete=models.PROTECT,
                               verbose_name=_("Status"), related_name="+")
    progress = models.TextField(_("Sachstand"), blank=True, validators=PLAIN_TEXT,
                                help_text=_("Was wurde im Berichtszeitraum getan?"))
    success = models.CharField(_("Erfolg"), max_length=20, choices=Success.choices, blank=True)
    success_reason = models.TextField(_("Begründung der Erfolgsbewertung"), blank=True, validators=PLAIN_TEXT)
    indicator_values = models.JSONField(_("Erreichte Werte der Erfolgsindikatoren"), default=list, blank=True)
    obstacles = models.TextField(_("Hindernisse"), blank=True, validators=PLAIN_TEXT)
    next_steps = models.TextField(_("Nächste Schritte"), blank=True, validators=PLAIN_TEXT)
    reached_total = models.PositiveIntegerField(_("Erreichte Personen insgesamt"), null=True, blank=True)
    reached_women = models.PositiveIntegerField(_("davon Frauen"), null=True, blank=True)
    reached_men = models.PositiveIntegerField(_("davon Männer"), null=True, blank=True)
    reached_diverse = models.PositiveIntegerField(_("davon divers"), null=True, blank=True)
    # The accepted status as words, kept so that renaming the scheme later does not change a closed report.
    status_label = models.CharField(max_length=80, blank=True)
    status_normalised = models.CharField(max_length=20, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("Kommentar der Koordination"), blank=True, validators=PLAIN_TEXT)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["field_position", "position", "pk"]
        indexes = [models.Index(fields=["round", "state"])]
        constraints = [models.UniqueConstraint(fields=["round", "measure"], name="report_once_per_measure")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    # ResponsibleObject (teilhabe.core.roles): a report is answered by the measure's leads, not its partners.
    def responsible_org_unit_ids(self) -> set[int]:
        return {u.pk for u in self.addressed_org_units.all()}

    def responsible_organisation_ids(self) -> set[int]:
        return {o.pk for o in self.addressed_organisations.all()}

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.PENDING, self.State.DRAFT, self.State.RETURNED)

    @property
    def reached_by_gender(self) -> int | None:
        parts = [self.reached_women, self.reached_men, self.reached_diverse]
        return sum(p for p in parts if p is not None) if any(p is not None for p in parts) else None


class ReportStep(TenantModel):
    """One step of a report's way: submitted, returned with a comment, accepted — with the answer as it was."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        RETURNED = "returned", _("zurückgegeben")
        ACCEPTED = "accepted", _("angenommen")

    report = models.ForeignKey(MeasureReport, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    partner_link = models.ForeignKey("PartnerLink", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    comment = models.TextField(blank=True)
    answer = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def who(self) -> str:
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.username  # type: ignore[union-attr]
        if self.partner_link_id:
            return str(self.partner_link.organisation)  # type: ignore[union-attr]
        return ""


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    # The stored name is not the uploaded one: an upload cannot choose where it lands.
    return f"reporting/{instance.municipality_id}/{instance.report_id}/{timezone.now():%Y%m%d%H%M%S%f}"


class ReportAttachment(TenantModel):
    report = models.ForeignKey(MeasureReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class PartnerLink(TenantModel):
    """A personal link for an external partner without an account: it opens only the reports of one round
    addressed to one organisation, until it expires, is revoked or replaced by a newer link. The token is
    not stored: it is an HMAC of the link's id and a random nonce under the secret key, so a reminder can
    repeat the link and a copied database cannot."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("Organisation"))
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    nonce = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("gültig bis"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.organisation)

    def _signature(self) -> str:
        message = f"teilhabe.reporting.partner-link:{self.pk}:{self.nonce}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]

    @property
    def token(self) -> str:
        return f"{self.pk}-{self._signature()}"

    def matches(self, token: str) -> bool:
        return hmac.compare_digest(self.token, token)

    @staticmethod
    def id_of(token: str) -> int | None:
        head, _sep, _rest = token.partition("-")
        return int(head) if head.isdigit() and len(head) < 19 else None

    def is_valid(self, now: object | None = None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at  # type: ignore[operator]


class ReportDocument(RenderedDocument):
    """A rendered report document, kept by the round's content version: downloading it again does not render
    it again; a change of the round's content makes a new one."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="documents")
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(upload_to="reporting/documents/", max_length=300, blank=True)

    class Meta(RenderedDocument.Meta):
        constraints = [models.UniqueConstraint(fields=["round", "format", "content_key"],
                                               name="report_document_once_per_content")]
