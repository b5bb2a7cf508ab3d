"""Authentication of the REST API: the Django session of the back office, CSRF for unsafe methods,
and membership of the municipality named in the path.

Anonymous → 401; a user who is not a member of the municipality (e.g. of another one) → 404, so that the
API never reveals whether something exists; a member without the permission → 403 (see `require`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import SessionAuth
from ninja.utils import check_csrf

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor, Permission
from teilhabe.core.tenancy import TenantRequest


class MemberSessionAuth(SessionAuth):
    """Session login of a member of the municipality in the URL (platform administrators included)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Same check as ninja's APIKeyCookie (safe methods pass), with a message that says what to send.
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("CSRF-Prüfung fehlgeschlagen. Senden Sie das CSRF-Token im Kopf X-CSRFToken "
                                   "und das Cookie csrftoken mit."))
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            raise HttpError(401, _("Bitte melden Sie sich an."))
        actor: Actor | None = getattr(request, "actor", None)
        if actor is None or not actor.is_member:
            raise Http404
        return request.user


def actor_of(request: HttpRequest) -> Actor:
    tenant_request: TenantRequest = request  # type: ignore[assignment]  # set by MunicipalityMiddleware
    return tenant_request.actor


def municipality_of(request: HttpRequest) -> Municipality:
    tenant_request: TenantRequest = request  # type: ignore[assignment]  # set by MunicipalityMiddleware
    return tenant_request.municipality


def require(request: HttpRequest, perm: Permission, obj: Any = None) -> Actor:
    """The acting member, if they hold the permission (for the object); otherwise 403."""
    actor = actor_of(request)
    if not actor.can(perm, obj):
        raise PermissionDenied(_("Dazu fehlt Ihnen die Berechtigung."))
    return actor
