"""The one guard. Every service calls `authorize` before it reads or writes on someone's behalf."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django_scopes import get_scope

from teilhabe.core.errors import NotAllowed
from teilhabe.core.roles import Actor, Permission


def _refuse() -> NotAllowed:
    return NotAllowed(_("Dazu fehlt Ihnen die Berechtigung."))


def municipality_id_of(obj: Any) -> int | None:
    """The tenant an object belongs to: a Municipality is its own, a tenant-owned row carries it."""
    from teilhabe.core.models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk
    return getattr(obj, "municipality_id", None)


def _flatten(objects: Iterable[Any]) -> Iterable[Any]:
    for obj in objects:
        if obj is None:
            continue
        if isinstance(obj, list | tuple | set | frozenset | QuerySet):
            yield from _flatten(obj)
        else:
            yield obj


def _check_scope(actor: Actor) -> None:
    """A service runs in the scope of the municipality it acts for (entry points set both together):
    an actor of another municipality acting in this one's scope is refused like any foreign actor."""
    scope = get_scope()
    if not scope.get("_enabled", True) or "municipality" not in scope:
        return
    scoped = scope["municipality"]
    if getattr(scoped, "pk", scoped) != actor.municipality_id:
        raise _refuse()


def authorize(actor: Actor | None, perm: Permission, *objects: Any) -> Actor:
    """Allow `actor` to do `perm` on `objects`, or raise NotAllowed (403, nothing written).

    Every object (lists and querysets are walked; None is skipped) must belong to the actor's
    municipality, whatever the caller passed. Objects that name who is responsible for them
    (ResponsibleObject) are checked against a role holding `perm` only for its own objects."""
    if actor is None or not actor.can(perm):
        raise _refuse()
    _check_scope(actor)
    for obj in _flatten(objects):
        if isinstance(obj, Model):
            owner = municipality_id_of(obj)
            if owner is not None and owner != actor.municipality_id:
                raise _refuse()
        if not actor.can(perm, obj):
            raise _refuse()
    return actor

