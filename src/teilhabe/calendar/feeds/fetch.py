"""Fetch an organisation's calendar from its address — only when this installation allows outbound calls.

Teilhabe makes no outbound calls unless configured (DESIGN.md). With `TEILHABE_FEEDS_FETCH=1`:

* only `http` and `https` (a `webcal://` address is read as `https://`), at most 5 redirects, each again to
  http(s) only;
* addresses in private, loopback and link-local networks are refused (server-side request forgery) unless
  `TEILHABE_FEEDS_ALLOW_PRIVATE=1` — checked on the address actually connected to, after DNS;
* time-outs for connecting and for each read (`TEILHABE_FEEDS_TIMEOUT`, seconds) and for the whole download
  (three times that);
* a size limit (`TEILHABE_FEEDS_MAX_BYTES`, 5 MB): a larger feed is refused while it streams, as soon as the
  limit is passed (or at once when Content-Length says so), never read whole;
* content-type sanity: HTML, JSON, images … are refused with a message; the body must start like iCalendar;
* conditional GET (ETag / Last-Modified): an unchanged feed answers 304 and costs nothing.

Every failure is a `FetchError` (a ServiceError) with a German message saying what went wrong."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext as _

from teilhabe.calendar.feeds.parse import looks_like_icalendar
from teilhabe.core.errors import ServiceError

MAX_REDIRECTS = 5
MAX_URL = 500
CHUNK = 64 * 1024
USER_AGENT = "Teilhabe-Kalenderimport/1.0 (+https://teilhabe.example/)"
# What calendar servers send for .ics; anything else is checked by its first bytes.
CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar", "application/x-ical",
                            "application/calendar+ics", "text/plain", "application/octet-stream",
                            "application/x-download", "application/force-download", "binary/octet-stream", ""})
REFUSED_TYPES = ("text/html", "application/xhtml", "application/json", "image/", "video/", "audio/",
                 "application/pdf", "application/zip")
STATUS_TEXTS = {
    400: "Ungültige Anfrage", 401: "Anmeldung erforderlich", 403: "Zugriff verweigert", 404: "Nicht gefunden",
    410: "Nicht mehr vorhanden", 429: "Zu viele Anfragen", 500: "Interner Serverfehler",
    502: "Fehlerhaftes Gateway", 503: "Dienst nicht verfügbar", 504: "Zeitüberschreitung am Gateway",
}


class FetchError(ServiceError):
    """The feed could not be fetched; the message says why (German)."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes  # empty when not modified
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""


def fetching_enabled() -> bool:
    return bool(getattr(settings, "TEILHABE_FEEDS_FETCH", False))


def max_bytes() -> int:
    return int(getattr(settings, "TEILHABE_FEEDS_MAX_BYTES", 5 * 1024 * 1024))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def normalise_url(url: str) -> str:
    """The address as it will be fetched (webcal → https), or FetchError when it is not a web address."""
    url = (url or "").strip()
    if len(url) > MAX_URL:
        raise FetchError(_("Die Adresse ist zu lang (höchstens %(n)d Zeichen).") % {"n": MAX_URL})
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"webcal", "webcals"}:
        parts = parts._replace(scheme="https")
        scheme = "https"
    if scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(_("Die Adresse muss mit http:// oder https:// beginnen (oder webcal://)."))
    if any(c.isspace() for c in url):
        raise FetchError(_("Die Adresse enthält Leerzeichen."))
    return urlunsplit(parts)


