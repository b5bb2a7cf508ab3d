"""Every back-office view × every role × a user of another municipality, derived from the declarations.

Each view declares its permission with @requires (teilhabe.core.tenancy); the expected outcome for each
user is computed from the role table in teilhabe.core.roles, so the table and the views cannot drift
apart: a view without a declaration, or one that answers differently than declared, fails here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from teilhabe.core.models import Membership, Municipality, Organisation, OrgUnit, User
from teilhabe.core.roles import Perm
from teilhabe.core.tenancy import actor_for
from teilhabe.pages.models import LegalPage
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan, StatusOption, TargetGroup


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]
    callback: Callable[..., Any]


def _walk(patterns: list[Any], namespace: str = "", params: tuple[str, ...] = ()) -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns, params + tuple(p.pattern.converters))
        elif isinstance(p, URLPattern) and p.name:
            yield Route(f"{namespace}{p.name}", params + tuple(p.pattern.converters), p.callback)


def backoffice_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if r.name.startswith("backoffice:")]


# Which object an id in a URL refers to, by the view name's first word.
OBJECT_FOR_PREFIX: dict[str, type[models.Model]] = {
    "measure": Measure, "field": FieldOfAction, "goal": Goal, "edition": Edition, "plan": Plan,
    "status": StatusOption, "orgunit": OrgUnit, "organisation": Organisation, "member": Membership,
    "target": TargetGroup, "targetgroup": TargetGroup,
}
# Non-id URL parameters and the value to use.
FIXED_PARAMS: dict[str, str] = {"kind": LegalPage.Kind.IMPRINT, "language": "de"}


def _object_for(route: Route, municipality: Municipality) -> models.Model | None:
    prefix = route.name.split(":", 1)[1].split("_", 1)[0]
    model = OBJECT_FOR_PREFIX.get(prefix)
    if model is None:
        return None
    qs = model.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
    if model is Measure:
        # The measure the Fachstelle fixture is NOT responsible for: object-level checks must bite.
        return qs.get(title="Schulsozialarbeit")
    return qs.order_by("pk").first()


def _kwargs(route: Route, municipality: Municipality, obj: models.Model | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"municipality": municipality.slug}
    for param in route.params:
        if param == "municipality":
            continue
        if param in FIXED_PARAMS:
            kwargs[param] = FIXED_PARAMS[param]
        else:
            assert obj is not None, f"{route.name}: no object known for URL parameter {param!r}"
            kwargs[param] = obj.pk
    return kwargs


USERS = ["anonymous", "koordination", "fachstelle", "lesend", "foreign_user", "platform_admin"]


@pytest.fixture
def everything(plan: Plan, koordination: User, fachstelle: User, lesend: User, foreign_user: User,
               platform_admin: User) -> dict[str, User | None]:
    plan_services_target_group(plan)
    return {"anonymous": None, "koordination": koordination, "fachstelle": fachstelle, "lesend": lesend,
            "foreign_user": foreign_user, "platform_admin": platform_admin}


def plan_services_target_group(plan: Plan) -> None:
    TargetGroup.objects.get_or_create(municipality_id=plan.municipality_id, name="Eltern")


def test_every_backoffice_view_declares_its_permission() -> None:
    undeclared = [r.name for r in backoffice_routes() if not hasattr(r.callback, "required_permission")]
    assert undeclared == []


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", USERS)
def test_role_matrix(who: str, method: str, everything: dict[str, User | None], municipality: Municipality,
                     client_for: Callable[[User | None], Any]) -> None:
    user = everything[who]
    client = client_for(user)
    problems = []
    for route in backoffice_routes():
        perm: Perm = route.callback.required_permission  # type: ignore[attr-defined]
        obj = _object_for(route, municipality)
        url = reverse(route.name, kwargs=_kwargs(route, municipality, obj))
        response = getattr(client, method)(url)
        status = response.status_code
        if user is None:
            ok = status == 302 and "/konto/anmelden/" in response["Location"]
            expected = "redirect to login"
        elif who == "foreign_user":
            ok, expected = status == 404, "404"
        else:
            actor = actor_for(user, municipality)
            allowed = actor.can(perm, obj if hasattr(obj, "responsible_org_unit_ids") else None)
            if allowed:
                # An empty POST may be refused as bad input (400), but never as forbidden or missing.
                allowed_statuses = (200, 302, 405) if method == "get" else (200, 302, 400, 405)
                ok = status in allowed_statuses and "/konto/anmelden/" not in response.get("Location", "")
                expected = f"allowed {allowed_statuses}"
            else:
                ok, expected = status == 403, "403"
        if not ok:
            problems.append(f"{method.upper()} {route.name} {url}: got {status}, expected {expected}")
    assert problems == []
