"""The last place of a meeting is given once when people register at the same moment (PostgreSQL: the
registration locks the meeting row while it counts)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Meeting, Registration
from teilhabe.participation.services import registrations

pytestmark = [pytest.mark.skipif("connection.vendor != 'postgresql'"), pytest.mark.django_db(transaction=True)]


def test_concurrent_registrations_fill_the_places_once(municipality: Municipality) -> None:
    starts = timezone.now() + dt.timedelta(days=10)
    meeting = Meeting.objects.create(municipality=municipality, title="World Café", is_public=True,
                                     registration_open=True, capacity=3, starts_at=starts,
                                     ends_at=starts + dt.timedelta(hours=3))
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def register(n: int) -> None:
        try:
            with municipality_scope(municipality):
                barrier.wait(timeout=10)
                registrations.register(municipality=municipality, meeting_id=meeting.pk, name=f"Person {n}",
                                       email=f"p{n}@example.org", consent=True)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        except Exception as error:  # any other failure: reported by the assertion below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes.count("ok") == 3, outcomes
    assert all("ausgebucht" in o for o in outcomes if o != "ok"), outcomes
    assert Registration.objects.filter(meeting=meeting).count() == 3
    assert connection.vendor == "postgresql"


def test_the_same_address_at_the_same_moment_registers_once(municipality: Municipality) -> None:
    starts = timezone.now() + dt.timedelta(days=10)
    meeting = Meeting.objects.create(municipality=municipality, title="Forum", is_public=True,
                                     registration_open=True, starts_at=starts, ends_at=starts + dt.timedelta(hours=3))
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def register(_n: int) -> None:
        try:
            with municipality_scope(municipality):
                barrier.wait(timeout=10)
                registrations.register(municipality=municipality, meeting_id=meeting.pk, name="Ayşe",
                                       email="ayse@example.org", consent=True)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes.count("ok") == 1, outcomes
    assert all("schon jemand angemeldet" in o for o in outcomes if o != "ok"), outcomes
