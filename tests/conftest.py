"""Shared fixtures: two municipalities, a named user per role, and a small plan built through the services."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from teilhabe.core.models import Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope, no_municipality
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure, Plan
from tests.browser.accessibility import AXE_JS, AXE_URL
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    OrgUnitFactory,
    UserFactory,
)

PASSWORD = "test-passwort-123"


@pytest.fixture(autouse=True)
def _reset_language() -> Any:
    """LocaleMiddleware leaves the last request's language active in the thread; English requests
    must not turn later tests' German messages English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    """Test users need passwords, not strong hashes: PBKDF2 would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Fixtures that provide the municipality a test acts in, in order of preference.
HOME_MUNICIPALITY_FIXTURES = ("municipality", "empty_municipality")


@pytest.fixture(autouse=True)
def _home_scope(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test acts inside its home municipality, as a request or command would: tenant queries of a test
    are scoped to the first of HOME_MUNICIPALITY_FIXTURES it uses; a test without one runs outside any
    scope, so an unscoped query raises there exactly as in production. Reads of another municipality's
    rows in a test say so with `municipality_scope(other)` (or `across_municipalities()`)."""
    home = next((name for name in HOME_MUNICIPALITY_FIXTURES if name in request.fixturenames), None)
    if home is not None:
        with municipality_scope(request.getfixturevalue(home)):
            yield
    else:
        with no_municipality():
            yield


@pytest.fixture
def municipality(db: Any) -> Municipality:
    return MunicipalityFactory(name="Heidelberg", slug="heidelberg", ags="08221000", land="BW")


@pytest.fixture
def other_municipality(db: Any) -> Municipality:
    return MunicipalityFactory(name="Herdecke", slug="herdecke", ags="05954016", land="NW")


@pytest.fixture
def amt(municipality: Municipality) -> OrgUnit:
    return OrgUnitFactory(municipality=municipality, name="Amt für Chancengleichheit")


@pytest.fixture
def other_amt(municipality: Municipality) -> OrgUnit:
    return OrgUnitFactory(municipality=municipality, name="Amt für Schule und Bildung")


@pytest.fixture
def verein(municipality: Municipality) -> Organisation:
    return OrganisationFactory(municipality=municipality, name="Interkultureller Verein", kind="mso")


@pytest.fixture
def make_member(db: Any) -> Callable[..., User]:
    def make(municipality: Municipality, role: Role, username: str | None = None,
             org_units: tuple[OrgUnit, ...] = (), organisations: tuple[Organisation, ...] = ()) -> User:
        user = UserFactory(**({"username": username} if username else {}))
        with municipality_scope(municipality):
            membership = MembershipFactory(municipality=municipality, user=user, role=role)
            membership.org_units.set(org_units)
            membership.organisations.set(organisations)
        return user

    return make


@pytest.fixture
def koordination(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.KOORDINATION, "koordination")


@pytest.fixture
def fachstelle(municipality: Municipality, amt: OrgUnit, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.FACHSTELLE, "fachstelle", org_units=(amt,))


@pytest.fixture
def lesend(municipality: Municipality, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.LESEND, "lesend")


@pytest.fixture
def foreign_user(other_municipality: Municipality, make_member: Callable[..., User]) -> User:
    """Koordination of another municipality: must see nothing of ours."""
    return make_member(other_municipality, Role.KOORDINATION, "fremd")


@pytest.fixture
def platform_admin(db: Any) -> User:
    return UserFactory(username="plattform", is_superuser=True, is_staff=True)


@pytest.fixture
def coord_actor(municipality: Municipality, koordination: User) -> Actor:
    return actor_for(koordination, municipality)


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def build_small_plan(actor: Actor, municipality: Municipality, amt: OrgUnit, other_amt: OrgUnit,
                     verein: Organisation) -> Plan:
    """A small plan in force (its one edition adopted, as a plan the municipality works with): 2 fields,
    a goal tree of depth 3, 4 measures with different leads. Built through the services, in the
    municipality's scope (so the same world can be built in another municipality)."""
    with municipality_scope(municipality):
        p = plan_services.create_plan(actor=actor, municipality=municipality, title="Kommunaler Integrationsplan")
        edition = p.editions.get()
        bildung = plan_services.create_field(actor=actor, edition=edition, title="Bildung und Sprachförderung")
        arbeit = plan_services.create_field(actor=actor, edition=edition, title="Ausbildung und Arbeitsmarkt")
        leit = plan_services.create_goal(actor=actor, field=bildung, title="Bildungschancen verbessern")
        teil = plan_services.create_goal(actor=actor, field=bildung, parent=leit, title="Sprache fördern")
        hand = plan_services.create_goal(actor=actor, field=bildung, parent=teil, title="Sprachkurse für Eltern")
        plan_services.create_measure(actor=actor, edition=edition, values={
            "title": "Mama lernt Deutsch", "field": bildung, "goals": [hand], "lead_org_unit": amt})
        plan_services.create_measure(actor=actor, edition=edition, values={
            "title": "Hausaufgabenhilfe", "field": bildung, "goals": [teil], "lead_org_unit": other_amt,
            "partner_org_units": [amt]})
        plan_services.create_measure(actor=actor, edition=edition, values={
            "title": "Schulsozialarbeit", "field": bildung, "lead_org_unit": other_amt})
        plan_services.create_measure(actor=actor, edition=edition, values={
            "title": "Ausbildungspatenschaften", "field": arbeit, "lead_organisation": verein,
            "is_key_project": True})
        plan_services.update_edition(actor=actor, edition=edition, expected_version=edition.version, values={
            "status": Edition.Status.ADOPTED, "adopted_on": dt.date(2024, 3, 14)})
    return p


@pytest.fixture
def plan(municipality: Municipality, coord_actor: Actor, amt: OrgUnit, other_amt: OrgUnit,
         verein: Organisation) -> Plan:
    """The shared small plan of the home municipality (see build_small_plan)."""
    return build_small_plan(coord_actor, municipality, amt, other_amt, verein)


@pytest.fixture
def edition(plan: Plan) -> Edition:
    return plan.editions.get()


@pytest.fixture
def own_measure(edition: Edition) -> Measure:
    return Measure.objects.get(edition=edition, title="Mama lernt Deutsch")


@pytest.fixture
def foreign_measure(edition: Edition) -> Measure:
    """Led by another office, with no part for the Fachstelle fixture."""
    return Measure.objects.get(edition=edition, title="Schulsozialarbeit")


# --- the browser: Playwright (sync API) against Debian's Chromium, on pytest-django's live server --------
# Playwright's own browser download does not work on these machines: we drive /usr/bin/chromium
# (installed by scripts/setup-browser.sh). Never run `playwright install`. The fixtures live here so that
# every test folder shares ONE Playwright per process (a second one in the same thread cannot start).

# Playwright's sync API runs an event loop in this thread; Django would refuse DB access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("TEILHABE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium fehlt ({CHROMIUM}): bitte scripts/setup-browser.sh ausführen.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    """A fresh browser context (no cookies) per test, with relative URLs resolved on the live server."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=str(AXE_JS)))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def csp_violations(page: Any) -> list[str]:
    """Content Security Policy refusals the browser reports while the test runs (must stay empty)."""
    found: list[str] = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return found
