"""Request-wide HTTP rules that are not about the tenant (that is teilhabe.core.tenancy)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Directives that would let a cache keep or share the answer; replaced by "private, no-store".
_REPLACED = {"public", "private", "no-store", "max-age", "s-maxage"}


class PrivateCacheControlMiddleware:
    """Every answer to a logged-in user — page, fragment, API response, download — says
    ``Cache-Control: private, no-store``: no shared proxy and no browser cache keeps a copy of plan data,
    names or e-mail addresses after the person has logged out, on a shared office computer included.

    Anonymous answers (the public portal, the login page) keep whatever caching they had; without a session
    cookie the session is not even looked at, so they get no ``Vary: Cookie`` from here. Static files never
    get here: WhiteNoise answers them earlier, with its long cache lifetimes. Must come after
    AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _logged_in(request):
            existing = [d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()]
            kept = [d for d in existing if d.split("=")[0].strip().lower() not in _REPLACED]
            response["Cache-Control"] = ", ".join(["private", "no-store", *kept])
        return response


def _logged_in(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.accessed:
        return False  # no session cookie and nobody looked at the session (a login in this request does)
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
