"""`teilhabe calendar --year Y [--municipality SLUG] --format csv|json|ics`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar

from teilhabe.calendar import engine, services


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_csv_shape(db):
    text = run("--year", "2027", "--format", "csv")
    lines = text.splitlines()
    assert lines[0] == "key,date,end_date,name_de,community,provisional"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(engine.compute_year(2027))
    pesach = next(r for r in rows if r["key"] == "pesach")
    assert (pesach["date"], pesach["end_date"], pesach["community"]) == ("2027-04-22", "2027-04-29", "jewish")
    epiphany = next(r for r in rows if r["key"] == "epiphany")
    assert (epiphany["end_date"], epiphany["provisional"]) == ("", "false")
    for row in rows:
        dt.date.fromisoformat(row["date"])
        assert row["provisional"] in {"true", "false"}


def test_csv_is_the_default_format(db):
    assert run("--year", "2027").splitlines()[0] == "key,date,end_date,name_de,community,provisional"


def test_json_shape(db):
    data = json.loads(run("--year", "2026", "--format", "json"))
    assert {"key", "date", "end_date", "names", "community", "provisional", "begins_evening_before",
            "is_statutory_holiday", "variant"} <= set(data[0])
    ramadan = next(item for item in data if item["key"] == "ramadan-start")
    assert (ramadan["date"], ramadan["variant"]) == ("2026-02-19", "diyanet")


def test_variant_and_land_without_municipality(db):
    data = json.loads(run("--year", "2026", "--format", "json", "--variant", "islamic:umm-al-qura", "--land", "BW"))
    by_key = {item["key"]: item for item in data}
    assert by_key["ramadan-start"]["date"] == "2026-02-18"
    assert by_key["epiphany"]["is_statutory_holiday"] is True


def test_ics_parses(db):
    calendar = Calendar.from_ical(run("--year", "2026", "--format", "ics").encode())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(engine.compute_year(2026))
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_municipality_applies_its_adjustments(municipality, coord_actor, own_observance):
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-adha",
                               expected_version=0, year=2027, date=dt.date(2027, 5, 17))
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(run("--year", "2027", "--municipality", "heidelberg")))}
    assert "ashura" not in rows
    assert rows["eid-al-adha"]["date"] == "2027-05-17" and rows["eid-al-adha"]["provisional"] == "false"
    assert rows["fest-der-kulturen"]["end_date"] == "2027-06-15"
    assert rows["fest-der-kulturen"]["community"] == "eigene-stadtgesellschaft"
    calendar = Calendar.from_ical(run("--year", "2027", "--municipality", "heidelberg", "--format", "ics").encode())
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Fest der Kulturen" in summaries
    data = json.loads(run("--year", "2027", "--municipality", "heidelberg", "--format", "json"))
    assert any(item["key"] == "fest-der-kulturen" for item in data)


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "1899"), "1900"),
    (("--year", "2101"), "2100"),
    (("--year", "2026", "--municipality", "nirgendwo"), "gibt es nicht"),
    (("--year", "2026", "--variant", "islamic:mars"), "Unbekannte Variante"),
    (("--year", "2026", "--land", "XX"), "Bundesland"),
])
def test_bad_arguments_give_a_clear_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
