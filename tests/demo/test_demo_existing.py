"""`teilhabe demo` next to real data: an existing municipality with a demo slug is left alone."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from teilhabe.core.models import Municipality
from teilhabe.core.services import create_municipality
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans.models import Plan


@pytest.mark.django_db
def test_an_existing_municipality_is_skipped_and_the_others_built(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    create_municipality(actor=None, name="Herdecke", slug="herdecke", ags="05954016")
    out = StringIO()
    call_command("demo", stdout=out)
    herdecke = Municipality.objects.get(slug="herdecke")
    assert not herdecke.is_demo
    with municipality_scope(herdecke):
        assert not Plan.objects.exists()
    assert Municipality.objects.filter(is_demo=True).count() == 2
    assert "/herdecke/ gibt es schon" in out.getvalue()
