"""Resolve the municipality from the URL once per request, and the acting user's role in it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from teilhabe.core.models import Membership, Municipality, OrgUnit
from teilhabe.core.roles import Actor, Perm, Role, with_descendants

URL_KWARG = "municipality"


def actor_for(user: Any, municipality: Municipality) -> Actor:
    """The Actor for a user in a municipality; anonymous users and non-members get no role."""
    if not getattr(user, "is_authenticated", False):
        return Actor(user_id=None, municipality_id=municipality.pk, role=None)
    if user.is_superuser:
        return Actor(user_id=user.pk, municipality_id=municipality.pk, role=None, is_platform_admin=True)
    membership = (
        Membership.objects.of(municipality)
        .filter(user=user)
        .prefetch_related("org_units", "organisations")
        .first()
    )
    if membership is None:
        return Actor(user_id=user.pk, municipality_id=municipality.pk, role=None)
    unit_ids = frozenset(u.pk for u in membership.org_units.all())
    if unit_ids:
        parent_of = dict(OrgUnit.objects.of(municipality).values_list("pk", "parent_id"))
        unit_ids = with_descendants(unit_ids, parent_of)
    return Actor(
        user_id=user.pk,
        municipality_id=municipality.pk,
        role=Role(membership.role),
        org_unit_ids=unit_ids,
        organisation_ids=frozenset(o.pk for o in membership.organisations.all()),
    )


class MunicipalityMiddleware:
    """Every URL under /<municipality>/ gets request.municipality and request.actor, or a 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
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
        request.municipality = municipality  # type: ignore[attr-defined]
        request.actor = actor_for(request.user, municipality)  # type: ignore[attr-defined]


def requires(perm: Perm) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard a municipality view: anonymous → login, not a member → 404 (never reveal data),
    member without the permission → 403."""

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
