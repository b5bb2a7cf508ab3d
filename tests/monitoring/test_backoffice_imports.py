"""The back office's upload → preview → confirm of monitoring data, and the list of deliveries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.backoffice.monitoring.imports import SALT
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.monitoring import services
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation

from .conftest import row

PARTS = "Year,Geschlecht,Value\n2020,,1000\n2020,weiblich,512\n2020,männlich,480\n2021,,900\n"


def url(name: str, municipality: Municipality, indicator: Indicator) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, "pk": indicator.pk})


def upload(client: Any, municipality: Municipality, indicator: Indicator, text: str | bytes,
           name: str = "werte.csv", **extra: str) -> Any:
    data = text.encode() if isinstance(text, str) else text
    return client.post(url("indicator_import", municipality, indicator),
                       {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def stat_client(statistik: User, client_for: Callable[[User | None], Any]) -> Any:
    return client_for(statistik)


def test_preview_then_confirm_writes_and_lists_the_batch(stat_client: Any, municipality: Municipality,
                                                         population: Indicator) -> None:
    page = stat_client.get(url("indicator_import", municipality, population))
    assert page.status_code == 200 and "Vorschau anzeigen" in page.content.decode()
    preview = upload(stat_client, municipality, population, "Year,Geschlecht,Value\n2020,,1000\n2020,w,500\n"
                     "2020,m,500\n")
    html = preview.content.decode()
    assert preview.status_code == 200 and "3 neu, 0 geändert, 0 unverändert." in html
    assert not Observation.objects.exists()
    token = preview.context["token"]
    done = stat_client.post(url("indicator_import_confirm", municipality, population), {"token": token})
    assert done.status_code == 302 and done["Location"] == url("indicator_batches", municipality, population)
    assert Observation.objects.count() == 3
    listing = stat_client.get(done["Location"]).content.decode()
    assert "werte.csv" in listing and "Import abgeschlossen: 3 Messwerte" in listing
    again = stat_client.post(url("indicator_import_confirm", municipality, population), {"token": token})
    assert again.status_code == 302 and ImportBatch.objects.count() == 1  # one use only


def test_errors_with_line_and_column_and_nothing_written(stat_client: Any, municipality: Municipality,
                                                         population: Indicator) -> None:
    response = upload(stat_client, municipality, population, "Year,Value\n2020,1\n2021,viele\n")
    html = response.content.decode()
    assert response.status_code == 400 and "„viele“ ist keine Zahl" in html and response.context["token"] == ""
    assert [(p.line, p.column) for p in response.context["parsed"].errors] == [(3, "Value")]
    assert not Observation.objects.exists()
    empty = upload(stat_client, municipality, population, b"", name="leer.csv")
    assert empty.status_code == 400  # Django refuses an empty upload at the form


def test_warnings_must_be_accepted_and_stay_visible(stat_client: Any, municipality: Municipality,
                                                    population: Indicator) -> None:
    preview = upload(stat_client, municipality, population, PARTS)
    assert preview.status_code == 200 and "Die Teile ergeben nicht die Summe" in preview.content.decode()
    confirm = url("indicator_import_confirm", municipality, population)
    refused = stat_client.post(confirm, {"token": preview.context["token"]})
    assert refused.status_code == 400 and "Bitte bestätigen Sie" in refused.content.decode()
    assert not Observation.objects.exists()
    done = stat_client.post(confirm, {"token": preview.context["token"], "accept_warnings": "1"})
    assert done.status_code == 302 and Observation.objects.count() == 4
    listing = stat_client.get(done["Location"]).content.decode()
    assert "Zeile 2: Die Teile ergeben nicht die Summe" in listing


def test_a_forged_or_foreign_token_changes_nothing(stat_client: Any, municipality: Municipality,
                                                   population: Indicator, foreigners: Indicator,
                                                   make_member: Callable[..., User],
                                                   client_for: Callable[[User | None], Any]) -> None:
    preview = upload(stat_client, municipality, population, "Year,Value\n2020,1\n")
    token = preview.context["token"]
    # The same token for another indicator, by another member, or forged: refused, nothing written.
    other_indicator = stat_client.post(url("indicator_import_confirm", municipality, foreigners), {"token": token})
    colleague = client_for(make_member(municipality, Role.KOORDINATION, "kollegin"))
    other_user = colleague.post(url("indicator_import_confirm", municipality, population), {"token": token})
    payload = signing.loads(token, salt=SALT)
    forged = signing.dumps({**payload, "f": "../" * 10 + "etc/passwd"}, salt="wrong", compress=True)
    tampered = stat_client.post(url("indicator_import_confirm", municipality, population), {"token": forged})
    for response in (other_indicator, other_user, tampered):
        assert response.status_code == 302
    assert not Observation.objects.exists()
    messages = [str(m) for m in tampered.wsgi_request._messages]
    assert any("nicht mehr gültig" in m for m in messages)


def test_cancel_discards_the_upload(stat_client: Any, municipality: Municipality, population: Indicator) -> None:
    preview = upload(stat_client, municipality, population, "Year,Value\n2020,1\n")
    confirm = url("indicator_import_confirm", municipality, population)
    stat_client.post(confirm, {"token": preview.context["token"], "action": "cancel"})
    stat_client.post(confirm, {"token": preview.context["token"]})
    assert not Observation.objects.exists()


def test_the_confirm_checks_the_file_again(stat_client: Any, stat_actor: Actor,
                                                                  municipality: Municipality,
                                                                  population: Indicator) -> None:
    preview = upload(stat_client, municipality, population, "Year,Geschlecht,Value\n2020,w,1\n",
                     name="a.csv")
    # Meanwhile the indicator loses its breakdown by sex: the stored file no longer fits it.
    population.dimensions = []
    population.save(update_fields=["dimensions"])
    response = stat_client.post(url("indicator_import_confirm", municipality, population),
                                {"token": preview.context["token"]})
    assert response.status_code == 400 and "gliedert nach Geschlecht" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_rate_is_not_loaded_but_its_parts_are(stat_client: Any, municipality: Municipality,
                                                foreign_share: Indicator) -> None:
    page = stat_client.get(url("indicator_import", municipality, foreign_share))
    assert "Diese Quote wird berechnet" in page.content.decode()
    response = upload(stat_client, municipality, foreign_share, "Year,Value\n2020,1\n")
    assert response.status_code == 400 and not Observation.objects.exists()


def test_too_large_uploads_are_refused_before_reading(stat_client: Any, municipality: Municipality,
                                                      population: Indicator, settings: Any) -> None:
    settings.TEILHABE_MAX_UPLOAD_BYTES = 100
    response = upload(stat_client, municipality, population, "Year,Value\n" + "2020,1\n" * 50)
    assert response.status_code == 400 and "zu groß" in response.content.decode()


def test_the_batch_list_runs_a_fixed_number_of_queries(stat_client: Any, stat_actor: Actor,
                                                       municipality: Municipality, population: Indicator) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = stat_client.get(url("indicator_batches", municipality, population))
        assert response.status_code == 200
        return len(captured.captured_queries)

    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[row("2019", 1)])
    few = count()
    for year in range(2000, 2030):
        services.write_observations(actor=stat_actor, indicator=population, label=f"{year}.csv",
                                    rows=[row(str(year), year)])
    assert count() == few


def test_lesend_sees_the_batches_but_does_not_load(municipality: Municipality, population: Indicator,
                                                   lesend: User, client_for: Callable[[User | None], Any]) -> None:
    client = client_for(lesend)
    assert client.get(url("indicator_batches", municipality, population)).status_code == 200
    assert client.get(url("indicator_import", municipality, population)).status_code == 403
