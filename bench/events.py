"""The events API on the data shape of the Integreat measurement: one municipality, 150 single and 50 weekly
recurring events (about 400 occurrences in 31 days), 4 languages.

events_api_p50_ms / events_api_queries: in-process (Django test client), GET /api/v1/{m}/events for 31 days.
events_api_http_p50_ms / events_api_http_rps: the app served by gunicorn (one sync worker, production
settings: DEBUG off) on 127.0.0.1, one client at a time, a new connection per request."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bench.run import Figures, Harness

ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-termine"
START, END = "2026-03-01", "2026-03-31"
URL = f"/api/v1/{SLUG}/events?start={START}&end={END}&page_size=1000"
LANGUAGES = [["de"], ["de", "ar"], ["de", "tr"], ["de", "fa"]]
HTTP_REQUESTS = 200


def _build() -> int:
    from teilhabe.calendar.events import services
    from teilhabe.core import services as core_services
    from teilhabe.core.models import Municipality
    from teilhabe.core.roles import Actor
    from teilhabe.core.tenancy import across_municipalities, municipality_scope

    with across_municipalities():
        existing = Municipality.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing.pk
    municipality = core_services.create_municipality(actor=None, name="Bench-Termine", slug=SLUG, ags="08221000",
                                                     languages=["de", "ar", "tr", "fa"])
    berlin = ZoneInfo("Europe/Berlin")
    with municipality_scope(municipality):
        actor = Actor.system(municipality.pk)
        organisations = [core_services.create_organisation(actor=actor, municipality=municipality, name=f"Verein {i}",
                                                           kind="mso", website="") for i in range(20)]
        categories = [c.key for c in services.ensure_default_categories(municipality)]
        for index in range(200):
            weekly = index >= 150
            day = 1 + index % 28 if not weekly else 1 + index % 7
            start = dt.datetime(2026, 3, day, 9 + index % 10, tzinfo=berlin)
            services.create_event(actor=actor, municipality=municipality, values={
                "organisation": organisations[index % 20], "title": f"Termin {index}",
                "description": "<p>Ein Treffen für alle, die neu in der Stadt sind.</p>",
                "categories": [categories[index % len(categories)], categories[(index + 3) % len(categories)]],
                "start": start, "end": start + dt.timedelta(hours=2), "place_name": "Stadtteilhaus",
                "district": "Altstadt", "languages": LANGUAGES[index % 4], "state": "published",
                "rrule": "FREQ=WEEKLY" if weekly else "",
            })
    return municipality.pk


def bench_in_process(harness: Harness) -> Figures:
    """A repeated request (answered from the cache under its ETag) and a request that builds the answer
    (the cache cleared before each: the first request after a change of any event)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    harness.once("events", _build)
    client = Client()
    count = client.get(URL).json()["count"]
    ms, _cached_queries = harness.measure_get(client, URL)
    cache.clear()
    executed: list[str] = []

    def counting(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        client.get(URL)
    timings = []
    for _ in range(harness.runs):
        cache.clear()
        start = time.perf_counter()
        client.get(URL)
        timings.append((time.perf_counter() - start) * 1000)
    return {"events_api_occurrences": count, "events_api_p50_ms": ms,
            "events_api_uncached_p50_ms": round(statistics.median(timings), 1),
            "events_api_queries": len(executed)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, password = settings.get("USER") or "", settings.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{settings.get('HOST') or ''}:{settings.get('PORT') or 5432}/{settings['NAME']}"


def _get(port: int) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", URL, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def bench_http(harness: Harness) -> Figures:
    harness.once("events", _build)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": _database_url(), "TEILHABE_DEBUG": "0",
           "TEILHABE_ALLOWED_HOSTS": "127.0.0.1", "TEILHABE_LOG_LEVEL": "ERROR",
           "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "teilhabe.wsgi:application"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _body = _get(port)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer")
            time.sleep(0.2)
        for _ in range(20):
            _get(port)
        timings = []
        started = time.perf_counter()
        for _ in range(HTTP_REQUESTS):
            start = time.perf_counter()
            status, _body = _get(port)
            if status != 200:
                raise RuntimeError(f"HTTP {status}")
            timings.append((time.perf_counter() - start) * 1000)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"events_api_http_p50_ms": round(statistics.median(timings), 1),
            "events_api_http_rps": round(HTTP_REQUESTS / elapsed, 1)}


BENCHMARKS = {"events_api": bench_in_process, "events_api_http": bench_http}
