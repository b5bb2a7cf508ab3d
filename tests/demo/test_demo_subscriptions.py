"""The demo's subscriptions: confirmed subscribers at demo.invalid to the process, a field of action of an
adopted edition (and a body or proposal where the earlier steps made them), news to tell of, and nothing
waiting to be mailed."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import News, Subscription
from teilhabe.participation.selectors import subscriptions as selectors
from teilhabe.participation.services import subscriptions as services

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize("slug", ["heidelberg", "waiblingen", "herdecke"])
def test_demo_subscriptions(demo: str, slug: str) -> None:
    municipality = Municipality.objects.get(slug=slug)
    with municipality_scope(municipality):
        subscriptions = list(Subscription.objects.all())
        topics = {s.topic for s in subscriptions}
        assert "all" in topics
        if selectors.field_titles(municipality):  # fields of an adopted edition: the ones the portal shows
            assert "field" in topics
        assert all(s.confirmed_at is not None and s.last_sent_at is not None for s in subscriptions)
        assert all(s.email.endswith("@demo.invalid") for s in subscriptions if s.user_id is None)
        assert News.objects.exists()
        mail.outbox.clear()
        assert services.send_digests(municipality=municipality, frequency="immediate").mails == 0
