"""Every state change of the monitoring, one function each. Views, the API, imports and commands call these.

Indicators, categories and series breaks are versioned and audited like the plan. Observations are written
in batches (write_observations): a batch replaces the values of the keys it carries — indicator × period ×
area × breakdown — and leaves every other value alone, so a correction is a new batch."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited
from teilhabe.monitoring.categories import breakdown_key
from teilhabe.monitoring.models import (
    RATE_FACTOR,
    Category,
    Dimension,
    Direction,
    ImportBatch,
    Indicator,
    Observation,
    SeriesBreak,
    Unit,
)
from teilhabe.monitoring.periods import PeriodError, parse_period
from teilhabe.monitoring.permissions import LOAD_DATA, MANAGE_INDICATORS

INDICATOR_FIELDS = [
    "key", "name", "definition", "unit", "unit_label", "numerator", "denominator", "source", "frequency",
    "method_notes", "dimensions", "kind", "goals", "measures", "fields", "baseline_value", "baseline_period",
    "target_value", "target_period", "direction", "weight", "is_published",
]
CATEGORY_FIELDS = ["dimension", "code", "label", "aliases"]
SERIES_BREAK_FIELDS = ["period", "note"]


# --- indicators -------------------------------------------------------------------------------------

def _check_indicator(values: Mapping[str, Any], indicator: Indicator | None = None) -> dict[str, Any]:
    """Rules a model field cannot say alone. Returns the values with periods in canonical form."""
    merged: dict[str, Any] = {}
    if indicator is not None:
        merged.update({name: getattr(indicator, name) for name in
                       ("unit", "numerator", "denominator", "dimensions", "direction", "target_value")})
    merged.update(values)
    cleaned = dict(values)
    errors: dict[str, list[str]] = {}
    unknown = [d for d in merged.get("dimensions") or [] if d not in Dimension.values]
    if unknown:
        errors.setdefault("dimensions", []).append(_("Unbekannte Aufgliederung: %(names)s.")
                                                    % {"names": ", ".join(map(str, unknown))})
    numerator, denominator = merged.get("numerator"), merged.get("denominator")
    if (numerator is None) != (denominator is None):
        errors.setdefault("denominator", []).append(_("Eine Quote braucht Zähler und Nenner."))
    if numerator is not None and denominator is not None:
        if merged.get("unit") not in RATE_FACTOR:
            errors.setdefault("unit", []).append(_("Eine berechnete Quote hat die Einheit Prozent oder je 1.000."))
        for name, part in (("numerator", numerator), ("denominator", denominator)):
            if indicator is not None and part.pk == indicator.pk:
                errors.setdefault(name, []).append(_("Eine Quote kann nicht aus sich selbst berechnet werden."))
            elif part.is_rate or part.unit != Unit.COUNT:
                errors.setdefault(name, []).append(
                    _("„%(name)s“ ist keine Anzahl; Quoten werden aus gespeicherten Anzahlen berechnet.")
                    % {"name": part.name})
        if numerator.pk == denominator.pk:
            errors.setdefault("denominator", []).append(_("Zähler und Nenner müssen verschieden sein."))
    for name in ("baseline_period", "target_period"):
        if values.get(name):
            try:
                cleaned[name] = parse_period(values[name])[0]
            except PeriodError:
                errors.setdefault(name, []).append(
                    _("„%(value)s“ ist keine Periode (Jahr, Monat oder Tag, z. B. 2019, 06/2019, 31.12.2019).")
                    % {"value": values[name]})
    if merged.get("target_value") is not None and merged.get("direction", Direction.NONE) == Direction.NONE:
        errors.setdefault("direction", []).append(
            _("Mit einem Zielwert geben Sie an, ob der Wert steigen oder sinken soll."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def create_indicator(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Indicator:
    authorize(actor, MANAGE_INDICATORS, municipality)
    cleaned = _check_indicator(values)
    position = (Indicator.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    return create_audited(
        actor=actor, model=Indicator,
        values={"municipality_id": municipality.pk, "position": position, **cleaned},
        audit_fields=INDICATOR_FIELDS,
    )


def update_indicator(*, actor: Actor, indicator: Indicator, expected_version: int,
                     values: Mapping[str, Any]) -> Indicator:
    authorize(actor, MANAGE_INDICATORS, indicator)
    cleaned = _check_indicator(values, indicator)
    if ("numerator" in cleaned and cleaned["numerator"] is not None
            and indicator.observations.exists()):
        raise ServiceError(_("„%(name)s“ hat eigene Messwerte und kann keine berechnete Quote werden.")
                           % {"name": indicator.name})
    return update_audited(actor=actor, obj=indicator, expected_version=expected_version, values=cleaned,
                          audit_fields=INDICATOR_FIELDS)


def delete_indicator(*, actor: Actor, indicator: Indicator, expected_version: int) -> None:
    authorize(actor, MANAGE_INDICATORS, indicator)
    users = Indicator.objects.filter(numerator=indicator) | Indicator.objects.filter(denominator=indicator)
    if users.exists():
        raise ServiceError(_("„%(name)s“ wird für die Quote „%(rate)s“ gebraucht. Löschen Sie zuerst die Quote.")
                           % {"name": indicator.name, "rate": users.first()})
    delete_audited(actor=actor, obj=indicator, expected_version=expected_version, audit_fields=INDICATOR_FIELDS)


def define_rate(*, actor: Actor, municipality: Municipality, key: str, name: str, numerator: Indicator,
                denominator: Indicator, per: int = 100, unit_label: str = "",
                extra: Mapping[str, Any] | None = None) -> Indicator:
    """Create the rate `key` = numerator / denominator × per, or redefine it if it exists."""
    units = {factor: unit for unit, factor in RATE_FACTOR.items()}
    if per not in units:
        raise ServiceError(_("Quoten werden je 100 (Prozent) oder je 1.000 berechnet, nicht je %(per)s.")
                           % {"per": per})
    unit = units[per]
    values: dict[str, Any] = {
        "name": name, "unit": unit, "numerator": numerator, "denominator": denominator,
        "unit_label": unit_label or ("%" if unit == Unit.PERCENT else "je 1.000"),
        "dimensions": sorted(set(numerator.dimensions or []) & set(denominator.dimensions or [])),
        **(extra or {}),
    }
    existing = Indicator.objects.filter(key=key).first()
    if existing is not None:
        return update_indicator(actor=actor, indicator=existing, expected_version=existing.version, values=values)
    return create_indicator(actor=actor, municipality=municipality, values={"key": key, **values})


# --- categories and series breaks -------------------------------------------------------------------

def create_category(*, actor: Actor, municipality: Municipality, dimension: str, code: str, label: str,
                    aliases: Sequence[str] = ()) -> Category:
    authorize(actor, LOAD_DATA, municipality)
    position = (Category.objects.filter(dimension=dimension).aggregate(m=Max("position"))["m"] or 0) + 1
    return create_audited(
        actor=actor, model=Category,
        values={"municipality_id": municipality.pk, "dimension": dimension, "code": code, "label": label,
                "aliases": [a.strip() for a in aliases if a.strip()], "position": position},
        audit_fields=CATEGORY_FIELDS,
    )


def update_category(*, actor: Actor, category: Category, expected_version: int,
                    values: Mapping[str, Any]) -> Category:
    authorize(actor, LOAD_DATA, category)
    return update_audited(actor=actor, obj=category, expected_version=expected_version, values=values,
                          audit_fields=CATEGORY_FIELDS)


def delete_category(*, actor: Actor, category: Category, expected_version: int) -> None:
    authorize(actor, LOAD_DATA, category)
    used = Observation.objects.filter(breakdown_key__contains=f"{category.dimension}={category.code}")
    if used.exists():
        raise ServiceError(_("Zur Kategorie „%(label)s“ gibt es Messwerte; sie kann nicht gelöscht werden.")
                           % {"label": category.label})
    delete_audited(actor=actor, obj=category, expected_version=expected_version, audit_fields=CATEGORY_FIELDS)


def add_series_break(*, actor: Actor, indicator: Indicator, period: str, note: str) -> SeriesBreak:
    authorize(actor, LOAD_DATA, indicator)
    try:
        canonical = parse_period(period)[0]
    except PeriodError as exc:
        raise ValidationError({"period": _("„%(value)s“ ist keine Periode.") % {"value": period}}) from exc
    return create_audited(
        actor=actor, model=SeriesBreak,
        values={"municipality_id": indicator.municipality_id, "indicator": indicator, "period": canonical,
                "note": note},
        audit_fields=SERIES_BREAK_FIELDS, label=f"{indicator.name}: {canonical}",
    )


def delete_series_break(*, actor: Actor, series_break: SeriesBreak, expected_version: int) -> None:
    authorize(actor, LOAD_DATA, series_break)
    delete_audited(actor=actor, obj=series_break, expected_version=expected_version,
                   audit_fields=SERIES_BREAK_FIELDS)


# --- observations -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ObservationRow:
    """One value to write, already validated (teilhabe.monitoring.imports validates files)."""

    period: str  # canonical (periods.parse_period)
    period_start: dt.date
    value: Decimal | None  # None only when suppressed
    breakdown: Mapping[str, str] = field(default_factory=dict)  # {dimension: category code}
    area: str = ""
    flag: str = ""
    source: str = ""
    vintage: str = ""
    # breakdown_key(breakdown), when the caller already knows it (imports share one per breakdown).
    known_key: str | None = field(default=None, compare=False, repr=False)

    @property
    def breakdown_key(self) -> str:
        return self.known_key if self.known_key is not None else breakdown_key(dict(self.breakdown))

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.period, self.area, self.breakdown_key)


@dataclass(frozen=True)
class DataWarning:
    """Something a statistician accepts knowingly (parts that do not add up to their total). The imports use
    the same shape for errors: a message with the line and column it is about."""

    message: str
    line: int | None = None
    column: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


def write_observations(
    *, actor: Actor, indicator: Indicator, rows: Sequence[ObservationRow], origin: str = ImportBatch.Origin.FILE,
    label: str, file_format: str = "", accepted_warnings: Sequence[DataWarning] = (),
) -> ImportBatch:
    """Write `rows` as one batch, all or nothing: each row replaces the value of its key, if any.

    The one write path of observations, for a handful of values and for a million: on PostgreSQL the rows
    stream through `COPY … FROM STDIN` into a temporary table and move over with one DELETE and one
    INSERT … SELECT; elsewhere they are inserted in batches. No model instance is built per row."""
    authorize(actor, LOAD_DATA, indicator)
    if indicator.is_rate:
        raise ServiceError(_("„%(name)s“ wird aus Zähler und Nenner berechnet; laden Sie deren Anzahlen.")
                           % {"name": indicator.name})
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = row.key
        if key in seen:
            raise ServiceError(_("Die Lieferung enthält denselben Messwert mehrfach."))
        seen.add(key)
    del seen
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            municipality_id=indicator.municipality_id, indicator=indicator, origin=origin, label=label[:300],
            file_format=file_format, rows_written=len(rows),
            accepted_warnings=[w.as_json() for w in accepted_warnings],
            created_by_id=actor.user_id if actor else None,
        )
        if connection.vendor == "postgresql":
            replaced = _replace_by_copy(indicator, rows, batch)
        else:
            replaced = _replace(indicator, rows, batch)
        audit.record(
            actor=actor, municipality=indicator.municipality_id, action=AuditEntry.Action.UPDATE, obj=indicator,
            label=indicator.name,
            changes={"observations": [None, {"batch": batch.label, "written": len(rows), "replaced": replaced,
                                             "accepted_warnings": len(accepted_warnings)}]},
        )
    return batch


def _replace(indicator: Indicator, rows: Sequence[ObservationRow], batch: ImportBatch) -> int:
    """Delete the values of the rows' keys and insert the rows; returns how many values were replaced."""
    periods = {row.period for row in rows}
    existing = {
        (period, area, key): pk
        for pk, period, area, key in Observation.objects.filter(indicator=indicator, period__in=periods)
        .values_list("pk", "period", "area", "breakdown_key").iterator(chunk_size=5000)
    }
    stale = [existing[row.key] for row in rows if row.key in existing]
    for start in range(0, len(stale), 5000):
        Observation.objects.filter(pk__in=stale[start:start + 5000]).delete()
    objects = (Observation(
        municipality_id=indicator.municipality_id, indicator=indicator, period=row.period,
        period_start=row.period_start, area=row.area, breakdown=dict(row.breakdown),
        breakdown_key=row.breakdown_key, value=row.value, flag=row.flag,
        source=row.source, vintage=row.vintage, batch=batch,
    ) for row in rows)
    while chunk := list(islice(objects, 2000)):  # bulk_create would turn a generator into one long list
        Observation.objects.bulk_create(chunk)
    return len(stale)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
