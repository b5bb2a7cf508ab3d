"""Build the demo municipalities through the same services the back office uses.

Idempotent by municipality slug: a municipality that exists already is left alone, so running the
command twice changes nothing. Each municipality is built in one transaction, so a failure leaves
no half-built tenant behind that a second run would then skip."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

from teilhabe.core import services as core_services
from teilhabe.core.models import Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.demo.content import DEMO_MUNICIPALITIES, DEMO_PROFILES
from teilhabe.demo.directory import build_directory
from teilhabe.demo.events import build_events
from teilhabe.demo.feeds import build_feeds
from teilhabe.demo.monitoring import build_monitoring
from teilhabe.demo.offers import build_demo_offers
from teilhabe.demo.pages import build_pages
from teilhabe.demo.participation import ParticipationDemo, build_participation
from teilhabe.demo.rounds import build_rounds
from teilhabe.demo.specs import FieldSpec, GoalSpec, MeasureSpec, MunicipalitySpec, UnitSpec
from teilhabe.demo.translations import build_translations
from teilhabe.pages import services as page_services
from teilhabe.pages.defaults import default_text
from teilhabe.pages.models import LegalPage
from teilhabe.plans import services as plan_services
from teilhabe.plans.editions import start_new_edition
from teilhabe.plans.editions.comment import open_edition_for_comment
from teilhabe.plans.models import Edition, FieldOfAction, Goal, StatusOption, TargetGroup
from teilhabe.search import services as search_services

DEMO_PASSWORD = "teilhabe-demo"  # noqa: S105 - public by design, printed by the command
ADMIN_USERNAME = "admin"
SILENT_MAIL = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_DOMAIN = "demo.invalid"  # reserved TLD: nothing is ever delivered

ROLE_LABELS = {Role.KOORDINATION: "Koordination", Role.FACHSTELLE: "Fachstelle", Role.LESEND: "Lesend",
               Role.STATISTIK: "Statistik", Role.ORGANISATION: "Organisationsredaktion",
               Role.MODERATION: "Moderation", Role.GREMIUM: "Gremienmitglied"}
# Where a role's back office starts, when not on the overview (organisation editors do not see the plan).
START_PATH = {Role.ORGANISATION: "organisation/", Role.MODERATION: "beteiligung/", Role.GREMIUM: "beteiligung/"}


@dataclass(frozen=True)
class Login:
    url: str
    username: str
    role: str


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    logins: list[Login] = field(default_factory=list)


def demo_password_hash() -> str:
    """Hashed once per process (and hasher): hashing is deliberately slow and all demo users share it."""
    return _hash_with(settings.PASSWORD_HASHERS[0])


@functools.cache
def _hash_with(hasher: str) -> str:
    return make_password(DEMO_PASSWORD)


def username_for(spec: MunicipalitySpec, role: Role, explicit: str = "") -> str:
    return explicit or f"{role.value}.{spec.slug}"


def load_demo(*, specs: Iterable[MunicipalitySpec] = DEMO_MUNICIPALITIES) -> DemoResult:
    """Create every demo municipality that does not exist yet, and the platform administrator."""
    result = DemoResult()
    admin = _ensure_admin(result)
    for spec in specs:
        if Municipality.objects.filter(slug=spec.slug).exists():
            result.skipped.append(spec.slug)
        else:
            # The demo's reviews happened in the story's past: the notices the reporting services send after
            # commit (returned, accepted) go nowhere, whatever mail backend is configured.
            with override_settings(EMAIL_BACKEND=SILENT_MAIL), transaction.atomic():
                _build(spec, admin)
            result.created.append(spec.slug)
        for user_spec in spec.users:
            scope = ", ".join((*user_spec.org_units, *user_spec.organisations))
            result.logins.append(Login(
                url=f"/{spec.slug}/intern/{START_PATH.get(user_spec.role, '')}",
                username=username_for(spec, user_spec.role, user_spec.username),
                role=ROLE_LABELS[user_spec.role] + (f" ({scope})" if scope else ""),
            ))
    return result


def _ensure_admin(result: DemoResult) -> User | None:
    """The platform administrator of the demo; an existing `admin` account is never touched."""
    result.logins.append(Login(url="/plattform/", username=ADMIN_USERNAME, role="Plattform-Administration"))
    existing = User.objects.filter(username=ADMIN_USERNAME).first()
    if existing is not None:
        return existing if existing.is_superuser else None
    # No service creates platform administrators (they are made on the command line); this mirrors
    # Django's createsuperuser for the demo only.
    admin = User(username=ADMIN_USERNAME, email=f"{ADMIN_USERNAME}@{EMAIL_DOMAIN}", first_name="Plattform",
                 last_name="Administration", is_staff=True, is_superuser=True, password=demo_password_hash())
    admin.save()
    return admin


def _build(spec: MunicipalitySpec, admin: User | None) -> None:
    municipality = core_services.create_municipality(
        actor=None, name=spec.name, slug=spec.slug, ags=spec.ags, languages=spec.languages, is_demo=True,
    )
    with municipality_scope(municipality):
        _fill(spec, municipality, admin)
        _easy_language_in_arabic(municipality)
        search_services.reindex_municipality(municipality=municipality)  # everything the demo made, findable


def _easy_language_in_arabic(municipality: Municipality) -> None:
    """A short Arabic easy-language page (clearly demo), so that the portal's search finds Arabic content."""
    if "ar" not in municipality.content_languages:
        return
    system = Actor.system(municipality.pk)
    if not LegalPage.objects.filter(kind=LegalPage.Kind.EASY_LANGUAGE, language="de").exists():
        german = default_text(LegalPage.Kind.EASY_LANGUAGE, municipality)  # what the Arabic page translates
        page_services.save_legal_page(actor=system, municipality=municipality, kind=LegalPage.Kind.EASY_LANGUAGE,
                                      language="de", title=german.title, body=german.body, expected_version=0)
    page_services.save_legal_page(
        actor=Actor.system(municipality.pk), municipality=municipality, kind="leichte-sprache", language="ar",
        title="معلومات بلغة سهلة (بيانات تجريبية)",
        body=("هذه صفحة تجريبية. في هذه البوابة تجد دورات اللغة الألمانية واستشارة الأسرة ومواعيد الجمعيات "
              f"في مدينة {municipality.name}.\n\nيمكنك البحث بالعربية في أعلى كل صفحة."),
        expected_version=0)


