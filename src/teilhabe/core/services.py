"""State changes of the core: municipalities, org units, organisations, memberships, legal pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core import audit
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.i18n import ENDONYMS
from teilhabe.core.models import AuditEntry, Membership, Municipality, Organisation, OrgUnit, User
from teilhabe.core.permissions import MANAGE_MUNICIPALITIES, MANAGE_STRUCTURE
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import across_municipalities
from teilhabe.core.validators import land_for_ags, validate_ags, validate_no_markup
from teilhabe.core.versioning import create_audited, delete_audited, update_audited

# Languages a municipality can enable for its portal content (code, German name for the form).
PORTAL_LANGUAGES: list[tuple[str, Any]] = [
    ("de", gettext_lazy("Deutsch")),
    ("en", gettext_lazy("Englisch")),
    ("ar", gettext_lazy("Arabisch")),
    ("fa", gettext_lazy("Farsi / Dari")),
    ("tr", gettext_lazy("Türkisch")),
    ("uk", gettext_lazy("Ukrainisch")),
    ("ru", gettext_lazy("Russisch")),
    ("ku", gettext_lazy("Kurdisch (Kurmandschi)")),
    ("ps", gettext_lazy("Paschtu")),
    ("ti", gettext_lazy("Tigrinya")),
    ("fr", gettext_lazy("Französisch")),
    ("it", gettext_lazy("Italienisch")),
    ("pl", gettext_lazy("Polnisch")),
    ("ro", gettext_lazy("Rumänisch")),
    ("bg", gettext_lazy("Bulgarisch")),
    ("el", gettext_lazy("Griechisch")),
    ("sq", gettext_lazy("Albanisch")),
    ("so", gettext_lazy("Somali")),
]
# The form offers the list above; the command line and imports may use any language the portal can name.
KNOWN_LANGUAGE_CODES = frozenset(code for code, _name in PORTAL_LANGUAGES) | frozenset(ENDONYMS)

ORG_UNIT_FIELDS = ["name", "short_name", "kind", "parent"]
ORGANISATION_FIELDS = ["name", "kind", "website"]
MEMBERSHIP_FIELDS = ["role", "org_units", "organisations"]




def create_municipality(
    *, actor: Actor | None, name: str, slug: str, ags: str, languages: Sequence[str] = ("de", "en"),
    is_demo: bool = False,
) -> Municipality:
    """Platform administrators (or the command line, actor=None) create municipalities.
    The Bundesland follows from the AGS, so the two can never disagree."""
    if actor is not None and not actor.can(MANAGE_MUNICIPALITIES):  # actor None: the command line
        raise NotAllowed(_("Nur die Plattform-Administration kann Kommunen anlegen."))
    ags = (ags or "").strip()
    try:
        validate_ags(ags)
    except ValidationError as exc:
        raise ValidationError({"ags": exc.messages}) from exc
    unknown = sorted(set(languages) - KNOWN_LANGUAGE_CODES)
    if unknown:
        raise ValidationError({"languages": _("Unbekannte Sprachcodes: %(codes)s. Möglich sind z. B.: %(known)s.")
                               % {"codes": ", ".join(unknown), "known": ", ".join(c for c, _n in PORTAL_LANGUAGES)}})
    municipality = Municipality(
        name=(name or "").strip(), slug=(slug or "").strip().lower(), ags=ags, land=land_for_ags(ags),
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


# --- in use? ------------------------------------------------------------------------------------------

def usages(obj: models.Model) -> list[tuple[str, int]]:
    """Everything that still refers to `obj`, as (readable relation, count): one query per relation,
    found from the models' metadata so that relations added by other apps are included."""
    found: list[tuple[str, int]] = []
    for rel in obj._meta.related_objects:
        model = rel.related_model
        count = model._base_manager.filter(**{rel.field.name: obj}).count()  # type: ignore[union-attr]
        if count:
            what = str(model._meta.verbose_name_plural)  # type: ignore[union-attr]
            if model is type(obj):
                what = _("untergeordnete %(what)s") % {"what": what}
            elif rel.field.verbose_name and str(rel.field.verbose_name) != rel.field.name.replace("_", " "):
                what = f"{what} – {rel.field.verbose_name}"
            found.append((what, count))
    return found


def _refuse_if_used(obj: models.Model) -> None:
    used = usages(obj)
    if used:
        raise ServiceError(
            _("„%(name)s“ wird noch verwendet (%(uses)s) und kann deshalb nicht gelöscht werden.")
            % {"name": obj, "uses": "; ".join(f"{what}: {count}" for what, count in used)}
        )


def _unique_name(model: type[OrgUnit | Organisation], municipality_id: int, name: str,
                 exclude_pk: int | None = None) -> None:
    # Compared in Python: SQLite's case-insensitive match only folds ASCII (Ü ≠ ü there).
    others = model.objects.filter(municipality_id=municipality_id)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("Es gibt bereits %(what)s mit dem Namen „%(name)s“.") % {
            "what": _("eine Verwaltungseinheit") if model is OrgUnit else _("eine Organisation"), "name": name}})


