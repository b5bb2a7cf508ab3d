"""Teilhabe's benchmarks: `.venv/bin/python bench/run.py [NAME …]` prints one `figure_name value` per line.

Every module in bench/ (other than this one) that defines BENCHMARKS = {name: function} is a benchmark
module; a NAME on the command line is a benchmark name or a module name (all of its benchmarks).
A benchmark function takes the Harness and returns {figure_name: value}.

The run never touches the developer's database: it works in a throwaway SQLite file in a temp dir, or,
when DATABASE_URL is set, in a separate database (test_<name>) that is created and dropped again.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

Figures = dict[str, float]
Benchmark = Callable[["Harness"], Figures]


class Harness:
    """What benchmarks share: a logged-in client, timing and query counting, and a cache for data that
    several benchmarks use (built once per run)."""

    def __init__(self, runs: int = 7, warmup: int = 2) -> None:
        self.runs = runs
        self.warmup = warmup
        self.cache: dict[str, Any] = {}
        self.last_cpu_ms = 0.0

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def client_for(self, user: Any) -> Any:
        from django.test import Client

        client = Client()
        client.force_login(user)
        return client

    def measure_get(self, client: Any, url: str) -> tuple[float, int]:
        """Median server time in ms of GET url (after warm-up runs), and the SQL queries of one request."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for _ in range(self.warmup):
            self._get(client, url)
        with CaptureQueriesContext(connection) as captured:
            self._get(client, url)
        queries = len(captured.captured_queries)
        timings, cpu = [], []
        for _ in range(self.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            self._get(client, url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        # CPU time of this process (with SQLite: the database's work too) varies less than the wall clock
        # when other work shares the machine; benchmarks may report it next to the server time.
        self.last_cpu_ms = round(statistics.median(cpu), 1)
        return round(statistics.median(timings), 1), queries

    @staticmethod
    def _get(client: Any, url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")


def discover() -> dict[str, dict[str, Benchmark]]:
    """Benchmark modules in bench/: module name → {benchmark name: function}."""
    modules: dict[str, dict[str, Benchmark]] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name in {"run", "__init__"} or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        benchmarks = getattr(module, "BENCHMARKS", None)
        if benchmarks:
            modules[info.name] = dict(benchmarks)
    return modules


def select(modules: dict[str, dict[str, Benchmark]], names: list[str]) -> list[tuple[str, Benchmark]]:
    every = [(name, fn) for benchmarks in modules.values() for name, fn in benchmarks.items()]
    if not names:
        return every
    chosen: list[tuple[str, Benchmark]] = []
    for name in names:
        if name in modules:
            chosen.extend(modules[name].items())
        else:
            found = [(n, fn) for n, fn in every if n == name]
            if not found:
                known = ", ".join(sorted({*modules, *(n for n, _ in every)}))
                raise SystemExit(f"unknown benchmark {name!r}; known: {known}")
            chosen.extend(found)
    return list(dict.fromkeys(chosen))


@contextmanager
def throwaway_database() -> Iterator[None]:
    """Point Django at a database of its own before it is set up, migrate it, and remove it afterwards."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    os.environ.setdefault("TEILHABE_LOG_LEVEL", "ERROR")
    if os.environ.get("DATABASE_URL"):
        import django
        from django.db import connection

        django.setup()
        # A database of the benchmark's own, next to the configured one (never the configured one itself).
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench"
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
        return
    with tempfile.TemporaryDirectory(prefix="teilhabe-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        try:
            import django
            from django.core.management import call_command

            django.setup()
            call_command("migrate", verbosity=0, interactive=False)
            yield
        finally:
            from django.db import connections

            connections.close_all()
            del os.environ["DATABASE_URL"]


def main(argv: list[str]) -> int:
    if any(a.startswith("-") for a in argv):  # no options: a flag would otherwise start every benchmark
        print(__doc__.strip(), file=sys.stderr)
        return 2
    names = list(argv)
    with throwaway_database():
        modules = discover()
        harness = Harness()
        for _name, benchmark in select(modules, names):
            for figure, value in benchmark(harness).items():
                print(f"{figure} {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
