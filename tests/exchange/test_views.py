"""The import/export pages: roles, upload → preview → confirm, and bad uploads."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure, Plan
from tests.exchange.conftest import db_state, row, xlsx_bytes

FIELD = "Bildung und Sprachförderung"


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads" / "exchange"


def url(name: str, municipality: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug})


def upload(client: Any, municipality: Any, data: bytes, name: str = "liste.xlsx", **fields: Any) -> Any:
    return client.post(url("exchange_import", municipality), {
        "file": SimpleUploadedFile(name, data), "target": fields.pop("target", "new"), **fields})


def stored(upload_dir: Any) -> list[Any]:
    return list(upload_dir.glob("*.upload")) if upload_dir.exists() else []


# --- who may ------------------------------------------------------------------------------------------

def _request(client: Any, name: str, municipality: Any, edition: Edition) -> Any:
    if name == "exchange_import":
        return upload(client, municipality, xlsx_bytes([row(feld=FIELD, titel="Neu")]),
                      target=f"edition-{edition.pk}")
    if name == "exchange_import_confirm":
        return client.post(url(name, municipality), {"token": "0" * 64})
    if name == "exchange_export":
        return client.get(url(name, municipality), {"edition": edition.pk, "format": "xlsx"})
    return client.get(url(name, municipality))


VIEWS = ["exchange", "exchange_template", "exchange_export", "exchange_import", "exchange_import_confirm"]
EXPECTED_OK = {"exchange": 200, "exchange_template": 200, "exchange_export": 200, "exchange_import": 200,
               "exchange_import_confirm": 302}


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize(("who", "status"), [
    ("koordination", "ok"), ("platform_admin", "ok"), ("fachstelle", 403), ("lesend", 403), ("foreign_user", 404),
    (None, "login"),
])
def test_roles(request, client_for, municipality, edition, name, who, status):
    user = request.getfixturevalue(who) if who else None
    before = db_state(municipality)
    response = _request(client_for(user), name, municipality, edition)
    if status == "ok":
        assert response.status_code == EXPECTED_OK[name]
    elif status == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == status
    assert db_state(municipality) == before


def test_menu_shows_exchange_to_koordination_only(client_for, municipality, koordination, lesend, plan):
    link = url("exchange", municipality)
    assert link in client_for(koordination).get(url("dashboard", municipality)).content.decode()
    assert link not in client_for(lesend).get(url("dashboard", municipality)).content.decode()


# --- page and downloads -------------------------------------------------------------------------------

def test_page_lists_status_words_and_forms(client_for, municipality, koordination, edition):
    response = client_for(koordination).get(url("exchange", municipality))
    page = response.content.decode()
    assert "Import / Export" in page and "in Umsetzung" in page
    assert f'value="edition-{edition.pk}" selected' in page
    assert 'enctype="multipart/form-data"' in page


def test_page_queries_do_not_grow_with_editions(client_for, municipality, koordination, coord_actor, edition):
    client = client_for(koordination)
    client.get(url("exchange", municipality))
    with CaptureQueriesContext(connection) as small:
        client.get(url("exchange", municipality))
    for i in range(5):
        plan_services.create_plan(actor=coord_actor, municipality=municipality, title=f"Plan {i}")
    with CaptureQueriesContext(connection) as large:
        client.get(url("exchange", municipality))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_template_download(client_for, municipality, koordination):
    response = client_for(koordination).get(url("exchange_template", municipality))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["Maßnahmen", "Hinweise"]


def test_export_xlsx_and_json(client_for, municipality, koordination, edition):
    client = client_for(koordination)
    xlsx = client.get(url("exchange_export", municipality), {"edition": edition.pk, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Maßnahmen"].iter_rows(values_only=True))
    assert len(rows) == 1 + Measure.objects.filter(edition=edition).count()
    document = json.loads(client.get(url("exchange_export", municipality),
                                     {"edition": edition.pk, "format": "json"}).content)
    assert document["format"] == "teilhabe-plan" and len(document["measures"]) == len(rows) - 1


@pytest.mark.parametrize("query", [{"edition": "999999", "format": "xlsx"}, {"format": "pdf"}, {"edition": "x"}])
def test_export_with_bad_parameters_is_a_message(client_for, municipality, koordination, edition, query):
    response = client_for(koordination).get(url("exchange_export", municipality), query)
    assert response.status_code == 302


def test_export_of_a_foreign_edition_leaks_nothing(client_for, municipality, other_municipality, koordination,
                                                    edition):
    system = Actor(user_id=None, municipality_id=other_municipality.pk, role=None, is_platform_admin=True)
    with municipality_scope(other_municipality):
        foreign = plan_services.create_plan(actor=system, municipality=other_municipality,
                                            title="Fremder Plan").editions.get()
    response = client_for(koordination).get(url("exchange_export", municipality),
                                            {"edition": foreign.pk, "format": "json"})
    assert response.status_code == 302 and b"Fremder Plan" not in response.content


# --- import flow --------------------------------------------------------------------------------------

def test_upload_preview_confirm(client_for, municipality, koordination, edition, upload_dir):
    client = client_for(koordination)
    data = xlsx_bytes([row(feld="Wohnen", titel="Wohnberatung", ziel="Wohnraum sichern", lead="Amt für Wohnen",
                           partner="Mieterverein", zielgruppen="Familien")])
    before = db_state(municipality)
    preview = upload(client, municipality, data, target=f"edition-{edition.pk}")
    page = preview.content.decode()
    assert preview.status_code == 200
    for text in ("1 neues Handlungsfeld", "Wohnen", "Wohnraum sichern", "Amt für Wohnen", "Mieterverein",
                 "Familien", "1 Maßnahme wird angelegt"):
        assert text in page
    assert db_state(municipality) == before
    [pending] = stored(upload_dir)
    token = pending.stem
    assert f'value="{token}"' in page

    done = client.post(url("exchange_import_confirm", municipality), {"token": token, "action": "confirm"})
    assert done.status_code == 302
    assert Measure.objects.get(edition=edition, title="Wohnberatung").lead_org_unit.name == "Amt für Wohnen"
    assert stored(upload_dir) == []
    # the token is used up
    after = db_state(municipality)
    again = client.post(url("exchange_import_confirm", municipality), {"token": token, "action": "confirm"})
    assert again.status_code == 302 and db_state(municipality) == after


def test_new_plan_from_upload(client_for, municipality, koordination, plan):
    client = client_for(koordination)
    upload(client, municipality, xlsx_bytes([row(feld="Sport", titel="Sportverein für alle")]),
           target="new", plan_title="Aktionsplan Sport")
    token = next(iter(client.session["teilhabe_exchange_import"].values()))["token"]
    client.post(url("exchange_import_confirm", municipality), {"token": token})
    assert Measure.objects.get(title="Sportverein für alle").edition.plan.title == "Aktionsplan Sport"


def test_errors_are_listed_with_row_and_column(client_for, municipality, koordination, edition, upload_dir):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", beginn="Frühjahr 2026"),
                       row(feld=FIELD, titel="Kurs 2", status="grün", beschreibung="<script>x</script>")])
    before = db_state(municipality)
    response = upload(client_for(koordination), municipality, data, target=f"edition-{edition.pk}")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Die Datei enthält 3 Fehler. Es wurde nichts übernommen." in page
    assert "<td class=\"kern-table__cell\">Zeile 2</td>" in page and "Beginn" in page
    assert "Den Status „grün“ gibt es nicht." in page
    assert "HTML oder Skripte sind hier nicht erlaubt." in page and "<script>x" not in page
    assert 'name="token"' not in page
    assert db_state(municipality) == before and stored(upload_dir) == []


@pytest.mark.parametrize(("data", "message"), [
    (b"", "ist leer"),
    (b"%PDF-1.4 ...", "weder eine Excel-Arbeitsmappe"),
    (b"PK\x03\x04broken", "beschädigt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "alten Excel-Format"),
])
def test_bad_files_are_form_errors(client_for, municipality, koordination, edition, data, message, upload_dir):
    before = db_state(municipality)
    response = upload(client_for(koordination), municipality, data, target=f"edition-{edition.pk}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert db_state(municipality) == before and stored(upload_dir) == []


def test_20_mb_upload_is_refused(client_for, municipality, koordination, edition, upload_dir):
    data = b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024)
    response = upload(client_for(koordination), municipality, data, target=f"edition-{edition.pk}")
    assert response.status_code == 400
    assert "Die Datei ist zu groß" in response.content.decode()
    assert stored(upload_dir) == []


def test_foreign_or_unknown_target_is_a_form_error(client_for, municipality, koordination, edition):
    response = upload(client_for(koordination), municipality, xlsx_bytes([row(feld=FIELD, titel="x")]),
                      target="edition-999999")
    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()


def test_confirm_revalidates(client_for, municipality, koordination, coord_actor, edition, upload_dir):
    client = client_for(koordination)
    upload(client, municipality, xlsx_bytes([row(feld=FIELD, titel="Lesecafé")]), target=f"edition-{edition.pk}")
    token = stored(upload_dir)[0].stem
    # Meanwhile somebody creates the same measure: the confirm must notice and write nothing.
    field = edition.fields.get(title=FIELD)
    plan_services.create_measure(actor=coord_actor, edition=edition, values={"title": "Lesecafé", "field": field})
    before = db_state(municipality)
    response = client.post(url("exchange_import_confirm", municipality), {"token": token})
    assert response.status_code == 400
    assert "gibt es im Handlungsfeld „Bildung und Sprachförderung“ dieser Ausgabe schon" in response.content.decode()
    assert db_state(municipality) == before and stored(upload_dir) == []


def test_confirm_with_a_forged_token_does_nothing(client_for, municipality, koordination, edition, upload_dir):
    client = client_for(koordination)
    upload(client, municipality, xlsx_bytes([row(feld=FIELD, titel="Lesecafé")]), target=f"edition-{edition.pk}")
    before = db_state(municipality)
    for token in ("../../secret_key", "f" * 64, ""):
        response = client.post(url("exchange_import_confirm", municipality), {"token": token})
        assert response.status_code == 302
    assert db_state(municipality) == before
    assert len(stored(upload_dir)) == 1


def test_token_of_another_session_is_useless(client_for, municipality, koordination, edition, upload_dir,
                                             make_member):
    upload(client_for(koordination), municipality, xlsx_bytes([row(feld=FIELD, titel="Lesecafé")]),
           target=f"edition-{edition.pk}")
    token = stored(upload_dir)[0].stem
    colleague = make_member(municipality, Role.KOORDINATION, "kollegin")
    before = db_state(municipality)
    client_for(colleague).post(url("exchange_import_confirm", municipality), {"token": token})
    assert db_state(municipality) == before


def test_cancel_discards_the_upload(client_for, municipality, koordination, edition, upload_dir):
    client = client_for(koordination)
    upload(client, municipality, xlsx_bytes([row(feld=FIELD, titel="Lesecafé")]), target=f"edition-{edition.pk}")
    before = db_state(municipality)
    token = stored(upload_dir)[0].stem
    client.post(url("exchange_import_confirm", municipality), {"token": token, "action": "cancel"})
    assert stored(upload_dir) == [] and db_state(municipality) == before


def test_get_on_import_redirects(client_for, municipality, koordination):
    assert client_for(koordination).get(url("exchange_import", municipality)).status_code == 302
    assert client_for(koordination).get(url("exchange_import_confirm", municipality)).status_code == 405


def test_new_plan_choice_never_writes_into_an_existing_plan(client_for, municipality, koordination, plan):
    client = client_for(koordination)
    upload(client, municipality, xlsx_bytes([row(feld="Sport", titel="Lauftreff")]), target="new",
           plan_title=plan.title)
    token = next(iter(client.session["teilhabe_exchange_import"].values()))["token"]
    client.post(url("exchange_import_confirm", municipality), {"token": token})
    assert Plan.objects.filter(municipality=municipality, title=plan.title).count() == 2
    assert not Measure.objects.filter(edition__plan=plan, title="Lauftreff").exists()
