"""Opening a draft for comment („zur Beratung freigeben“): the coordination office lets Fachstellen and/or
Lesende see its draft of the Fortschreibung. They read it (and can comment elsewhere); they do not edit it —
see plans.rules."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.roles import Actor, Role
from teilhabe.core.versioning import update_audited
from teilhabe.plans.models import Edition
from teilhabe.plans.permissions import EDIT_PLAN
from teilhabe.plans.rules import COMMENT_ROLES


def open_edition_for_comment(
    *, actor: Actor, edition: Edition, roles: Iterable[Role | str], expected_version: int
) -> Edition:
    """Open a draft for comment to exactly `roles` (Fachstelle, Lesend); no roles closes it again.
    Audited and versioned: a stale `expected_version` raises ConcurrentEdit and changes nothing."""
    authorize(actor, EDIT_PLAN, edition)
    allowed = {role.value: role for role in COMMENT_ROLES}
    wanted: set[str] = set()
    for role in roles:
        value = role.value if isinstance(role, Role) else str(role)
        if value not in allowed:
            raise ValidationError({"open_for_comment_roles": _(
                "Zur Beratung freigeben lässt sich ein Entwurf nur für Fachstellen und Lesende."
            )})
        wanted.add(value)
    if wanted and edition.status != Edition.Status.DRAFT:
        raise ServiceError(_("Zur Beratung freigeben lässt sich nur ein Entwurf."))
    values = [role.value for role in COMMENT_ROLES if role.value in wanted]
    return update_audited(actor=actor, obj=edition, expected_version=expected_version,
                          values={"open_for_comment_roles": values}, audit_fields=["open_for_comment_roles"])
