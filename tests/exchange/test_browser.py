"""The update import in Chromium: upload an edited export, the preview (changes, a conflict, "Meinten Sie …?",
the new measure) passes axe-core without CSP refusals, the choice is made by keyboard, and confirm applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.core import services as core_services
from teilhabe.core.models import OrgUnit
from teilhabe.plans import services as plan_services
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Measure
from tests.browser.accessibility import assert_accessible
from tests.browser.session import log_in
from tests.exchange.test_update_roundtrip import edit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_update_import_preview_is_accessible_and_applies(page: Any, koordination: Any, coord_actor: Any,
                                                         municipality: Any, rich_edition: Any, tmp_path: Path,
                                                         settings: Any, csp_violations: list[str]) -> None:
    settings.VAR_DIR = tmp_path
    jugendamt = core_services.create_org_unit(actor=coord_actor, municipality=municipality,
                                              name="Kinder- und Jugendamt", kind=OrgUnit.Kind.AMT)
    data = edit(exchange.export_plan(rich_edition), {"Berufssprachkurse": {"Status": "umgesetzt"},
                                                     "Jobmesse": {"Status": "geplant"}},
                new_rows=[{"Handlungsfeld": "Ausbildung und Arbeitsmarkt", "Maßnahme": "Ferienjobs",
                           "Federführung": "Kinder und Jugendamt"}])
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    upload = tmp_path / "liste.xlsx"
    upload.write_bytes(data)

    log_in(page, "koordination")
    page.goto("/heidelberg/intern/import-export/")
    assert_accessible(page)
    page.get_by_label("Datei").set_input_files(str(upload))
    page.get_by_label("Importieren in").select_option(f"edition-{rich_edition.pk}")
    page.get_by_role("button", name="Vorschau anzeigen").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 Konflikt: wird nicht übernommen").is_visible()
    assert page.get_by_text("Meinten Sie …?").first.is_visible()
    assert_accessible(page)
    choice = page.get_by_label("„Kinder und Jugendamt“ (Zeile")
    choice.focus()
    page.keyboard.press("Home")  # the first option: use the existing office
    assert choice.input_value() == "existing"
    page.get_by_role("button", name="Import ausführen (1 neu, 1 geändert)").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert Measure.objects.get(edition=rich_edition, title="Ferienjobs").lead_org_unit == jugendamt
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "umgesetzt"
    assert Measure.objects.get(edition=rich_edition, title="Jobmesse").status.label == "in Umsetzung"
    assert csp_violations == []