# --- org units ------------------------------------------------------------------------------------------

def _check_parent(unit: OrgUnit, parent: OrgUnit | None) -> None:
    """The parent must belong to the same municipality and must not be the unit or one of its descendants."""
    if parent is None:
        return
    if parent.municipality_id != unit.municipality_id:
        raise NotAllowed(_("Dazu fehlt Ihnen die Berechtigung."))
    if unit.pk is None:
        return
    parent_of = dict(OrgUnit.objects.filter(municipality_id=unit.municipality_id).values_list("pk", "parent_id"))
    ancestor: int | None = parent.pk
    seen: set[int] = set()
    while ancestor is not None and ancestor not in seen:
        if ancestor == unit.pk:
            raise ValidationError({"parent": _(
                "Eine Verwaltungseinheit kann nicht sich selbst oder einer ihrer eigenen Untereinheiten "
                "untergeordnet werden.")})
        seen.add(ancestor)
        ancestor = parent_of.get(ancestor)


def create_org_unit(*, actor: Actor, municipality: Municipality, name: str, short_name: str = "",
                    kind: str = OrgUnit.Kind.AMT, parent: OrgUnit | None = None) -> OrgUnit:
    authorize(actor, MANAGE_STRUCTURE, municipality, parent)
    name = (name or "").strip()
    values = {"municipality": municipality, "name": name, "short_name": (short_name or "").strip(),
              "kind": kind, "parent": parent}
    _check_parent(OrgUnit(**values), parent)
    _unique_name(OrgUnit, municipality.pk, name)
    return create_audited(actor=actor, model=OrgUnit, values=values, audit_fields=ORG_UNIT_FIELDS)


def update_org_unit(*, actor: Actor, unit: OrgUnit, expected_version: int, name: str, short_name: str, kind: str,
                    parent: OrgUnit | None) -> OrgUnit:
    """Rename, re-classify or move a unit under another parent; cycles are refused."""
    authorize(actor, MANAGE_STRUCTURE, unit, parent)
    _check_parent(unit, parent)
    name = (name or "").strip()
    _unique_name(OrgUnit, unit.municipality_id, name, exclude_pk=unit.pk)
    return update_audited(
        actor=actor, obj=unit, expected_version=expected_version, audit_fields=ORG_UNIT_FIELDS,
        values={"name": name, "short_name": (short_name or "").strip(), "kind": kind, "parent": parent},
    )


def delete_org_unit(*, actor: Actor, unit: OrgUnit, expected_version: int) -> None:
    """Only a unit nothing refers to: no sub-units, measures, members or anything else."""
    authorize(actor, MANAGE_STRUCTURE, unit)
    _refuse_if_used(unit)
    delete_audited(actor=actor, obj=unit, expected_version=expected_version, audit_fields=ORG_UNIT_FIELDS)


# --- organisations -----------------------------------------------------------------------------------

def create_organisation(*, actor: Actor, municipality: Municipality, name: str,
                        kind: str = Organisation.Kind.OTHER, website: str = "") -> Organisation:
    authorize(actor, MANAGE_STRUCTURE, municipality)
    name = (name or "").strip()
    values = {"municipality": municipality, "name": name, "kind": kind, "website": (website or "").strip()}
    _unique_name(Organisation, municipality.pk, name)
    return create_audited(actor=actor, model=Organisation, values=values, audit_fields=ORGANISATION_FIELDS)


def update_organisation(*, actor: Actor, organisation: Organisation, expected_version: int, name: str, kind: str,
                        website: str = "") -> Organisation:
    authorize(actor, MANAGE_STRUCTURE, organisation)
    name = (name or "").strip()
    _unique_name(Organisation, organisation.municipality_id, name, exclude_pk=organisation.pk)
    return update_audited(
        actor=actor, obj=organisation, expected_version=expected_version, audit_fields=ORGANISATION_FIELDS,
        values={"name": name, "kind": kind, "website": (website or "").strip()},
    )


def delete_organisation(*, actor: Actor, organisation: Organisation, expected_version: int) -> None:
    authorize(actor, MANAGE_STRUCTURE, organisation)
    _refuse_if_used(organisation)
    delete_audited(actor=actor, obj=organisation, expected_version=expected_version,
                   audit_fields=ORGANISATION_FIELDS)


# --- people ------------------------------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Bitte wählen Sie eine gültige Rolle.")})


def qualified_username(username: str, municipality: Municipality) -> str:
    """Login names carry their municipality („m.kaya“ → „m.kaya.heidelberg“, as the demo logins do), so a
    name chosen in one municipality never collides with — and so never reveals — a person of another."""
    suffix = f".{municipality.slug}"
    return username if username.lower().endswith(suffix) else f"{username}{suffix}"


