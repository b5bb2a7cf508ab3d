"""The audit trail: services record every change (who, when, which field, old → new).

Values are stored JSON-friendly and human-readable (labels for relations), because the trail is read by
people on the object's page and must survive the deletion of what it refers to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor


def plain_value(value: Any) -> Any:
    """A JSON-friendly, readable form of a field value."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain_value(v) for v in value]
        return items if isinstance(value, list | tuple) else sorted(items, key=str)
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Field name → plain value, with many-to-many relations as sorted label lists."""
    result: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            result[name] = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        else:
            result[name] = plain_value(getattr(obj, name))
    return result


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Only the fields that changed, as {field: [old, new]}."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    *,
    actor: Actor | None,
    municipality: Municipality | int,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    label: str | None = None,
) -> AuditEntry:
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    return AuditEntry.objects.create(
        municipality_id=municipality_id,
        actor_id=actor.user_id if actor else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        object_label=(label or str(obj))[:300],
        version=getattr(obj, "version", None),
        changes=dict(changes or {}),
    )


def history_of(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        municipality_id=obj.municipality_id,  # type: ignore[attr-defined]
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
    ).select_related("actor")
