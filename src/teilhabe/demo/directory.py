"""Demo organisation profiles: built through the directory's services like every other demo content. Each city
has MSOs, associations and welfare organisations with profiles (some trusted) and one change of an untrusted
organisation's editor waiting in the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for
from teilhabe.directory import services
from teilhabe.plans import services as plan_services


@dataclass(frozen=True)
class ProfileSpec:
    organisation: str
    short: str
    description: str = ""  # simple HTML; sanitised by the service
    languages: tuple[str, ...] = ("de",)
    fields: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    district: str = ""
    address: str = ""
    opening_hours: str = ""
    contact_person: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False
    links: tuple[tuple[str, str], ...] = ()
    trusted: bool = False
    # A change the organisation's editor proposed, waiting for Koordination (only for untrusted organisations).
    pending: dict[str, Any] = field(default_factory=dict)


def build_directory(profiles: tuple[ProfileSpec, ...], municipality: Municipality, actor: Actor,
                    organisations: dict[str, Organisation], editors: dict[str, User]) -> None:
    for spec in profiles:
        organisation = organisations[spec.organisation]
        groups = [plan_services.get_or_create_target_group(actor=actor, municipality=municipality, name=name).pk
                  for name in spec.target_groups]
        profile = services.ensure_profile(actor=actor, organisation=organisation)
        saved = services.save_profile(
            actor=actor, profile=profile, expected_version=profile.version, trusted=spec.trusted, published=True,
            values={"short_description": spec.short, "description": spec.description,
                    "languages": list(spec.languages), "fields_of_activity": list(spec.fields),
                    "target_groups": groups, "district": spec.district, "address": spec.address,
                    "opening_hours": spec.opening_hours, "contact_person": spec.contact_person,
                    "contact_email": spec.contact_email, "contact_phone": spec.contact_phone,
                    "contact_consent": spec.contact_consent,
                    "links": [{"label": label, "url": url} for label, url in spec.links]})
        if spec.pending:
            editor = editors[spec.organisation]
            editor_actor = actor_for(editor, municipality)
            services.save_profile(actor=editor_actor, profile=saved.profile, expected_version=saved.profile.version,
                                  values=spec.pending)
