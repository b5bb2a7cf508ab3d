"""Every change of a revision: propose (by an app's service), publish or return (by Koordination)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Organisation
from teilhabe.core.roles import Actor, Permission
from teilhabe.core.validators import validate_no_markup
from teilhabe.moderation.models import Revision
from teilhabe.moderation.permissions import MODERATE
from teilhabe.moderation.registry import applier_for


def propose(*, actor: Actor, perm: Permission, obj: models.Model, values: Mapping[str, Any],
            base_values: Mapping[str, Any], organisation: Organisation | None) -> Revision:
    """Queue `values` for `obj` as a pending revision, on behalf of an app whose service already checked the
    values; `perm` is the app's permission to edit `obj`. An earlier pending revision of the same object is
    superseded (kept, not deleted): Koordination decides on the latest proposal only."""
    authorize(actor, perm, obj)
    content_type = obj._meta.label_lower
    if applier_for(content_type) is None:
        raise ServiceError(_("Für diese Art von Inhalt gibt es keine Freigabe."))
    with transaction.atomic():
        Revision.objects.filter(content_type=content_type, object_id=obj.pk,
                                state=Revision.State.PENDING).update(state=Revision.State.SUPERSEDED)
        revision = Revision.objects.create(
            municipality_id=obj.municipality_id,  # type: ignore[attr-defined]
            content_type=content_type, object_id=obj.pk, object_label=str(obj)[:300], organisation=organisation,
            values=dict(values), base_values=dict(base_values), base_version=getattr(obj, "version", 0),
            author_id=actor.user_id,
        )
        audit.record(actor=actor, municipality=revision.municipality_id, action=AuditEntry.Action.CREATE,
                     obj=revision, label=_("Vorschlag: %(label)s") % {"label": revision.object_label},
                     changes={"state": [None, revision.get_state_display()]})
    return revision


def _decidable(revision: Revision) -> Revision:
    fresh = Revision.objects.select_for_update().get(pk=revision.pk)
    if fresh.state != Revision.State.PENDING:
        raise ServiceError(_("Über diese Änderung wurde bereits entschieden (%(state)s).")
                           % {"state": fresh.get_state_display()})
    return fresh


def publish(*, actor: Actor, revision: Revision) -> Revision:
    """Apply the proposed values through the owning app's applier, and mark the revision published."""
    authorize(actor, MODERATE, revision)
    applier = applier_for(revision.content_type)
    if applier is None:
        raise ServiceError(_("Für diese Art von Inhalt gibt es keine Freigabe."))
    with transaction.atomic():
        fresh = _decidable(revision)
        obj = applier.load(fresh.object_id)
        if obj is None:
            raise ServiceError(_("Der Inhalt dieser Änderung gibt es nicht mehr."))
        applier.apply(actor, obj, fresh.values)
        return _decide(actor, fresh, Revision.State.PUBLISHED, "")


def return_revision(*, actor: Actor, revision: Revision, comment: str) -> Revision:
    """Give a proposal back to its organisation with a comment (required): the editor sees it and may
    submit again."""
    authorize(actor, MODERATE, revision)
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(_("Bitte schreiben Sie dazu, was geändert werden soll."))
    validate_no_markup(comment)
    with transaction.atomic():
        return _decide(actor, _decidable(revision), Revision.State.RETURNED, comment)


def _decide(actor: Actor, revision: Revision, state: str, comment: str) -> Revision:
    before = revision.get_state_display()
    revision.state = state
    revision.comment = comment
    revision.decided_by_id = actor.user_id
    revision.decided_at = timezone.now()
    revision.save(update_fields=["state", "comment", "decided_by", "decided_at"])
    changes: dict[str, list[Any]] = {"state": [before, revision.get_state_display()]}
    if comment:
        changes["comment"] = ["", comment]
    audit.record(actor=actor, municipality=revision.municipality_id, action=AuditEntry.Action.UPDATE,
                 obj=revision, label=_("Vorschlag: %(label)s") % {"label": revision.object_label}, changes=changes)
    return revision