STAGING_TABLE = "monitoring_import_rows"


def _copy_text(text: str) -> str:
    return text.translate(_COPY_ESCAPES) if text else text


def _copy_lines(rows: Sequence[ObservationRow]) -> Iterator[str]:
    """The rows in COPY's text format, in chunks; each breakdown's JSON is made once."""
    as_json: dict[str, str] = {}
    chunk: list[str] = []
    for row in rows:
        key = row.breakdown_key
        breakdown = as_json.get(key)
        if breakdown is None:
            breakdown = as_json[key] = _copy_text(json.dumps(dict(row.breakdown), sort_keys=True))
        value = "\\N" if row.value is None else str(row.value)
        chunk.append(f"{_copy_text(row.period)}\t{row.period_start.isoformat()}\t{_copy_text(row.area)}\t"
                     f"{breakdown}\t{_copy_text(key)}\t{value}\t{_copy_text(row.flag)}\t"
                     f"{_copy_text(row.source)}\t{_copy_text(row.vintage)}\n")
        if len(chunk) >= 5000:
            yield "".join(chunk)
            chunk.clear()
    if chunk:
        yield "".join(chunk)


def _replace_by_copy(indicator: Indicator, rows: Sequence[ObservationRow], batch: ImportBatch) -> int:
    """PostgreSQL: COPY the rows into a temporary table, delete the values they replace, insert them all."""
    table = Observation._meta.db_table
    columns = "period, period_start, area, breakdown, breakdown_key, value, flag, source, vintage"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING_TABLE} (period varchar(10), period_start date, area varchar(20), "
            "breakdown jsonb, breakdown_key varchar(200), value numeric(20, 4), flag varchar(1), "
            "source varchar(300), vintage varchar(20)) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY {STAGING_TABLE} ({columns}) FROM STDIN") as copy:
            for text in _copy_lines(rows):
                copy.write(text)
        replaced = 0
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE indicator_id = %s)",  # noqa: S608 - model metadata
                       [indicator.pk])
        if cursor.fetchone()[0]:
            cursor.execute(f"ANALYZE {STAGING_TABLE}")
            cursor.execute(
                f"DELETE FROM {table} o USING {STAGING_TABLE} t "  # noqa: S608 - identifiers from model metadata
                "WHERE o.indicator_id = %s AND o.period = t.period "
                "AND o.area = t.area AND o.breakdown_key = t.breakdown_key", [indicator.pk])
            replaced = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {table} (municipality_id, indicator_id, batch_id, {columns}) "  # noqa: S608 - model metadata
            f"SELECT %s, %s, %s, {columns} FROM {STAGING_TABLE}",
            [indicator.municipality_id, indicator.pk, batch.pk])
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
    return replaced
