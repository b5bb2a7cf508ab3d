"""The update round trip in the back office: the preview lists per-field changes, conflicts and the measures to
create; confirm applies exactly that; the plan's name and "Meinten Sie …?" are asked in the preview."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.core import services as core_services
from teilhabe.core.models import OrgUnit
from teilhabe.plans import services as plan_services
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Measure, Plan
from tests.exchange.conftest import db_state, row, xlsx_bytes
from tests.exchange.test_update_roundtrip import edit
from tests.exchange.test_views import stored, upload, url


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads" / "exchange"


def pending_token(client: Any) -> str:
    return str(next(iter(client.session["teilhabe_exchange_import"].values()))["token"])


def test_preview_shows_changes_and_conflicts_and_confirm_applies_the_rest(client_for, municipality, koordination,
                                                                          rich_edition, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Berufssprachkurse": {"Status": "umgesetzt"},
                                                     "Jobmesse": {"Status": "geplant"}},
                new_rows=[{"Handlungsfeld": "Ausbildung und Arbeitsmarkt", "Maßnahme": "Bewerbungstraining",
                           "Nr.": "2.9", "Federführung": "Volkshochschule"}])
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    client = client_for(koordination)
    before = db_state(municipality)
    response = upload(client, municipality, data, target=f"edition-{rich_edition.pk}")
    page = response.content.decode()
    assert response.status_code == 200, page
    for text in ("1 geänderte Maßnahme", "Berufssprachkurse", "<td class=\"kern-table__cell\">Status</td>",
                 "<td class=\"kern-table__cell\">in Umsetzung</td>", "<td class=\"kern-table__cell\">umgesetzt</td>",
                 "1 Konflikt: wird nicht übernommen", "Bundesprogramm", "1 neue Maßnahme", "Bewerbungstraining",
                 "2.9", "Volkshochschule", "geplant (Voreinstellung)", "Import ausführen (1 neu, 1 geändert)"):
        assert text in page, text
    assert db_state(municipality) == before

    done = client.post(url("exchange_import_confirm", municipality), {"token": pending_token(client),
                                                                     "action": "confirm"})
    assert done.status_code == 302
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "umgesetzt"
    assert Measure.objects.get(edition=rich_edition, title="Jobmesse").status.label == "in Umsetzung"
    assert Measure.objects.filter(edition=rich_edition, title="Bewerbungstraining").exists()


def test_a_change_between_preview_and_confirm_shows_the_new_preview(client_for, municipality, koordination,
                                                                    rich_edition, coord_actor, uploads):
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {"Status": "geplant"}})
    client = client_for(koordination)
    upload(client, municipality, data, target=f"edition-{rich_edition.pk}")
    token = pending_token(client)
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    before = db_state(municipality)
    response = client.post(url("exchange_import_confirm", municipality), {"token": token, "action": "confirm"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Seit der Vorschau hat sich etwas geändert. Es wurde nichts übernommen." in page
    assert "1 Konflikt: wird nicht übernommen" in page
    assert db_state(municipality) == before
    new_token = pending_token(client)
    assert new_token != token and [p.stem for p in stored(uploads)] == [new_token]


def test_new_plan_name_is_asked_never_the_file_name(client_for, municipality, koordination, plan):
    client = client_for(koordination)
    data = xlsx_bytes([row(feld="Sport", titel="Lauftreff")])
    before = db_state(municipality)
    response = upload(client, municipality, data, name="in.xlsx", target="new")
    assert response.status_code == 400
    assert "Bitte geben Sie den Namen des Plans an; die Datei nennt keinen." in response.content.decode()
    assert db_state(municipality) == before

    response = upload(client, municipality, data, name="in.xlsx", target="new", plan_title="Sportplan")
    page = response.content.decode()
    assert 'name="plan_title" value="Sportplan"' in page
    # the name can be changed in the preview; an empty one is refused and nothing is written
    refused = client.post(url("exchange_import_confirm", municipality),
                          {"token": pending_token(client), "action": "confirm", "plan_title": " "})
    assert refused.status_code == 400 and "Bitte geben Sie den Namen des Plans an" in refused.content.decode()
    assert db_state(municipality) == before
    client.post(url("exchange_import_confirm", municipality),
                {"token": pending_token(client), "action": "confirm", "plan_title": "Sport und Bewegung"})
    assert Measure.objects.get(title="Lauftreff").edition.plan.title == "Sport und Bewegung"
    assert not Plan.objects.filter(municipality=municipality, title__in=["in", "Sportplan"]).exists()


def test_new_plan_name_is_prefilled_from_the_export(client_for, municipality, koordination, rich_edition):
    client = client_for(koordination)
    response = upload(client, municipality, exchange.export_plan(rich_edition), name="in.xlsx", target="new")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="plan_title" value="Kommunaler Integrationsplan"' in page
    assert "Die Spalten „ID“ und „Version“ werden nicht gelesen" in page


def test_meinten_sie_choice_in_the_preview(client_for, municipality, koordination, edition, coord_actor):
    jugendamt = core_services.create_org_unit(actor=coord_actor, municipality=municipality,
                                              name="Kinder- und Jugendamt", kind=OrgUnit.Kind.AMT)
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Ferienprogramm", lead="Kinder und Jugendamt"),
                       row(feld="Bildung und Sprachförderung", titel="Spielplatzfest", lead="Kinder und Jugendamt")])
    client = client_for(koordination)
    page = upload(client, municipality, data, target=f"edition-{edition.pk}").content.decode()
    assert "Meinten Sie …?" in page and '<label class="kern-label" for="choice-0">' in page
    assert '<option value="existing" selected>„Kinder- und Jugendamt“ verwenden (Amt / Fachbereich)</option>' in page
    assert '<option value="unit:amt">neu anlegen: Verwaltungseinheit, Amt / Fachbereich</option>' in page

    # A forged choice is refused and nothing is written.
    before = db_state(municipality)
    bad = client.post(url("exchange_import_confirm", municipality),
                      {"token": pending_token(client), "action": "confirm", "choice-0": "unit:palast"})
    assert bad.status_code == 302 and db_state(municipality) == before

    upload(client, municipality, data, target=f"edition-{edition.pk}")
    client.post(url("exchange_import_confirm", municipality),
                {"token": pending_token(client), "action": "confirm", "choice-0": "unit:amt"})
    created = Measure.objects.get(edition=edition, title="Ferienprogramm").lead_org_unit
    assert created != jugendamt and created.name == "Kinder und Jugendamt"
    assert Measure.objects.get(edition=edition, title="Spielplatzfest").lead_org_unit == created


def test_preview_page_queries_do_not_grow_with_rows(client_for, municipality, koordination, edition, coord_actor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.plans.models import FieldOfAction, StatusOption

    client = client_for(koordination)

    def count() -> int:
        workbook_data = exchange.export_plan(edition)
        titles = list(Measure.objects.filter(edition=edition).values_list("title", flat=True))
        data = edit(workbook_data, {t: {"Status": "umgesetzt"} for t in titles},
                    new_rows=[{"Handlungsfeld": "Sport", "Maßnahme": f"Neu {i}"} for i in range(len(titles))])
        with CaptureQueriesContext(connection) as context:
            response = upload(client, municipality, data, target=f"edition-{edition.pk}")
        assert response.status_code == 200
        return len(context.captured_queries)

    small = count()
    field = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    status = StatusOption.objects.get(municipality=municipality, label="geplant")
    plan_services.create_measures(actor=coord_actor, edition=edition, rows=[
        {"title": f"Maßnahme {i}", "field": field, "status": status, "position": 10 + i} for i in range(40)])
    assert count() == small
