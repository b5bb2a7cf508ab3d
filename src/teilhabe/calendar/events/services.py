"""Every change of an event, one function each: create, update, delete, publish, choose for print, move or
cancel one occurrence, and `upsert_event` for importers (matched by UID).

Each checks the one guard, runs in its own transaction, records the change (core.versioning), rebuilds the
event's materialised occurrences and bumps the municipality's events version (the API's ETag).

Values are plain keyword data (`values={"title": …, "start": …}`): `organisation` or `org_unit` (exactly one),
`categories` (EventCategory objects or their keys), `title`, `description` (HTML or plain text; sanitised),
`place_name`, `address`, `district`, `online_url`, `all_day`, `start`, `end`, `time_zone`, `rrule`, `rdates`,
`exdates`, `languages`, `is_free`, `cost`, `registration_required`, `registration_url`, `registration_text`,
`accessibility`, `state`. Timed events take aware datetimes (naive ones are read in the event's time zone);
all-day events take dates: the first and the last day (inclusive)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events.search_documents import event_changed, event_removed
from teilhabe.calendar.models import (
    DEFAULT_TIME_ZONE,
    CalendarSettings,
    Event,
    EventCategory,
    EventOccurrence,
    EventOccurrenceChange,
)
from teilhabe.calendar.permissions import EDIT_CALENDAR, EDIT_EVENTS
from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.richtext import accessibility_problems, sanitize
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited

HORIZON = dt.timedelta(days=731)  # open-ended rules are materialised this far ahead, then on demand
FAR_FUTURE = dt.datetime(2100, 12, 31, tzinfo=dt.UTC)
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
MAX_LANGUAGES = 30

ACCESSIBILITY: dict[str, Any] = {
    "step_free": gettext_lazy("stufenlos erreichbar"),
    "accessible_toilet": gettext_lazy("barrierefreie Toilette"),
    "hearing_loop": gettext_lazy("Induktionsschleife"),
    "sign_language": gettext_lazy("Gebärdensprache"),
    "easy_language": gettext_lazy("Leichte Sprache"),
    "childcare": gettext_lazy("Kinderbetreuung"),
}

# The categories a municipality starts with (key, German name); it may add its own.
DEFAULT_CATEGORIES: list[tuple[str, Any]] = [
    ("begegnung", gettext_lazy("Begegnung")),
    ("kultur", gettext_lazy("Kultur und Feste")),
    ("bildung", gettext_lazy("Bildung und Sprache")),
    ("beratung", gettext_lazy("Beratung")),
    ("sport", gettext_lazy("Sport und Bewegung")),
    ("familie", gettext_lazy("Kinder und Familie")),
    ("frauen", gettext_lazy("Frauen")),
    ("religion", gettext_lazy("Religion und Glaube")),
    ("politik", gettext_lazy("Politik und Teilhabe")),
    ("arbeit", gettext_lazy("Arbeit und Beruf")),
]

EVENT_FIELDS = [
    "organisation", "org_unit", "categories", "title", "description", "place_name", "address", "district",
    "online_url", "all_day", "start", "end", "time_zone", "rrule", "rdates", "exdates", "languages", "is_free",
    "cost", "registration_required", "registration_url", "registration_text", "accessibility", "state",
]
AUDIT_FIELDS = [*EVENT_FIELDS, "selected_for_print", "uid"]
DEFAULTS: dict[str, Any] = {
    "organisation": None, "org_unit": None, "categories": [], "description": "", "place_name": "", "address": "",
    "district": "", "online_url": "", "all_day": False, "time_zone": DEFAULT_TIME_ZONE, "rrule": "", "rdates": [],
    "exdates": [], "languages": [], "is_free": True, "cost": "", "registration_required": False,
    "registration_url": "", "registration_text": "", "accessibility": [], "state": Event.State.DRAFT,
}


@dataclass(frozen=True)
class _Organiser:
    """The organiser an event is about to get, for the guard's Reach.OWN check before the event exists."""

    municipality_id: int
    organisation_id: int | None
    org_unit_id: int | None

    def responsible_organisation_ids(self) -> set[int]:
        return {self.organisation_id} if self.organisation_id else set()

    def responsible_org_unit_ids(self) -> set[int]:
        return {self.org_unit_id} if self.org_unit_id else set()


# --- categories ---------------------------------------------------------------------------------------

