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

from teilhabe.core.models import PLAIN_TEXT, Organisation, OrgUnit, TenantModel, Versioned
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
    # Bumped by every change of an event (see calendar.events.services): the events API's ETag, and
    # the moment of that change its Last-Modified.
    events_version = models.PositiveIntegerField(default=1, editable=False)
    events_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Occurrences of open-ended recurring events exist in the table up to this moment; a range beyond it
    # extends them first (calendar.events.selectors.ensure_materialised).
    events_horizon = models.DateTimeField(null=True, blank=True, editable=False)

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


# --- public events -----------------------------------------------------------------------------------

DEFAULT_TIME_ZONE = "Europe/Berlin"


class EventCategory(TenantModel):
    """A category of the municipality's events (Kultur, Beratung, Sport …); defaults are created on first use."""

    key = models.SlugField(_("Kennung"), max_length=60)
    name = models.CharField(_("Name"), max_length=100, validators=PLAIN_TEXT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Terminkategorie")
        verbose_name_plural = _("Terminkategorien")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="eventcategory_unique_key")]

    def __str__(self) -> str:
        return self.name


class Event(TenantModel, Versioned):
    """A public event (Termin) of an organisation or an office of the administration, possibly recurring
    (RFC 5545: RRULE, RDATE, EXDATE, changed single occurrences in EventOccurrenceChange).

    `start`/`end` are aware datetimes of the first occurrence; an all-day event starts at local midnight of
    its first day and ends at local midnight after its last day (exclusive, as in iCalendar). Every write goes
    through calendar.events.services, which also rebuilds the materialised EventOccurrence rows."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")

    class Source(models.TextChoices):
        MANUAL = "manual", _("von Hand angelegt")
        IMPORTED = "imported", _("importiert")

    organisation = models.ForeignKey(Organisation, verbose_name=_("Organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("Verwaltungseinheit"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    categories = models.ManyToManyField(EventCategory, verbose_name=_("Kategorien"), blank=True,
                                        related_name="events")
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=20000)
    place_name = models.CharField(_("Ort"), max_length=200, blank=True, validators=PLAIN_TEXT)
    address = models.CharField(_("Adresse"), max_length=300, blank=True, validators=PLAIN_TEXT)
    district = models.CharField(_("Stadtteil"), max_length=100, blank=True, validators=PLAIN_TEXT)
    online_url = models.URLField(_("Online-Link"), blank=True, max_length=500)
    all_day = models.BooleanField(_("ganztägig"), default=False)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    time_zone = models.CharField(_("Zeitzone"), max_length=60, default=DEFAULT_TIME_ZONE)
    rrule = models.CharField(_("Wiederholungsregel (RRULE)"), max_length=500, blank=True)
    rdates = models.JSONField(_("zusätzliche Termine"), default=list, blank=True)
    exdates = models.JSONField(_("ausgenommene Termine"), default=list, blank=True)
    open_ended = models.BooleanField(default=False, editable=False)  # an RRULE without COUNT or UNTIL
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    language_key = models.CharField(max_length=400, blank=True, editable=False)  # "|de|ar|", for filtering
    is_free = models.BooleanField(_("kostenlos"), default=True)
    cost = models.CharField(_("Kosten"), max_length=200, blank=True, validators=PLAIN_TEXT)
    registration_required = models.BooleanField(_("Anmeldung erforderlich"), default=False)
    registration_url = models.URLField(_("Link zur Anmeldung"), blank=True, max_length=500)
    registration_text = models.CharField(_("Hinweis zur Anmeldung"), max_length=300, blank=True,
                                         validators=PLAIN_TEXT)
    accessibility = models.JSONField(_("Barrierefreiheit"), default=list, blank=True)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.DRAFT)
    uid = models.CharField(_("UID"), max_length=255)
    source = models.CharField(_("Herkunft"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    feed_key = models.CharField(_("Feed"), max_length=200, blank=True, db_index=True)
    selected_for_print = models.BooleanField(_("im gedruckten Kalender"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "uid"], name="event_unique_uid"),
            models.CheckConstraint(
                condition=(models.Q(organisation__isnull=False, org_unit__isnull=True)
                           | models.Q(organisation__isnull=True, org_unit__isnull=False)),
                name="event_one_organiser"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="event_end_after_start"),
        ]
        indexes = [models.Index(fields=["municipality", "state", "start"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule or self.rdates)

    @property
    def organiser(self) -> Organisation | OrgUnit | None:
        return self.organisation or self.org_unit

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id} if self.organisation_id else set()

    def responsible_org_unit_ids(self) -> set[int]:
        return {self.org_unit_id} if self.org_unit_id else set()


class EventOccurrenceChange(TenantModel):
    """One occurrence of a recurring event moved or cancelled (iCalendar: a VEVENT with RECURRENCE-ID).
    `recurrence_id` is the start the rule gives that occurrence."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="changes")
    recurrence_id = models.DateTimeField(_("ursprünglicher Beginn"))
    cancelled = models.BooleanField(_("fällt aus"), default=False)
    start = models.DateTimeField(_("neuer Beginn"), null=True, blank=True)
    end = models.DateTimeField(_("neues Ende"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=300, blank=True, validators=PLAIN_TEXT)

    class Meta:
        verbose_name = _("geänderter Einzeltermin")
        verbose_name_plural = _("geänderte Einzeltermine")
        ordering = ["recurrence_id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "recurrence_id"], name="eventoccurrencechange_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} @ {self.recurrence_id.isoformat()}"


class EventOccurrence(TenantModel):
    """A materialised occurrence (derived data, rebuilt by every write of its event): range queries are one
    indexed query. Open-ended rules are materialised up to a horizon (CalendarSettings.events_horizon)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField()
    end = models.DateTimeField()
    recurrence_id = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["municipality", "published", "end"]),
            models.Index(fields=["event", "start"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.start.isoformat()}"


class EventFeed(TenantModel, Versioned):
    """An organisation's own calendar that Teilhabe takes its events from: an address fetched on a schedule,
    or an uploaded iCalendar file (imported each time it is uploaded again). Events that came from a feed carry
    its `feed_key`; a re-import updates them by UID and removes only those of this feed that vanished."""

    class Origin(models.TextChoices):
        URL = "url", _("Adresse (abonniert)")
        FILE = "file", _("hochgeladene Datei")

    class Status(models.TextChoices):
        NEVER = "never", _("noch nicht übernommen")
        OK = "ok", _("übernommen")
        UNCHANGED = "unchanged", _("unverändert")
        FAILED = "failed", _("fehlgeschlagen")

    INTERVALS = [(1, _("stündlich")), (6, _("alle 6 Stunden")), (24, _("täglich")), (168, _("wöchentlich"))]

    organisation = models.ForeignKey(Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE,
                                     related_name="+")
    origin = models.CharField(_("Herkunft"), max_length=10, choices=Origin.choices, default=Origin.URL)
    url = models.URLField(_("Adresse des Kalenders (iCal)"), max_length=500, blank=True)
    file_name = models.CharField(_("Dateiname"), max_length=200, blank=True, validators=PLAIN_TEXT)
    name = models.CharField(_("Name des Kalenders"), max_length=200, blank=True, validators=PLAIN_TEXT)
    interval_hours = models.PositiveSmallIntegerField(_("Abrufen"), choices=INTERVALS, default=24)
    enabled = models.BooleanField(_("regelmäßig abrufen"), default=True)
    publish = models.BooleanField(_("Termine sofort veröffentlichen"), default=True)
    last_attempt_at = models.DateTimeField(_("zuletzt versucht"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("zuletzt übernommen"), null=True, blank=True, editable=False)
    last_status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.NEVER,
                                   editable=False)
    last_message = models.TextField(_("Meldung"), blank=True, editable=False)
    last_counts = models.JSONField(default=dict, blank=True, editable=False)  # created, updated, removed, total
    failures = models.PositiveIntegerField(default=0, editable=False)  # failed runs in a row
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    fingerprints = models.JSONField(default=dict, blank=True, editable=False)  # UID → digest of what was imported
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kalender-Abonnement")
        verbose_name_plural = _("Kalender-Abonnements")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "organisation", "origin", "url", "file_name"],
                                    name="eventfeed_unique_source"),
        ]

    def __str__(self) -> str:
        return self.name or self.url or self.file_name or f"Kalender #{self.pk}"

    @property
    def feed_key(self) -> str:
        """What the events taken from this feed carry (Event.feed_key)."""
        return f"feed:{self.pk}"

    @property
    def source_label(self) -> str:
        return self.url if self.origin == self.Origin.URL else self.file_name

    def is_due(self, now: dt.datetime) -> bool:
        if not self.enabled or self.origin != self.Origin.URL:
            return False
        return self.last_attempt_at is None or self.last_attempt_at + dt.timedelta(hours=self.interval_hours) <= now

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id}

    def responsible_org_unit_ids(self) -> set[int]:
        return set()
