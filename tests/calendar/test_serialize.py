"""CSV, JSON and iCalendar output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from icalendar import Calendar

from teilhabe.calendar.engine import Occurrence, compute_year, to_csv, to_ics, to_json

DOMAIN = "heidelberg.example"


def test_csv_header_and_shape() -> None:
    occurrences = compute_year(2025)
    text = to_csv(occurrences)
    assert text.splitlines()[0] == "key,date,end_date,name_de,community,provisional"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(occurrences)
    pesach = next(row for row in rows if row["key"] == "pesach")
    assert pesach == {
        "key": "pesach",
        "date": "2025-04-13",
        "end_date": "2025-04-20",
        "name_de": "Pessach",
        "community": "jewish",
        "provisional": "false",
    }
    yom_kippur = next(row for row in rows if row["key"] == "yom-kippur")
    assert yom_kippur["end_date"] == ""
    assert {row["provisional"] for row in rows} <= {"true", "false"}


def test_csv_marks_provisional_dates() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(compute_year(2030)))))
    assert next(row for row in rows if row["key"] == "eid-al-fitr")["provisional"] == "true"


def test_json_shape() -> None:
    occurrences = compute_year(2025, land="BW")
    payload = json.loads(to_json(occurrences))
    assert isinstance(payload, list) and len(payload) == len(occurrences)
    first = payload[0]
    assert set(first) == {
        "key", "date", "end_date", "names", "community", "provisional", "begins_evening_before", "night",
        "is_statutory_holiday", "variant",
    }
    eid = next(item for item in payload if item["key"] == "eid-al-fitr")
    assert eid["date"] == "2025-03-30" and eid["end_date"] == "2025-04-01"
    assert eid["names"]["tr"] == "Ramazan Bayramı" and eid["variant"] == "diyanet"
    assert eid["begins_evening_before"] is True and eid["provisional"] is False
    epiphany = next(item for item in payload if item["key"] == "epiphany")
    assert epiphany["is_statutory_holiday"] is True and epiphany["end_date"] is None


def _ics(year: int = 2025) -> bytes:
    return to_ics(compute_year(year), calendar_name=f"Interkultureller Kalender {year}", uid_domain=DOMAIN)


def test_ics_parses_and_has_all_day_events() -> None:
    calendar = Calendar.from_ical(_ics())
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Interkultureller Kalender 2025"
    events = calendar.walk("VEVENT")
    assert len(events) == len(compute_year(2025))
    pesach = next(e for e in events if str(e["UID"]) == f"pesach-2025@{DOMAIN}")
    assert pesach.decoded("DTSTART") == date(2025, 4, 13)
    assert pesach.decoded("DTEND") == date(2025, 4, 21)  # exclusive end
    assert str(pesach["SUMMARY"]) == "Pessach"
    assert pesach.get("CATEGORIES").cats == ["jewish"]  # type: ignore[union-attr]
    assert "Vorabend" in str(pesach["DESCRIPTION"])
    assert all(e["DTSTAMP"] for e in events)


def test_ics_uids_include_variant_and_are_unique() -> None:
    events = Calendar.from_ical(_ics()).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert f"eid-al-fitr-2025-diyanet@{DOMAIN}" in uids
    # Regaip Kandili falls twice in 2025; the second gets a counter.
    assert f"regaip-kandili-2025-diyanet@{DOMAIN}" in uids
    assert f"regaip-kandili-2025-diyanet-2@{DOMAIN}" in uids


def test_ics_is_byte_identical_across_runs() -> None:
    assert _ics() == _ics()


def test_ics_notes_provisional_dates() -> None:
    events = Calendar.from_ical(_ics(2030)).walk("VEVENT")
    eid = next(e for e in events if str(e["UID"]).startswith("eid-al-fitr-2030"))
    assert "vorläufig" in str(eid["DESCRIPTION"]).lower()
    assert str(eid["STATUS"]) == "TENTATIVE"


def test_ics_accepts_observances_unknown_to_the_registry() -> None:
    own = Occurrence(
        key="stadtfest", date=date(2025, 7, 12), end_date=None, names={"de": "Stadtfest"}, community="city"
    )
    events = Calendar.from_ical(to_ics([own], calendar_name="x", uid_domain=DOMAIN)).walk("VEVENT")
    assert str(events[0]["UID"]) == f"stadtfest-2025@{DOMAIN}"
    assert "Gemeinschaft: city." in str(events[0]["DESCRIPTION"])