def _check_address(host: str, port: int) -> list[tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(_("Der Server „%(host)s“ ist nicht bekannt.") % {"host": host}) from exc
    if not getattr(settings, "TEILHABE_FEEDS_ALLOW_PRIVATE", False):
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            if not address.is_global or address.is_multicast:
                raise FetchError(_("Die Adresse „%(host)s“ liegt in einem internen Netz; von dort werden keine "
                                   "Kalender abgerufen.") % {"host": host})
    return infos


def _connect_checked(address: tuple[str, int], timeout: float | None = None,
                     source_address: Any = None, **_kwargs: Any) -> socket.socket:
    """socket.create_connection, but only to addresses that passed _check_address (no DNS rebinding)."""
    host, port = address
    error: OSError | None = None
    for family, type_, proto, _name, sockaddr in _check_address(host, port):
        sock = socket.socket(family, type_, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError("no address")


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname or "", port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", port, timeout=timeout)
    connection._create_connection = _connect_checked  # type: ignore[attr-defined]
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return connection, path


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET the feed at `url` (conditional on `etag` / `last_modified`), within the limits described above."""
    if not fetching_enabled():
        raise FetchError(_("Kalender werden auf dieser Installation nicht aus dem Internet abgerufen "
                           "(TEILHABE_FEEDS_FETCH ist nicht gesetzt). Laden Sie die iCalendar-Datei hoch."))
    url = normalise_url(url)
    timeout = float(getattr(settings, "TEILHABE_FEEDS_TIMEOUT", 10))
    deadline = time.monotonic() + 3 * timeout
    for _hop in range(MAX_REDIRECTS + 1):
        connection, path = _connection(url, timeout)
        try:
            result = _request(connection, path, url, etag=etag, last_modified=last_modified,
                              timeout=timeout, deadline=deadline)
        except TimeoutError as exc:
            raise FetchError(_("Der Server hat nicht rechtzeitig geantwortet (Zeitlimit %(s)s Sekunden).")
                             % {"s": f"{timeout:g}"}) from exc
        except ssl.SSLError as exc:
            raise FetchError(_("Die verschlüsselte Verbindung ist gescheitert (Zertifikat: %(error)s).")
                             % {"error": str(exc)[:120]}) from exc
        except (http.client.HTTPException, OSError) as exc:
            raise FetchError(_("Der Server ist nicht erreichbar (%(error)s).") % {"error": str(exc)[:120]}) from exc
        finally:
            connection.close()
        if isinstance(result, Fetched):
            return result
        url = result  # a redirect
    raise FetchError(_("Zu viele Weiterleitungen (mehr als %(n)d).") % {"n": MAX_REDIRECTS})


def _request(connection: http.client.HTTPConnection, path: str, url: str, *, etag: str, last_modified: str,
             timeout: float, deadline: float) -> Fetched | str:
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, application/ics;q=0.9, */*;q=0.1",
               "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    if response.status == 304:
        return Fetched(url=url, body=b"", not_modified=True, etag=response.getheader("ETag", etag) or etag,
                       last_modified=response.getheader("Last-Modified", last_modified) or last_modified)
    if response.status in {301, 302, 303, 307, 308}:
        location = response.getheader("Location", "")
        target = urljoin(url, location)
        if urlsplit(target).scheme.lower() not in {"http", "https"}:
            raise FetchError(_("Der Server leitet auf eine Adresse weiter, die nicht mit http:// oder https:// "
                               "beginnt; sie wird nicht abgerufen."))
        return normalise_url(target)
    if response.status != 200:
        text = STATUS_TEXTS.get(response.status, response.reason or "")
        raise FetchError(_("Der Server antwortete mit dem Fehler %(status)d (%(text)s). Bitte prüfen Sie die "
                           "Adresse des Kalenders.") % {"status": response.status, "text": text})
    content_type = (response.getheader("Content-Type", "") or "").split(";")[0].strip().lower()
    if content_type.startswith(REFUSED_TYPES):
        raise FetchError(_("Unter der Adresse liegt kein Kalender im iCalendar-Format, sondern „%(type)s“ – "
                           "vielleicht die Webseite des Kalenders statt seiner iCal-Adresse.")
                         % {"type": content_type})
    limit = max_bytes()
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise FetchError(_("Das Herunterladen dauerte zu lange (mehr als %(s)s Sekunden).")
                             % {"s": f"{3 * timeout:g}"})
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        body.extend(chunk)
        if len(body) > limit:
            raise _too_large(limit)
        if len(body) >= 200 and len(body) - len(chunk) < 200 and not looks_like_icalendar(bytes(body[:200])):
            raise _not_icalendar()
    if not looks_like_icalendar(bytes(body[:200])):
        raise _not_icalendar()
    return Fetched(url=url, body=bytes(body), etag=response.getheader("ETag", "") or "",
                   last_modified=response.getheader("Last-Modified", "") or "")


def _too_large(limit: int) -> FetchError:
    return FetchError(_("Der Kalender ist größer als %(size)s und wird nicht übernommen.")
                      % {"size": megabytes(limit)})


def _not_icalendar() -> FetchError:
    return FetchError(_("Unter der Adresse liegt keine iCalendar-Datei (sie beginnt nicht mit „BEGIN:VCALENDAR“). "
                        "Bitte geben Sie die iCal-Adresse des Kalenders an."))
