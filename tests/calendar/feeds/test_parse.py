"""Reading real-world-shaped iCalendar feeds (Google, Outlook/Exchange, Nextcloud) and the bad input the issue
names: not iCalendar, no DTEND, DTEND before DTSTART, unknown time zones, RRULE without end, duplicate UIDs,
HTML and scripts in descriptions. Pure: no database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from teilhabe.calendar.feeds.parse import FeedError, parse_feed

FIXTURES = Path(__file__).parent / "fixtures"
BERLIN = ZoneInfo("Europe/Berlin")


def read(name: str):
    return parse_feed((FIXTURES / name).read_bytes(), default_tz="Europe/Berlin")


def ics(*events: str, head: str = "") -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{head}{body}END:VCALENDAR\r\n"


def one(*lines: str, head: str = ""):
    feed = parse_feed(ics("\r\n".join(lines), head=head), default_tz="Europe/Berlin")
    assert len(feed.events) == 1
    return feed.events[0]


def problems_of(payload: str | bytes) -> list[str]:
    with pytest.raises(FeedError) as info:
        parse_feed(payload, default_tz="Europe/Berlin")
    return info.value.problems


def test_google_export_with_series_moved_and_cancelled_occurrence() -> None:
    feed = read("google.ics")
    assert feed.name == "Deutsch-Arabischer Kulturverein (Demo)"
    by_uid = {e.uid: e for e in feed.events}
    assert len(by_uid) == 3
    cafe = by_uid["5q0m1c7k0v6h1l3fjv0c8b2a9e@google.com"]
    assert cafe.rrule == "FREQ=WEEKLY;BYDAY=TH"
    assert cafe.start == dt.datetime(2026, 9, 3, 18, tzinfo=BERLIN) and cafe.tz == "Europe/Berlin"
    assert cafe.exdates == (dt.datetime(2026, 10, 1, 18, tzinfo=BERLIN),)
    moved, cancelled = cafe.changes
    assert moved.recurrence_id == dt.datetime(2026, 10, 15, 18, tzinfo=BERLIN)
    assert moved.start == dt.datetime(2026, 10, 15, 19, tzinfo=BERLIN) and moved.title == "Elterncafé (später)"
    assert not moved.cancelled
    assert cancelled.cancelled and cancelled.recurrence_id == dt.datetime(2026, 12, 24, 18, tzinfo=BERLIN)
    # HTML as Google writes it: kept where harmless, scripts and images dropped, links marked
    assert "<b>Hausaufgabenhilfe</b>" in cafe.description
    assert 'href="https://example.org/anmeldung"' in cafe.description
    assert "script" not in cafe.description and "alert" not in cafe.description and "<img" not in cafe.description
    assert cafe.location == "Bürgerhaus Emmertsgrund, Forum 1, 69126 Heidelberg, Deutschland"
    day = by_uid["0a1b2c3d4e5f6g7h8i9j@google.com"]
    assert day.all_day and (day.start, day.end) == (dt.date(2026, 10, 3), dt.date(2026, 10, 4))
    concert = by_uid["utc-event-7788@google.com"]  # UTC with X-WR-TIMEZONE: shown in Berlin time
    assert concert.start == dt.datetime(2026, 11, 7, 15, tzinfo=BERLIN) and concert.tz == "Europe/Berlin"
    assert concert.url == "https://example.org/konzert"


def test_outlook_export_with_windows_zone_names_and_custom_zone() -> None:
    feed = read("outlook.ics")
    advice, fest, board = feed.events
    assert advice.tz == "Europe/Berlin"  # "W. Europe Standard Time"
    assert advice.start == dt.datetime(2026, 9, 8, 10, tzinfo=BERLIN)
    assert advice.end == dt.datetime(2026, 9, 8, 12, 30, tzinfo=BERLIN)
    assert advice.rrule.startswith("FREQ=WEEKLY;UNTIL=20270630T080000Z;INTERVAL=2")
    assert advice.exdates == (dt.datetime(2026, 12, 22, 10, tzinfo=BERLIN),
                              dt.datetime(2026, 12, 29, 10, tzinfo=BERLIN))
    assert advice.title == "Migrationsberatung (offene Sprechstunde)"
    assert fest.all_day and (fest.start, fest.end) == (dt.date(2026, 7, 18), dt.date(2026, 7, 20))
    assert "<strong>Essen</strong>" in fest.description  # from X-ALT-DESC, without style and onclick
    assert "onclick" not in fest.description and "color" not in fest.description
    # "Customized Time Zone" keeps Berlin's offsets all year: the event is in Berlin time
    assert board.tz == "Europe/Berlin" and board.start == dt.datetime(2026, 11, 11, 19, tzinfo=BERLIN)


def test_nextcloud_export_without_ends_with_rdate_categories_and_floating_time() -> None:
    feed = read("nextcloud.ics")
    cafe, bazaar, reading, cooking = feed.events
    assert cafe.rrule == "FREQ=MONTHLY;BYDAY=1TU"  # no end: allowed, expansion bounds it
    assert cafe.rdates == (dt.datetime(2026, 12, 22, 15, tzinfo=BERLIN),)
    assert cafe.categories == ("Begegnung", "Frauen")
    assert "<br>" in cafe.description
    # no DTEND: all-day → one day; timed → no length (RFC 5545, 3.6.1)
    assert bazaar.all_day and (bazaar.start, bazaar.end) == (dt.date(2026, 12, 5), dt.date(2026, 12, 6))
    assert reading.start == reading.end == dt.datetime(2026, 12, 10, 18, tzinfo=BERLIN)  # floating → municipality
    assert cooking.cancelled and cooking.end == dt.datetime(2026, 12, 12, 11, 30, tzinfo=BERLIN)  # DURATION


def test_floating_time_takes_the_municipality_zone() -> None:
    feed = parse_feed(ics("UID:a\r\nSUMMARY:x\r\nDTSTART:20260705T100000"), default_tz="America/New_York")
    assert feed.events[0].start == dt.datetime(2026, 7, 5, 10, tzinfo=ZoneInfo("America/New_York"))


def test_windows_zone_name_without_vtimezone() -> None:
    event = one("UID:w", "SUMMARY:Win", "DTSTART;TZID=Romance Standard Time:20260301T090000",
                "DTEND;TZID=Romance Standard Time:20260301T100000")
    assert event.tz == "Europe/Paris"


def test_vtimezone_with_other_offsets_is_converted_to_utc() -> None:
    head = ("BEGIN:VTIMEZONE\r\nTZID:Irgendwo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    event = one("UID:v", "SUMMARY:Fern", "DTSTART;TZID=Irgendwo:20260301T120000", "RRULE:FREQ=DAILY;COUNT=2",
                head=head)
    assert event.tz == "UTC" and event.start == dt.datetime(2026, 3, 1, 6, 30, tzinfo=dt.UTC)


def test_rrule_until_is_normalised_to_utc_and_dates() -> None:
    timed = one("UID:u", "SUMMARY:s", "DTSTART;TZID=Europe/Berlin:20260105T100000", "RRULE:FREQ=WEEKLY;UNTIL=20260301")
    assert "UNTIL=20260301T225959Z" in timed.rrule
    whole = one("UID:d", "SUMMARY:s", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;UNTIL=20260301T100000Z")
    assert "UNTIL=20260301;" in whole.rrule or whole.rrule.endswith("UNTIL=20260301")


def test_not_icalendar_is_refused_with_a_clear_message() -> None:
    for payload in (b"<!DOCTYPE html><html><body>Login</body></html>", b"", b'{"error": "not found"}',
                    b"\x89PNG\r\n\x1a\n\x00\x00"):
        (problem,) = problems_of(payload)
        assert "keine iCalendar-Datei" in problem


def test_broken_icalendar_is_refused() -> None:
    (problem,) = problems_of("BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n")
    assert "beschädigt" in problem


def test_dtend_before_dtstart_refuses_the_import_naming_the_event() -> None:
    problems = problems_of(ics("UID:good\r\nSUMMARY:Gut\r\nDTSTART:20260101T100000",
                               "UID:bad-1\r\nSUMMARY:Rückwärts\r\nDTSTART:20260101T100000\r\nDTEND:20260101T090000"))
    assert len(problems) == 1
    assert "„Rückwärts“ (UID bad-1)" in problems[0] and "vor dem Beginn" in problems[0]


def test_unknown_time_zone_refuses_the_import() -> None:
    (problem,) = problems_of(ics("UID:tz\r\nSUMMARY:Mars\r\nDTSTART;TZID=Mars/Olympus:20260101T100000"))
    assert "Mars/Olympus" in problem and "unbekannt" in problem
    (problem,) = problems_of(ics("UID:x\r\nSUMMARY:y\r\nDTSTART:20260101T100000",
                                 head="X-WR-TIMEZONE:Mars/Olympus\r\n"))
    assert "X-WR-TIMEZONE" in problem


def test_missing_dtstart_and_broken_dates_and_rules_are_named() -> None:
    problems = problems_of(ics("UID:a\r\nSUMMARY:Ohne Beginn", "UID:b\r\nSUMMARY:Kaputt\r\nDTSTART:morgen",
                               "UID:c\r\nSUMMARY:Regel\r\nDTSTART:20260101T100000\r\nRRULE:FREQ=SOMETIMES"))
    assert len(problems) == 3
    assert "„Ohne Beginn“" in problems[0] and "DTSTART" in problems[0]
    assert "„Kaputt“" in problems[1]
    assert "„Regel“" in problems[2]


def test_duplicate_uids() -> None:
    older = "UID:dup\r\nSUMMARY:Alt\r\nSEQUENCE:1\r\nDTSTART:20260101T100000"
    newer = "UID:dup\r\nSUMMARY:Neu\r\nSEQUENCE:2\r\nDTSTART:20260101T110000"
    feed = parse_feed(ics(newer, older), default_tz="Europe/Berlin")
    assert [e.title for e in feed.events] == ["Neu"]
    feed = parse_feed(ics(older, older), default_tz="Europe/Berlin")  # the same event twice: once
    assert len(feed.events) == 1
    (problem,) = problems_of(ics(older, older.replace("Alt", "Anders")))
    assert "UID dup" in problem and "zwei verschiedenen" in problem


def test_orphan_occurrence_becomes_an_event_of_its_own() -> None:
    feed = parse_feed(ics("UID:series\r\nRECURRENCE-ID:20260105T100000\r\nSUMMARY:Einzeln\r\n"
                          "DTSTART:20260105T120000"), default_tz="Europe/Berlin")
    (event,) = feed.events
    assert event.uid == "series/20260105T100000" and not event.rrule and feed.notes


def test_hostile_text_in_titles_places_and_links() -> None:
    event = one("UID:h", "SUMMARY:<script>alert(1)</script>Fest <b>der</b> Kulturen\u202e", "DTSTART:20260101",
                "LOCATION:<img src=x onerror=alert(1)>Rathaus", "URL:javascript:alert(1)",
                "DESCRIPTION:<h2>Programm</h2><p style='x' onmouseover='y'>Musik</p><iframe src='https://evil'></iframe>")
    assert event.title == "Fest der Kulturen"
    assert event.location == "Rathaus"
    assert event.url == ""
    assert event.description == "<h2>Programm</h2><p>Musik</p>"


def test_missing_uid_gets_a_stable_one() -> None:
    a = one("SUMMARY:Ohne", "DTSTART:20260101T100000")
    b = one("SUMMARY:Ohne", "DTSTART:20260101T100000")
    assert a.uid == b.uid and a.uid.startswith("ohne-uid-")


def test_multiple_exdates_and_period_rdates() -> None:
    event = one("UID:m", "SUMMARY:Serie", "DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY",
                "EXDATE:20260106T100000Z,20260107T100000Z", "EXDATE:20260109T100000Z",
                "RDATE;VALUE=PERIOD:20260201T100000Z/PT2H")
    assert event.tz == "UTC" and len(event.exdates) == 3
    assert event.rdates == (dt.datetime(2026, 2, 1, 10, tzinfo=dt.UTC),)


def test_too_many_events_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from teilhabe.calendar.feeds import parse

    monkeypatch.setattr(parse, "MAX_EVENTS", 3)
    events = [f"UID:{i}\r\nSUMMARY:e\r\nDTSTART:20260101" for i in range(4)]
    (problem,) = problems_of(ics(*events))
    assert "mehr als 3 Termine" in problem


def test_byte_order_mark_and_windows_1252() -> None:
    payload = "\ufeff" + ics("UID:bom\r\nSUMMARY:Café\r\nDTSTART:20260101")
    assert parse_feed(payload.encode("utf-8"), default_tz="Europe/Berlin").events[0].title == "Café"
    assert parse_feed(ics("UID:cp\r\nSUMMARY:Café\r\nDTSTART:20260101").encode("cp1252"),
                      default_tz="Europe/Berlin").events[0].title == "Café"


def test_descriptions_are_made_accessible() -> None:
    from teilhabe.core.richtext import accessibility_problems

    event = one("UID:a11y", "SUMMARY:s", "DTSTART:20260101",
                "DESCRIPTION:<h4>Programm</h4><p>Anmeldung <a href='https://example.org/anmelden'>hier</a> "
                "und <a href='https://example.org/x'></a></p><h3>Ort</h3>")
    assert not accessibility_problems(event.description)
    assert event.description.startswith("<h2>Programm</h2>") and "<h3>Ort</h3>" in event.description
    assert ">example.org/anmelden</a>" in event.description and ">example.org/x</a>" in event.description


def test_dates_outside_the_supported_years_are_refused() -> None:
    (problem,) = problems_of(ics("UID:far\r\nSUMMARY:Zukunft\r\nDTSTART:30000101T100000"))
    assert "„Zukunft“" in problem and "2100" in problem
