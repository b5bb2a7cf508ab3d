"""Every change of organisations' profiles, their editors and registration requests.

An editor's save goes straight to the portal when the organisation is trusted (or when Koordination saves);
otherwise it becomes a pending revision in the moderation queue, which Koordination publishes through
`apply_profile_values` (registered as the profile's applier in `directory.moderated`).

Offers and the inventory of offers: the categories, offers, confirmations, inventory rounds and answers
(see docs/offers.md)."""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core import services as core_services
from teilhabe.core.errors import ConcurrentEdit, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Membership, Municipality, Organisation, OrgUnit, User
from teilhabe.core.richtext import sanitize, validate_accessible
from teilhabe.core.roles import Actor, Role
from teilhabe.core.services import KNOWN_LANGUAGE_CODES
from teilhabe.core.validators import validate_no_markup
from teilhabe.core.versioning import create_audited, delete_audited, save_keyed_audited, update_audited
from teilhabe.directory.images import clean_logo
from teilhabe.directory.models import (
    FieldOfActivity,
    InventoryResponse,
    InventoryRound,
    Offer,
    OfferCategory,
    OrganisationProfile,
    RegistrationRequest,
)
from teilhabe.directory.permissions import (
    ANSWER_INVENTORY,
    EDIT_OFFERS,
    EDIT_PROFILE,
    MANAGE_INVENTORY,
    MANAGE_PROFILES,
)
from teilhabe.directory.search_documents import offer_changed, offer_removed, profile_changed
from teilhabe.moderation import services as moderation
from teilhabe.moderation.models import Revision
from teilhabe.plans.models import Measure, TargetGroup

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
    return create_audited(actor=actor, model=OrganisationProfile, audit_fields=["organisation", *AUDIT_FIELDS],
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


OFFER_FIELDS = (
    "title", "description", "category", "provider_organisation", "provider_org_unit", "languages",
    "target_groups", "is_online", "online_url", "place", "district", "schedule", "is_free", "cost",
    "registration_required", "registration", "step_free", "sign_language", "childcare", "contact_name",
    "contact_email", "contact_phone", "website", "state", "last_confirmed", "measures",
)
CATEGORY_FIELDS = ("name", "parent", "field_title", "position")
ROUND_FIELDS = ("title", "message", "deadline", "remind_days_before", "state")
RESPONSE_FIELDS = ("confirmed_offers", "new_offers", "no_offers", "note")

# The default taxonomy a municipality starts with: top category → sub-categories, and the field of action
# (by its usual title) the category belongs to.
DEFAULT_CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Sprache", "Sprache und Bildung", ("Deutschkurs", "Integrationskurs", "Sprachcafé", "Herkunftssprache")),
    ("Beratung", "Beratung und Begleitung", ("Migrationsberatung", "Rechtsberatung", "Sozialberatung")),
    ("Bildung", "Sprache und Bildung", ("Schule und Nachhilfe", "Weiterbildung")),
    ("Arbeit", "Arbeit und Ausbildung", ("Bewerbung", "Anerkennung von Abschlüssen")),
    ("Gesundheit", "Gesundheit", ("Gesundheitsberatung", "Psychosoziale Hilfe")),
    ("Sport", "Sport und Freizeit", ("Sportgruppe", "Schwimmen")),
    ("Kultur", "Kultur", ("Musik und Tanz", "Theater")),
    ("Frauen", "Gleichstellung", ("Frauencafé", "Frauenberatung")),
    ("Kinder und Familie", "Kinder, Jugend und Familie", ("Eltern-Kind-Gruppe", "Hausaufgabenhilfe")),
    ("Begegnung", "Zusammenleben", ("Treffpunkt", "Patenschaften")),
)


