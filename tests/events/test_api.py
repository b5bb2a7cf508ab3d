"""GET /api/v1/{municipality}/events: occurrences in a range, shape, ETag/304, gzip, query count."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.calendar.events import services
from teilhabe.calendar.models import Event

BERLIN = ZoneInfo("Europe/Berlin")
URL = "/api/v1/heidelberg/events"


def test_occurrences_in_a_range_with_offsets(client, make_event, coord_actor):
    event = make_event(rrule="FREQ=WEEKLY", categories=["kultur"])
    services.cancel_occurrence(actor=coord_actor, event=event,
                               recurrence_id=dt.datetime(2026, 10, 22, 18, tzinfo=BERLIN))
    make_event(title="Entwurf", state=Event.State.DRAFT)
    response = client.get(URL, {"start": "2026-10-20", "end": "2026-10-31"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    first, second = data["items"]
    assert first["title"] == "Sprachcafé" and first["start"] == "2026-10-22T18:00:00+02:00"
    assert first["end"] == "2026-10-22T20:00:00+02:00" and first["cancelled"] is True
    assert second["start"] == "2026-10-29T18:00:00+01:00" and second["cancelled"] is False  # after the change
    assert second["organisation"]["kind"] == "organisation"
    assert second["location"]["name"] == "Stadtteilhaus" and second["languages"] == ["de", "ar"]
    assert second["categories"] == [{"key": "kultur", "name": "Kultur und Feste"}]
    assert second["all_day"] is False and second["url"].endswith(f"/heidelberg/termine/{event.pk}/")


def test_filters(client, make_event, verein):
    make_event(categories=["sport"], languages=["tr"], is_free=False, cost="5 Euro")
    make_event(title="Zwei", categories=["kultur"])
    assert client.get(URL, {"start": "2026-10-15", "end": "2026-10-15", "category": "sport"}).json()["count"] == 1
    assert client.get(URL, {"start": "2026-10-15", "end": "2026-10-15", "language": "ar"}).json()["count"] == 1
    assert client.get(URL, {"start": "2026-10-15", "end": "2026-10-15", "free": "true"}).json()["count"] == 1
    assert client.get(URL, {"start": "2026-10-15", "end": "2026-10-15", "organisation": verein.pk}).json()["count"] == 2


@pytest.mark.parametrize("params, status", [
    ({"start": "2026-10-31", "end": "2026-10-01"}, 400),
    ({"start": "2026-01-01", "end": "2027-06-01"}, 400),
    ({"start": "gestern", "end": "2026-10-01"}, 422),
    ({"end": "2026-10-01"}, 422),
    ({"start": "2026-10-01", "end": "2026-10-31", "page_size": 1001}, 422),
    ({"start": "2026-10-01", "end": "2026-10-31", "bogus": 1}, 422),
])
def test_bad_parameters(client, municipality, params, status):
    response = client.get(URL, params)
    assert response.status_code == status and response.json()["detail"]


def test_etag_last_modified_and_304(client, make_event, coord_actor):
    event = make_event()
    params = {"start": "2026-10-01", "end": "2026-10-31"}
    response = client.get(URL, params)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag and modified
    assert client.get(URL, params, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(URL, params, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    services.update_event(actor=coord_actor, event=event, expected_version=event.version, values={"title": "Neu"})
    changed = client.get(URL, params, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_gzip(client, make_event):
    make_event(rrule="FREQ=DAILY;COUNT=30")
    response = client.get(URL, {"start": "2026-10-01", "end": "2026-11-30"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] == 30


def test_paging_up_to_1000(client, make_event):
    make_event(rrule="FREQ=DAILY;COUNT=30")
    data = client.get(URL, {"start": "2026-10-01", "end": "2026-11-30", "page_size": 20, "page": 2}).json()
    assert data["count"] == 30 and len(data["items"]) == 10 and data["pages"] == 2


def test_queries_do_not_grow_with_events(client, make_event, municipality):
    make_event(rrule="FREQ=DAILY;COUNT=3")
    params = {"start": "2026-10-01", "end": "2026-10-31"}
    client.get(URL, params)  # categories created, horizon set
    cache.clear()  # the answer is cached under its ETag: count the queries of building it
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    for index in range(20):
        make_event(title=f"T{index}", rrule="FREQ=WEEKLY;COUNT=3", categories=["kultur", "sport"])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        data = client.get(URL, params).json()
    assert data["count"] == 63
    assert len(many) == len(few) <= 5, [q["sql"] for q in many.captured_queries]


def test_a_repeated_request_is_answered_from_the_cache(client, make_event, coord_actor):
    event = make_event()
    params = {"start": "2026-10-01", "end": "2026-10-31"}
    first = client.get(URL, params).json()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).json() == first
    assert len(queries) <= 2  # the municipality and its events version
    services.update_event(actor=coord_actor, event=event, expected_version=event.version, values={"title": "Neu"})
    assert client.get(URL, params).json()["items"][0]["title"] == "Neu"
