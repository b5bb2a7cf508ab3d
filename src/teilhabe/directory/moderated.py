"""The profile as a kind of content moderation knows (registered in DirectoryConfig.ready)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.i18n import language_name
from teilhabe.core.richtext import to_plain
from teilhabe.core.roles import Actor
from teilhabe.directory import services
from teilhabe.directory.models import FieldOfActivity, OrganisationProfile
from teilhabe.moderation.registry import Applier, FieldRow, register
from teilhabe.plans.models import TargetGroup

LABELS = {
    "short_description": gettext_lazy("Kurzbeschreibung"), "description": gettext_lazy("Beschreibung"),
    "languages": gettext_lazy("Sprachen"), "fields_of_activity": gettext_lazy("Arbeitsfelder"),
    "target_groups": gettext_lazy("Zielgruppen"), "district": gettext_lazy("Stadtteil"),
    "address": gettext_lazy("Adresse"), "opening_hours": gettext_lazy("Öffnungszeiten"),
    "contact_person": gettext_lazy("Ansprechperson"), "contact_email": gettext_lazy("E-Mail"),
    "contact_phone": gettext_lazy("Telefon"), "contact_consent": gettext_lazy("Kontakt öffentlich zeigen"),
    "logo": gettext_lazy("Logo"), "logo_alt": gettext_lazy("Alternativtext des Logos"), "links": gettext_lazy("Links"),
}


def _load(object_id: int) -> OrganisationProfile | None:
    return OrganisationProfile.objects.select_related("organisation").filter(pk=object_id).first()


def _apply(actor: Actor, profile: OrganisationProfile, values: Mapping[str, Any]) -> OrganisationProfile:
    return services.apply_profile_values(actor=actor, profile=profile, values=values,
                                         expected_version=profile.version, publish=True)


def _text(name: str, value: Any, groups: dict[int, str]) -> str:
    if name == "languages":
        return ", ".join(language_name(c) for c in value or [])
    if name == "fields_of_activity":
        known = dict(FieldOfActivity.choices)
        return ", ".join(str(known.get(k, k)) for k in value or [])
    if name == "target_groups":
        return ", ".join(groups.get(i, "?") for i in value or [])
    if name == "contact_consent":
        return _("ja") if value else _("nein")
    if name == "links":
        return "\n".join(f"{link.get('label')} – {link.get('url')}" for link in value or [])
    if name == "description":
        return to_plain(value or "")
    if name == "logo":
        return _("neues Bild") if value else ""
    return str(value or "")


def _rows(before: Mapping[str, Any], after: Mapping[str, Any]) -> Sequence[FieldRow]:
    ids = set(before.get("target_groups") or []) | set(after.get("target_groups") or [])
    groups = dict(TargetGroup.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    rows = []
    for name, label in LABELS.items():
        old, new = _text(name, before.get(name), groups), _text(name, after.get(name, before.get(name)), groups)
        if name == "logo" and before.get(name) == after.get(name, before.get(name)):
            new = old
        rows.append(FieldRow(name=name, label=str(label), before=old, after=new))
    return rows


def register_profile() -> None:
    register(OrganisationProfile._meta.label_lower, Applier(
        label=gettext_lazy("Organisationsprofil"), load=_load, current=services.current_values, apply=_apply,
        rows=_rows))