def _trail(fn: Any) -> Any:
    """Labels in the audit trail are data, kept in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return fn()


# --- categories -----------------------------------------------------------------------------------------------


def ensure_default_categories(*, actor: Actor, municipality: Municipality) -> list[OfferCategory]:
    """Seed the default taxonomy when the municipality has no categories yet (when it first opens the offers,
    or for the demo). Does nothing when it has some. Returns the top categories."""
    authorize(actor, EDIT_OFFERS, municipality)
    existing = list(OfferCategory.objects.of(municipality).filter(parent__isnull=True))
    if OfferCategory.objects.of(municipality).exists():
        return existing
    tops = []
    with transaction.atomic():
        for position, (name, field_title, children) in enumerate(DEFAULT_CATEGORIES):
            top = create_audited(actor=actor, model=OfferCategory, values={
                "municipality": municipality, "name": name, "field_title": field_title, "position": position},
                audit_fields=CATEGORY_FIELDS)
            tops.append(top)
            for child_position, child in enumerate(children):
                create_audited(actor=actor, model=OfferCategory, values={
                    "municipality": municipality, "name": child, "parent": top, "position": child_position},
                    audit_fields=CATEGORY_FIELDS)
    return tops


def _check_category_parent(category: OfferCategory | None, parent: OfferCategory | None) -> None:
    if parent is None:
        return
    if parent.parent_id is not None:
        raise ValidationError({"parent": _("Kategorien haben nur zwei Ebenen: wählen Sie eine Oberkategorie.")})
    if category is not None and (parent.pk == category.pk or category.children.exists()):
        raise ValidationError({"parent": _("Eine Oberkategorie mit Unterkategorien kann nicht untergeordnet "
                                           "werden.")})


def create_category(*, actor: Actor, municipality: Municipality, name: str, parent: OfferCategory | None = None,
                    field_title: str = "", position: int = 0) -> OfferCategory:
    authorize(actor, MANAGE_INVENTORY, municipality, parent)
    _check_category_parent(None, parent)
    return create_audited(actor=actor, model=OfferCategory, values={
        "municipality": municipality, "name": name.strip(), "parent": parent, "field_title": field_title.strip(),
        "position": position}, audit_fields=CATEGORY_FIELDS)


def update_category(*, actor: Actor, category: OfferCategory, expected_version: int,
                    values: Mapping[str, Any]) -> OfferCategory:
    authorize(actor, MANAGE_INVENTORY, category, values.get("parent"))
    _check_category_parent(category, values.get("parent"))
    return update_audited(actor=actor, obj=category, expected_version=expected_version,
                          values={k: v for k, v in values.items() if k in CATEGORY_FIELDS},
                          audit_fields=CATEGORY_FIELDS)


def delete_category(*, actor: Actor, category: OfferCategory, expected_version: int) -> None:
    authorize(actor, MANAGE_INVENTORY, category)
    if category.offers.exists() or category.children.exists():
        raise ServiceError(_("Die Kategorie „%(name)s“ wird noch von Angeboten oder Unterkategorien verwendet.")
                           % {"name": category})
    delete_audited(actor=actor, obj=category, expected_version=expected_version, audit_fields=CATEGORY_FIELDS)


# --- offers ---------------------------------------------------------------------------------------------------


def _clean_offer_values(values: Mapping[str, Any], municipality_id: int) -> dict[str, Any]:
    """Sanitise the description, normalise language codes, refuse two providers."""
    cleaned = {k: v for k, v in values.items() if k in OFFER_FIELDS}
    if "description" in cleaned:
        cleaned["description"] = sanitize(cleaned["description"] or "")
        try:
            validate_accessible(cleaned["description"])
        except ValidationError as error:
            raise ValidationError({"description": error.messages}) from None
    if "languages" in cleaned:
        codes = []
        for code in cleaned["languages"] or []:
            code = str(code).strip().lower()
            if not code or len(code) > 10 or not all(c.isalpha() or c == "-" for c in code):
                raise ValidationError({"languages": _("„%(code)s“ ist kein Sprachcode.") % {"code": code[:20]}})
            if code not in codes:
                codes.append(code)
        cleaned["languages"] = codes
    for name in ("title", "place", "district", "cost", "registration", "contact_name", "contact_phone"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip()
    if cleaned.get("provider_organisation") is not None and cleaned.get("provider_org_unit") is not None:
        raise ValidationError({"provider_organisation": _("Bitte nennen Sie nur einen Anbieter: eine Organisation "
                                                          "oder eine Verwaltungseinheit.")})
    return cleaned


def _related(values: Mapping[str, Any]) -> list[Any]:
    """Every object a value points to, for the guard's tenancy check."""
    objects: list[Any] = []
    for name in ("category", "provider_organisation", "provider_org_unit", "target_groups", "measures"):
        value = values.get(name)
        if value is None:
            continue
        objects.extend(value if isinstance(value, list | tuple | set) else [value])
    return objects


