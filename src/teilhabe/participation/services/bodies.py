"""Bodies (Gremien) and their members: create, change and delete a body with its fields of action; add, change,
end and remove a membership — of a person with an account, or of a name with an organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Membership, Municipality
from teilhabe.core.richtext import sanitize, validate_accessible
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited
from teilhabe.participation.models import Body, BodyMember
from teilhabe.participation.permissions import MANAGE_BODIES

BODY_FIELDS = ("name", "kind", "purpose", "fields_of_action", "active_from", "active_until", "is_public")
MEMBER_FIELDS = ("user", "name", "email", "organisation", "organisation_name", "function", "active_from",
                 "active_until")


def _trail(fn: Any) -> Any:
    """Labels in the audit trail are data, kept in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return fn()


def _check_period(values: Mapping[str, Any], start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({"active_until": _("Das Ende darf nicht vor dem Beginn liegen.")})


def _clean_body(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in BODY_FIELDS}
    if isinstance(cleaned.get("name"), str):
        cleaned["name"] = cleaned["name"].strip()
    if "purpose" in cleaned:
        cleaned["purpose"] = sanitize(str(cleaned["purpose"] or ""))
        try:
            validate_accessible(cleaned["purpose"])
        except ValidationError as error:
            raise ValidationError({"purpose": error.messages}) from None
    if "fields_of_action" in cleaned:
        cleaned["fields_of_action"] = list(cleaned["fields_of_action"] or [])
    return cleaned


def _check_fields(municipality_id: int, fields: list[Any]) -> None:
    """Fields of action must be the municipality's own (the guard checks tenancy too; this names the field)."""
    if any(getattr(f, "municipality_id", None) != municipality_id for f in fields):
        raise ValidationError({"fields_of_action": _("Bitte wählen Sie Handlungsfelder aus der Liste.")})


def create_body(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Body:
    cleaned = _clean_body(values)
    authorize(actor, MANAGE_BODIES, municipality)
    _check_fields(municipality.pk, cleaned.get("fields_of_action", []))
    _check_period(cleaned, cleaned.get("active_from"), cleaned.get("active_until"))
    return _trail(lambda: create_audited(actor=actor, model=Body, values={"municipality": municipality, **cleaned},
                                         audit_fields=BODY_FIELDS))


def update_body(*, actor: Actor, body: Body, expected_version: int, values: Mapping[str, Any]) -> Body:
    cleaned = _clean_body(values)
    authorize(actor, MANAGE_BODIES, body)
    _check_fields(body.municipality_id, cleaned.get("fields_of_action", []))
    _check_period(cleaned, cleaned.get("active_from", body.active_from),
                  cleaned.get("active_until", body.active_until))
    return _trail(lambda: update_audited(actor=actor, obj=body, expected_version=expected_version, values=cleaned,
                                         audit_fields=BODY_FIELDS))


def delete_body(*, actor: Actor, body: Body, expected_version: int) -> None:
    """Delete a body that has held no meetings yet (a body with a history is ended with `active_until`)."""
    authorize(actor, MANAGE_BODIES, body)
    if body.meetings.exists():
        raise ServiceError(_("Das Gremium „%(name)s“ hat schon Sitzungen. Statt es zu löschen, tragen Sie bitte "
                             "ein, bis wann es aktiv war.") % {"name": body})
    with transaction.atomic():
        for member in list(body.members.all()):
            _trail(lambda m=member: delete_audited(actor=actor, obj=m, expected_version=m.version,
                                                   audit_fields=MEMBER_FIELDS, label=_member_label(m)))
        _trail(lambda: delete_audited(actor=actor, obj=body, expected_version=expected_version,
                                      audit_fields=BODY_FIELDS))


# --- members ------------------------------------------------------------------------------------------------


def _member_label(member: BodyMember) -> str:
    return f"{member.display_name} ({member.body.name})"


def _clean_member(body: Body, values: Mapping[str, Any], current: BodyMember | None = None) -> dict[str, Any]:
    cleaned = {k: v for k, v in values.items() if k in MEMBER_FIELDS}
    for name in ("name", "email", "organisation_name"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    user = cleaned.get("user", current.user if current else None)
    name = cleaned.get("name", current.name if current else "")
    if user is None and not name:
        raise ValidationError({"name": _("Bitte wählen Sie ein Konto oder geben Sie einen Namen an.")})
    if user is not None and not Membership.objects.filter(user=user, municipality_id=body.municipality_id).exists():
        raise ValidationError({"user": _("Dieses Konto gehört nicht zu Ihrer Kommune.")})
    organisation = cleaned.get("organisation")
    if organisation is not None and organisation.municipality_id != body.municipality_id:
        raise ValidationError({"organisation": _("Bitte wählen Sie eine Organisation aus der Liste.")})
    if cleaned.get("function", BodyMember.Function.MEMBER) not in BodyMember.Function.values:
        raise ValidationError({"function": _("Diese Funktion gibt es nicht.")})
    start = cleaned.get("active_from", current.active_from if current else None)
    end = cleaned.get("active_until", current.active_until if current else None)
    _check_period(cleaned, start, end)
    if user is not None and BodyMember.objects.filter(body=body, user=user).exclude(
            pk=current.pk if current else None).exists():
        raise ValidationError({"user": _("Diese Person ist schon Mitglied des Gremiums.")})
    return cleaned


def add_member(*, actor: Actor, body: Body, values: Mapping[str, Any]) -> BodyMember:
    """A new member: `user` (an account of the municipality) or `name` (+ `organisation`/`organisation_name`),
    with `function` and `active_from`/`active_until`."""
    authorize(actor, MANAGE_BODIES, body, values.get("organisation"))
    cleaned = _clean_member(body, values)
    member = BodyMember(municipality_id=body.municipality_id, body=body, **cleaned)
    return _trail(lambda: create_audited(
        actor=actor, model=BodyMember, values={"municipality_id": body.municipality_id, "body": body, **cleaned},
        audit_fields=MEMBER_FIELDS, label=_member_label(member)))


def update_member(*, actor: Actor, member: BodyMember, expected_version: int,
                  values: Mapping[str, Any]) -> BodyMember:
    authorize(actor, MANAGE_BODIES, member.body, values.get("organisation"))
    cleaned = _clean_member(member.body, values, member)
    return _trail(lambda: update_audited(actor=actor, obj=member, expected_version=expected_version, values=cleaned,
                                         audit_fields=MEMBER_FIELDS, label=_member_label(member)))


def end_membership(*, actor: Actor, member: BodyMember, expected_version: int,
                   on: dt.date | None = None) -> BodyMember:
    """The membership ends (kept for the record): `active_until` is set to `on` (default today)."""
    return update_member(actor=actor, member=member, expected_version=expected_version,
                         values={"active_until": on or timezone.localdate()})


def remove_member(*, actor: Actor, member: BodyMember, expected_version: int) -> None:
    """Remove a membership entered by mistake (the trail keeps it)."""
    authorize(actor, MANAGE_BODIES, member.body)
    _trail(lambda: delete_audited(actor=actor, obj=member, expected_version=expected_version,
                                  audit_fields=MEMBER_FIELDS, label=_member_label(member)))
