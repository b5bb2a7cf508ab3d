"""Integration and gender monitoring: Indicator → Observation (indicator × period × area × breakdown).

A rate (percent, per 1,000) names a numerator and a denominator indicator and is computed from their stored
counts (teilhabe.monitoring.series), never typed in. Observations arrive in batches (a file import, a
reporting round, a correction), and a batch keeps the warnings the person accepted, so that they stay
visible next to the data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, RenderedDocument, TenantModel, Versioned
from teilhabe.plans.models import FieldOfAction, Goal, Measure


class Unit(models.TextChoices):
    COUNT = "count", _("Anzahl")
    PERCENT = "percent", _("Prozent")
    PER_1000 = "per_1000", _("je 1.000")


# What a computed rate multiplies numerator / denominator by.
RATE_FACTOR = {Unit.PERCENT: 100, Unit.PER_1000: 1000}


class Dimension(models.TextChoices):
    """What an indicator can be broken down by. Categories: teilhabe.monitoring.categories."""

    SEX = "sex", _("Geschlecht")
    NATIONALITY = "nationality", _("Staatsangehörigkeit")
    MIGRATION = "migration", _("Migrationshintergrund")
    AGE = "age", _("Altersgruppe")
    DISTRICT = "district", _("Stadtteil")


class Kind(models.TextChoices):
    MONITORING = "monitoring", _("Monitoringindikator (Kontext)")
    SUCCESS = "success", _("Erfolgsindikator")


class Direction(models.TextChoices):
    INCREASE = "increase", _("steigen")
    DECREASE = "decrease", _("sinken")
    NONE = "none", _("keine (Beobachtung)")


class Frequency(models.TextChoices):
    YEARLY = "yearly", _("jährlich")
    HALF_YEARLY = "half_yearly", _("halbjährlich")
    QUARTERLY = "quarterly", _("vierteljährlich")
    MONTHLY = "monthly", _("monatlich")
    IRREGULAR = "irregular", _("unregelmäßig")


class Indicator(TenantModel, Versioned):
    key = models.SlugField(
        _("Kennung"), max_length=60,
        help_text=_("Kurz und eindeutig, z. B. „auslaenderanteil“; Teil von Adressen und Dateinamen."),
    )
    name = models.CharField(_("Name"), max_length=200, validators=PLAIN_TEXT)
    definition = models.TextField(_("Definition"), blank=True, validators=PLAIN_TEXT)
    unit = models.CharField(_("Einheit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    # The unit as statisticians write it ("Personen", "%", "je 1.000 Einwohner"); shown next to values.
    unit_label = models.CharField(_("Einheit (Beschriftung)"), max_length=60, blank=True, validators=PLAIN_TEXT)
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Zähler"),
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Nenner"),
    )
    source = models.CharField(_("Datenquelle"), max_length=300, blank=True, validators=PLAIN_TEXT)
    frequency = models.CharField(
        _("Aktualisierung"), max_length=12, choices=Frequency.choices, default=Frequency.YEARLY
    )
    method_notes = models.TextField(_("Methodische Hinweise"), blank=True, validators=PLAIN_TEXT)
    dimensions = models.JSONField(_("Aufgliederungen"), default=list, blank=True)  # values of Dimension
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.MONITORING)
    goals = models.ManyToManyField(Goal, verbose_name=_("Ziele"), blank=True, related_name="indicators")
    measures = models.ManyToManyField(
        Measure, verbose_name=_("Maßnahmen"), blank=True, related_name="success_indicators"
    )
    fields = models.ManyToManyField(
        FieldOfAction, verbose_name=_("Handlungsfelder"), blank=True, related_name="indicators"
    )
    baseline_value = models.DecimalField(_("Ausgangswert"), max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_period = models.CharField(_("Ausgangsjahr"), max_length=10, blank=True)
    target_value = models.DecimalField(_("Zielwert"), max_digits=20, decimal_places=4, null=True, blank=True)
    target_period = models.CharField(_("Zieljahr"), max_length=10, blank=True)
    direction = models.CharField(
        _("gewünschte Richtung"), max_length=10, choices=Direction.choices, default=Direction.NONE
    )
    weight = models.DecimalField(
        _("Gewicht in der Zielerreichung"), max_digits=6, decimal_places=2, default=1,
        help_text=_("Wie stark der Indikator in die Zielerreichung seiner Ziele eingeht (Standard 1)."),
    )
    is_published = models.BooleanField(_("öffentlich"), default=False)
    # The starter catalogue entry it was adopted from (teilhabe.monitoring.catalogue), if any.
    catalogue_key = models.CharField(max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="indicator_unique_key"),
            models.CheckConstraint(
                condition=(models.Q(numerator__isnull=True) & models.Q(denominator__isnull=True))
                | (models.Q(numerator__isnull=False) & models.Q(denominator__isnull=False)),
                name="indicator_rate_has_both_parts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        """Computed from a numerator and a denominator; it stores no observations of its own."""
        return self.numerator_id is not None


class ImportBatch(TenantModel):
    """One write of observations: a file import, a reporting round's accepted values, a correction."""

    class Origin(models.TextChoices):
        FILE = "file", _("Datei")
        ROUND = "round", _("Berichtsrunde")
        ENTRY = "entry", _("Eingabe")
        DEMO = "demo", _("Demodaten")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="batches")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.FILE)
    label = models.CharField(_("Quelle"), max_length=300)  # file name, round title
    file_format = models.CharField(max_length=20, blank=True)  # tidy_csv, genesis, xlsx
    rows_written = models.PositiveIntegerField(default=0)
    # Warnings the person accepted: [{"line": int|None, "column": str, "message": str}]
    accepted_warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Datenlieferung")
        verbose_name_plural = _("Datenlieferungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label


class Observation(TenantModel):
    """One value. Not Versioned: corrections arrive as a new batch that replaces the value for its key."""

    class Flag(models.TextChoices):
        NONE = "", _("—")
        PROVISIONAL = "p", _("vorläufig")
        ESTIMATED = "e", _("geschätzt")
        SUPPRESSED = "s", _("geheim / nicht ausreichend sicher")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    # "2019", "2019-06" or "2019-06-30" (teilhabe.monitoring.periods); period_start orders and filters.
    period = models.CharField(max_length=10)
    period_start = models.DateField()
    area = models.CharField(max_length=20, blank=True)  # "" the whole municipality; else a district code
    # {dimension: category code}, {} the total; breakdown_key is its canonical text ("" the total).
    breakdown = models.JSONField(default=dict, blank=True)
    breakdown_key = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)  # null when suppressed
    flag = models.CharField(max_length=1, choices=Flag.choices, blank=True)
    source = models.CharField(max_length=300, blank=True)
    vintage = models.CharField(max_length=20, blank=True)  # "Stand" of the source, as given
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "area", "breakdown_key"], name="observation_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "breakdown_key", "area", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.breakdown_key or 'total'}: {self.value}"


