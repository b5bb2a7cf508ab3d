"""Schemathesis against the API: every operation of the OpenAPI schema, as Koordination, Fachstelle and
Lesend, with valid and invalid input, and every check schemathesis has — no server error, only declared
statuses, answers matching their declared schemas and content types, valid input accepted and invalid input
refused, authentication enforced, 405 for other methods.

One rule is adapted, because a schema cannot know it: a request that fits the schema may still be refused
for its content — an id that is not the municipality's, the end before the start, an address the link
validator refuses, an archived edition. The API answers these with 422 and messages per field (an object),
or 400 for a rule of the plan; so `positive_data_acceptance` accepts 400 and 422, and the extra check
`schema_conforming_input_is_not_refused_by_the_schema` makes sure such a 422 is never one of the schema's own
refusals (a list of problems): whatever the schema admits, the API's schema checks admit too.

Bounded and reproducible: 25 generated examples per operation and role, derandomised, no deadline; the
requests go in-process through Django's WSGI handler, inside the test's transaction (the suite runs once on
SQLite and once on PostgreSQL). Writes by Koordination change the data between examples; answers stay
consistent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import CHECKS, CheckContext, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure

from teilhabe.api.main import api
from teilhabe.core.models import User
from teilhabe.core.roles import Actor
from teilhabe.plans.models import Plan
from teilhabe.reporting import services as reporting_services
from teilhabe.reporting.models import ReportingRound

ROLES = ["koordination", "fachstelle", "lesend"]
EXAMPLES = 25

CONFIG = SchemathesisConfig.from_dict({
    "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True},
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"],
        },
    },
})


def _in_heidelberg(openapi: dict[str, Any]) -> dict[str, Any]:
    """The published schema, with the one municipality this test knows as the only valid `municipality`
    (any other value is invalid input, which the API must refuse: a 404)."""
    for operations in openapi["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "municipality" and parameter["in"] == "path":
                    parameter["schema"] = {**parameter["schema"], "enum": ["heidelberg"]}
    return openapi


schema = schemathesis.openapi.from_dict(_in_heidelberg(api.get_openapi_schema()), config=CONFIG)
schema.app = WSGIHandler()


def schema_conforming_input_is_not_refused_by_the_schema(ctx: CheckContext, response: Any, case: Any) -> bool | None:
    """Input generated to fit the published schema is never refused by the API's own schema checks (a 422 with
    a list of problems); a refusal for its content names fields in an object."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 422:
        return None
    detail = response.json().get("detail")
    if isinstance(detail, list):
        raise Failure(operation=case.operation.label, title="Schema-conforming input refused by the schema checks",
                      message=f"The API answered 422 with the schema's own problems: {detail!r}")
    return None


def test_every_check_is_on() -> None:
    load_all_checks()
    config = schema.config.checks
    names = [name for name in CHECKS.get_all_names() if name != "max_response_time"]  # needs a limit
    assert names and all(config.get_by_name(name=name).enabled for name in names)


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Django's test client does the same: a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Schemathesis attaches the credentials when it builds a case, some of them while collecting the tests; so the
# session has a fixed key, which the `session` fixture gives to the member of each test (inside its transaction).
SESSION_KEY = "schemathesis0member0session0key0"
CSRF_TOKEN = "schemathesis0csrf0token000000000"


@schema.auth(refresh_interval=None)
class MemberSession:
    """The API's security scheme: the session cookie of a logged-in member; unsafe methods also send the
    CSRF token as cookie and header. Schemathesis knows them as the credentials, so `ignored_auth` can check
    that the API refuses requests without them or with a wrong one."""

    def get(self, case: Any, context: Any) -> str:
        return SESSION_KEY

    def set(self, case: Any, data: str, context: Any) -> None:
        case.cookies = {**(case.cookies or {}), settings.SESSION_COOKIE_NAME: data,
                        settings.CSRF_COOKIE_NAME: CSRF_TOKEN}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF_TOKEN}


@pytest.fixture
def reporting_round(plan: Plan, coord_actor: Actor) -> ReportingRound:
    """An open reporting round over the plan, so that the reporting endpoints have reports to work on."""
    return reporting_services.open_round(
        actor=coord_actor, edition=plan.editions.get(), title="Umsetzungsbericht 2026",
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), deadline=dt.date(2030, 1, 31))


@pytest.fixture
def session(role: str, request: pytest.FixtureRequest, plan: Plan, reporting_round: ReportingRound) -> None:
    """The member of the plan's municipality in `role` is logged in with the session key schemathesis sends."""
    user: User = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    Session.objects.create(session_key=SESSION_KEY, session_data=SessionStore().encode(dict(client.session.items())),
                           expire_date=timezone.now() + dt.timedelta(hours=1))


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))
def test_api(case: Any, session: None, in_process_requests: None) -> None:
    case.call_and_validate(additional_checks=[schema_conforming_input_is_not_refused_by_the_schema])
