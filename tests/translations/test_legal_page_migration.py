"""pages 0004: the legal pages' non-German rows become translations of the German page, with an honest state."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("pages", "0003_barrierreport_status_portalsettings"), ("translations", "0001_initial")]
AFTER = [("pages", "0004_legal_page_translations")]


def _hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()


def test_rows_move_into_translations_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Municipality = apps.get_model("core", "Municipality")
    LegalPage = apps.get_model("pages", "LegalPage")
    m = Municipality.objects.create(name="Heidelberg", slug="heidelberg", ags="08221000", land="BW",
                                    languages=["de", "en", "ar"])
    german = LegalPage.objects.create(municipality=m, kind="impressum", language="de", title="Impressum",
                                      body="Deutscher Text")
    LegalPage.objects.create(municipality=m, kind="impressum", language="en", title="Legal notice", body="English")
    old = LegalPage.objects.create(municipality=m, kind="impressum", language="ar", title="بيانات", body="عربي")
    LegalPage.objects.filter(pk=old.pk).update(updated_at=german.updated_at - dt.timedelta(days=3))
    LegalPage.objects.create(municipality=m, kind="datenschutz", language="en", title="Privacy", body="Only English")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    LegalPage = apps.get_model("pages", "LegalPage")
    Translation = apps.get_model("translations", "Translation")
    assert sorted(LegalPage.objects.values_list("kind", "language")) == [("datenschutz", "de"), ("impressum", "de")]
    rows = {(t.object_id, t.language, t.field): t for t in Translation.objects.all()}
    assert rows[(german.pk, "en", "body")].value == "English"
    assert rows[(german.pk, "en", "body")].source_hash == _hash("Deutscher Text")  # saved after: up to date
    assert rows[(german.pk, "ar", "title")].source_hash == ""  # saved before the German page: outdated
    privacy = LegalPage.objects.get(kind="datenschutz")
    assert "Heidelberg" in privacy.body  # the German default text, naming the municipality
    assert rows[(privacy.pk, "en", "body")].source_hash == _hash(privacy.body)

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    LegalPage = apps.get_model("pages", "LegalPage")
    assert LegalPage.objects.filter(language="en", kind="impressum").get().body == "English"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