class SeriesBreak(TenantModel, Versioned):
    """A break in the series from this period on (e.g. census rebasing 2011, 2022); charts mark it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="series_breaks")
    period = models.CharField(_("ab Periode"), max_length=10)
    note = models.CharField(_("Erläuterung"), max_length=300, validators=PLAIN_TEXT)

    class Meta:
        verbose_name = _("Zeitreihenbruch")
        verbose_name_plural = _("Zeitreihenbrüche")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="seriesbreak_unique_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.note}"


class Category(TenantModel, Versioned):
    """A category the municipality defines for a dimension without a fixed vocabulary (age groups, its
    districts), or an extra spelling of one; sex, nationality and migration background have standard
    categories in teilhabe.monitoring.categories."""

    dimension = models.CharField(_("Aufgliederung"), max_length=12, choices=Dimension.choices)
    code = models.SlugField(_("Code"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=120, validators=PLAIN_TEXT)
    # Other spellings accepted on import ("unter 18 Jahre", "u18"), compared case- and space-insensitively.
    aliases = models.JSONField(_("andere Schreibweisen"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")
        ordering = ["dimension", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "dimension", "code"], name="category_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label


class MonitoringDocument(RenderedDocument):
    """A rendered monitoring report (teilhabe.monitoring.documents.rendering), kept by a hash of what it says:
    asking again for the same report serves the file; a change of the data or of the options makes a new one."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    format = models.CharField(max_length=4, choices=Format.choices)
    published_only = models.BooleanField(default=False)
    field_id = models.PositiveIntegerField(null=True, blank=True)  # one field of action, or all
    language = models.CharField(max_length=10)
    file = models.FileField(upload_to="monitoring/documents/", max_length=300, blank=True)

    class Meta(RenderedDocument.Meta):
        constraints = [models.UniqueConstraint(fields=["municipality", "format", "content_key"],
                                               name="monitoring_document_once_per_content")]

    def __str__(self) -> str:
        return f"{self.format} {self.content_key[:12]} ({self.state})"
