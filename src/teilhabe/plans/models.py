"""The integration plan: Plan → Edition (Fortschreibung) → FieldOfAction → Goal tree → Measure."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, Organisation, OrgUnit, TenantModel, Versioned

DEFAULT_GOAL_LEVELS = ["Leitziel", "Teilziel", "Handlungsziel"]


class NormalisedStatus(models.TextChoices):
    """The fixed set every municipality's own status words map to; reports and comparisons use it."""

    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    COMPLETED = "completed", _("abgeschlossen")
    ROUTINE = "routine", _("ins laufende Geschäft übergegangen")
    DISCONTINUED = "discontinued", _("nicht weiter verfolgt")


class StatusOption(TenantModel, Versioned):
    """One word of a municipality's status scheme, e.g. Hannover's "ins laufende Geschäft übergegangen"."""

    label = models.CharField(_("Bezeichnung"), max_length=80, validators=PLAIN_TEXT)
    normalised = models.CharField(_("entspricht"), max_length=20, choices=NormalisedStatus.choices)
    colour = models.CharField(_("Farbe"), max_length=7, default="#6b7280")
    position = models.PositiveIntegerField(default=0)
    is_default = models.BooleanField(_("Voreinstellung für neue Maßnahmen"), default=False)

    class Meta:
        verbose_name = _("Status")
        verbose_name_plural = _("Statusschema")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "label"], name="status_unique_label")]

    def __str__(self) -> str:
        return self.label


class TargetGroup(TenantModel, Versioned):
    name = models.CharField(_("Name"), max_length=120, validators=PLAIN_TEXT)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="targetgroup_unique")]

    def __str__(self) -> str:
        return self.name


