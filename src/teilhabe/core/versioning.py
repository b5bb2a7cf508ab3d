"""One write path for changing a versioned, audited object: permission is checked by the caller,
the version is claimed atomically, the change is validated, saved and recorded.

Every object a person edits in a form carries a `version` (see `teilhabe.core.models.Versioned`); the form
sends back the version it showed, and a save against an older one raises `ConcurrentEdit` with the other
person's audit entries. Objects that are looked up by a key rather than an id (a legal page per kind and
language, a date override per observance and year) use `save_keyed_audited`, where version 0 means
"there was none yet when the form was opened"."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ConcurrentEdit
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor

M = TypeVar("M", bound=models.Model)
# A readable snapshot of an object for the audit trail, when audit.snapshot's plain values are not the
# words people read (e.g. a membership's role as its label).
Snapshot = Callable[[Any], dict[str, Any]]


def _snapshot(obj: models.Model, audit_fields: Iterable[str], snapshot: Snapshot | None) -> dict[str, Any]:
    return snapshot(obj) if snapshot is not None else audit.snapshot(obj, audit_fields)


def split_values(model: type[models.Model], values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate plain fields from many-to-many fields, which can only be set after saving."""
    plain: dict[str, Any] = {}
    m2m: dict[str, Any] = {}
    for name, value in values.items():
        (m2m if model._meta.get_field(name).many_to_many else plain)[name] = value
    return plain, m2m


def create_audited(
    *, actor: Actor | None, model: type[M], values: Mapping[str, Any], audit_fields: Iterable[str],
    exclude_from_clean: Iterable[str] = (), label: str | None = None, snapshot: Snapshot | None = None,
) -> M:
    plain, m2m = split_values(model, values)
    with transaction.atomic():
        obj = model(**plain)
        obj.full_clean(exclude=list(exclude_from_clean), validate_unique=True)
        obj.save()
        for name, related in m2m.items():
            getattr(obj, name).set(related)
        after = _snapshot(obj, audit_fields, snapshot)
        audit.record(
            actor=actor, municipality=obj.municipality_id, action=AuditEntry.Action.CREATE,  # type: ignore[attr-defined]
            obj=obj, changes={k: [None, v] for k, v in after.items() if v not in (None, "", [], False)},
            label=label,
        )
    return obj


def update_audited(
    *, actor: Actor | None, obj: M, expected_version: int, values: Mapping[str, Any], audit_fields: Iterable[str],
    label: str | None = None, snapshot: Snapshot | None = None,
) -> M:
    """Apply `values` if nobody saved since `expected_version`; otherwise raise ConcurrentEdit
    with the other person's changes. A save that changes nothing records nothing.

    `label` names the object in the trail and in the conflict message (default: str(obj));
    `snapshot` replaces audit.snapshot(obj, audit_fields) where values need readable words."""
    model = type(obj)
    audit_fields = list(audit_fields)
    plain, m2m = split_values(model, values)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            _raise_conflict(obj, expected_version, label)
        fresh = model._default_manager.get(pk=obj.pk)
        before = _snapshot(fresh, audit_fields, snapshot)
        for name, value in plain.items():
            setattr(fresh, name, value)
        fresh.full_clean()
        fresh.save()
        for name, related in m2m.items():
            getattr(fresh, name).set(related)
        changes = audit.diff(before, _snapshot(fresh, audit_fields, snapshot))
        if not changes:
            # Nothing changed: give the version back so open forms of others stay valid.
            model._default_manager.filter(pk=obj.pk).update(version=expected_version)
            fresh.version = expected_version  # type: ignore[attr-defined]
            return fresh
        audit.record(
            actor=actor, municipality=fresh.municipality_id,  # type: ignore[attr-defined]
            action=AuditEntry.Action.UPDATE, obj=fresh, changes=changes, label=label,
        )
    return fresh


def delete_audited(
    *, actor: Actor | None, obj: models.Model, expected_version: int, audit_fields: Iterable[str],
    label: str | None = None, snapshot: Snapshot | None = None,
) -> None:
    """Delete `obj` if nobody saved since `expected_version` (claimed like an update, so a save at the
    same moment cannot slip in between); otherwise raise ConcurrentEdit. The trail keeps the values."""
    model = type(obj)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            _raise_conflict(obj, expected_version, label)
        obj.version = expected_version + 1  # type: ignore[attr-defined]
        before = _snapshot(obj, audit_fields, snapshot)
        audit.record(
            actor=actor, municipality=obj.municipality_id,  # type: ignore[attr-defined]
            action=AuditEntry.Action.DELETE, obj=obj, changes={k: [v, None] for k, v in before.items()},
            label=label,
        )
        obj.delete()


def save_keyed_audited(
    *, actor: Actor | None, model: type[M], key: Mapping[str, Any], expected_version: int,
    values: Mapping[str, Any], audit_fields: Iterable[str], label: str | None = None,
) -> M:
    """Create or update the one object of `model` with `key` (e.g. municipality, kind and language).
    `expected_version` is the version the form showed, 0 when there was none yet: if someone else
    created, changed or deleted it since, nothing is written and ConcurrentEdit is raised."""
    with transaction.atomic():
        existing = model._default_manager.filter(**key).first()
        if existing is not None:
            return update_audited(actor=actor, obj=existing, expected_version=expected_version, values=values,
                                  audit_fields=audit_fields, label=label)
        if expected_version:
            raise ConcurrentEdit(_deleted_message(label or model._meta.verbose_name), entries=[], current_version=0)
        try:
            with transaction.atomic():
                return create_audited(actor=actor, model=model, values={**key, **values},
                                      audit_fields=audit_fields, label=label)
        except IntegrityError:  # created by someone else at the same moment
            other = model._default_manager.filter(**key).first()
            if other is None:
                raise
            _raise_conflict(other, 0, label)


def _deleted_message(label: object) -> str:
    return _("„%(label)s“ wurde inzwischen von jemand anderem gelöscht. Ihre Änderungen wurden nicht "
             "gespeichert.") % {"label": label}


def _raise_conflict(obj: models.Model, expected_version: int, label: str | None = None) -> NoReturn:
    current = type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    entries = list(
        audit.history_of(obj).filter(version__gt=expected_version).order_by("at", "id")
    )
    if current is None:
        raise ConcurrentEdit(_deleted_message(label or obj), entries=entries, current_version=0)
    raise ConcurrentEdit(
        _("„%(label)s“ wurde inzwischen von jemand anderem geändert. Ihre Änderungen wurden nicht gespeichert; "
          "bitte prüfen Sie die Änderungen unten und übernehmen Sie Ihre erneut.") % {"label": label or obj},
        entries=entries, current_version=current,
    )
