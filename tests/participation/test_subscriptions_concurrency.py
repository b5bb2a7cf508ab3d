"""No mail twice, also when two digest runs start at the same moment (two workers, or the periodic task and
the command): on PostgreSQL the run locks the subscriptions it considers (FOR UPDATE SKIP LOCKED) and moves
`last_sent_at` on in the same transaction, so every address gets the news once."""

from __future__ import annotations

import secrets
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, News, Subscription
from teilhabe.participation.services import subscriptions as services
from teilhabe.participation.services.news import record_news

pytestmark = pytest.mark.django_db(transaction=True)
SUBSCRIBERS = 20


def test_two_runs_at_once_send_every_mail_once(municipality: Municipality, body: Body, smtp_server: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED: PostgreSQL (SQLite has one writer at a time)")
    confirmed = timezone.now()
    Subscription.objects.bulk_create([
        Subscription(municipality=municipality, email=f"p{n}@example.org", topic="body", body=body,
                     frequency="immediate", token=secrets.token_urlsafe(32), confirmed_at=confirmed)
        for n in range(SUBSCRIBERS)])
    record_news(municipality=municipality, kind=News.Kind.MEETING, text="Sitzung der AG Bildung", body=body)
    start = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with municipality_scope(municipality):
                start.wait(timeout=10)
                sent.append(services.send_digests(municipality=municipality, frequency="immediate").mails)
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(sent) == SUBSCRIBERS
    messages = smtp_server.wait_for(SUBSCRIBERS)
    assert sorted(m["To"] for m in messages) == sorted(f"p{n}@example.org" for n in range(SUBSCRIBERS))
    assert not Subscription.objects.filter(last_sent_at__isnull=True).exists()
