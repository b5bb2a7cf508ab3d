"""Export → import into an empty municipality → export gives the same plan, as XLSX and as JSON."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any

from openpyxl import load_workbook

from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans import services as plan_services
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.selectors import plan_draft
from teilhabe.plans.models import Edition, Goal, Measure, StatusOption
from tests.exchange.conftest import db_state


def workbook_values(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def without_ids(values: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """The workbook without the columns that identify measures of one database (ID, Version)."""
    rows = values["Maßnahmen"]
    keep = [i for i, name in enumerate(rows[0]) if name not in ("ID", "Version")]
    return {**values, "Maßnahmen": [tuple(r[i] for i in keep) for r in rows]}


def anonymous(measures: list[Any]) -> list[Any]:
    return [dataclasses.replace(m, id=None, version=None) for m in measures]


def import_bytes(data: bytes, filename: str, municipality: Any, actor: Any, plan_title: str = "") -> Edition:
    draft = exchange.read_file(data, filename)
    with municipality_scope(municipality):
        target = exchange.resolve_target(municipality=municipality, edition=None, plan_title=plan_title,
                                         draft=draft)
        return exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target).edition


def test_xlsx_round_trip_gives_the_same_plan(rich_edition, empty_municipality, empty_actor):
    first = exchange.export_plan(rich_edition)
    imported = import_bytes(first, "plan.xlsx", empty_municipality, empty_actor)
    with municipality_scope(empty_municipality):
        second = exchange.export_plan(imported)

        assert without_ids(workbook_values(second)) == without_ids(workbook_values(first))
        imported_measures = plan_draft(imported).measures
    assert anonymous(imported_measures) == anonymous(plan_draft(rich_edition).measures)
    with municipality_scope(empty_municipality):
        assert [f.title for f in imported.fields.order_by("position")] == [
            "Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]
        copied = Measure.objects.get(edition=imported, title="Berufssprachkurse")
        assert copied.lead_org_unit.parent.name == "Dezernat III"
        assert copied.lead_org_unit.short_name == "AI"
        assert copied.partner_organisations.get().kind == Organisation.Kind.EDUCATION
        assert str(copied.cost_estimate) == "12500.50"
        assert copied.is_key_project and copied.status.label == "in Umsetzung"
        assert Goal.objects.get(edition=imported, title="Betriebe gewinnen").parent.title == "Ausbildung sichern"


def test_xlsx_rows_carry_every_column(rich_edition):
    rows = workbook_values(exchange.export_plan(rich_edition))["Maßnahmen"]
    header = rows[0]
    berufs = dict(zip(header, next(r for r in rows if r[header.index("Maßnahme")] == "Berufssprachkurse"),
                      strict=True))
    assert berufs["Nr."] == "2.1"
    assert berufs["Ziel"] == "Ausbildung sichern\nAusbildung sichern > Betriebe gewinnen"
    assert berufs["Federführung"] == "Abteilung Integration"
    assert berufs["Partner"] == "Dezernat III; Volkshochschule"
    assert berufs["Zielgruppen"] == "Eltern; Geflüchtete"
    assert berufs["Beginn"].date().isoformat() == "2025-03-01"
    assert berufs["Kosten"] == 12500.5
    assert berufs["Schlüsselprojekt"] == "ja"
    assert berufs["Indikatoren"] == "Teilnehmende; Abschlüsse"
    jobmesse = next(r for r in rows if r[header.index("Maßnahme")] == "Jobmesse")
    assert jobmesse[header.index("Ende")] == "laufend"


def test_json_round_trip_gives_the_same_document(rich_edition, municipality, coord_actor, empty_municipality,
                                                 empty_actor):
    # A status word of the source's own scheme travels with the JSON file and is created on import.
    plan_services.create_status_option(actor=coord_actor, municipality=municipality, label="Ampel gelb",
                                       normalised="in_progress", colour="#b45309")
    measure = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                 values={"status": StatusOption.objects.get(municipality=municipality,
                                                                            label="Ampel gelb")})
    first = json.loads(exchange.export_plan_json(rich_edition))
    assert first["format"] == "teilhabe-plan" and first["version"] == 1

    imported = import_bytes(json.dumps(first).encode(), "plan.json", empty_municipality, empty_actor)
    with municipality_scope(empty_municipality):
        second = json.loads(exchange.export_plan_json(imported))
        for document in (first, second):
            document.pop("exported_at")
            document.pop("source")
        assert second == first
        assert imported.plan.title == "Kommunaler Integrationsplan"
        assert OrgUnit.objects.get(municipality=empty_municipality, name="Abteilung Integration").kind == "abteilung"


def test_export_then_import_into_the_same_edition_changes_nothing(rich_edition, municipality, coord_actor):
    data = exchange.export_plan(rich_edition)
    before = db_state(municipality)
    draft = exchange.read_file(data, "plan.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=rich_edition))
    assert preview.ok
    assert preview.measures == [] and preview.updates == [] and preview.conflicts == []
    assert len(preview.unchanged) == Measure.objects.filter(edition=rich_edition).count()
    assert preview.new_fields == [] and preview.new_goals == [] and preview.new_org_units == []
    assert db_state(municipality) == before


def test_sheet_without_ids_into_the_same_edition_is_refused(rich_edition, municipality, coord_actor):
    data = exchange.export_plan(rich_edition)
    workbook = load_workbook(io.BytesIO(data))
    workbook["Maßnahmen"].delete_cols(1)  # the ID column
    buffer = io.BytesIO()
    workbook.save(buffer)
    draft = exchange.read_file(buffer.getvalue(), "plan.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=rich_edition))
    assert not preview.ok
    assert "Die Maßnahme „Mama lernt Deutsch“ gibt es im Handlungsfeld „Bildung und Sprachförderung“ dieser " \
           "Ausgabe schon." in [p.message for p in preview.problems.items]


def test_template_has_header_hints_and_validations(municipality, plan):
    data = exchange.template_xlsx(municipality)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[:2] == ["Maßnahmen", "Hinweise"]
    header = [c.value for c in workbook["Maßnahmen"][1]]
    for column in ("Handlungsfeld", "Ziel", "Maßnahme", "Beschreibung", "Federführung", "Partner", "Zielgruppen",
                   "Beginn", "Ende", "Kosten", "Finanzierung", "Schlüsselprojekt", "Status", "Indikatoren"):
        assert column in header
    hints = [r for r in workbook["Hinweise"].iter_rows(values_only=True)]
    assert "geplant" in [r[4] for r in hints]
    assert any(r[0] == "Ziel" and " > " in r[2] for r in hints)
    validations = workbook["Maßnahmen"].data_validations.dataValidation
    formulas = {v.formula1 for v in validations}
    assert '"ja,nein"' in formulas
    assert any("Hinweise" in f for f in formulas)
    # The template itself imports as "no measures" – a clear message, not a crash.
    draft = exchange.read_file(data, "vorlage.xlsx")
    assert draft.problems.items[0].message.startswith("Die Tabelle enthält keine Maßnahmen")


def test_documented_json_example_imports(empty_municipality, empty_actor):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "plan-exchange.md").read_text(encoding="utf-8")
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    edition = import_bytes(example.encode(), "beispiel.json", empty_municipality, empty_actor)
    measure = Measure.objects.get(edition=edition)
    assert measure.status.label == "in Umsetzung" and measure.lead_org_unit.parent.name == "Dezernat III"
    assert StatusOption.objects.filter(municipality=empty_municipality, label="Ampel grün").exists()
    assert edition.plan.goal_level_names == ["Leitziel", "Teilziel", "Handlungsziel"]


def test_control_characters_do_not_break_the_export(coord_actor, own_measure):
    # Services refuse control characters now (teilhabe.core.cleaning); older rows may still hold them.
    Measure.objects.filter(pk=own_measure.pk).update(description="Zeile\x0bmit Steuerzeichen", title="=SUMME(A1)")
    rows = workbook_values(exchange.export_plan(own_measure.edition))["Maßnahmen"]
    header = rows[0]
    exported = next(r for r in rows if r[header.index("Maßnahme")] == "=SUMME(A1)")
    assert exported[header.index("Beschreibung")] == "Zeilemit Steuerzeichen"
