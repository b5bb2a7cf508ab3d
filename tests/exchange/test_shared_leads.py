"""Shared leads (gemeinsame Federführung) in the exchange: a real city's "Federführung" cell imports, the
export writes every lead and the note, and the round trip is stable (XLSX and JSON)."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from teilhabe.core import services as core_services
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans import services as plan_services
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.values import LeadName, split_leads
from teilhabe.plans.models import Measure
from tests.exchange.conftest import HEADER, row, xlsx_bytes
from tests.exchange.test_update_roundtrip import edit

CELL = "Amt für Schule und Bildung (bildungs- und kommunalpolitische Steuerung); initiiert vom Bildungsbüro"


def test_the_real_cell_imports_with_contact_co_lead_and_note(edition, municipality, coord_actor, other_amt):
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Bildungsmonitoring", lead=CELL)])
    draft = exchange.read_file(data, "liste.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=edition))
    assert preview.ok, [str(p) for p in preview.problems.items]
    assert other_amt.name == "Amt für Schule und Bildung" and preview.new_org_units == []
    assert [a.name for a in preview.new_organisations] == ["Bildungsbüro"]
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                         target=exchange.Target(edition=edition))
    measure = Measure.objects.get(edition=edition, title="Bildungsmonitoring")
    assert measure.lead_org_unit == other_amt
    assert [o.name for o in measure.co_lead_organisations.all()] == ["Bildungsbüro"]
    assert measure.responsibility_note == CELL
    assert measure.lead_names == "Amt für Schule und Bildung; Bildungsbüro"


def test_split_leads_keeps_names_with_und_and_sets_role_phrases_apart():
    assert split_leads(CELL) == ([
        LeadName(full="Amt für Schule und Bildung (bildungs- und kommunalpolitische Steuerung)",
                 name="Amt für Schule und Bildung"),
        LeadName(full="Bildungsbüro", name="Bildungsbüro")], True)
    leads, role = split_leads("Kinder- und Jugendamt\ngemeinsam mit der Caritas; in Kooperation mit VHS;"
                              " unterstützt von Diakonie; in Zusammenarbeit mit AWO")
    assert [x.name for x in leads] == ["Kinder- und Jugendamt", "Caritas", "VHS", "Diakonie", "AWO"] and role
    assert split_leads("Amt A; Amt B") == ([LeadName("Amt A", "Amt A"), LeadName("Amt B", "Amt B")], False)


def test_a_known_name_with_a_parenthetical_is_kept(edition, municipality, coord_actor):
    unit = core_services.create_org_unit(actor=coord_actor, municipality=municipality,
                                         name="Amt für Soziales (Sozialamt)", kind=OrgUnit.Kind.AMT)
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Sozialberatung",
                           lead="Amt für Soziales (Sozialamt)")])
    draft = exchange.read_file(data, "liste.xlsx")
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                         target=exchange.Target(edition=edition))
    measure = Measure.objects.get(edition=edition, title="Sozialberatung")
    assert measure.lead_org_unit == unit and measure.responsibility_note == ""


def _with_shared_leads(edition, municipality, coord_actor) -> Measure:
    """Mama lernt Deutsch led by the Amt für Schule und Bildung (the shared plan's office) with the
    Bildungsbüro as co-lead, and the real cell as the note."""
    schule = OrgUnit.objects.get(municipality=municipality, name="Amt für Schule und Bildung")
    buero = core_services.create_organisation(actor=coord_actor, municipality=municipality, name="Bildungsbüro",
                                              kind=Organisation.Kind.OTHER)
    measure = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    return plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                        values={"lead_org_unit": schule, "lead_organisation": None,
                                                "co_lead_org_units": [], "co_lead_organisations": [buero],
                                                "responsibility_note": CELL})


def test_export_writes_all_leads_and_the_note_and_the_round_trip_is_stable(edition, municipality, coord_actor):
    measure = _with_shared_leads(edition, municipality, coord_actor)
    data = exchange.export_plan(edition)
    ws = load_workbook(io.BytesIO(data))["Maßnahmen"]
    header = [c.value for c in ws[1]]
    exported = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[header.index("Maßnahme")] ==
                    measure.title)
    assert exported[header.index("Federführung")] == "Amt für Schule und Bildung; Bildungsbüro"
    assert exported[header.index("Anmerkung zur Zuständigkeit")] == CELL
    draft = exchange.read_file(data, "liste.xlsx")
    target = exchange.resolve_target(municipality=municipality, edition=None, plan_title="", draft=draft)
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    assert preview.ok and not preview.updates and not preview.measures
    # a co-lead added in Excel is an update of the leads
    changed = edit(data, {measure.title: {"Federführung": "Amt für Schule und Bildung; Bildungsbüro; Verein A"}})
    draft = exchange.read_file(changed, "liste.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    [update] = preview.updates
    assert [(r.label, r.old, r.new) for r in update.rows] == [
        ("Gemeinsame Federführung (Organisationen)", "Bildungsbüro", "Bildungsbüro, Verein A")]
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    measure.refresh_from_db()
    assert measure.lead_names == "Amt für Schule und Bildung; Bildungsbüro; Verein A"
    assert measure.responsibility_note == CELL


def test_json_carries_co_leads_and_the_note(edition, municipality, coord_actor, empty_municipality, empty_actor):
    _with_shared_leads(edition, municipality, coord_actor)
    document = json.loads(exchange.export_plan_json(edition))
    entry = next(m for m in document["measures"] if m["title"] == "Mama lernt Deutsch")
    assert (entry["lead"], entry["co_leads"], entry["responsibility_note"]) == (
        "Amt für Schule und Bildung", ["Bildungsbüro"], CELL)
    draft = exchange.read_file(json.dumps(document).encode(), "plan.json")
    from teilhabe.core.tenancy import municipality_scope
    with municipality_scope(empty_municipality):
        target = exchange.resolve_target(municipality=empty_municipality, edition=None, plan_title="", draft=draft)
        imported = exchange.import_plan(actor=empty_actor, municipality=empty_municipality, draft=draft,
                                        target=target).edition
        copy = Measure.objects.get(edition=imported, title="Mama lernt Deutsch")
        assert copy.lead_names == "Amt für Schule und Bildung; Bildungsbüro" and copy.responsibility_note == CELL


def test_header_constant_is_still_importable():
    assert "Federführung" in HEADER
