"""Throttling of password guessing: the login (ours and the admin's) and password reset requests.

Login — django-axes, configured in settings.py:

- **Per account and address**: after ``TEILHABE_LOGIN_FAILURE_LIMIT`` (10) wrong passwords for one user name
  from one address, that user name is locked *from that address* for ``TEILHABE_LOGIN_COOLOFF_MINUTES`` (15);
  every further attempt during the lock extends it. Colleagues behind the same address (an office's NAT,
  a municipal data centre's proxy) keep logging in, and the account's owner can log in from their own
  address: an attacker cannot lock out an office, nor a person by guessing at their name from elsewhere.
- **Per address** (``TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT``, 100): one address that fails this often within
  the cool-off time, over any number of user names, is locked for everyone behind it. It stops one address
  from trying a common password against every account (password spraying); 100 failures in 15 minutes
  are far beyond what an office mistypes. Loopback addresses are exempt: they are a reverse proxy that
  does not pass the client's address (``TEILHABE_PROXY_COUNT`` unset), and locking them would lock out
  every user of the platform.

A locked login gets the German page ``registration/lockout.html`` with status 429, whatever the password:
the right password never reaches the password check while the lock lasts.

Lockouts are not written to the audit trail: an ``AuditEntry`` belongs to a municipality and a login
attempt does not. They are logged instead — a WARNING on the ``teilhabe.security`` logger for every refused
attempt, axes' own WARNINGs, and axes' records in the database (``AccessAttempt``: the current counters;
``AccessFailureLog``: every failure with address and time), readable by platform administrators in the
Django admin, where deleting an ``AccessAttempt`` lifts its lock (or ``teilhabe axes_reset_username NAME``).

Password reset — cache counters: at most ``TEILHABE_PASSWORD_RESET_LIMIT`` (5) requests per hour from one
address and for one e-mail address, whether or not an account has that address, so the answer reveals
nothing. The counters live in Django's cache (``CACHES`` in settings.py): with several server processes
the cache must be shared between them (``TEILHABE_CACHE_DIR``), or each process counts on its own.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("teilhabe.security")

RESET_WINDOW = timedelta(hours=1)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address. Behind ``TEILHABE_PROXY_COUNT`` reverse proxies, the address the outermost of
    them saw: the entry that many places from the right of X-Forwarded-For (each proxy appends the address
    it was called from; entries further left come from the client and may be forged)."""
    proxies = int(getattr(settings, "TEILHABE_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class LoginThrottleBackend(AxesStandaloneBackend):
    """axes' lock per account and address, plus the lock of an address that fails too often overall.

    Authenticates nobody itself (ModelBackend, next in AUTHENTICATION_BACKENDS, checks the password); it
    only refuses locked attempts before the password is looked at."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            # Every login over HTTP passes its request (Django's login views, the admin's login). Only code
            # without one calls authenticate() like this: Django's test client `login()`, a shell session.
            # There is no address to count then, and nothing an attacker can reach.
            return None
        super().authenticate(request, username, password, **kwargs)  # raises while axes' lock lasts
        if self._address_failures(request) >= int(settings.TEILHABE_LOGIN_ADDRESS_FAILURE_LIMIT):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # AxesMiddleware answers with the lockout page
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return None

    @staticmethod
    def _address_failures(request: HttpRequest) -> int:
        address = getattr(request, "axes_ip_address", None)  # set by axes' check above
        if address is None or _is_loopback(address):
            return 0
        since = timezone.now() - (get_cool_off(request) or timedelta(0))
        failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
            total=Sum("failures_since_start"))["total"]
        return int(failures or 0)


def cool_off_minutes(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request) or timedelta(0)
    return max(1, round(cool_off.total_seconds() / 60))


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """axes' answer to a locked login (AXES_LOCKOUT_CALLABLE): a German page, status 429, Retry-After."""
    minutes = cool_off_minutes(request)
    logger.warning(
        "login refused, locked out: username=%r address=%s path=%s",
        get_client_username(request, credentials), getattr(request, "axes_ip_address", None), request.path,
    )
    response = render(request, "registration/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """At most TEILHABE_PASSWORD_RESET_LIMIT requests an hour per address and per e-mail address; a request
    within the limits is counted on both. The e-mail address is hashed: the cache holds no readable ones."""
    limit = int(settings.TEILHABE_PASSWORD_RESET_LIMIT)
    window = int(RESET_WINDOW.total_seconds())
    mailbox = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    keys = [f"teilhabe:password-reset:email:{mailbox}"]
    if address := client_address(request):
        keys.append(f"teilhabe:password-reset:address:{address}")
    if any(int(cache.get(key, 0)) >= limit for key in keys):
        return False
    for key in keys:
        if not cache.add(key, 1, timeout=window):  # the first request opens the window
            try:
                cache.incr(key)
            except ValueError:  # the window closed in between: this request opens a new one
                cache.add(key, 1, timeout=window)
    return True


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset form; too many requests get a German page with status 429 and send nothing. The page is
    the same whether an account has the address or not."""

    def form_valid(self, form: Any) -> HttpResponse:
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            logger.warning("password reset refused, too many requests: address=%s", client_address(self.request))
            minutes = round(RESET_WINDOW.total_seconds() / 60)
            response = render(self.request, "registration/password_reset_throttled.html", {"minutes": minutes},
                              status=429)
            response["Retry-After"] = str(int(RESET_WINDOW.total_seconds()))
            return response
        return super().form_valid(form)


def public_form_allowed(request: HttpRequest, form: str, email: str, *, limit: int,
                        window: timedelta = RESET_WINDOW) -> bool:
    """The password reset's rule for another public form that mails an address (`form` names it): at most
    `limit` requests per `window` from one client address and for one e-mail address (hashed in the cache).
    A request within the limits is counted on both."""
    seconds = int(window.total_seconds())
    mailbox = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    keys = [f"teilhabe:{form}:email:{mailbox}"]
    if address := client_address(request):
        keys.append(f"teilhabe:{form}:address:{address}")
    if any(int(cache.get(key, 0)) >= limit for key in keys):
        return False
    for key in keys:
        if not cache.add(key, 1, timeout=seconds):
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, 1, timeout=seconds)
    return True
