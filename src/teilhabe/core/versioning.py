"""One write path for changing a versioned, audited object: permission is checked by the caller,
the version is claimed atomically, the change is validated, saved and recorded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ConcurrentEdit
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor

M = TypeVar("M", bound=models.Model)


def split_values(model: type[models.Model], values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate plain fields from many-to-many fields, which can only be set after saving."""
    plain: dict[str, Any] = {}
    m2m: dict[str, Any] = {}
    for name, value in values.items():
        (m2m if model._meta.get_field(name).many_to_many else plain)[name] = value
    return plain, m2m


def create_audited(
    *, actor: Actor | None, model: type[M], values: Mapping[str, Any], audit_fields: Iterable[str],
    exclude_from_clean: Iterable[str] = (),
) -> M:
    plain, m2m = split_values(model, values)
    with transaction.atomic():
        obj = model(**plain)
        obj.full_clean(exclude=list(exclude_from_clean), validate_unique=True)
        obj.save()
        for name, related in m2m.items():
            getattr(obj, name).set(related)
        after = audit.snapshot(obj, audit_fields)
        audit.record(
            actor=actor, municipality=obj.municipality_id, action=AuditEntry.Action.CREATE,  # type: ignore[attr-defined]
            obj=obj, changes={k: [None, v] for k, v in after.items() if v not in (None, "", [], False)},
        )
    return obj


def update_audited(
    *, actor: Actor | None, obj: M, expected_version: int, values: Mapping[str, Any], audit_fields: Iterable[str],
) -> M:
    """Apply `values` if nobody saved since `expected_version`; otherwise raise ConcurrentEdit
    with the other person's changes. A save that changes nothing records nothing."""
    model = type(obj)
    audit_fields = list(audit_fields)
    plain, m2m = split_values(model, values)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            _raise_conflict(obj, expected_version)
        fresh = model._default_manager.get(pk=obj.pk)
        before = audit.snapshot(fresh, audit_fields)
        for name, value in plain.items():
            setattr(fresh, name, value)
        fresh.full_clean()
        fresh.save()
        for name, related in m2m.items():
            getattr(fresh, name).set(related)
        changes = audit.diff(before, audit.snapshot(fresh, audit_fields))
        if not changes:
            # Nothing changed: give the version back so open forms of others stay valid.
            model._default_manager.filter(pk=obj.pk).update(version=expected_version)
            fresh.version = expected_version  # type: ignore[attr-defined]
            return fresh
        audit.record(
            actor=actor, municipality=fresh.municipality_id,  # type: ignore[attr-defined]
            action=AuditEntry.Action.UPDATE, obj=fresh, changes=changes,
        )
    return fresh


def delete_audited(
    *, actor: Actor | None, obj: models.Model, expected_version: int, audit_fields: Iterable[str]
) -> None:
    model = type(obj)
    with transaction.atomic():
        if not model._default_manager.filter(pk=obj.pk, version=expected_version).exists():
            _raise_conflict(obj, expected_version)
        before = audit.snapshot(obj, audit_fields)
        audit.record(
            actor=actor, municipality=obj.municipality_id,  # type: ignore[attr-defined]
            action=AuditEntry.Action.DELETE, obj=obj, changes={k: [v, None] for k, v in before.items()},
        )
        obj.delete()


def _raise_conflict(obj: models.Model, expected_version: int) -> None:
    current = type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    entries = list(
        audit.history_of(obj).filter(version__gt=expected_version).order_by("at", "id")
    )
    if current is None:
        raise ConcurrentEdit(
            _("„%(label)s“ wurde inzwischen von jemand anderem gelöscht. Ihre Änderungen wurden nicht gespeichert.")
            % {"label": obj},
            entries=entries, current_version=0,
        )
    raise ConcurrentEdit(
        _("„%(label)s“ wurde inzwischen von jemand anderem geändert. Ihre Änderungen wurden nicht gespeichert; "
          "bitte prüfen Sie die Änderungen unten und übernehmen Sie Ihre erneut.") % {"label": obj},
        entries=entries, current_version=current,
    )
