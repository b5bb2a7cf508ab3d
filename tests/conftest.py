"""Shared fixtures: two municipalities, a named user per role, and a small plan built through the services."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
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
from tests.smtp_sink import SmtpServer

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


# --- background tasks: the database queue, as in production ----------------------------------------------

DATABASE_TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
IMMEDIATE_TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}


@pytest.fixture(autouse=True)
def _database_tasks(settings: Any) -> None:
    """Enqueued tasks wait in the database queue, as in production (whatever TEILHABE_TASKS_BACKEND says):
    a test runs them with `run_tasks`, or asks for `immediate_tasks`."""
    if settings.TASKS != DATABASE_TASKS:
        settings.TASKS = DATABASE_TASKS


@pytest.fixture
def run_tasks(db: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[Any]]:
    """`run_tasks()` runs the real worker (`teilhabe db_worker --batch`) once in this process and this
    database connection, so it sees the test's data: every task that is ready (in any queue) runs, also the
    ones those tasks enqueue; then it returns. Like the worker process, it runs outside the test's
    municipality scope: a task enters its municipality itself (municipality_scope). Returns the results
    (django_tasks TaskResult) of the tasks it ran, in the order they started."""
    import django_tasks_db.management.commands.db_worker as db_worker
    from django_tasks_db.compat import TASKS_LOGGER, TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def run() -> list[Any]:
        done_before = set(DBTaskResult.objects.exclude(status=TaskResultStatus.READY).values_list("id", flat=True))
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        loggers = [logging.getLogger(name) for name in (TASKS_LOGGER, "django_tasks_db")]
        levels = [logger.level for logger in loggers]
        with monkeypatch.context() as patch:
            if connection.in_atomic_block:
                # The worker drops connections that are not in autocommit mode between tasks; inside the
                # test's transaction that would be the test's own connection. The transaction ends with the test.
                patch.setattr(db_worker, "close_old_connections", lambda: None)
            try:
                with no_municipality():  # as in the worker process: each task enters its municipality itself
                    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0,
                                 queue_name="*", stdout=io.StringIO())
            finally:
                for sig, handler in handlers.items():  # the worker installs its own for Ctrl+C
                    signal.signal(sig, handler)
                for logger, level in zip(loggers, levels, strict=True):
                    logger.setLevel(level)
        ran = DBTaskResult.objects.exclude(status=TaskResultStatus.READY).exclude(id__in=done_before)
        return [result.task_result for result in ran.order_by("started_at", "enqueued_at")]

    return run


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Tasks run at once, inside the code that enqueues them (TEILHABE_TASKS_BACKEND=immediate)."""
    settings.TASKS = IMMEDIATE_TASKS


# --- mail: a real SMTP server in a process of its own (tests/smtp_sink.py) ---------------------------------


@pytest.fixture(scope="session")
def _smtp_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    """One aiosmtpd process per test session (per xdist worker); stopped at the end."""
    server = SmtpServer(tmp_path_factory.mktemp("smtp") / "messages")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server(_smtp_process: SmtpServer, settings: Any) -> SmtpServer:
    """A real SMTP server (aiosmtpd, a separate process on a free localhost port) with Django's SMTP backend
    pointed at it. `.messages()` returns the messages received during this test as
    `email.message.EmailMessage` (policy default), oldest first, each with the envelope in `X-MailFrom` and
    `X-RcptTo`; `.wait_for(count, timeout=5)` waits for that many (mail sent by another process)."""
    if not _smtp_process.is_running():
        _smtp_process.start()  # a test stopped it
    _smtp_process.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = _smtp_process.host
    settings.EMAIL_PORT = _smtp_process.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    return _smtp_process


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files (report attachments, rendered documents) land in the run's temporary folder, not var/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


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
