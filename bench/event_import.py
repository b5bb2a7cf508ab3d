"""The calendar import's benchmarks, on the data shape of the events benchmark (150 single and 50 weekly events):
parsing the iCalendar payload, the first import (every event created through the events' services), a re-import
of the same payload forced through the sync (nothing written: fingerprints), and a re-import with 20 events
changed and 10 removed."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

SINGLE, WEEKLY = 150, 50


def _payload(changed: int = 0, removed: int = 0) -> bytes:
    start = dt.datetime(2026, 12, 1, 9, 0)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//EN"]
    for n in range(removed, SINGLE + WEEKLY):
        moment = start + dt.timedelta(hours=7 * n)
        title = f"Termin {n}" + (" (geändert)" if n < removed + changed else "")
        lines += ["BEGIN:VEVENT", f"UID:bench-{n}@example.org", f"SUMMARY:{title}",
                  f"DTSTART;TZID=Europe/Berlin:{moment:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Berlin:{moment + dt.timedelta(hours=2):%Y%m%dT%H%M%S}",
                  f"DESCRIPTION:<p>Beschreibung {n} mit <a href='https://example.org/{n}'>Anmeldung</a></p>",
                  "LOCATION:Bürgerhaus\\, Heidelberg"]
        if n >= SINGLE:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=20")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def bench_import(harness: Harness) -> Figures:
    from bench.plan import build_municipality
    from teilhabe.calendar.feeds import parse, services
    from teilhabe.core.models import Organisation
    from teilhabe.core.tenancy import actor_for, municipality_scope

    payload = _payload()
    start = time.perf_counter()
    parsed = parse.parse_feed(payload, default_tz="Europe/Berlin")
    parse_ms = (time.perf_counter() - start) * 1000
    assert len(parsed.events) == SINGLE + WEEKLY

    municipality, user = build_municipality("bench-import", "Importstadt", "08221000")
    actor = actor_for(user, municipality)
    with municipality_scope(municipality):
        organisation = Organisation.objects.create(municipality=municipality, name="Verein")
        start = time.perf_counter()
        feed, first = services.import_file(actor=actor, municipality=municipality, organisation=organisation,
                                           file_name="bench.ics", payload=payload)
        first_s = time.perf_counter() - start
        assert first.created == SINGLE + WEEKLY
        start = time.perf_counter()
        same = services.import_payload(actor=actor, feed=feed, payload=payload, force=True)
        same_ms = (time.perf_counter() - start) * 1000
        assert (same.created, same.updated, same.removed) == (0, 0, 0)
        start = time.perf_counter()
        changed = services.import_payload(actor=actor, feed=feed, payload=_payload(changed=20, removed=10))
        changed_ms = (time.perf_counter() - start) * 1000
        assert (changed.updated, changed.removed) == (20, 10)
    return {"feed_parse_200_ms": round(parse_ms, 1), "feed_first_import_200_s": round(first_s, 2),
            "feed_reimport_unchanged_ms": round(same_ms, 1), "feed_reimport_20_changed_10_removed_ms":
            round(changed_ms, 1)}


BENCHMARKS = {"import": bench_import}