def _fill(spec: MunicipalitySpec, municipality: Municipality, admin: User | None) -> None:
    # The demo is written in the name of the platform administrator, so the history says who.
    actor = Actor(user_id=admin.pk if admin else None, municipality_id=municipality.pk, role=None,
                  is_platform_admin=True)
    units = _create_units(actor, municipality, spec.org_units, parent=None)
    organisations = {
        o.name: core_services.create_organisation(
            actor=actor, municipality=municipality, name=o.name, kind=o.kind, website=o.website)
        for o in spec.organisations
    }
    editors = _create_users(actor, municipality, spec, units, organisations)
    build_events(municipality, actor, organisations, units, place="Mitte")
    statuses = {
        s.label: plan_services.create_status_option(
            actor=actor, municipality=municipality, label=s.label, normalised=s.normalised, colour=s.colour)
        for s in spec.status_scheme
    }
    plan = plan_services.create_plan(
        actor=actor, municipality=municipality, title=spec.plan_title, description=spec.plan_description,
        goal_level_names=list(spec.goal_levels), edition_name=spec.edition.name,
    )
    edition = Edition.objects.get(plan=plan)
    groups: dict[str, TargetGroup] = {}
    for field_spec in spec.fields:
        _create_field(actor, edition, field_spec, units, organisations, statuses, groups)
    edition = _adopt(actor, edition, spec)
    build_directory(DEMO_PROFILES.get(spec.slug, ()), municipality, actor, organisations, editors)
    build_monitoring(spec, municipality, edition, actor)  # before the rounds: they ask about its indicators
    if edition.status == Edition.Status.ADOPTED:
        build_rounds(spec, municipality, edition, _usernames(spec))
    build_pages(municipality, actor)  # Leichte Sprache and a sign-language video (demo/pages.py)
    build_demo_offers(spec.slug, municipality, edition, actor)
    build_translations(spec, municipality, edition, actor)
    build_participation(ParticipationDemo(
        slug=spec.slug, municipality=municipality, edition=edition, actor=actor, organisations=organisations,
        users={u.username: u for u in User.objects.filter(memberships__municipality=municipality)}))
    if spec.follow_up_edition:
        start_new_edition(actor=actor, edition=edition, name=spec.follow_up_edition)
    build_feeds(spec, municipality, actor)  # an MSO's own calendar, imported (docs/event-import.md)


def _usernames(spec: MunicipalitySpec) -> dict[Role, list[str]]:
    names: dict[Role, list[str]] = {}
    for user_spec in spec.users:
        names.setdefault(user_spec.role, []).append(username_for(spec, user_spec.role, user_spec.username))
    return names


