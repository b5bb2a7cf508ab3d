"""Every change of organisations' profiles, their editors and registration requests.

An editor's save goes straight to the portal when the organisation is trusted (or when Koordination saves);
otherwise it becomes a pending revision in the moderation queue, which Koordination publishes through
`apply_profile_values` (registered as the profile's applier in `directory.moderated`)."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core import services as core_services
from teilhabe.core.errors import ConcurrentEdit, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Membership, Municipality, Organisation, User
from teilhabe.core.richtext import sanitize, validate_accessible
from teilhabe.core.roles import Actor, Role
from teilhabe.core.services import KNOWN_LANGUAGE_CODES
from teilhabe.core.validators import validate_no_markup
from teilhabe.core.versioning import create_audited, update_audited
from teilhabe.directory.images import clean_logo
from teilhabe.directory.models import FieldOfActivity, OrganisationProfile, RegistrationRequest
from teilhabe.directory.permissions import EDIT_PROFILE, MANAGE_PROFILES
from teilhabe.directory.search_documents import profile_changed
from teilhabe.moderation import services as moderation
from teilhabe.moderation.models import Revision
from teilhabe.plans.models import TargetGroup

# What an organisation's editors edit (and a revision carries); `trusted` and `published` are Koordination's.
EDITABLE_FIELDS = [
    "short_description", "description", "languages", "fields_of_activity", "target_groups", "district", "address",
    "opening_hours", "contact_person", "contact_email", "contact_phone", "contact_consent", "logo", "logo_alt",
    "links",
]
AUDIT_FIELDS = [*EDITABLE_FIELDS, "trusted", "published"]
MAX_LINKS = 10


@dataclass(frozen=True)
class Saved:
    """What saving a profile did: applied at once, or queued as `revision` for Koordination."""

    profile: OrganisationProfile
    revision: Revision | None = None

    @property
    def published_directly(self) -> bool:
        return self.revision is None


# --- values -----------------------------------------------------------------------------------------------


def current_values(profile: OrganisationProfile) -> dict[str, Any]:
    """The profile's editable values as JSON (the shape of a revision's values)."""
    return {
        "short_description": profile.short_description, "description": profile.description,
        "languages": list(profile.languages or []), "fields_of_activity": list(profile.fields_of_activity or []),
        "target_groups": sorted(g.pk for g in profile.target_groups.all()) if profile.pk else [],
        "district": profile.district, "address": profile.address, "opening_hours": profile.opening_hours,
        "contact_person": profile.contact_person, "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone, "contact_consent": profile.contact_consent,
        "logo": profile.logo.name or "", "logo_alt": profile.logo_alt, "links": list(profile.links or []),
    }


def _clean_links(links: Any) -> list[dict[str, str]]:
    if not isinstance(links, list) or len(links) > MAX_LINKS:
        raise ValidationError({"links": _("Bitte geben Sie höchstens %(n)s Links an.") % {"n": MAX_LINKS}})
    cleaned = []
    check_url = URLValidator(schemes=["http", "https"])
    for item in links:
        label = str((item or {}).get("label", "")).strip()[:100]
        url = str((item or {}).get("url", "")).strip()[:500]
        if not url:
            continue
        try:
            check_url(url)
            validate_no_markup(label)
        except ValidationError as exc:
            raise ValidationError({"links": _("Der Link „%(url)s“ ist keine gültige Adresse (http oder https).")
                                   % {"url": url[:80]}}) from exc
        cleaned.append({"label": label or url, "url": url})
    return cleaned


def clean_values(municipality_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Editable values as JSON, checked: rich text sanitised and accessible, codes known, target groups of
    this municipality (a forged id is refused, not skipped), links http(s). Raises ValidationError by field."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned: dict[str, Any] = dict(values)
    errors: dict[str, list[str]] = {}
    if "description" in cleaned:
        cleaned["description"] = sanitize(str(cleaned["description"] or ""))
        try:
            validate_accessible(cleaned["description"])
        except ValidationError as exc:
            errors["description"] = exc.messages
    if "languages" in cleaned:
        codes = [str(c) for c in cleaned["languages"] or []]
        if set(codes) - KNOWN_LANGUAGE_CODES:
            errors["languages"] = [_("Bitte wählen Sie Sprachen aus der Liste.")]
        cleaned["languages"] = list(dict.fromkeys(codes))
    if "fields_of_activity" in cleaned:
        keys = [str(k) for k in cleaned["fields_of_activity"] or []]
        if set(keys) - set(FieldOfActivity.values):
            errors["fields_of_activity"] = [_("Bitte wählen Sie Arbeitsfelder aus der Liste.")]
        cleaned["fields_of_activity"] = list(dict.fromkeys(keys))
    if "target_groups" in cleaned:
        try:
            ids = sorted({int(i) for i in cleaned["target_groups"] or []})
        except (TypeError, ValueError):
            ids = [-1]
        found = set(TargetGroup.objects.filter(municipality_id=municipality_id, pk__in=ids)
                    .values_list("pk", flat=True))
        if found != set(ids):
            errors["target_groups"] = [_("Bitte wählen Sie Zielgruppen aus der Liste.")]
        cleaned["target_groups"] = ids
    if "links" in cleaned:
        try:
            cleaned["links"] = _clean_links(cleaned["links"])
        except ValidationError as exc:
            errors.update({k: list(v) for k, v in exc.message_dict.items()})
    if cleaned.get("logo") and not str(cleaned.get("logo_alt", "")).strip():
        errors["logo_alt"] = [_("Bitte beschreiben Sie das Logo in wenigen Worten (Alternativtext): so erfahren "
                                "auch Menschen, die das Bild nicht sehen, was es zeigt.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _model_values(values: Mapping[str, Any], municipality_id: int) -> dict[str, Any]:
    model_values = dict(values)
    if "target_groups" in model_values:
        model_values["target_groups"] = list(TargetGroup.objects.filter(
            municipality_id=municipality_id, pk__in=model_values["target_groups"]))
    return model_values


def _check_model(profile: OrganisationProfile, values: Mapping[str, Any]) -> None:
    """The model's own checks (lengths, e-mail, plain text) on the proposed values, before queueing them."""
    candidate = copy.copy(profile)
    for name, value in values.items():
        if name != "target_groups":
            setattr(candidate, name, value)
    candidate.full_clean(exclude=["organisation", "municipality", "target_groups"], validate_unique=False)