class Plan(TenantModel, Versioned):
    """Integrationskonzept, Kommunaler Integrationsplan, Aktionsplan."""

    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, validators=PLAIN_TEXT)
    goal_level_names = models.JSONField(
        _("Namen der Zielebenen"),
        default=list,
        help_text=_("Von oben nach unten, z. B. Leitziel, Teilziel, Handlungsziel."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Plan")
        verbose_name_plural = _("Pläne")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def level_name(self, depth: int) -> str:
        names = self.goal_level_names or DEFAULT_GOAL_LEVELS
        return names[depth] if depth < len(names) else f"{names[-1]} ({depth + 1}. Ebene)"


class Edition(TenantModel, Versioned):
    """A version of a plan. A Fortschreibung copies an edition into a new draft and keeps the lineage."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        ADOPTED = "adopted", _("beschlossen")
        ARCHIVED = "archived", _("archiviert")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="editions")
    name = models.CharField(_("Bezeichnung"), max_length=200, validators=PLAIN_TEXT)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    council_reference = models.CharField(
        _("Beschluss (Drucksache)"), max_length=120, blank=True, validators=PLAIN_TEXT
    )
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors",
        verbose_name=_("Vorgängerausgabe"),
    )
    # A draft is the coordination office's workspace; the roles listed here see it too (values of Role).
    open_for_comment_roles = models.JSONField(_("zur Beratung freigegeben für"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan.title}: {self.name}"


class FieldOfAction(TenantModel, Versioned):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="fields")
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, validators=PLAIN_TEXT)
    colour = models.CharField(_("Farbe"), max_length=7, default="#005a9c")
    position = models.PositiveIntegerField(default=0)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "title"], name="field_unique_title")]

    def __str__(self) -> str:
        return self.title


class Goal(TenantModel, Versioned):
    """A node of the goal tree under a field of action; depth is unlimited, level names come from the plan."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="goals")
    field = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(_("Titel"), max_length=300, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, validators=PLAIN_TEXT)
    position = models.PositiveIntegerField(default=0)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Measure(TenantModel, Versioned):
    """Maßnahme / Projekt / Schlüsselprojekt."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="measures")
    field = models.ForeignKey(
        FieldOfAction, verbose_name=_("Handlungsfeld"), on_delete=models.PROTECT, related_name="measures"
    )
    goals = models.ManyToManyField(Goal, verbose_name=_("Ziele"), blank=True, related_name="measures")
    reference = models.CharField(_("Nr."), max_length=30, blank=True, validators=PLAIN_TEXT)
    title = models.CharField(_("Titel"), max_length=300, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, validators=PLAIN_TEXT)
    lead_org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("Federführung (Verwaltung)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_measures",
    )
    lead_organisation = models.ForeignKey(
        Organisation, verbose_name=_("Federführung (Organisation)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_measures",
    )
    co_lead_org_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("Gemeinsame Federführung (Verwaltung)"), blank=True, related_name="co_led_measures"
    )
    co_lead_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("Gemeinsame Federführung (Organisationen)"), blank=True,
        related_name="co_led_measures",
    )
    responsibility_note = models.CharField(
        _("Anmerkung zur Zuständigkeit"), max_length=500, blank=True, validators=PLAIN_TEXT,
        help_text=_("z. B. „initiiert vom Bildungsbüro“ oder die Rolle einer Stelle."),
    )
    partner_org_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("Partner (Verwaltung)"), blank=True, related_name="partner_measures"
    )
    partner_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("Partner (Organisationen)"), blank=True, related_name="partner_measures"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), blank=True, related_name="measures"
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True, help_text=_("Leer lassen für „laufend“."))
    cost_estimate = models.DecimalField(
        _("geschätzte Kosten (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.CharField(_("Finanzierung"), max_length=500, blank=True, validators=PLAIN_TEXT)
    is_key_project = models.BooleanField(_("Schlüsselprojekt"), default=False)
    status = models.ForeignKey(StatusOption, verbose_name=_("Status"), on_delete=models.PROTECT)
    gender_diversity_note = models.TextField(
        _("Gender- und Diversity-Aspekte"), blank=True, validators=PLAIN_TEXT
    )
    indicators = models.JSONField(_("Erfolgsindikatoren"), default=list, blank=True)
    # The latest accepted Sachstand of a reporting round (teilhabe.reporting writes it through update_measures).
    progress = models.TextField(_("Sachstand"), blank=True, validators=PLAIN_TEXT)
    links = models.JSONField(_("Links"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["edition", "field", "position"]),
            models.Index(fields=["edition", "status"]),
            models.Index(fields=["edition", "title"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(lead_org_unit__isnull=False) & models.Q(lead_organisation__isnull=False)),
                name="measure_single_lead",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="measure_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lead(self) -> OrgUnit | Organisation | None:
        """The contact lead: the first named of the leads."""
        return self.lead_org_unit or self.lead_organisation

    @property
    def co_leads(self) -> list[OrgUnit | Organisation]:
        """Further leads (gemeinsame Federführung), administration first, each by name. Uses prefetched
        co-leads when present (selectors prefetch them)."""
        units = sorted(self.co_lead_org_units.all(), key=lambda u: u.name)
        organisations = sorted(self.co_lead_organisations.all(), key=lambda o: o.name)
        return [*units, *organisations]

    @property
    def leads(self) -> list[OrgUnit | Organisation]:
        """Every lead, the contact first."""
        contact = self.lead
        return ([contact] if contact is not None else []) + [c for c in self.co_leads if c != contact]

    @property
    def lead_names(self) -> str:
        """The leads as one line, the contact first ("Amt für Schule und Bildung; Bildungsbüro")."""
        return "; ".join(lead.name for lead in self.leads)

    def responsible_org_unit_ids(self) -> set[int]:
        """Leads, co-leads and partners. Uses prefetched relations when present (selectors prefetch them)."""
        ids = {u.pk for u in self.partner_org_units.all()} | {u.pk for u in self.co_lead_org_units.all()}
        if self.lead_org_unit_id:
            ids.add(self.lead_org_unit_id)
        return ids

    def responsible_organisation_ids(self) -> set[int]:
        ids = {o.pk for o in self.partner_organisations.all()} | {o.pk for o in self.co_lead_organisations.all()}
        if self.lead_organisation_id:
            ids.add(self.lead_organisation_id)
        return ids