def _create_units(actor: Actor, municipality: Municipality, specs: tuple[UnitSpec, ...],
                  parent: OrgUnit | None) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for spec in specs:
        unit = core_services.create_org_unit(
            actor=actor, municipality=municipality, name=spec.name, short_name=spec.short_name, kind=spec.kind,
            parent=parent,
        )
        units[unit.name] = unit
        units.update(_create_units(actor, municipality, spec.children, parent=unit))
    return units


def _create_users(actor: Actor, municipality: Municipality, spec: MunicipalitySpec,
                  units: dict[str, OrgUnit], organisations: dict[str, Organisation]) -> dict[str, User]:
    """The demo's people; returns the organisation editors by their organisation's name."""
    editors: dict[str, User] = {}
    for user_spec in spec.users:
        username = username_for(spec, user_spec.role, user_spec.username)
        membership = core_services.create_member(
            actor=actor, municipality=municipality, username=username, first_name=user_spec.first_name,
            last_name=user_spec.last_name, email=f"{username}@{EMAIL_DOMAIN}", role=user_spec.role,
            org_units=[units[name] for name in user_spec.org_units],
            organisations=[organisations[name] for name in user_spec.organisations],
        )
        # Real members set their own password through the invitation mail; demo members share one.
        membership.user.password = demo_password_hash()
        membership.user.save(update_fields=["password"])
        if user_spec.role == Role.ORGANISATION:
            editors.update({name: membership.user for name in user_spec.organisations})
    return editors


def _create_field(actor: Actor, edition: Edition, spec: FieldSpec, units: dict[str, OrgUnit],
                  organisations: dict[str, Organisation], statuses: dict[str, StatusOption],
                  groups: dict[str, TargetGroup]) -> FieldOfAction:
    field_of_action = plan_services.create_field(
        actor=actor, edition=edition, title=spec.title, description=spec.description, colour=spec.colour,
    )
    goals: dict[str, Goal] = {}
    _create_goals(actor, field_of_action, spec.goals, None, goals)
    for measure_spec in spec.measures:
        plan_services.create_measure(
            actor=actor, edition=edition,
            values=_measure_values(actor, edition, field_of_action, measure_spec, goals, units, organisations,
                                   statuses, groups),
        )
    return field_of_action


def _create_goals(actor: Actor, field_of_action: FieldOfAction, specs: tuple[GoalSpec, ...],
                  parent: Goal | None, goals: dict[str, Goal]) -> None:
    for spec in specs:
        goal = plan_services.create_goal(
            actor=actor, field=field_of_action, title=spec.title, parent=parent, description=spec.description,
        )
        goals[spec.title] = goal
        _create_goals(actor, field_of_action, spec.children, goal, goals)


def _measure_values(actor: Actor, edition: Edition, field_of_action: FieldOfAction, spec: MeasureSpec,
                    goals: dict[str, Goal], units: dict[str, OrgUnit], organisations: dict[str, Organisation],
                    statuses: dict[str, StatusOption], groups: dict[str, TargetGroup]) -> dict[str, Any]:
    for name in spec.target_groups:
        if name not in groups:
            groups[name] = plan_services.get_or_create_target_group(
                actor=actor, municipality=edition.municipality, name=name)
    return {
        "reference": spec.reference,
        "title": spec.title,
        "description": spec.description,
        "field": field_of_action,
        "goals": [goals[spec.goal]] if spec.goal else [],
        "lead_org_unit": units.get(spec.lead),
        "lead_organisation": None if spec.lead in units else organisations[spec.lead],
        "co_lead_org_units": [units[c] for c in spec.co_leads if c in units],
        "co_lead_organisations": [organisations[c] for c in spec.co_leads if c not in units],
        "responsibility_note": spec.responsibility_note,
        "partner_org_units": [units[p] for p in spec.partners if p in units],
        "partner_organisations": [organisations[p] for p in spec.partners if p not in units],
        "target_groups": [groups[name] for name in spec.target_groups],
        "start_date": spec.start,
        "end_date": spec.end,
        "cost_estimate": spec.cost,
        "funding": spec.funding,
        "is_key_project": spec.key_project,
        "status": statuses[spec.status],
        "gender_diversity_note": spec.gender_note,
        "indicators": list(spec.indicators),
    }


def _adopt(actor: Actor, edition: Edition, spec: MunicipalitySpec) -> Edition:
    if spec.edition.adopted_on is None:
        if spec.edition.open_for_comment_to:
            return open_edition_for_comment(actor=actor, edition=edition, roles=spec.edition.open_for_comment_to,
                                            expected_version=edition.version)
        return edition
    return plan_services.update_edition(
        actor=actor, edition=edition, expected_version=edition.version,
        values={"status": Edition.Status.ADOPTED, "adopted_on": spec.edition.adopted_on,
                "council_reference": spec.edition.council_reference},
    )