def store_logo(upload: Any) -> str:
    """Check and re-encode an uploaded logo and store it; the stored name (a revision may carry it)."""
    try:
        content = clean_logo(upload)
    except ValidationError as exc:
        raise ValidationError({"logo": exc.messages}) from exc
    return default_storage.save(f"logos/{uuid.uuid4().hex}.png", content)


# --- profiles ---------------------------------------------------------------------------------------------


def ensure_profile(*, actor: Actor, organisation: Organisation) -> OrganisationProfile:
    """The organisation's profile, created empty (not published) when it has none yet."""
    existing = OrganisationProfile.objects.filter(organisation=organisation).first()
    if existing is not None:
        authorize(actor, EDIT_PROFILE, existing)
        return existing
    blank = OrganisationProfile(municipality_id=organisation.municipality_id, organisation=organisation)
    authorize(actor, EDIT_PROFILE, organisation, blank)
    return create_audited(actor=actor, model=OrganisationProfile, audit_fields=AUDIT_FIELDS,
                          values={"municipality_id": organisation.municipality_id, "organisation": organisation},
                          exclude_from_clean=["municipality"])


def _conflict(profile: OrganisationProfile, expected_version: int) -> None:
    current = OrganisationProfile.objects.filter(pk=profile.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise ConcurrentEdit(_("Das Profil von „%(name)s“ wurde inzwischen von jemand anderem geändert. Ihre "
                               "Änderungen wurden nicht gespeichert; bitte prüfen Sie sie und speichern Sie "
                               "erneut.") % {"name": profile}, entries=list(audit.history_of(profile)[:5]),
                             current_version=current or 0)


def save_profile(*, actor: Actor, profile: OrganisationProfile, expected_version: int, values: Mapping[str, Any],
                 logo: Any = None, remove_logo: bool = False, trusted: bool | None = None,
                 published: bool | None = None) -> Saved:
    """Save what an editor or Koordination entered. Koordination (and editors of a trusted organisation)
    change the profile at once; editors of other organisations propose the change for moderation.
    `trusted` and `published` are Koordination's alone."""
    authorize(actor, EDIT_PROFILE, profile)
    if (trusted is not None or published is not None):
        authorize(actor, MANAGE_PROFILES, profile)
    values = dict(values)
    values.setdefault("logo", profile.logo.name or "")
    if remove_logo:
        values["logo"] = ""
    cleaned = clean_values(profile.municipality_id, {k: v for k, v in values.items() if k != "logo"} | {
        "logo": "pending" if logo is not None else values["logo"]})
    _check_model(profile, {k: v for k, v in cleaned.items() if k != "logo"})
    _conflict(profile, expected_version)
    if logo is not None:
        cleaned["logo"] = store_logo(logo)
    if actor.holds_fully(EDIT_PROFILE) or profile.trusted:
        extra: dict[str, Any] = {}
        if trusted is not None:
            extra["trusted"] = trusted
        if published is not None:
            extra["published"] = published
        elif not actor.holds_fully(EDIT_PROFILE):
            extra["published"] = True  # a trusted organisation's editor publishes by saving
        return Saved(apply_profile_values(actor=actor, profile=profile, values=cleaned,
                                          expected_version=expected_version, extra=extra))
    base = current_values(profile)
    proposed = {k: v for k, v in cleaned.items()}
    revision = moderation.propose(actor=actor, perm=EDIT_PROFILE, obj=profile, values=proposed, base_values=base,
                                  organisation=profile.organisation)
    return Saved(profile, revision)


def apply_profile_values(*, actor: Actor, profile: OrganisationProfile, values: Mapping[str, Any],
                         expected_version: int, extra: Mapping[str, Any] | None = None,
                         publish: bool = False) -> OrganisationProfile:
    """Write checked values onto the profile (audited, versioned). `publish`: a revision Koordination
    published also makes the profile public."""
    authorize(actor, EDIT_PROFILE, profile)
    cleaned = clean_values(profile.municipality_id, {k: v for k, v in values.items() if k in EDITABLE_FIELDS})
    model_values = _model_values(cleaned, profile.municipality_id) | dict(extra or {})
    if publish:
        model_values["published"] = True
    model_values["updated_at"] = timezone.now()
    with transaction.atomic():
        updated = update_audited(actor=actor, obj=profile, expected_version=expected_version, values=model_values,
                                 audit_fields=AUDIT_FIELDS)
        profile_changed(updated)
    return updated


# --- editors ------------------------------------------------------------------------------------------------


def _username_for(email: str, municipality: Municipality) -> str:
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@", 1)[0].lower())[:30] or "redaktion"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=core_services.qualified_username(candidate, municipality)).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def invite_editor(*, actor: Actor, organisation: Organisation, first_name: str, last_name: str, email: str,
                  base_url: str) -> Membership:
    """A new organisation editor of `organisation`; the invitation mail with the one-time link to set the
    password is sent by a background task once the transaction commits."""
    authorize(actor, MANAGE_PROFILES, organisation)
    email = (email or "").strip()
    municipality = Municipality.objects.get(pk=organisation.municipality_id)
    if email and Membership.objects.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("Eine Person mit dieser E-Mail-Adresse gehört schon zu dieser Kommune.")})
    with transaction.atomic():
        membership = core_services.create_member(
            actor=actor, municipality=municipality, username=_username_for(email, municipality) if email else "",
            first_name=first_name, last_name=last_name, email=email, role=Role.ORGANISATION,
            organisations=[organisation])
        ensure_profile(actor=actor, organisation=organisation)
        from teilhabe.directory.tasks import send_editor_invitation

        membership_id, municipality_id = membership.pk, municipality.pk
        transaction.on_commit(lambda: send_editor_invitation.enqueue(municipality_id, membership_id, base_url))
    return membership


