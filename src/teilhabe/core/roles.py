"""The one role table. Roles are declared here; each app declares its own permissions in its
`permissions.py` with `declare()` and says which roles hold them. Everything asks `Actor.can()`,
and services authorise through the one guard, `teilhabe.core.guard.authorize`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KOORDINATION = "koordination", _("Koordination")
    FACHSTELLE = "fachstelle", _("Fachstelle")
    LESEND = "lesend", _("Lesend")
    STATISTIK = "statistik", _("Statistikstelle")
    ORGANISATION = "organisation", _("Organisationsredaktion")
    MODERATION = "moderation", _("Moderation")
    GREMIUM = "gremium", _("Gremienmitglied")


class Reach(StrEnum):
    """How far a role holds a permission."""

    ALL = "all"  # every object of the municipality
    OWN = "own"  # only objects the actor is responsible for (see ResponsibleObject)


@dataclass(frozen=True, eq=False)
class Permission:
    """One permission, declared once by the app that owns what it protects. Compared by identity."""

    key: str  # "<app>.<name>", e.g. "plans.edit_measure"
    label: Any  # German, lazily translated; shown in docs/roles.md
    holders: Mapping[Role, Reach]
    platform_admin: bool = True  # platform administrators hold it everywhere

    def __str__(self) -> str:
        return self.key

    @property
    def name(self) -> str:
        """The part after the app, as used in templates (`perms_of_actor.edit_plan`)."""
        return self.key.split(".", 1)[1]

    def reach_of(self, role: Role | None) -> Reach | None:
        return self.holders.get(role) if role is not None else None


_REGISTRY: dict[str, Permission] = {}


def declare(key: str, label: Any, holders: Mapping[Role, Reach], *, platform_admin: bool = True) -> Permission:
    """Declare a permission of an app. Called at import time of `<app>/permissions.py`."""
    if key in _REGISTRY:
        raise ValueError(f"permission {key!r} declared twice")
    if "." not in key:
        raise ValueError(f"permission key {key!r} must be '<app>.<name>'")
    permission = Permission(key=key, label=label, holders=dict(holders), platform_admin=platform_admin)
    _REGISTRY[key] = permission
    return permission


def all_permissions() -> list[Permission]:
    """Every declared permission, in declaration order (apps' permissions modules are loaded by
    CoreConfig.ready, so this is complete once Django is set up)."""
    return list(_REGISTRY.values())


def permissions_of(role: Role | None, *, platform_admin: bool = False) -> frozenset[Permission]:
    if platform_admin:
        return frozenset(p for p in _REGISTRY.values() if p.platform_admin)
    if role is None:
        return frozenset()
    return frozenset(p for p in _REGISTRY.values() if role in p.holders)


@runtime_checkable
class ResponsibleObject(Protocol):
    """What an object must tell for a permission held with Reach.OWN: who leads it and who partners in it."""

    def responsible_org_unit_ids(self) -> set[int]: ...

    def responsible_organisation_ids(self) -> set[int]: ...


@runtime_checkable
class AssignedObject(Protocol):
    """An object that names the users assigned to it (the members of a body, and its meetings and
    results): for them a permission held with Reach.OWN applies. Checked after ResponsibleObject."""

    def assigned_user_ids(self) -> set[int]: ...


@dataclass(frozen=True)
class Actor:
    """Who is acting in which municipality, resolved once per request, command or task."""

    user_id: int | None
    municipality_id: int
    role: Role | None
    is_platform_admin: bool = False
    org_unit_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def system(cls, municipality_id: int) -> Actor:
        """A command or background task acting with the platform's full rights in one municipality."""
        return cls(user_id=None, municipality_id=municipality_id, role=None, is_platform_admin=True)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.role, platform_admin=self.is_platform_admin)

    @property
    def is_member(self) -> bool:
        return self.is_platform_admin or self.role is not None

    def can(self, perm: Permission, obj: object | None = None) -> bool:
        """May the actor do `perm` at all (obj None), or on this object? Tenancy is checked by the guard."""
        if self.is_platform_admin:
            return perm.platform_admin
        reach = perm.reach_of(self.role)
        if reach is None:
            return False
        if reach is Reach.OWN and isinstance(obj, ResponsibleObject):
            return self.is_responsible_for(obj)
        if reach is Reach.OWN and isinstance(obj, AssignedObject):
            return self.user_id is not None and self.user_id in obj.assigned_user_ids()
        return True

    def holds_fully(self, perm: Permission) -> bool:
        """Holds `perm` for every object of the municipality, not only for its own."""
        if self.is_platform_admin:
            return perm.platform_admin
        return perm.reach_of(self.role) is Reach.ALL

    def is_responsible_for(self, obj: ResponsibleObject) -> bool:
        return bool(
            self.org_unit_ids & obj.responsible_org_unit_ids()
            or self.organisation_ids & obj.responsible_organisation_ids()
        )


def with_descendants(unit_ids: Iterable[int], parent_of: dict[int, int | None]) -> frozenset[int]:
    """A Fachstelle member of an Amt is responsible for its Abteilungen too."""
    wanted = set(unit_ids)
    result = set(wanted)
    for unit_id in parent_of:
        ancestor = parent_of.get(unit_id)
        seen: set[int] = set()
        while ancestor is not None and ancestor not in seen:
            if ancestor in wanted:
                result.add(unit_id)
                break
            seen.add(ancestor)
            ancestor = parent_of.get(ancestor)
    return frozenset(result)


def role_table_markdown() -> str:
    """The table of docs/roles.md, generated from the declarations (`teilhabe roles-doc` writes it)."""
    from django.utils import translation

    columns = [str(role.label) for role in Role] + ["Plattform-Administration"]
    lines = ["| Berechtigung | erlaubt | " + " | ".join(columns) + " |", "|---" * (len(columns) + 2) + "|"]
    with translation.override("de"):
        for perm in all_permissions():
            cells = []
            for role in Role:
                reach = perm.reach_of(role)
                cells.append("–" if reach is None else ("nur eigene" if reach is Reach.OWN else "ja"))
            cells.append("ja" if perm.platform_admin else "–")
            lines.append(f"| `{perm.key}` | {perm.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
