"""State changes of the core: municipalities, org units, organisations, memberships, legal pages."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor, Perm
from teilhabe.core.validators import land_for_ags, validate_ags


def create_municipality(
    *, actor: Actor | None, name: str, slug: str, ags: str, languages: Sequence[str] = ("de", "en"),
    is_demo: bool = False,
) -> Municipality:
    """Platform administrators (or the command line, actor=None) create municipalities.
    The Bundesland follows from the AGS, so the two can never disagree."""
    if actor is not None and not actor.can(Perm.MANAGE_MUNICIPALITIES):
        raise NotAllowed(_("Nur die Plattform-Administration kann Kommunen anlegen."))
    validate_ags(ags)
    municipality = Municipality(
        name=name.strip(), slug=slug.strip().lower(), ags=ags, land=land_for_ags(ags),
        languages=list(dict.fromkeys(["de", *languages])), is_demo=is_demo,
    )
    municipality.full_clean()
    with transaction.atomic():
        municipality.save()
        audit.record(
            actor=actor, municipality=municipality, action=AuditEntry.Action.CREATE, obj=municipality,
            changes={"name": [None, municipality.name], "ags": [None, ags], "slug": [None, municipality.slug]},
        )
    return municipality


__all__ = ["ValidationError", "create_municipality"]