# --- registration on the portal -------------------------------------------------------------------------------


def request_registration(*, municipality: Municipality, organisation_name: str, kind: str, website: str,
                         first_name: str, last_name: str, email: str, message: str = "") -> RegistrationRequest:
    """Anyone on the portal: an organisation and a person ask to be presented. Nothing is published until
    Koordination confirms."""
    request = RegistrationRequest(
        municipality=municipality, organisation_name=(organisation_name or "").strip(), kind=kind,
        website=(website or "").strip(), first_name=(first_name or "").strip(), last_name=(last_name or "").strip(),
        email=(email or "").strip(), message=(message or "").strip())
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit.record(actor=None, municipality=municipality, action=AuditEntry.Action.CREATE, obj=request,
                     changes={"organisation_name": [None, request.organisation_name], "email": [None, request.email]})
    return request


def _open(request: RegistrationRequest) -> RegistrationRequest:
    fresh = RegistrationRequest.objects.select_for_update().get(pk=request.pk)
    if fresh.state != RegistrationRequest.State.PENDING:
        raise ServiceError(_("Über diese Anfrage wurde bereits entschieden."))
    return fresh


def confirm_registration(*, actor: Actor, request: RegistrationRequest, base_url: str) -> RegistrationRequest:
    """Create (or find by name) the organisation, its empty profile and the person as its editor, who gets
    the invitation mail."""
    authorize(actor, MANAGE_PROFILES, request)
    with transaction.atomic():
        fresh = _open(request)
        organisation = Organisation.objects.filter(name__iexact=fresh.organisation_name).first()
        if organisation is None:
            municipality = Municipality.objects.get(pk=fresh.municipality_id)
            organisation = core_services.create_organisation(
                actor=actor, municipality=municipality, name=fresh.organisation_name, kind=fresh.kind,
                website=fresh.website)
        invite_editor(actor=actor, organisation=organisation, first_name=fresh.first_name,
                      last_name=fresh.last_name, email=fresh.email, base_url=base_url)
        return _decide(actor, fresh, RegistrationRequest.State.CONFIRMED, "", organisation)


def reject_registration(*, actor: Actor, request: RegistrationRequest, comment: str = "") -> RegistrationRequest:
    authorize(actor, MANAGE_PROFILES, request)
    validate_no_markup(comment or "")
    with transaction.atomic():
        return _decide(actor, _open(request), RegistrationRequest.State.REJECTED, (comment or "").strip(), None)


def _decide(actor: Actor, request: RegistrationRequest, state: str, comment: str,
            organisation: Organisation | None) -> RegistrationRequest:
    before = request.get_state_display()
    request.state, request.comment, request.organisation = state, comment, organisation
    request.decided_by_id, request.decided_at = actor.user_id, timezone.now()
    request.save(update_fields=["state", "comment", "organisation", "decided_by", "decided_at"])
    changes: dict[str, list[Any]] = {"state": [before, request.get_state_display()]}
    if comment:
        changes["comment"] = ["", comment]
    audit.record(actor=actor, municipality=request.municipality_id, action=AuditEntry.Action.UPDATE, obj=request,
                 changes=changes)
    return request