def create_offer(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Offer:
    """A new offer (draft unless `state` says published). Whoever holds EDIT_OFFERS only for their own objects
    must name one of their organisations or units as the provider."""
    cleaned = _clean_offer_values(values, municipality.pk)
    prospective = Offer(municipality=municipality, provider_organisation=cleaned.get("provider_organisation"),
                        provider_org_unit=cleaned.get("provider_org_unit"))
    authorize(actor, EDIT_OFFERS, municipality, prospective, _related(cleaned))
    if not actor.holds_fully(EDIT_OFFERS) and prospective.provider is None:
        raise ValidationError({"provider_organisation": _("Bitte wählen Sie Ihre Organisation als Anbieter.")})
    with transaction.atomic():
        offer = create_audited(actor=actor, model=Offer, values={"municipality": municipality, **cleaned},
                               audit_fields=OFFER_FIELDS)
        offer_changed(offer)
    return offer


def update_offer(*, actor: Actor, offer: Offer, expected_version: int, values: Mapping[str, Any]) -> Offer:
    """Change an offer. The new provider must be one the actor may act for, like the old one."""
    cleaned = _clean_offer_values(values, offer.municipality_id)
    authorize(actor, EDIT_OFFERS, offer, _related(cleaned))
    if "provider_organisation" in cleaned or "provider_org_unit" in cleaned:
        after = Offer(municipality_id=offer.municipality_id,
                      provider_organisation=cleaned.get("provider_organisation", offer.provider_organisation),
                      provider_org_unit=cleaned.get("provider_org_unit", offer.provider_org_unit))
        if after.provider_organisation_id and after.provider_org_unit_id:
            raise ValidationError({"provider_organisation": _("Bitte nennen Sie nur einen Anbieter.")})
        authorize(actor, EDIT_OFFERS, after)
        if not actor.holds_fully(EDIT_OFFERS) and after.provider is None:
            raise ValidationError({"provider_organisation": _("Bitte wählen Sie Ihre Organisation als Anbieter.")})
    with transaction.atomic():
        offer = update_audited(actor=actor, obj=offer, expected_version=expected_version, values=cleaned,
                               audit_fields=OFFER_FIELDS)
        offer_changed(offer)
    return offer


def set_offer_state(*, actor: Actor, offer: Offer, expected_version: int, state: str) -> Offer:
    """Publish an offer or take it back to draft."""
    if state not in Offer.State.values:
        raise ServiceError(_("Diesen Stand gibt es nicht."))
    authorize(actor, EDIT_OFFERS, offer)
    with transaction.atomic():
        offer = update_audited(actor=actor, obj=offer, expected_version=expected_version, values={"state": state},
                               audit_fields=OFFER_FIELDS)
        offer_changed(offer)
    return offer


def delete_offer(*, actor: Actor, offer: Offer, expected_version: int) -> None:
    authorize(actor, EDIT_OFFERS, offer)
    offer_id, municipality = offer.pk, offer.municipality
    with transaction.atomic():
        delete_audited(actor=actor, obj=offer, expected_version=expected_version, audit_fields=OFFER_FIELDS)
        offer_removed(municipality, offer_id)


def confirm_offers(*, actor: Actor, offers: Sequence[Offer], on: dt.date | None = None) -> int:
    """Mark offers as still existing (their last-confirmed date): one UPDATE, one audit entry each. Their
    version does not change, so nobody's open form is outdated by a confirmation."""
    authorize(actor, EDIT_OFFERS, list(offers))
    day = on or timezone.localdate()
    ids = [o.pk for o in offers]
    if not ids:
        return 0
    with transaction.atomic():
        before = dict(Offer.objects.filter(pk__in=ids).values_list("pk", "last_confirmed"))
        Offer.objects.filter(pk__in=ids).update(last_confirmed=day)
        for offer in offers:
            old = before.get(offer.pk)
            if old != day:
                audit.record(actor=actor, municipality=offer.municipality_id, action=AuditEntry.Action.UPDATE,
                             obj=offer, changes={"last_confirmed": [old.isoformat() if old else None,
                                                                    day.isoformat()]})
    return len(ids)


def link_offer_to_measures(*, actor: Actor, offer: Offer, expected_version: int,
                           measures: Iterable[Measure]) -> Offer:
    measures = list(measures)
    authorize(actor, EDIT_OFFERS, offer, measures)
    return update_audited(actor=actor, obj=offer, expected_version=expected_version, values={"measures": measures},
                          audit_fields=OFFER_FIELDS)


# --- inventory rounds -----------------------------------------------------------------------------------------


def open_inventory_round(*, actor: Actor, municipality: Municipality, title: str, deadline: dt.date,
                         message: str = "", remind_days_before: int = 7) -> InventoryRound:
    """Koordination asks every organisation to enter or confirm its offers by `deadline`. Reminders are
    scheduled for the days before it."""
    from teilhabe.directory import tasks

    authorize(actor, MANAGE_INVENTORY, municipality)
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("Die Frist liegt in der Vergangenheit.")})
    with transaction.atomic():
        round_ = create_audited(actor=actor, model=InventoryRound, values={
            "municipality": municipality, "title": title.strip(), "message": message.strip(),
            "deadline": deadline, "remind_days_before": remind_days_before, "opened_by_id": actor.user_id},
            audit_fields=ROUND_FIELDS)
        tasks.schedule_reminders(round_)
    return round_


