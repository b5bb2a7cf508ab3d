"""The preview lists exactly what will be created; the import then creates exactly that."""

from __future__ import annotations

from teilhabe.core.models import AuditEntry, Organisation, OrgUnit
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import FieldOfAction, Goal, Measure, TargetGroup
from tests.exchange.conftest import HEADER, db_state, row, xlsx_bytes

FIELD = "Bildung und Sprachförderung"


def test_preview_lists_creations_and_writes_nothing(municipality, coord_actor, edition):
    data = xlsx_bytes([
        row(feld=FIELD, titel="Lesepaten", ziel="Bildungschancen verbessern > Lesen fördern",
            lead="amt für chancengleichheit", partner="Stadtbibliothek; Fachbereich Jugend; Jobcenter; "
                                                     "Caritasverband e.V.; interkultureller verein",
            zielgruppen="Kinder; Eltern"),
        row(feld="Wohnen", titel="Wohnberatung", ziel="Wohnraum sichern", lead="Sozialamt", status="IN UMSETZUNG"),
    ])
    before = db_state(municipality)
    draft = exchange.read_file(data, "liste.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=edition))
    assert preview.ok, [str(p) for p in preview.problems.items]
    assert [f.title for f in preview.new_fields] == ["Wohnen"]
    assert [(g.field, g.label) for g in preview.new_goals] == [
        (FIELD, "Bildungschancen verbessern > Lesen fördern"), ("Wohnen", "Wohnraum sichern")]
    assert [(a.name, a.kind_label) for a in preview.new_org_units] == [
        ("Fachbereich Jugend", "Amt / Fachbereich"), ("Sozialamt", "Amt / Fachbereich")]
    assert [(a.name, a.kind_label) for a in preview.new_organisations] == [
        ("Stadtbibliothek", "Sonstige"), ("Jobcenter", "Behörde"), ("Caritasverband e.V.", "Wohlfahrtsverband")]
    assert preview.new_target_groups == ["Kinder", "Eltern"]
    assert preview.measure_count == 2
    assert db_state(municipality) == before

    result = exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                                  target=exchange.Target(edition=edition))
    assert result.measure_count == 2
    lesepaten = Measure.objects.get(edition=edition, title="Lesepaten")
    assert lesepaten.lead_org_unit.name == "Amt für Chancengleichheit"  # matched, not created again
    assert {o.name for o in lesepaten.partner_organisations.all()} == {
        "Stadtbibliothek", "Jobcenter", "Caritasverband e.V.", "Interkultureller Verein"}
    assert [u.name for u in lesepaten.partner_org_units.all()] == ["Fachbereich Jugend"]
    assert lesepaten.goals.get().parent.title == "Bildungschancen verbessern"
    assert Measure.objects.get(edition=edition, title="Wohnberatung").status.label == "in Umsetzung"
    assert FieldOfAction.objects.filter(edition=edition).count() == 3
    assert set(TargetGroup.objects.of(municipality).values_list("name", flat=True)) == {"Kinder", "Eltern"}
    # every object was written through the audited services, plus one entry for the import itself
    assert AuditEntry.objects.filter(municipality=municipality, action="import").count() == 1
    assert AuditEntry.objects.filter(municipality=municipality, object_type="plans.measure",
                                     object_id=lesepaten.pk, action="create").exists()


def test_actors_sheet_decides_kind_and_hierarchy(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", lead="Team Integration", partner="Moscheegemeinde Nord")],
                      extra_sheets={"Beteiligte": [
                          ["Name", "Bereich", "Art", "Übergeordnet"],
                          ["Team Integration", "Verwaltung", "Abteilung / Sachgebiet", "Dezernat II"],
                          ["Dezernat II", "Verwaltung", "Dezernat", ""],
                          ["Moscheegemeinde Nord", "Organisation", "Religionsgemeinschaft", ""],
                      ]})
    draft = exchange.read_file(data, "liste.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=edition))
    assert [a.name for a in preview.new_org_units] == ["Dezernat II", "Team Integration"]
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                         target=exchange.Target(edition=edition))
    team = OrgUnit.objects.get(municipality=municipality, name="Team Integration")
    assert team.kind == "abteilung" and team.parent.name == "Dezernat II"
    assert Organisation.objects.get(municipality=municipality, name="Moscheegemeinde Nord").kind == "religious"


