"""Recurrence edge cases against occurrences computed by hand (Europe/Berlin: summer time 2026 from
29 March to 25 October)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from teilhabe.calendar.events import recurrence
from teilhabe.calendar.events.recurrence import Change, RecurrenceError, between, expand

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def weekly(**kwargs):
    """A Thursday meeting 18:00–20:00 from 15 October 2026."""
    defaults = {"start": local(2026, 10, 15, 18), "end": local(2026, 10, 15, 20), "time_zone": "Europe/Berlin",
                "rrule": "FREQ=WEEKLY", "until": local(2026, 11, 6)}
    return expand(**{**defaults, **kwargs})


def test_wall_clock_time_stays_when_summer_time_ends():
    starts = [i.start for i in weekly()]
    assert starts == [utc(2026, 10, 15, 16), utc(2026, 10, 22, 16), utc(2026, 10, 29, 17), utc(2026, 11, 5, 17)]
    assert {i.start.astimezone(BERLIN).hour for i in weekly()} == {18}
    assert {i.end.astimezone(BERLIN).hour for i in weekly()} == {20}


def test_wall_clock_time_stays_when_summer_time_starts():
    result = expand(start=local(2026, 3, 27, 18), end=local(2026, 3, 27, 19, 30), time_zone="Europe/Berlin",
                    rrule="FREQ=DAILY;COUNT=3", until=local(2026, 12, 31))
    assert [i.start for i in result] == [utc(2026, 3, 27, 17), utc(2026, 3, 28, 17), utc(2026, 3, 29, 16)]
    assert [i.end for i in result] == [utc(2026, 3, 27, 18, 30), utc(2026, 3, 28, 18, 30), utc(2026, 3, 29, 17, 30)]


def test_exdate_removes_an_occurrence():
    starts = [i.start.astimezone(BERLIN).date() for i in weekly(exdates=["2026-10-22"])]
    assert starts == [dt.date(2026, 10, 15), dt.date(2026, 10, 29), dt.date(2026, 11, 5)]


def test_rdate_adds_occurrences_at_the_events_time_or_its_own():
    result = weekly(rdates=["2026-10-24", "2026-10-31T10:00"])
    local_starts = [i.start.astimezone(BERLIN).replace(tzinfo=None) for i in result]
    assert dt.datetime(2026, 10, 24, 18) in local_starts
    assert dt.datetime(2026, 10, 31, 10) in local_starts
    added = next(i for i in result if i.start == local(2026, 10, 31, 10))
    assert added.end == local(2026, 10, 31, 12)  # the duration of the first occurrence
    assert len(result) == 6


def test_rdates_alone_make_a_series():
    result = expand(start=local(2026, 5, 1, 9), end=local(2026, 5, 1, 10), time_zone="Europe/Berlin",
                    rdates=["2026-05-08"], until=local(2027, 1, 1))
    assert [i.start for i in result] == [local(2026, 5, 1, 9), local(2026, 5, 8, 9)]


def test_moved_and_cancelled_occurrences():
    changes = [Change(recurrence_id=utc(2026, 10, 29, 17), start=local(2026, 10, 30, 19)),
               Change(recurrence_id=local(2026, 10, 22, 18), cancelled=True)]
    result = weekly(changes=changes)
    moved = next(i for i in result if i.moved)
    assert (moved.start, moved.end, moved.recurrence_id) == (local(2026, 10, 30, 19), local(2026, 10, 30, 21),
                                                            local(2026, 10, 29, 18))
    cancelled = [i for i in result if i.cancelled]
    assert [i.start for i in cancelled] == [local(2026, 10, 22, 18)]
    assert len(result) == 4  # a cancelled occurrence stays in the list, marked


def test_multi_day_occurrences_across_months_and_overlapping_the_range_start():
    # All day from 30 January to 2 February, monthly: February has no 30th (RFC 5545 skips it).
    result = expand(start=local(2026, 1, 30), end=local(2026, 2, 3), time_zone="Europe/Berlin",
                    rrule="FREQ=MONTHLY;COUNT=3", until=local(2027, 1, 1))
    assert [(i.start.date(), i.end.date()) for i in result] == [
        (dt.date(2026, 1, 30), dt.date(2026, 2, 3)), (dt.date(2026, 3, 30), dt.date(2026, 4, 3)),
        (dt.date(2026, 4, 30), dt.date(2026, 5, 4))]
    february = between(result, local(2026, 2, 1), local(2026, 3, 1))
    assert [i.start for i in february] == [local(2026, 1, 30)]
    assert between(result, local(2026, 2, 3), local(2026, 3, 1)) == []  # the end is exclusive


def test_all_day_events_keep_midnight_across_the_clock_change():
    result = expand(start=local(2026, 3, 28), end=local(2026, 3, 29), time_zone="Europe/Berlin",
                    rrule="FREQ=DAILY;COUNT=2", until=local(2027, 1, 1))
    assert [(i.start, i.end) for i in result] == [(local(2026, 3, 28), local(2026, 3, 29)),
                                                   (local(2026, 3, 29), local(2026, 3, 30))]
    assert result[1].end.astimezone(UTC) - result[1].start.astimezone(UTC) == dt.timedelta(hours=23)


def test_an_open_ended_rule_stops_at_the_range():
    result = weekly(until=local(2026, 12, 31, 23, 59))
    assert len(result) == 12 and result[-1].start == local(2026, 12, 31, 18)
    assert recurrence.is_open_ended("FREQ=WEEKLY") and not recurrence.is_open_ended("FREQ=WEEKLY;COUNT=2")


def test_until_in_utc_is_compared_in_local_time():
    result = weekly(rrule="FREQ=WEEKLY;UNTIL=20261029T170000Z", until=local(2027, 1, 1))
    assert [i.start for i in result][-1] == local(2026, 10, 29, 18) and len(result) == 3


def test_weekly_on_weekdays_and_monthly_by_position():
    result = expand(start=local(2026, 6, 1, 10), end=local(2026, 6, 1, 11), time_zone="Europe/Berlin",
                    rrule="FREQ=WEEKLY;BYDAY=MO,WE", until=local(2026, 6, 11))
    assert [i.start.day for i in result] == [1, 3, 8, 10]
    result = expand(start=local(2026, 6, 2, 10), end=local(2026, 6, 2, 11), time_zone="Europe/Berlin",
                    rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=3", until=local(2027, 1, 1))
    assert [i.start.date() for i in result] == [dt.date(2026, 6, 2), dt.date(2026, 7, 7), dt.date(2026, 8, 4)]


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;COUNT=2;UNTIL=20260101",
                                  "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;FOO=1", "FREQ=WEEKLY;UNTIL=tomorrow",
                                  "FREQ=WEEKLY;INTERVAL=-1", "<script>"])
def test_bad_rules_are_refused_in_german(rule):
    with pytest.raises(RecurrenceError) as error:
        recurrence.normalise_rule(rule)
    assert str(error.value)


def test_rules_are_normalised():
    assert recurrence.normalise_rule("rrule:freq=weekly;byday=mo,we") == "FREQ=WEEKLY;BYDAY=MO,WE"
    assert recurrence.normalise_rule("  ") == ""


def test_unknown_time_zone():
    with pytest.raises(RecurrenceError):
        recurrence.zone("Mars/Olympus")


def test_a_daily_rule_without_end_is_bounded():
    result = expand(start=local(2000, 1, 1, 9), end=local(2000, 1, 1, 10), time_zone="Europe/Berlin",
                    rrule="FREQ=DAILY", until=local(2100, 1, 1))
    assert len(result) == recurrence.MAX_OCCURRENCES
