"""Tenancy by construction: the municipality is resolved once where a request, command or task enters,
and every query for tenant-owned data runs inside its scope — or raises.

Tenant-owned models use a django-scopes manager (see `TenantModel`). Outside a scope, such a query
raises `django_scopes.ScopeError`; inside `municipality_scope(m)` it is filtered to `m`. A deliberate
read across municipalities (platform administration, the login landing page, migrations, benchmarks)
says so with `across_municipalities()`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_scopes import scopes_disabled
from django_scopes.state import state as _scope_state

from teilhabe.core.models import Membership, Municipality, OrgUnit
from teilhabe.core.roles import Actor, Permission, Role, with_descendants

URL_KWARG = "municipality"


class TenantRequest(HttpRequest):
    """A request under /<municipality>/…: what the middleware resolved, typed for views."""

    municipality: Municipality
    actor: Actor


def _enter(municipality_id: int) -> Any:
    """Set the scope of one municipality, replacing whatever was active; returns the token to reset."""
    return _scope_state.set({"_enabled": True, "municipality": municipality_id})


@contextmanager
def municipality_scope(municipality: Municipality | int) -> Iterator[None]:
    """Run tenant queries for exactly this municipality (replacing any scope around it)."""
    token = _enter(municipality if isinstance(municipality, int) else municipality.pk)
    try:
        yield
    finally:
        _scope_state.reset(token)


@contextmanager
def no_municipality() -> Iterator[None]:
    """An entry point that serves no municipality (the platform's own pages): tenant queries raise."""
    token = _scope_state.set({"_enabled": True})
    try:
        yield
    finally:
        _scope_state.reset(token)


def across_municipalities() -> Any:
    """A deliberate read or write across municipalities. Use only where that is the point
    (platform administration, a user's memberships everywhere, migrations, benchmarks)."""
    return scopes_disabled()


def actor_for(user: Any, municipality: Municipality) -> Actor:
    """The Actor for a user in a municipality; anonymous users and non-members get no role."""
    if not getattr(user, "is_authenticated", False):
        return Actor(user_id=None, municipality_id=municipality.pk, role=None)
    if user.is_superuser:
        return Actor(user_id=user.pk, municipality_id=municipality.pk, role=None, is_platform_admin=True)
    with municipality_scope(municipality):
        membership = (
            Membership.objects.filter(user=user).prefetch_related("org_units", "organisations").first()
        )
        if membership is None:
            return Actor(user_id=user.pk, municipality_id=municipality.pk, role=None)
        unit_ids = frozenset(u.pk for u in membership.org_units.all())
        if unit_ids:
            parent_of: dict[int, int | None] = dict(OrgUnit.objects.values_list("pk", "parent_id"))
            unit_ids = with_descendants(unit_ids, parent_of)
        organisation_ids = frozenset(o.pk for o in membership.organisations.all())
    return Actor(
        user_id=user.pk,
        municipality_id=municipality.pk,
        role=Role(membership.role),
        org_unit_ids=unit_ids,
        organisation_ids=organisation_ids,
    )


class MunicipalityMiddleware:
    """Every request starts outside any municipality; a URL under /<municipality>/ gets
    request.municipality, request.actor and the municipality's scope for the rest of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with no_municipality():
            return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: dict[str, Any]
    ) -> None:
        # The REST API documents the slug as a path parameter, so its handlers keep receiving it.
        keep = request.path_info.startswith("/api/")
        slug = view_kwargs.get(URL_KWARG) if keep else view_kwargs.pop(URL_KWARG, None)
        if slug is None:
            return
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise Http404("Kommune nicht gefunden")
        # Inside __call__'s no_municipality(), which resets the scope when the response is done.
        _enter(municipality.pk)
        tenant_request: TenantRequest = request  # type: ignore[assignment]
        tenant_request.municipality = municipality
        tenant_request.actor = actor_for(request.user, municipality)


def requires(perm: Permission) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard a municipality view: anonymous → login, not a member → 404 (never reveal data),
    member without the permission → 403. The declaration is read by the role × view test."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            actor: Actor | None = getattr(request, "actor", None)
            if actor is None:
                raise Http404
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not actor.is_member:
                raise Http404
            if not actor.can(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = perm  # type: ignore[attr-defined]
        return wrapped

    return decorator
