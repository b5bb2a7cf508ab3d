"""teilhabe import-plan and export-plan."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans.models import Measure, Plan
from tests.exchange.conftest import db_state, row, xlsx_bytes


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def liste(tmp_path: Path) -> Path:
    path = tmp_path / "Maßnahmenliste Waiblingen.xlsx"
    path.write_bytes(xlsx_bytes([
        row(feld="Sprache", titel="Sprachcafé", lead="Amt für Bildung", partner="VHS Unteres Remstal"),
        row(feld="Arbeit", titel="Jobpaten", schluessel="ja", beginn="2025"),
    ]))
    return path


def test_dry_run_prints_preview_and_writes_nothing(empty_municipality, liste):
    before = db_state(empty_municipality)
    out, _err = run("import_plan", "waiblingen", str(liste), "--dry-run", "--plan-title", "Integrationskonzept")
    assert "Neuer Plan: Integrationskonzept" in out
    assert "Neue Handlungsfelder (2):\n  - Sprache\n  - Arbeit" in out
    assert "Neue Verwaltungseinheiten (1):\n  - Amt für Bildung (Amt / Fachbereich)" in out
    assert "Neue Organisationen (1):\n  - VHS Unteres Remstal (Bildungsträger)" in out
    assert "Maßnahmen: 2" in out and "Probelauf" in out
    assert "  - Zeile 2: „Sprachcafé“ (Sprache; Amt für Bildung; geplant (Voreinstellung))" in out
    assert db_state(empty_municipality) == before


def test_a_new_plan_needs_a_name_never_the_file_name(empty_municipality, liste):
    before = db_state(empty_municipality)
    with pytest.raises(CommandError, match="nennt keinen Namen des Plans; bitte mit --plan-title NAME angeben"):
        run("import_plan", "waiblingen", str(liste))
    assert db_state(empty_municipality) == before


def test_import_writes_everything(empty_municipality, liste):
    out, _err = run("import_plan", "waiblingen", str(liste), "--plan", "Integrationskonzept")
    assert "Import abgeschlossen: 2 Maßnahmen" in out
    plan = Plan.objects.get(municipality=empty_municipality)
    assert plan.title == "Integrationskonzept"
    assert Measure.objects.get(edition__plan=plan, title="Jobpaten").is_key_project


def test_errors_exit_non_zero_and_write_nothing(empty_municipality, tmp_path):
    path = tmp_path / "fehler.xlsx"
    path.write_bytes(xlsx_bytes([row(feld="Sprache", titel="Kurs", ende="31.02.2026", status="grün")]))
    before = db_state(empty_municipality)
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"2 Fehler – es wurde nichts übernommen\."):
        call_command("import_plan", "waiblingen", str(path), "--plan-title", "Konzept", stdout=io.StringIO(),
                     stderr=err)
    assert "Fehler: Zeile 2, Spalte „Ende“: Den Tag „31.02.2026“ gibt es nicht im Kalender." in err.getvalue()
    assert "Fehler: Zeile 2, Spalte „Status“: Den Status „grün“ gibt es nicht." in err.getvalue()
    assert db_state(empty_municipality) == before


def test_file_level_errors(empty_municipality, tmp_path):
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match=r"Die Datei ist leer\."):
        run("import_plan", "waiblingen", str(path))
    with pytest.raises(CommandError, match="gibt es nicht"):
        run("import_plan", "waiblingen", str(tmp_path / "fehlt.xlsx"))
    with pytest.raises(CommandError, match="Kommune „nirgendwo“ gibt es nicht"):
        run("import_plan", "nirgendwo", str(path))


def test_export_xlsx_and_json_and_import_json(municipality, plan, empty_municipality, tmp_path):
    target = tmp_path / "plan.xlsx"
    out, _err = run("export_plan", "heidelberg", "-o", str(target))
    assert target.read_bytes().startswith(b"PK") and "ausgegeben" in out
    json_out, _err = run("export_plan", "heidelberg", "--format", "json")
    document = json.loads(json_out)
    assert document["plan"]["title"] == "Kommunaler Integrationsplan"
    json_file = tmp_path / "plan.json"
    json_file.write_text(json_out, encoding="utf-8")
    out, _err = run("import_plan", "waiblingen", str(json_file))
    assert "Import abgeschlossen: 4 Maßnahmen" in out
    with municipality_scope(empty_municipality):
        assert Plan.objects.get(municipality=empty_municipality).title == "Kommunaler Integrationsplan"


def test_export_needs_a_plan_choice_when_there_are_several(municipality, plan, coord_actor):
    from teilhabe.plans import services as plan_services

    other = plan_services.create_plan(actor=coord_actor, municipality=municipality, title="Aktionsplan")
    with pytest.raises(CommandError, match="mehrere Pläne"):
        run("export_plan", "heidelberg", "--format", "json")
    out, _err = run("export_plan", "heidelberg", "--format", "json", "--plan", str(other.pk))
    assert json.loads(out)["plan"]["title"] == "Aktionsplan"
    with pytest.raises(CommandError, match="gibt es in dieser Kommune nicht"):
        run("export_plan", "heidelberg", "--plan", "999999")