def ensure_default_categories(municipality: Municipality) -> list[EventCategory]:
    """The municipality's categories; the defaults are created the first time anyone asks."""
    existing = list(EventCategory.objects.of(municipality))
    if existing:
        return existing
    EventCategory.objects.bulk_create(
        [EventCategory(municipality=municipality, key=key, name=str(name), position=index)
         for index, (key, name) in enumerate(DEFAULT_CATEGORIES)], ignore_conflicts=True)
    return list(EventCategory.objects.of(municipality))


# --- values ---------------------------------------------------------------------------------------------

def _current(event: Event) -> dict[str, Any]:
    values = {name: getattr(event, name) for name in EVENT_FIELDS if name != "categories"}
    values["categories"] = list(event.categories.all())
    if event.all_day:
        tz = recurrence.zone(event.time_zone)
        values["start"] = event.start.astimezone(tz).date()
        values["end"] = event.end.astimezone(tz).date() - dt.timedelta(days=1)
    return values


def _moment(value: Any, tz: Any, field: str, errors: dict[str, list[str]]) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0), tzinfo=tz)
    if isinstance(value, str) and value.strip():
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            errors.setdefault(field, []).append(_("„%(value)s“ ist kein gültiger Zeitpunkt.") % {"value": value[:30]})
            return None
        return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=tz)
    return None


