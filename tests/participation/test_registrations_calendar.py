"""Public participation meetings in the portal's calendar: the month view and the event list show public,
not cancelled meetings of public bodies (linked to their public page), with a number of queries that
does not grow with the meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Meeting


def _meeting(municipality: Municipality, title: str, starts: dt.datetime, **values: Any) -> Meeting:
    return Meeting.objects.create(municipality=municipality, title=title, starts_at=starts,
                                  ends_at=starts + dt.timedelta(hours=2), **{"is_public": True, **values})


@pytest.fixture
def soon() -> dt.datetime:
    now = timezone.localtime()
    return now.replace(hour=18, minute=0, second=0, microsecond=0) + dt.timedelta(days=3)


def _month_url(municipality: Municipality, day: dt.datetime) -> str:
    return reverse("portal:calendar_month", kwargs={"municipality": municipality.slug, "year": day.year,
                                                    "month": day.month})


def test_public_meetings_join_month_and_list(client: Any, municipality: Municipality, body: Body,
                                             other_body: Body, soon: dt.datetime,
                                             other_municipality: Municipality) -> None:
    shown = _meeting(municipality, "Bürgerforum World Café", soon, body=body, place="Stadthalle",
                     registration_open=True)
    _meeting(municipality, "Abgesagtes Forum", soon, state=Meeting.State.CANCELLED)
    _meeting(municipality, "Interne Steuerungsgruppe", soon, is_public=False)
    Body.objects.filter(pk=other_body.pk).update(is_public=False)
    _meeting(municipality, "Sitzung eines nicht öffentlichen Gremiums", soon, body=other_body)
    with municipality_scope(other_municipality):
        _meeting(other_municipality, "Forum in Herdecke", soon)
    registration = reverse("portal:participation_bodies_meeting",
                           kwargs={"municipality": municipality.slug, "pk": shown.pk})
    month = client.get(_month_url(municipality, soon)).content.decode()
    events = client.get(reverse("portal:event_list", kwargs={"municipality": municipality.slug})).content.decode()
    for page in (month, events):
        assert "Bürgerforum World Café" in page and registration in page
        for hidden in ("Abgesagtes Forum", "Interne Steuerungsgruppe", "nicht öffentlichen Gremiums",
                       "Forum in Herdecke"):
            assert hidden not in page
    assert "Öffentliche Veranstaltungen der Bürgerbeteiligung" in events and "AG Bildung" in events


def test_calendar_queries_do_not_grow_with_meetings(client: Any, municipality: Municipality,
                                                    soon: dt.datetime) -> None:
    urls = [_month_url(municipality, soon), reverse("portal:event_list", kwargs={"municipality": municipality.slug})]

    def count() -> list[int]:
        numbers = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            numbers.append(len(queries))
        return numbers

    for n in range(3):
        _meeting(municipality, f"Forum {n}", soon + dt.timedelta(hours=n))
    few = count()
    for n in range(3, 9):
        _meeting(municipality, f"Forum {n}", soon + dt.timedelta(hours=n))
    assert count() == few
