"""Target groups of a municipality: services beyond creating one (`services.get_or_create_target_group`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Actor
from teilhabe.plans.models import TargetGroup
from teilhabe.plans.permissions import EDIT_PLAN


def _casefolded(name: str) -> str:
    """Case-insensitive comparison in Python: SQLite's own only folds ASCII letters."""
    return name.strip().casefold()


def rename_target_group(*, actor: Actor, group: TargetGroup, name: str) -> TargetGroup:
    """Rename a target group everywhere it is used; a name another group has is refused."""
    authorize(actor, EDIT_PLAN, group)
    before = audit.snapshot(group, ["name"])
    group.name = (name or "").strip()
    group.full_clean(validate_unique=False, validate_constraints=False)
    others = TargetGroup.objects.filter(municipality_id=group.municipality_id).exclude(pk=group.pk)
    if _casefolded(group.name) in {_casefolded(n) for n in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("Die Zielgruppe „%(name)s“ gibt es bereits.") % {"name": group.name}})
    with transaction.atomic():
        group.save()
        changes = audit.diff(before, audit.snapshot(group, ["name"]))
        if changes:
            audit.record(actor=actor, municipality=group.municipality_id, action=AuditEntry.Action.UPDATE,
                         obj=group, changes=changes)
    return group
