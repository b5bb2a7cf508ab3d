"""What a municipality changes about the computed intercultural calendar: which variant its communities
follow, dates its communities announce, observances it hides, and observances of its own.

The observances themselves are computed by the engine (teilhabe.calendar.engine) and never stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, TenantModel
from teilhabe.core.validators import validate_no_markup

KEY_FIELD_OPTIONS: dict[str, Any] = {"max_length": 60}
OWN_COMMUNITY_PREFIX = "eigene-"
MAX_LENGTH_DAYS = 60
MAX_DATES = 300


class CalendarSettings(TenantModel):
    """One row per municipality: the chosen variants and a version that every change bumps,
    so rendered PDFs and feeds can be cached under (municipality, year, version). The same version is
    the optimistic lock of the variants form (see services.set_variants)."""

    variants = models.JSONField(_("Varianten"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kalendereinstellungen")
        verbose_name_plural = _("Kalendereinstellungen")
        constraints = [models.UniqueConstraint(fields=["municipality"], name="calendarsettings_unique")]

    def __str__(self) -> str:
        return f"Kalendereinstellungen #{self.municipality_id}"


class DateOverride(TenantModel):
    """A date the local community announced for one observance in one year (e.g. after the moon sighting)."""

    observance_key = models.CharField(_("Feier- oder Gedenktag"), **KEY_FIELD_OPTIONS)
    year = models.PositiveIntegerField(_("Jahr"))
    date = models.DateField(_("Datum"))
    end_date = models.DateField(_("letzter Tag"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=300, blank=True, validators=PLAIN_TEXT,
                            help_text=_("Zum Beispiel: bekanntgegeben vom Moscheeverein am 12. März."))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abweichendes Datum")
        verbose_name_plural = _("abweichende Daten")
        ordering = ["year", "date"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "observance_key", "year"], name="dateoverride_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.observance_key} {self.year}: {self.date.isoformat()}"


class HiddenObservance(TenantModel):
    """An observance the municipality does not show (in any year)."""

    observance_key = models.CharField(_("Feier- oder Gedenktag"), **KEY_FIELD_OPTIONS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ausgeblendeter Feier- oder Gedenktag")
        verbose_name_plural = _("ausgeblendete Feier- und Gedenktage")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "observance_key"], name="hiddenobservance_unique"),
        ]

    def __str__(self) -> str:
        return self.observance_key


class OwnObservance(TenantModel):
    """An observance the municipality adds itself: a local festival, a community's day, a memorial day."""

    class Rule(models.TextChoices):
        FIXED = "fixed", _("jedes Jahr am selben Tag")
        DATES = "dates", _("einzelne Termine je Jahr")

    key = models.SlugField(_("Kennung"), **KEY_FIELD_OPTIONS,
                           help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. fest-der-kulturen."))
    names = models.JSONField(_("Namen"), default=dict, help_text=_("Sprachcode → Name; Deutsch ist Pflicht."))
    community = models.CharField(_("Gemeinschaft"), max_length=60, blank=True,
                                 help_text=_("Eine der vorhandenen Gemeinschaften – oder leer lassen und unten "
                                             "eine eigene angeben."))
    own_community = models.CharField(_("eigene Gemeinschaft"), max_length=100, blank=True, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=2000, validators=PLAIN_TEXT)
    rule = models.CharField(_("Terminregel"), max_length=10, choices=Rule.choices, default=Rule.FIXED)
    month = models.PositiveSmallIntegerField(_("Monat"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("Tag"), null=True, blank=True)
    dates = models.JSONField(_("Termine"), default=list, blank=True, help_text=_("ISO-Daten des ersten Tages."))
    length_days = models.PositiveSmallIntegerField(_("Dauer in Tagen"), default=1)
    begins_evening_before = models.BooleanField(_("beginnt am Vorabend"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eigener Feier- oder Gedenktag")
        verbose_name_plural = _("eigene Feier- und Gedenktage")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="ownobservance_unique_key")]

    def __str__(self) -> str:
        return str(self.names.get("de") or self.key)

    @property
    def community_key(self) -> str:
        """The engine community, or a key of the municipality's own community."""
        return self.community or OWN_COMMUNITY_PREFIX + (slugify(self.own_community) or "gemeinschaft")

    def parsed_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(d) for d in self.dates or []]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        names = self.names if isinstance(self.names, dict) else {}
        if not str(names.get("de") or "").strip():
            errors.setdefault("names", []).append(str(_("Bitte geben Sie den deutschen Namen an.")))
        for name in names.values():
            try:
                validate_no_markup(str(name))
            except ValidationError as exc:
                errors.setdefault("names", []).extend(exc.messages)
            if len(str(name)) > 200:
                errors.setdefault("names", []).append(str(_("Ein Name darf höchstens 200 Zeichen lang sein.")))
        if not self.community and not self.own_community.strip():
            errors.setdefault("own_community", []).append(
                str(_("Wählen Sie eine Gemeinschaft aus oder geben Sie eine eigene an.")))
        if not 1 <= (self.length_days or 0) <= MAX_LENGTH_DAYS:
            errors.setdefault("length_days", []).append(
                str(_("Die Dauer muss zwischen 1 und %(max)d Tagen liegen.") % {"max": MAX_LENGTH_DAYS}))
        if self.rule == self.Rule.FIXED:
            self._clean_fixed(errors)
        else:
            self._clean_dates(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_fixed(self, errors: dict[str, list[str]]) -> None:
        if self.month is None or self.day is None:
            errors.setdefault("day", []).append(str(_("Bitte geben Sie Tag und Monat an.")))
            return
        try:
            dt.date(2023, self.month, self.day)  # a common year: 29 February would be missing in most years
        except ValueError:
            errors.setdefault("day", []).append(
                str(_("Diesen Tag gibt es nicht in jedem Jahr. Bitte wählen Sie einzelne Termine.")))

    def _clean_dates(self, errors: dict[str, list[str]]) -> None:
        try:
            dates = self.parsed_dates()
        except (TypeError, ValueError):
            errors.setdefault("dates", []).append(str(_("Ein Termin ist kein gültiges Datum.")))
            return
        if not dates:
            errors.setdefault("dates", []).append(str(_("Bitte geben Sie mindestens einen Termin an.")))
        elif len(dates) > MAX_DATES:
            errors.setdefault("dates", []).append(str(_("Höchstens %(n)d Termine.") % {"n": MAX_DATES}))
        elif any(not 1900 <= d.year <= 2100 for d in dates):
            errors.setdefault("dates", []).append(str(_("Termine müssen zwischen 1900 und 2100 liegen.")))
