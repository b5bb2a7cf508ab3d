"""Every change a municipality makes to its intercultural calendar, one function each.

All of them need EDIT_CALENDAR (Koordination), run in their own transaction, leave an audit entry and
bump the municipality's calendar version, which keys the caches of rendered PDFs and feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from teilhabe.calendar import selectors
from teilhabe.calendar.models import CalendarSettings, DateOverride, HiddenObservance, OwnObservance
from teilhabe.calendar.permissions import EDIT_CALENDAR
from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, save_keyed_audited, update_audited

VARIANT_FIELDS = ["variants"]
OVERRIDE_FIELDS = ["date", "end_date", "note"]
OWN_FIELDS = [
    "key", "names", "community", "own_community", "description", "rule", "month", "day", "dates",
    "length_days", "begins_evening_before",
]



def _settings_row(municipality: Municipality) -> CalendarSettings:
    row, _created = CalendarSettings.objects.get_or_create(municipality=municipality)
    return row


def _bump(municipality: Municipality | int) -> None:
    """Invalidate cached renderings: they are keyed by this version."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    updated = CalendarSettings.objects.filter(municipality_id=municipality_id).update(version=F("version") + 1)
    if not updated:
        CalendarSettings.objects.create(municipality_id=municipality_id, version=2)


def _check_year(year: int) -> None:
    if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
        raise ServiceError(_("Das Jahr muss zwischen %(min)d und %(max)d liegen.")
                           % {"min": selectors.MIN_YEAR, "max": selectors.MAX_YEAR})


def _check_key(municipality: Municipality, observance_key: str) -> None:
    if observance_key in selectors.engine_definitions():
        return
    if OwnObservance.objects.of(municipality).filter(key=observance_key).exists():
        return
    raise ServiceError(_("Einen Feier- oder Gedenktag „%(key)s“ gibt es nicht.") % {"key": observance_key})


# --- variants ------------------------------------------------------------------------------------

def set_variants(
    *, actor: Actor, municipality: Municipality, expected_version: int, variants: Mapping[str, str],
) -> CalendarSettings:
    """Choose, per group of observances, the variant the local communities follow (e.g. Diyanet).

    `expected_version` is the calendar version the form showed. Every calendar change bumps it (it keys
    the caches), so a form is only refused when the variants themselves were saved since; other changes
    to the calendar leave nothing to lose here."""
    authorize(actor, EDIT_CALENDAR, municipality)
    groups = selectors.variant_groups()
    cleaned: dict[str, str] = {}
    for group, choice in variants.items():
        if group not in groups or choice not in groups[group].choices:
            raise ServiceError(_("Unbekannte Variante „%(choice)s“ für „%(group)s“.") % {"choice": choice,
                                                                                      "group": group})
        if choice != groups[group].default:
            cleaned[group] = choice
    with transaction.atomic():
        row = _settings_row(municipality)
        if row.version != expected_version and not audit.history_of(row).filter(
            version__gt=expected_version
        ).exists():
            expected_version = row.version
        return update_audited(actor=actor, obj=row, expected_version=expected_version,
                              values={"variants": cleaned}, audit_fields=VARIANT_FIELDS,
                              label=variants_label())


def variants_label() -> str:
    return str(_("Kalender: Varianten"))


# --- date overrides --------------------------------------------------------------------------------

def set_date_override(
    *, actor: Actor, municipality: Municipality, observance_key: str, year: int, date: dt.date,
    expected_version: int, end_date: dt.date | None = None, note: str = "",
) -> DateOverride:
    """Set (or replace) the date of one observance in one year, as the community announced it.
    `expected_version` is the override's version the form showed, 0 when there was none."""
    authorize(actor, EDIT_CALENDAR, municipality)
    _check_year(year)
    _check_key(municipality, observance_key)
    if date.year != year:
        raise ServiceError(_("Das Datum muss im Jahr %(year)d liegen.") % {"year": year})
    if end_date is not None and end_date < date:
        raise ServiceError(_("Der letzte Tag darf nicht vor dem ersten liegen."))
    if end_date == date:
        end_date = None
    with transaction.atomic():
        override = save_keyed_audited(
            actor=actor, model=DateOverride,
            key={"municipality": municipality, "observance_key": observance_key, "year": year},
            expected_version=expected_version, values={"date": date, "end_date": end_date, "note": note.strip()},
            audit_fields=OVERRIDE_FIELDS,
        )
        if override.version != expected_version:  # created or changed (an unchanged save keeps its version)
            _bump(municipality)
    return override