def test_new_plan_is_never_named_after_the_file(empty_municipality, empty_actor):
    # A file "in.xlsx" once created a plan called "in": the name comes from the user or the file's own metadata.
    data = xlsx_bytes([row(feld="Sprache", titel="Sprachcafé", status="geplant")])
    draft = exchange.read_file(data, "in.xlsx")
    target = exchange.resolve_target(municipality=empty_municipality, edition=None, plan_title="", draft=draft)
    assert target.new_plan_title == ""
    preview = exchange.preview_import(actor=empty_actor, municipality=empty_municipality, draft=draft, target=target)
    assert [str(p) for p in preview.problems.items] == [
        "Bitte geben Sie den Namen des Plans an; die Datei nennt keinen."]
    named = exchange.resolve_target(municipality=empty_municipality, edition=None,
                                    plan_title="Integrationskonzept 2026", draft=draft)
    result = exchange.import_plan(actor=empty_actor, municipality=empty_municipality, draft=draft, target=named)
    assert result.edition.plan.title == "Integrationskonzept 2026"
    # importing again under that name resolves to the plan's working edition
    again = exchange.resolve_target(municipality=empty_municipality, edition=None,
                                    plan_title="Integrationskonzept 2026", draft=draft)
    assert again.edition == result.edition


def test_exported_sheet_names_its_plan(rich_edition, empty_municipality):
    draft = exchange.read_file(exchange.export_plan(rich_edition), "in.xlsx")
    assert (draft.title, draft.edition_name, draft.goal_level_names) == (
        "Kommunaler Integrationsplan", "Erste Ausgabe", rich_edition.plan.goal_level_names)
    target = exchange.resolve_target(municipality=empty_municipality, edition=None, plan_title="", draft=draft)
    assert target.new_plan_title == "Kommunaler Integrationsplan"


def test_header_is_case_and_order_tolerant(municipality, coord_actor, edition):
    header = ["  maßnahme ", "HANDLUNGSFELD", "Schluesselprojekt", "Gender / Diversity", "Nr", "Links", "Notizen"]
    data = xlsx_bytes([["Kurs", FIELD, "ja", "für alle", "7", "https://a.example; https://b.example", "x"]],
                      header=header)
    draft = exchange.read_file(data, "liste.xlsx")
    assert not draft.problems
    measure = draft.measures[0]
    assert (measure.title, measure.field, measure.key_project, measure.gender_diversity, measure.reference) == (
        "Kurs", FIELD, True, "für alle", "7")
    assert measure.links == ["https://a.example", "https://b.example"]
    assert draft.warnings == ["Die Spalte „Notizen“ (Blatt „Maßnahmen“) ist unbekannt und wird nicht eingelesen."]


def test_2000_rows_import(empty_municipality, empty_actor):
    rows = [row(feld=f"Feld {i % 10}", titel=f"Maßnahme {i}", ziel=f"Leitziel {i % 10} > Teilziel {i % 50}",
                lead=f"Amt {i % 20}", partner=f"Verein {i % 30}; Amt {(i + 1) % 20}", zielgruppen="Kinder; Eltern",
                beginn="01.01.2026", ende="laufend", kosten="1.000", schluessel="nein", status="geplant",
                indikatoren="Teilnehmende") for i in range(2000)]
    data = xlsx_bytes(rows, header=HEADER)
    draft = exchange.read_file(data, "gross.xlsx")
    target = exchange.resolve_target(municipality=empty_municipality, edition=None, plan_title="Groß", draft=draft)
    result = exchange.import_plan(actor=empty_actor, municipality=empty_municipality, draft=draft, target=target)
    assert result.measure_count == 2000
    assert Goal.objects.filter(edition=result.edition).count() == 60


def test_header_may_sit_below_a_title_row(municipality, coord_actor, edition):
    data = xlsx_bytes([[None], ["Handlungsfeld", "Maßnahme", "Ende"], [FIELD, "Kurs", "laufend"]],
                      header=["Maßnahmenliste der Stadt Heidelberg, Stand 2025"])
    draft = exchange.read_file(data, "liste.xlsx")
    assert not draft.problems
    assert [(m.ref.row, m.title, m.end) for m in draft.measures] == [(4, "Kurs", None)]
