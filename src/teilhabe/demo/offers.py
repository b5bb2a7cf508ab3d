"""Offers and an inventory round of the demo, built through the directory's services like the back office
would: the default categories (mapped to the city's fields of action), offers of its organisations and
offices in several languages (clearly marked as demo data), and an open inventory round with answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from teilhabe.core.models import Membership, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.directory import services
from teilhabe.directory.models import Offer, OfferCategory
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure, TargetGroup

DEMO_NOTE = "<p><em>Beispielangebot (Demodaten) – dieses Angebot gibt es nicht wirklich.</em></p>"


@dataclass(frozen=True)
class OfferSpec:
    title: str
    category: str  # a sub-category of the default taxonomy
    provider: str  # an organisation's or an org unit's name
    description: str
    languages: tuple[str, ...] = ("de",)
    district: str = ""
    place: str = ""
    schedule: str = ""
    free: bool = True
    cost: str = ""
    online: bool = False
    target_groups: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()  # titles of measures in the adopted edition
    step_free: bool = False
    sign_language: bool = False
    childcare: bool = False
    registration: str = ""
    contact: str = ""  # local part of a demo.invalid address


@dataclass(frozen=True)
class InventorySpec:
    title: str
    message: str
    confirmed_by_editor: bool = True  # the organisation editor confirms its organisation's offers
    no_offers: tuple[str, ...] = ()  # organisations that answer "no offers"
    on_behalf: tuple[str, ...] = ()  # organisations Koordination answers for (by phone)


@dataclass(frozen=True)
class OfferContent:
    offers: tuple[OfferSpec, ...]
    fields: dict[str, str] = field(default_factory=dict)  # top category → field of action title
    inventory: InventorySpec | None = None


def build_offers(content: OfferContent | None, municipality: Municipality, edition: Edition, actor: Actor,
                 coordination: Actor | None) -> None:
    if content is None:
        return
    services.ensure_default_categories(actor=actor, municipality=municipality)
    categories = {c.name: c for c in OfferCategory.objects.filter(municipality=municipality)}
    for top, title in content.fields.items():
        category = categories[top]
        services.update_category(actor=actor, category=category, expected_version=category.version,
                                 values={"field_title": title})
    organisations = {o.name: o for o in Organisation.objects.filter(municipality=municipality)}
    units = {u.name: u for u in OrgUnit.objects.filter(municipality=municipality)}
    measures = {m.title: m for m in Measure.objects.filter(edition=edition)}
    groups: dict[str, TargetGroup] = {g.name: g for g in TargetGroup.objects.filter(municipality=municipality)}
    for spec in content.offers:
        for name in spec.target_groups:
            if name not in groups:
                groups[name] = plan_services.get_or_create_target_group(actor=actor, municipality=municipality,
                                                                        name=name)
        services.create_offer(actor=actor, municipality=municipality, values={
            "title": spec.title, "category": categories[spec.category],
            "provider_organisation": organisations.get(spec.provider),
            "provider_org_unit": units.get(spec.provider) if spec.provider not in organisations else None,
            "description": spec.description + DEMO_NOTE, "languages": list(spec.languages),
            "district": spec.district, "place": spec.place, "schedule": spec.schedule, "is_free": spec.free,
            "cost": spec.cost, "is_online": spec.online, "step_free": spec.step_free,
            "sign_language": spec.sign_language, "childcare": spec.childcare,
            "registration_required": bool(spec.registration), "registration": spec.registration,
            "contact_email": f"{spec.contact}@demo.invalid" if spec.contact else "",
            "target_groups": [groups[n] for n in spec.target_groups],
            "measures": [measures[t] for t in spec.measures if t in measures],
            "state": Offer.State.PUBLISHED,
        })
    if content.inventory is not None and coordination is not None:
        _build_inventory(content.inventory, municipality, coordination, organisations)


def _build_inventory(spec: InventorySpec, municipality: Municipality, coordination: Actor,
                     organisations: dict[str, Organisation]) -> None:
    round_ = services.open_inventory_round(
        actor=coordination, municipality=municipality, title=spec.title, message=spec.message,
        deadline=timezone.localdate() + dt.timedelta(days=21), remind_days_before=7)
    if spec.confirmed_by_editor:
        for membership in Membership.objects.filter(municipality=municipality, role=Role.ORGANISATION):
            editor = actor_for(membership.user, municipality)
            for organisation in membership.organisations.all():
                offers = list(Offer.objects.filter(provider_organisation=organisation))
                if offers:
                    services.answer_inventory(actor=editor, round_=round_, organisation=organisation,
                                              expected_version=0, confirmed_offers=offers)
    for name in spec.no_offers:
        services.answer_inventory(actor=coordination, round_=round_, organisation=organisations[name],
                                  expected_version=0, confirmed_offers=[], no_offers=True,
                                  note="Telefonisch mitgeteilt (Demodaten).")
    for name in spec.on_behalf:
        organisation = organisations[name]
        services.answer_inventory(actor=coordination, round_=round_, organisation=organisation,
                                  expected_version=0,
                                  confirmed_offers=list(Offer.objects.filter(provider_organisation=organisation)),
                                  note="Per E-Mail bestätigt (Demodaten).")


def build_demo_offers(slug: str, municipality: Municipality, edition: Edition, actor: Actor) -> None:
    """The demo offers of the municipality `slug` (demo/content/<slug>_offers.py), if it has any."""
    import importlib

    try:
        module = importlib.import_module(f"teilhabe.demo.content.{slug}_offers")
    except ModuleNotFoundError:
        return
    koordination = Membership.objects.filter(municipality=municipality, role=Role.KOORDINATION).order_by(
        "pk").select_related("user").first()
    coordination = actor_for(koordination.user, municipality) if koordination else None
    build_offers(module.CONTENT, municipality, edition, actor, coordination)