def _day(value: Any, tz: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return (value.astimezone(tz) if timezone.is_aware(value) else value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _times(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    try:
        tz = recurrence.zone(str(data.get("time_zone") or DEFAULT_TIME_ZONE))
    except recurrence.RecurrenceError as error:
        errors.setdefault("time_zone", []).append(str(error))
        return
    if data.get("start") in (None, ""):
        errors.setdefault("start", []).append(_("Bitte geben Sie den Beginn an."))
        return
    if data.get("end") in (None, ""):
        errors.setdefault("end", []).append(_("Bitte geben Sie das Ende an."))
        return
    if data["all_day"]:
        first, last = _day(data["start"], tz), _day(data["end"], tz)
        if first is None or last is None:
            errors.setdefault("start", []).append(_("Bitte geben Sie gültige Tage an."))
            return
        if last < first:
            errors.setdefault("end", []).append(_("Der letzte Tag darf nicht vor dem ersten liegen."))
            return
        start = dt.datetime.combine(first, dt.time(0), tzinfo=tz)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    else:
        moment_start, moment_end = _moment(data["start"], tz, "start", errors), _moment(data["end"], tz, "end", errors)
        if moment_start is None or moment_end is None:
            return
        start, end = moment_start, moment_end
        if end < start:
            errors.setdefault("end", []).append(_("Das Ende darf nicht vor dem Beginn liegen."))
            return
    if not 1900 <= start.year <= 2100 or not 1900 <= end.year <= 2100:
        errors.setdefault("start", []).append(_("Termine müssen zwischen 1900 und 2100 liegen."))
        return
    data["start"], data["end"] = start, end


def _categories(municipality: Municipality, given: Iterable[Any], errors: dict[str, list[str]]) -> list[EventCategory]:
    items = list(given or [])
    if not items:
        return []
    known = {c.key: c for c in ensure_default_categories(municipality)}
    by_id = {c.pk: c for c in known.values()}
    result: list[EventCategory] = []
    for item in items:
        found = (by_id.get(item.pk) if isinstance(item, EventCategory) and item.municipality_id == municipality.pk
                 else known.get(str(item)))
        if found is None:
            errors.setdefault("categories", []).append(_("Diese Kategorie gibt es nicht."))
        elif found not in result:
            result.append(found)
    return result


def _organiser(municipality: Municipality, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    organisation, unit = data.get("organisation"), data.get("org_unit")
    if (organisation is None) == (unit is None):
        errors.setdefault("organisation", []).append(
            _("Bitte wählen Sie genau einen Veranstalter: eine Organisation oder eine Verwaltungseinheit."))
        return
    for value, model in ((organisation, Organisation), (unit, OrgUnit)):
        if value is not None and (not isinstance(value, model) or value.municipality_id != municipality.pk):
            errors.setdefault("organisation", []).append(_("Diesen Veranstalter gibt es nicht."))


def _clean(municipality: Municipality, values: Mapping[str, Any], existing: Event | None) -> dict[str, Any]:
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ServiceError(_("Unbekannte Angaben zu einem Termin: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    data = _current(existing) if existing is not None else {**DEFAULTS}
    data.update(values)
    data["all_day"] = bool(data["all_day"])
    errors: dict[str, list[str]] = {}
    _organiser(municipality, data, errors)
    _times(data, errors)
    data["categories"] = _categories(municipality, data["categories"], errors)
    for name in ("title", "place_name", "address", "district", "cost", "registration_text", "online_url",
                 "registration_url"):
        data[name] = " ".join(str(data.get(name) or "").split())
    if not data["title"]:
        errors.setdefault("title", []).append(_("Bitte geben Sie einen Titel an."))
    data["description"] = sanitize(str(data.get("description") or ""))
    problems = accessibility_problems(data["description"])
    if problems:
        errors.setdefault("description", []).extend(problems)
    try:
        data["rrule"] = recurrence.normalise_rule(str(data.get("rrule") or ""))
    except recurrence.RecurrenceError as error:
        errors.setdefault("rrule", []).append(str(error))
    for name in ("rdates", "exdates"):
        try:
            data[name] = recurrence.normalise_points(list(data.get(name) or []), all_day=data["all_day"])
        except recurrence.RecurrenceError as error:
            errors.setdefault(name, []).append(str(error))
    languages = [str(code).strip().lower().replace("_", "-") for code in data.get("languages") or []]
    if any(not LANGUAGE_RE.match(code) for code in languages) or len(languages) > MAX_LANGUAGES:
        errors.setdefault("languages", []).append(_("Bitte geben Sie Sprachen als Sprachcodes an, z. B. de, ar, tr."))
    data["languages"] = list(dict.fromkeys(languages))
    accessibility = list(dict.fromkeys(str(k) for k in data.get("accessibility") or []))
    if set(accessibility) - set(ACCESSIBILITY):
        errors.setdefault("accessibility", []).append(_("Unbekannte Angabe zur Barrierefreiheit."))
    data["accessibility"] = [k for k in ACCESSIBILITY if k in accessibility]
    if data["state"] not in Event.State.values:
        errors.setdefault("state", []).append(_("Unbekannter Status."))
    if data["is_free"]:
        data["cost"] = data["cost"] if data["cost"] else ""
    if errors:
        raise ValidationError(errors)
    data["time_zone"] = str(data["time_zone"])
    return data


# --- occurrences and versions ----------------------------------------------------------------------------

def _settings_row(municipality_id: int) -> CalendarSettings:
    row, _created = CalendarSettings.objects.get_or_create(municipality_id=municipality_id)
    return row


def horizon_of(row: CalendarSettings, now: dt.datetime | None = None) -> dt.datetime:
    return row.events_horizon or (now or timezone.now()) + HORIZON


def _touch(municipality_id: int, *, printed: bool) -> None:
    """A change of events: the API's ETag changes; a change of a printed event also renews the PDFs."""
    updates: dict[str, Any] = {"events_version": F("events_version") + 1, "events_changed_at": timezone.now()}
    if printed:
        updates["version"] = F("version") + 1
    if not CalendarSettings.objects.filter(municipality_id=municipality_id).update(**updates):
        CalendarSettings.objects.create(municipality_id=municipality_id, version=2 if printed else 1,
                                        events_version=2, events_changed_at=timezone.now())


def changes_of(event: Event) -> list[recurrence.Change]:
    return [recurrence.Change(recurrence_id=c.recurrence_id, cancelled=c.cancelled, start=c.start, end=c.end)
            for c in EventOccurrenceChange.objects.filter(event=event)]


def instances(event: Event, *, until: dt.datetime, changes: Iterable[recurrence.Change] | None = None,
              ) -> list[recurrence.Instance]:
    return recurrence.expand(
        start=event.start, end=event.end, time_zone=event.time_zone, rrule=event.rrule, rdates=event.rdates,
        exdates=event.exdates, changes=changes_of(event) if changes is None else changes, until=until)


def rebuild_occurrences(event: Event, *, horizon: dt.datetime | None = None) -> int:
    """Replace the event's materialised occurrences (derived data, no audit). Returns how many there are."""
    if horizon is None:
        horizon = horizon_of(_settings_row(event.municipality_id))
    until = horizon if event.open_ended else FAR_FUTURE
    rows = [
        EventOccurrence(municipality_id=event.municipality_id, event=event, start=i.start, end=i.end,
                        recurrence_id=i.recurrence_id, all_day=event.all_day, cancelled=i.cancelled, moved=i.moved,
                        published=event.state == Event.State.PUBLISHED)
        for i in instances(event, until=until)
    ]
    EventOccurrence.objects.filter(event=event).delete()
    EventOccurrence.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def extend_horizon(municipality: Municipality | int, until: dt.datetime) -> None:
    """Materialise open-ended rules up to `until` (a range beyond the horizon was asked for). Derived data:
    no permission, no audit; the occurrences up to the old horizon stay the same."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    until = min(until + dt.timedelta(days=31), FAR_FUTURE)
    with transaction.atomic():
        row = CalendarSettings.objects.select_for_update().filter(municipality_id=municipality_id).first()
        if row is None:
            row = _settings_row(municipality_id)
        if row.events_horizon is not None and row.events_horizon >= until:
            return
        for event in Event.objects.filter(municipality_id=municipality_id, open_ended=True):
            rebuild_occurrences(event, horizon=until)
        CalendarSettings.objects.filter(pk=row.pk).update(events_horizon=until)


def _after_write(event: Event, *, printed: bool) -> None:
    rebuild_occurrences(event)
    _touch(event.municipality_id, printed=printed)
    event_changed(event)


# --- events ---------------------------------------------------------------------------------------------

def _authorize(actor: Actor, municipality: Municipality, data: Mapping[str, Any]) -> None:
    organisation, unit = data.get("organisation"), data.get("org_unit")
    authorize(actor, EDIT_EVENTS, municipality, organisation, unit, _Organiser(
        municipality_id=municipality.pk, organisation_id=getattr(organisation, "pk", None),
        org_unit_id=getattr(unit, "pk", None)))


def _language_key(data: Mapping[str, Any]) -> str:
    return "|" + "|".join(data["languages"]) + "|" if data["languages"] else ""


def new_uid(municipality: Municipality) -> str:
    return f"{uuid.uuid4()}@{municipality.slug}.teilhabe"


def create_event(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any], uid: str = "",
                 source: str = Event.Source.MANUAL, feed_key: str = "") -> Event:
    authorize(actor, EDIT_EVENTS, municipality)
    data = _clean(municipality, values, None)
    _authorize(actor, municipality, data)
    uid = (uid or "").strip()[:255] or new_uid(municipality)
    with transaction.atomic():
        if Event.objects.filter(municipality=municipality, uid=uid).exists():
            raise ServiceError(_("Einen Termin mit dieser UID gibt es schon."))
        event = create_audited(actor=actor, model=Event, audit_fields=AUDIT_FIELDS, values={
            "municipality": municipality, **data, "uid": uid, "source": source, "feed_key": feed_key[:200],
            "open_ended": recurrence.is_open_ended(data["rrule"]), "language_key": _language_key(data)})
        _after_write(event, printed=False)
    return event


def update_event(*, actor: Actor, event: Event, expected_version: int, values: Mapping[str, Any]) -> Event:
    authorize(actor, EDIT_EVENTS, event)
    municipality = event.municipality
    data = _clean(municipality, values, event)
    _authorize(actor, municipality, data)
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=event, expected_version=expected_version, audit_fields=AUDIT_FIELDS,
                                 values={**data, "open_ended": recurrence.is_open_ended(data["rrule"]),
                                         "language_key": _language_key(data)})
        if updated.version != expected_version:
            _after_write(updated, printed=updated.selected_for_print)
    return updated


def delete_event(*, actor: Actor, event: Event, expected_version: int) -> None:
    authorize(actor, EDIT_EVENTS, event)
    with transaction.atomic():
        printed, municipality_id = event.selected_for_print, event.municipality_id
        EventOccurrence.objects.filter(event=event).delete()
        EventOccurrenceChange.objects.filter(event=event).delete()
        event_id = event.pk
        delete_audited(actor=actor, obj=event, expected_version=expected_version, audit_fields=AUDIT_FIELDS)
        _touch(municipality_id, printed=printed)
        event_removed(event.municipality, event_id)


def set_state(*, actor: Actor, event: Event, expected_version: int, state: str) -> Event:
    """Publish (state "published") or take back to draft."""
    return update_event(actor=actor, event=event, expected_version=expected_version, values={"state": state})


def publish_event(*, actor: Actor, event: Event, expected_version: int) -> Event:
    return set_state(actor=actor, event=event, expected_version=expected_version, state=Event.State.PUBLISHED)


def set_selected_for_print(*, actor: Actor, event: Event, expected_version: int, selected: bool) -> Event:
    """Koordination chooses the events the printed wall calendar shows."""
    authorize(actor, EDIT_CALENDAR, event)
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=event, expected_version=expected_version,
                                 audit_fields=AUDIT_FIELDS, values={"selected_for_print": bool(selected)})
        if updated.version != expected_version:
            _touch(updated.municipality_id, printed=True)
    return updated


def upsert_event(*, actor: Actor, municipality: Municipality, uid: str, values: Mapping[str, Any],
                 feed_key: str = "", source: str = Event.Source.IMPORTED) -> tuple[Event, bool]:
    """For importers: create the event with this UID, or update the one that has it (whatever its
    version). Returns (event, created)."""
    uid = (uid or "").strip()[:255]
    if not uid:
        raise ServiceError(_("Ein Termin ohne UID kann nicht abgeglichen werden."))
    existing = Event.objects.filter(municipality=municipality, uid=uid).first()
    if existing is None:
        return create_event(actor=actor, municipality=municipality, values=values, uid=uid, source=source,
                            feed_key=feed_key), True
    return update_event(actor=actor, event=existing, expected_version=existing.version, values=values), False


# --- single occurrences ------------------------------------------------------------------------------------

def _occurrence_of(event: Event, recurrence_id: dt.datetime) -> recurrence.Instance:
    if not event.is_recurring:
        raise ServiceError(_("Nur einzelne Termine einer Terminreihe lassen sich verschieben oder absagen."))
    key = recurrence_id.astimezone(dt.UTC).replace(microsecond=0)
    until = max(recurrence_id + dt.timedelta(days=1), event.start + dt.timedelta(days=1))
    for instance in instances(event, until=until, changes=()):
        if instance.recurrence_id is not None and instance.recurrence_id.astimezone(dt.UTC) == key:
            return instance
    raise ServiceError(_("Diesen Einzeltermin gibt es in der Terminreihe nicht."))


def _record_change(actor: Actor, event: Event, before: dict[str, Any], after: dict[str, Any]) -> None:
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor=actor, municipality=event.municipality_id, action=AuditEntry.Action.UPDATE, obj=event,
                     changes=changes, label=f"{event.title}: {_('Einzeltermin')}")


def _change_snapshot(change: EventOccurrenceChange | None) -> dict[str, Any]:
    if change is None:
        return {"occurrence": None}
    return {"occurrence": {"cancelled": change.cancelled, "start": audit.plain_value(change.start),
                           "end": audit.plain_value(change.end), "note": change.note}}


def set_occurrence_change(
    *, actor: Actor, event: Event, recurrence_id: dt.datetime, cancelled: bool = False,
    start: dt.datetime | None = None, end: dt.datetime | None = None, note: str = "",
) -> EventOccurrenceChange:
    """Cancel one occurrence (`cancelled=True`) or move it (`start`, optionally `end`)."""
    authorize(actor, EDIT_EVENTS, event)
    instance = _occurrence_of(event, recurrence_id)
    if not cancelled and start is None:
        raise ValidationError({"start": _("Bitte geben Sie den neuen Beginn an.")})
    if not cancelled and start is not None:
        tz = recurrence.zone(event.time_zone)
        start = start if timezone.is_aware(start) else start.replace(tzinfo=tz)
        if end is None:
            end = start + (instance.end - instance.start)
        end = end if timezone.is_aware(end) else end.replace(tzinfo=tz)
        if end < start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
    else:
        start = end = None
    note = " ".join(str(note or "").split())[:300]
    with transaction.atomic():
        existing = EventOccurrenceChange.objects.filter(event=event, recurrence_id=instance.recurrence_id).first()
        before = _change_snapshot(existing)
        change, _created = EventOccurrenceChange.objects.update_or_create(
            event=event, recurrence_id=instance.recurrence_id,
            defaults={"municipality_id": event.municipality_id, "cancelled": cancelled, "start": start, "end": end,
                      "note": note})
        change.full_clean()
        _record_change(actor, event, before, _change_snapshot(change))
        _after_write(event, printed=event.selected_for_print)
    return change


def cancel_occurrence(
    *, actor: Actor, event: Event, recurrence_id: dt.datetime, note: str = "",
) -> EventOccurrenceChange:
    return set_occurrence_change(actor=actor, event=event, recurrence_id=recurrence_id, cancelled=True, note=note)


def move_occurrence(*, actor: Actor, event: Event, recurrence_id: dt.datetime, start: dt.datetime,
                    end: dt.datetime | None = None) -> EventOccurrenceChange:
    return set_occurrence_change(actor=actor, event=event, recurrence_id=recurrence_id, start=start, end=end)


def restore_occurrence(*, actor: Actor, event: Event, recurrence_id: dt.datetime) -> None:
    """The occurrence takes place as the rule says again."""
    authorize(actor, EDIT_EVENTS, event)
    key = recurrence_id.astimezone(dt.UTC)
    with transaction.atomic():
        existing = EventOccurrenceChange.objects.filter(event=event, recurrence_id=key).first()
        if existing is None:
            return
        before = _change_snapshot(existing)
        existing.delete()
        _record_change(actor, event, before, _change_snapshot(None))
        _after_write(event, printed=event.selected_for_print)