def delete_date_override(*, actor: Actor, override: DateOverride, expected_version: int) -> None:
    authorize(actor, EDIT_CALENDAR, override)
    with transaction.atomic():
        delete_audited(actor=actor, obj=override, expected_version=expected_version, audit_fields=OVERRIDE_FIELDS)
        _bump(override.municipality_id)


# --- hiding ---------------------------------------------------------------------------------------

def hide_observance(*, actor: Actor, municipality: Municipality, observance_key: str) -> HiddenObservance:
    authorize(actor, EDIT_CALENDAR, municipality)
    _check_key(municipality, observance_key)
    with transaction.atomic():
        hidden, created = HiddenObservance.objects.get_or_create(municipality=municipality,
                                                                 observance_key=observance_key)
        if created:
            audit.record(actor=actor, municipality=municipality, action=AuditEntry.Action.CREATE, obj=hidden,
                         changes={"observance_key": [None, observance_key]})
            _bump(municipality)
    return hidden


def unhide_observance(*, actor: Actor, municipality: Municipality, observance_key: str) -> None:
    authorize(actor, EDIT_CALENDAR, municipality)
    with transaction.atomic():
        hidden = HiddenObservance.objects.of(municipality).filter(observance_key=observance_key).first()
        if hidden is None:
            return
        audit.record(actor=actor, municipality=municipality, action=AuditEntry.Action.DELETE, obj=hidden,
                     changes={"observance_key": [observance_key, None]})
        hidden.delete()
        _bump(municipality)


# --- own observances --------------------------------------------------------------------------------

def _own_values(municipality: Municipality, values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise what a form or the command line gives: names without empty entries, ISO date strings."""
    result = {k: v for k, v in values.items() if k in OWN_FIELDS}
    if "names" in result:
        result["names"] = {lang: str(name).strip() for lang, name in dict(result["names"]).items()
                           if str(name or "").strip()}
    if "dates" in result:
        result["dates"] = sorted({d.isoformat() if isinstance(d, dt.date) else str(d) for d in result["dates"]})
    if result.get("rule") == OwnObservance.Rule.FIXED:
        result["dates"] = []
    elif result.get("rule") == OwnObservance.Rule.DATES:
        result["month"] = result["day"] = None
    if "key" in result and result["key"] in selectors.engine_definitions():
        raise ValidationError({"key": _("Diese Kennung hat schon ein berechneter Feier- oder Gedenktag.")})
    community = result.get("community") or ""
    if community and community not in selectors.engine_communities():
        raise ValidationError({"community": _("Diese Gemeinschaft gibt es nicht.")})
    return result


def create_own_observance(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> OwnObservance:
    authorize(actor, EDIT_CALENDAR, municipality)
    cleaned = _own_values(municipality, values)
    with transaction.atomic():
        own = create_audited(actor=actor, model=OwnObservance, values={"municipality": municipality, **cleaned},
                             audit_fields=OWN_FIELDS)
        _bump(municipality)
    return own


def update_own_observance(
    *, actor: Actor, observance: OwnObservance, expected_version: int, values: Mapping[str, Any],
) -> OwnObservance:
    authorize(actor, EDIT_CALENDAR, observance)
    cleaned = _own_values(observance.municipality, values)
    old_key = observance.key
    with transaction.atomic():
        own = update_audited(actor=actor, obj=observance, expected_version=expected_version, values=cleaned,
                             audit_fields=OWN_FIELDS)
        if own.key != old_key:
            # Overrides and hiding follow the observance to its new key.
            DateOverride.objects.of(own.municipality).filter(observance_key=old_key).update(observance_key=own.key)
            HiddenObservance.objects.of(own.municipality).filter(observance_key=old_key).update(
                observance_key=own.key)
        _bump(own.municipality_id)
    return own


def delete_own_observance(*, actor: Actor, observance: OwnObservance, expected_version: int) -> None:
    authorize(actor, EDIT_CALENDAR, observance)
    with transaction.atomic():
        municipality_id = observance.municipality_id
        key = observance.key
        delete_audited(actor=actor, obj=observance, expected_version=expected_version, audit_fields=OWN_FIELDS)
        DateOverride.objects.filter(municipality_id=municipality_id, observance_key=key).delete()
        HiddenObservance.objects.filter(municipality_id=municipality_id, observance_key=key).delete()
        _bump(municipality_id)