def _username_taken_here(municipality: Municipality, username: str) -> bool:
    """Taken in this municipality's own namespace, or by one of its own members: facts Koordination may
    know. Whether another municipality has a person of that name is never asked."""
    qualified = qualified_username(username, municipality)
    if User.objects.filter(username__iexact=qualified).exists():
        return True
    return Membership.objects.filter(municipality=municipality, user__username__iexact=username).exists()


def create_member(
    *, actor: Actor, municipality: Municipality, username: str, first_name: str = "", last_name: str = "",
    email: str, role: str, org_units: Sequence[OrgUnit] = (), organisations: Sequence[Organisation] = (),
) -> Membership:
    """A new person with a role in this municipality. The account has no password yet: the person sets it
    through the link `send_invitation` mails to them."""
    authorize(actor, MANAGE_STRUCTURE, municipality, org_units, organisations)
    _check_role(role)
    username = (username or "").strip()
    email = (email or "").strip()
    errors: dict[str, list[str]] = {}
    for field_name, value in (("first_name", first_name), ("last_name", last_name)):
        try:
            validate_no_markup(value or "")
        except ValidationError as exc:
            errors[field_name] = exc.messages
    if not email:
        errors["email"] = [_("Bitte geben Sie eine E-Mail-Adresse an: an sie geht der Link zum Setzen des Passworts.")]
    if username and _username_taken_here(municipality, username):
        errors["username"] = [_("Dieser Benutzername ist bereits vergeben.")]
    username = qualified_username(username, municipality) if username else username
    user = User(username=username, first_name=(first_name or "").strip(), last_name=(last_name or "").strip(),
                email=email)
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.save()
        membership = Membership.objects.create(municipality=municipality, user=user, role=role)
        membership.org_units.set(org_units)
        membership.organisations.set(organisations)
        after = _membership_snapshot(membership)
        audit.record(
            actor=actor, municipality=municipality, action=AuditEntry.Action.CREATE, obj=membership,
            label=_member_label(user),
            changes={"user": [None, user.username], **{k: [None, v] for k, v in after.items() if v not in ("", [])}},
        )
    return membership


def _member_label(user: User) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


def update_member(*, actor: Actor, membership: Membership, expected_version: int, role: str,
                  org_units: Sequence[OrgUnit] = (), organisations: Sequence[Organisation] = ()) -> Membership:
    """Change a person's role and the units and organisations they act for."""
    authorize(actor, MANAGE_STRUCTURE, membership, org_units, organisations)
    _check_role(role)
    if membership.user_id == actor.user_id and role != membership.role:
        raise ServiceError(_("Ihre eigene Rolle kann nur eine andere Person mit der Rolle Koordination ändern."))
    return update_audited(
        actor=actor, obj=membership, expected_version=expected_version, audit_fields=MEMBERSHIP_FIELDS,
        values={"role": role, "org_units": list(org_units), "organisations": list(organisations)},
        label=_member_label(membership.user), snapshot=_membership_snapshot,
    )


def _membership_snapshot(membership: Membership) -> dict[str, Any]:
    snap = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    snap["role"] = str(Role(membership.role).label)
    return snap


def remove_member(*, actor: Actor, membership: Membership, expected_version: int) -> None:
    """End a person's membership. Their account is deactivated when it belongs to no municipality anymore."""
    authorize(actor, MANAGE_STRUCTURE, membership)
    if membership.user_id == actor.user_id:
        raise ServiceError(_("Sie können sich nicht selbst entfernen."))
    user = membership.user
    with transaction.atomic():
        delete_audited(actor=actor, obj=membership, expected_version=expected_version,
                       audit_fields=MEMBERSHIP_FIELDS, label=_member_label(user), snapshot=_membership_snapshot)
        with across_municipalities():  # does the person still belong to any municipality?
            elsewhere = Membership.objects.filter(user=user).exists()
        if not user.is_superuser and not elsewhere:
            User.objects.filter(pk=user.pk).update(is_active=False)


INVITATION_SUBJECT = "backoffice/structure/invitation_subject.txt"
INVITATION_BODY = "backoffice/structure/invitation_email.txt"


def send_invitation(*, actor: Actor, membership: Membership, base_url: str) -> None:
    """Mail the person a link to set their password, with Django's password-reset token and mail logic
    (the link works until the password is set)."""
    authorize(actor, MANAGE_STRUCTURE, membership)
    user = membership.user
    if not user.email:
        raise ServiceError(_("Für diese Person ist keine E-Mail-Adresse hinterlegt."))
    if not user.is_active:
        raise ServiceError(_("Dieses Konto ist deaktiviert."))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = base_url.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    context = {"user": user, "municipality": membership.municipality, "link": link, "username": user.username}
    PasswordResetForm().send_mail(INVITATION_SUBJECT, INVITATION_BODY, context, None, user.email)


__all__ = [
    "PORTAL_LANGUAGES",
    "ValidationError",
    "create_member",
    "create_municipality",
    "create_org_unit",
    "create_organisation",
    "delete_org_unit",
    "delete_organisation",
    "remove_member",
    "send_invitation",
    "update_member",
    "update_org_unit",
    "update_organisation",
    "usages",
]
