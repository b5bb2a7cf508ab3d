"""The project installs everything it needs itself: PostgreSQL's client library comes with
psycopg[binary] (uv.lock), not from a system package such as Debian's libpq5 or libpq-dev."""

from __future__ import annotations

import psycopg


def test_psycopg_uses_its_bundled_libpq() -> None:
    assert psycopg.pq.__impl__ == "binary"
    assert psycopg.pq.version() >= 140000  # the bundled client library, recent enough for PostgreSQL 15+