def update_inventory_round(*, actor: Actor, round_: InventoryRound, expected_version: int, title: str,
                           deadline: dt.date, message: str, remind_days_before: int) -> InventoryRound:
    from teilhabe.directory import tasks

    authorize(actor, MANAGE_INVENTORY, round_)
    if round_.state != InventoryRound.State.OPEN:
        raise ServiceError(_("Eine abgeschlossene Bestandsaufnahme kann nicht mehr geändert werden."))
    values: dict[str, Any] = {"title": title.strip(), "deadline": deadline, "message": message.strip(),
                              "remind_days_before": remind_days_before}
    with transaction.atomic():
        if deadline != round_.deadline or remind_days_before != round_.remind_days_before:
            values["reminded_before_at"] = None  # a new deadline gets its own reminder
        updated = update_audited(actor=actor, obj=round_, expected_version=expected_version, values=values,
                                 audit_fields=ROUND_FIELDS)
        tasks.schedule_reminders(updated)
    return updated


def close_inventory_round(*, actor: Actor, round_: InventoryRound, expected_version: int) -> InventoryRound:
    authorize(actor, MANAGE_INVENTORY, round_)
    if round_.state != InventoryRound.State.OPEN:
        raise ServiceError(_("Die Bestandsaufnahme ist bereits abgeschlossen."))
    return update_audited(actor=actor, obj=round_, expected_version=expected_version,
                          values={"state": InventoryRound.State.CLOSED, "closed_at": timezone.now()},
                          audit_fields=ROUND_FIELDS)


def answer_inventory(*, actor: Actor, round_: InventoryRound, organisation: Organisation, expected_version: int,
                     confirmed_offers: Sequence[Offer], no_offers: bool = False, note: str = "") -> InventoryResponse:
    """An organisation's answer (or Koordination's on its behalf): the offers it confirms (their last-confirmed
    date is set), the offers it entered since the round opened (recorded as new), or "no offers".
    `expected_version` is the answer's version as the form showed it (0: none yet). Answering again replaces
    the answer."""
    probe = InventoryResponse(municipality_id=round_.municipality_id, round=round_, organisation=organisation)
    authorize(actor, ANSWER_INVENTORY, round_, organisation, probe)
    state = InventoryRound.objects.filter(pk=round_.pk).values_list("state", flat=True).first()
    if state != InventoryRound.State.OPEN:
        raise ServiceError(_("Die Bestandsaufnahme ist abgeschlossen; Antworten sind nicht mehr möglich."))
    own = Offer.objects.filter(municipality_id=round_.municipality_id, provider_organisation=organisation)
    own_ids = set(own.values_list("pk", flat=True))
    foreign = [o for o in confirmed_offers if o.pk not in own_ids]
    if foreign:
        raise ValidationError({"confirmed_offers": _("Bestätigen Sie nur Angebote Ihrer Organisation.")})
    if no_offers and confirmed_offers:
        raise ValidationError({"no_offers": _("Sie haben Angebote bestätigt und zugleich „keine Angebote“ "
                                              "gewählt. Bitte entscheiden Sie sich für eines.")})
    if not no_offers and not confirmed_offers:
        raise ValidationError({"confirmed_offers": _("Bestätigen Sie mindestens ein Angebot oder wählen Sie "
                                                     "„Wir haben derzeit keine Angebote“.")})
    new_offers = list(own.filter(created_at__gte=round_.opened_at))
    with transaction.atomic():
        response = save_keyed_audited(
            actor=actor, model=InventoryResponse,
            key={"municipality_id": round_.municipality_id, "round": round_, "organisation": organisation},
            expected_version=expected_version,
            values={"confirmed_offers": list(confirmed_offers), "new_offers": new_offers, "no_offers": no_offers,
                    "note": note.strip(), "answered_at": timezone.now(), "answered_by_id": actor.user_id},
            audit_fields=RESPONSE_FIELDS, label=_trail(lambda: f"Bestandsaufnahme {round_}: {organisation}"))
        if confirmed_offers:
            confirm_offers(actor=actor, offers=list(confirmed_offers))
    return response


def provider_choices_allowed(actor: Actor, organisation: Organisation | None, unit: OrgUnit | None) -> bool:
    """Whether `actor` may name this provider on an offer (for forms that offer only allowed ones)."""
    probe = Offer(provider_organisation=organisation, provider_org_unit=unit)
    return actor.can(EDIT_OFFERS, probe) and (actor.holds_fully(EDIT_OFFERS) or probe.provider is not None)
