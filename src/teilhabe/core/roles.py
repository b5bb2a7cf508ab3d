"""Roles and what they may do, declared once. Views, API endpoints and services all ask `can()`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KOORDINATION = "koordination", _("Koordination")
    FACHSTELLE = "fachstelle", _("Fachstelle")
    LESEND = "lesend", _("Lesend")


class Perm(StrEnum):
    VIEW = "view"  # the back office and everything in it, read-only
    EDIT_PLAN = "edit_plan"  # plans, editions, fields, goals, status scheme, target groups, every measure
    EDIT_MEASURE = "edit_measure"  # object-level: a measure the actor leads or partners in
    MANAGE_STRUCTURE = "manage_structure"  # org units, organisations, users and roles
    IMPORT_EXPORT = "import_export"
    EDIT_PAGES = "edit_pages"  # the public legal pages
    MANAGE_MUNICIPALITIES = "manage_municipalities"  # platform administrators only


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.KOORDINATION: frozenset(
        {Perm.VIEW, Perm.EDIT_PLAN, Perm.EDIT_MEASURE, Perm.MANAGE_STRUCTURE, Perm.IMPORT_EXPORT, Perm.EDIT_PAGES}
    ),
    Role.FACHSTELLE: frozenset({Perm.VIEW, Perm.EDIT_MEASURE}),
    Role.LESEND: frozenset({Perm.VIEW}),
}
PLATFORM_ADMIN_PERMISSIONS = ROLE_PERMISSIONS[Role.KOORDINATION] | {Perm.MANAGE_MUNICIPALITIES}

# Permissions that Fachstelle holds only for objects it is responsible for.
OBJECT_SCOPED = frozenset({Perm.EDIT_MEASURE})


class ResponsibleObject(Protocol):
    """What an object must tell for a scoped permission: who leads it and who partners in it."""

    def responsible_org_unit_ids(self) -> set[int]: ...

    def responsible_organisation_ids(self) -> set[int]: ...


@dataclass(frozen=True)
class Actor:
    """Who is acting in which municipality, resolved once per request or command."""

    user_id: int | None
    municipality_id: int
    role: Role | None
    is_platform_admin: bool = False
    org_unit_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def permissions(self) -> frozenset[Perm]:
        if self.is_platform_admin:
            return PLATFORM_ADMIN_PERMISSIONS
        return ROLE_PERMISSIONS.get(self.role, frozenset()) if self.role else frozenset()

    @property
    def is_member(self) -> bool:
        return self.is_platform_admin or self.role is not None

    def can(self, perm: Perm, obj: ResponsibleObject | None = None) -> bool:
        if perm not in self.permissions:
            return False
        if perm in OBJECT_SCOPED and obj is not None and not self._has_full(perm):
            return self.is_responsible_for(obj)
        return True

    def _has_full(self, perm: Perm) -> bool:
        """Koordination and platform administrators hold scoped permissions for every object."""
        return self.is_platform_admin or self.role == Role.KOORDINATION

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
