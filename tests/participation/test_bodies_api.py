"""Bodies and meetings in the REST API: public reads anonymously, more by role, writes through the services,
bad input refused, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Attendance, Body, Meeting
from teilhabe.participation.services import bodies as body_services
from teilhabe.participation.services import meetings as services

START = timezone.make_aware(dt.datetime(2027, 5, 4, 17, 0))


def _path(rest: str) -> str:
    return f"/api/v1/heidelberg/{rest}"


def _send(client: Any, method: str, path: str, body: Any) -> Any:
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _meeting(actor: Actor, municipality: Municipality, body: Body | None, title: str, public: bool = True,
             start: dt.datetime = START) -> Meeting:
    return services.create_meeting(actor=actor, municipality=municipality, values={
        "title": title, "body": body, "starts_at": start, "ends_at": start + dt.timedelta(hours=2),
        "is_public": public})


def test_anonymous_callers_see_public_meetings_only(
        municipality: Municipality, coord_actor: Actor, body: Body, client: Any) -> None:
    public = _meeting(coord_actor, municipality, body, "Bürgerforum")
    internal = _meeting(coord_actor, municipality, body, "Interne Runde", public=False)
    answer = client.get(_path("meetings")).json()
    assert [m["title"] for m in answer["items"]] == ["Bürgerforum"]
    assert answer["items"][0]["url"].endswith(f"/heidelberg/beteiligung/sitzungen/{public.pk}/")
    assert client.get(_path(f"meetings/{internal.pk}")).status_code == 404
    assert client.get(_path(f"meetings/{public.pk}")).json()["decisions"] == []


def test_members_see_more_by_role(municipality: Municipality, coord_actor: Actor, body: Body, other_body: Body,
                                  lesend: User, gremium_member: User,
                                  client_for: Callable[..., Any]) -> None:
    _meeting(coord_actor, municipality, body, "Eigene interne Runde", public=False)
    _meeting(coord_actor, municipality, other_body, "Fremde interne Runde", public=False)
    _meeting(coord_actor, municipality, other_body, "Fremde öffentliche Runde")
    titles = {m["title"] for m in client_for(lesend).get(_path("meetings")).json()["items"]}
    assert titles == {"Eigene interne Runde", "Fremde interne Runde", "Fremde öffentliche Runde"}
    titles = {m["title"] for m in client_for(gremium_member).get(_path("meetings")).json()["items"]}
    assert titles == {"Eigene interne Runde", "Fremde öffentliche Runde"}


def test_filters_body_kind_from_to(municipality: Municipality, coord_actor: Actor, body: Body, other_body: Body,
                                   client: Any) -> None:
    _meeting(coord_actor, municipality, body, "März", start=START.replace(month=3))
    _meeting(coord_actor, municipality, other_body, "Mai", start=START)
    answer = client.get(_path("meetings"), {"from": "2027-04-01", "to": "2027-12-31"}).json()
    assert [m["title"] for m in answer["items"]] == ["Mai"]
    assert [m["title"] for m in client.get(_path("meetings"), {"body": body.pk}).json()["items"]] == ["März"]
    assert client.get(_path("meetings"), {"kind": "workshop"}).json()["count"] == 2
    assert client.get(_path("meetings"), {"kind": "party"}).status_code == 422
    assert client.get(_path("meetings"), {"form": "2027-01-01"}).status_code == 422


def test_bodies_publicly_name_only_chairs_and_contacts(municipality: Municipality, body: Body, client: Any,
                                                      koordination: User, client_for: Callable[..., Any]) -> None:
    listing = client.get(_path("bodies")).json()
    assert listing["count"] == 1 and listing["items"][0]["name"] == body.name
    public = client.get(_path(f"bodies/{body.pk}")).json()
    assert [m["name"] for m in public["members"]] == ["Aylin Demir"] and public["other_members"] == 2
    internal = client_for(koordination).get(_path(f"bodies/{body.pk}")).json()
    assert len(internal["members"]) == 3 and internal["other_members"] == 0


def test_a_moderator_plans_and_records_through_the_api(
        municipality: Municipality, moderator: User, body: Body, other_body: Body,
        client_for: Callable[..., Any]) -> None:
    client = client_for(moderator)
    answer = _send(client, "post", _path("meetings"), {
        "title": "Workshop", "body_id": body.pk, "starts_at": "2027-06-01T17:00:00+02:00",
        "ends_at": "2027-06-01T19:00:00+02:00", "agenda": "<p>Begrüßung</p><script>x</script>"})
    assert answer.status_code == 201, answer.content
    created = answer.json()
    assert "script" not in created["agenda"]
    refused = _send(client, "post", _path("meetings"), {
        "title": "Fremd", "body_id": other_body.pk, "starts_at": "2027-06-01T17:00:00+02:00",
        "ends_at": "2027-06-01T19:00:00+02:00"})
    assert refused.status_code == 403
    path = _path(f"meetings/{created['id']}")
    assert _send(client, "patch", path, {"version": created["version"], "title": "Workshop 1"}).status_code == 200
    stale = _send(client, "patch", path, {"version": created["version"], "title": "Workshop 2"})
    assert stale.status_code == 409
    too_many = _send(client, "post", f"{path}/attendance", {"total": 10, "women": 8, "men": 4})
    assert too_many.status_code == 422 and "mehr als die 10" in json.dumps(too_many.json(), ensure_ascii=False)
    recorded = _send(client, "post", f"{path}/attendance", {"total": 12, "women": 8, "men": 4})
    assert recorded.status_code == 200 and recorded.json()["version"] == 1
    assert Attendance.objects.get().total == 12
    assert Meeting.objects.get(pk=created["id"]).title == "Workshop 1"


def test_reading_roles_cannot_write(municipality: Municipality, lesend: User, meeting: Meeting,
                                    client_for: Callable[..., Any], client: Any) -> None:
    path = _path(f"meetings/{meeting.pk}")
    assert _send(client_for(lesend), "patch", path, {"version": 1, "title": "x"}).status_code == 403
    assert _send(client, "post", f"{path}/attendance", {"total": 1}).status_code == 401


def test_a_foreign_body_id_is_refused(municipality: Municipality, koordination: User,
                                      other_municipality: Municipality, client_for: Callable[..., Any]) -> None:
    from teilhabe.core.tenancy import municipality_scope

    with municipality_scope(other_municipality):
        foreign = body_services.create_body(actor=Actor.system(other_municipality.pk),
                                            municipality=other_municipality, values={"name": "Fremde AG"})
    answer = _send(client_for(koordination), "post", _path("meetings"), {
        "title": "x", "body_id": foreign.pk, "starts_at": "2027-06-01T17:00:00+02:00",
        "ends_at": "2027-06-01T19:00:00+02:00"})
    assert answer.status_code == 422 and "body_id" in answer.json()["detail"]
    assert not Meeting.objects.exists()


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _data(actor: Actor, municipality: Municipality, n: int, offset: int) -> Meeting:
    meeting = None
    for i in range(offset, offset + n):
        body = body_services.create_body(actor=actor, municipality=municipality, values={"name": f"AG {i}"})
        body_services.add_member(actor=actor, body=body, values={"name": f"P {i}", "function": "contact"})
        meeting = _meeting(actor, municipality, body, f"Sitzung {i}", start=START + dt.timedelta(days=i))
    assert meeting is not None
    services.create_sessions(actor=actor, meeting=meeting, titles=[f"T{i}" for i in range(n)], rounds=2)
    services.add_decision(actor=actor, meeting=meeting, values={"text": "Beschluss"})
    return meeting


@pytest.mark.parametrize("who", ["anonymous", "koordination"])
def test_query_counts_do_not_grow(who: str, municipality: Municipality, coord_actor: Actor, koordination: User,
                                  client_for: Callable[..., Any]) -> None:
    client = client_for(koordination if who == "koordination" else None)
    small = _data(coord_actor, municipality, 2, 0)
    counts = [_count(client, _path(p)) for p in ("bodies", "meetings", f"meetings/{small.pk}")]
    large = _data(coord_actor, municipality, 6, 2)
    assert [_count(client, _path(p)) for p in ("bodies", "meetings", f"meetings/{large.pk}")] == counts


def test_a_day_that_does_not_exist_is_refused(municipality: Municipality, client: Any) -> None:
    answer = client.get(_path("meetings"), {"from": "2027-02-30"})
    assert answer.status_code == 422 and "from" in answer.json()["detail"]
    assert client.get(_path("meetings"), {"to": "0"}).status_code == 422
