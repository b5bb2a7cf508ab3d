"""Excel round trip for updates: export → change in Excel (openpyxl here) → import updates the measures by ID,
through update_measure (history, version check); conflicts are listed and skipped; bad IDs are refused."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from teilhabe.core import audit, display
from teilhabe.core.models import AuditEntry, OrgUnit
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans import services as plan_services
from teilhabe.plans.editions.copy import start_new_edition
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.problems import ImportRefused
from teilhabe.plans.models import Edition, FieldOfAction, Measure, StatusOption
from tests.conftest import build_small_plan
from tests.exchange.conftest import db_state


def edit(data: bytes, changes: Mapping[str, Mapping[str, Any]] | None = None,
         new_rows: list[Mapping[str, Any]] | None = None, copy_row: str = "") -> bytes:
    """The exported workbook with cells changed in the rows of measures named by title ({title: {header: value}}),
    rows appended ({header: value}) and optionally one row duplicated."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["Maßnahmen"]
    header = [c.value for c in ws[1]]
    title_col = header.index("Maßnahme")
    rows = {row[title_col].value: row for row in ws.iter_rows(min_row=2)}
    for title, cells in (changes or {}).items():
        for name, value in cells.items():
            rows[title][header.index(name)].value = value
    if copy_row:
        ws.append([c.value for c in rows[copy_row]])
    for values in new_rows or []:
        ws.append([values.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview_of(data: bytes, municipality: Any, actor: Any) -> Any:
    draft = exchange.read_file(data, "liste.xlsx")
    target = exchange.resolve_target(municipality=municipality, edition=None, plan_title="", draft=draft)
    return draft, target, exchange.preview_import(actor=actor, municipality=municipality, draft=draft, target=target)


def problems(preview: Any) -> list[str]:
    return [str(p) for p in preview.problems.items]


def row_of(data: bytes, title: str) -> int:
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["Maßnahmen"]
    header = [c.value for c in ws[1]]
    return next(i for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2)
                if r[header.index("Maßnahme")] == title)


def test_export_change_import_updates_with_history_and_version_bump(rich_edition, municipality, coord_actor):
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    kurse = Measure.objects.get(edition=rich_edition, title="Berufssprachkurse")
    versions = {m.pk: m.version for m in Measure.objects.filter(edition=rich_edition)}
    data = edit(exchange.export_plan(rich_edition), {
        "Jobmesse": {"Status": "geplant", "Kosten": "18.000", "Ende": "31.12.2026"},
        "Berufssprachkurse": {"Beschreibung": "Kurse B1–C1, neu auch abends"},
    }, new_rows=[{"Handlungsfeld": "Ausbildung und Arbeitsmarkt", "Maßnahme": "Bewerbungstraining",
                  "Status": "in Umsetzung"}])
    before = db_state(municipality)
    draft, target, preview = preview_of(data, municipality, coord_actor)

    assert target.edition == rich_edition  # the edition the IDs belong to
    assert preview.ok and db_state(municipality) == before
    assert [m.title for m in preview.measures] == ["Bewerbungstraining"]
    updates = {u.measure.title: [(c.label, c.old, c.new) for c in u.rows] for u in preview.updates}
    assert updates == {
        "Berufssprachkurse": [("Beschreibung", "Kurse B1–C1\nmit Kinderbetreuung", "Kurse B1–C1, neu auch abends")],
        "Jobmesse": [("Ende", "–", "31. Dezember 2026"), ("Geschätzte Kosten (EUR)", "–", "18.000 €"),
                     ("Status", "in Umsetzung", "geplant")],
    }
    assert len(preview.unchanged) == Measure.objects.filter(edition=rich_edition).count() - 2

    result = exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target,
                                  expected_fingerprint=preview.fingerprint())
    assert (result.measure_count, result.update_count, result.skipped_count) == (1, 2, 0)
    jobmesse.refresh_from_db()
    kurse.refresh_from_db()
    assert jobmesse.status.label == "geplant" and str(jobmesse.cost_estimate) == "18000.00"
    assert jobmesse.version == versions[jobmesse.pk] + 1 and kurse.version == versions[kurse.pk] + 1
    assert [m.version for m in Measure.objects.filter(edition=rich_edition).exclude(pk__in=[jobmesse.pk, kurse.pk])
            .exclude(title="Bewerbungstraining")] == [
        versions[m.pk] for m in Measure.objects.filter(edition=rich_edition)
        .exclude(pk__in=[jobmesse.pk, kurse.pk]).exclude(title="Bewerbungstraining")]
    entry = audit.history_of(jobmesse).filter(action=AuditEntry.Action.UPDATE).get()
    assert sorted(entry.changes) == ["cost_estimate", "end_date", "status"]
    assert entry.changes["status"] == ["in Umsetzung", "geplant"]
    assert display.as_decimal(entry.changes["cost_estimate"][1]) == 18000
    assert entry.actor_id == coord_actor.user_id and entry.version == jobmesse.version
    created = Measure.objects.get(title="Bewerbungstraining")
    assert created.edition == rich_edition and created.status.label == "in Umsetzung"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, object_id=rich_edition.pk).get().changes[
        "geaendert"] == [None, 2]


def test_conflict_with_a_newer_edit_is_listed_and_skipped(rich_edition, municipality, coord_actor, koordination):
    data = exchange.export_plan(rich_edition)
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    # Someone else changes the measure between export and import, through the service.
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    changed = edit(data, {"Jobmesse": {"Status": "umgesetzt"},
                          "Berufssprachkurse": {"Status": "umgesetzt"}})
    draft, target, preview = preview_of(changed, municipality, coord_actor)

    assert preview.ok
    [conflict] = preview.conflicts
    assert conflict.measure == jobmesse and conflict.draft.ref.row == row_of(changed, "Jobmesse")
    [entry] = conflict.entries
    assert entry.who == koordination.get_username()
    assert [(r.label, r.old, r.new) for r in entry.rows] == [("Finanzierung", "–", "Bundesprogramm")]
    # what the sheet would change, including undoing the other person's edit: not applied
    assert {(r.label, r.old, r.new) for r in conflict.rows} == {
        ("Status", "in Umsetzung", "umgesetzt"), ("Finanzierung", "Bundesprogramm", "–")}
    assert [u.measure.title for u in preview.updates] == ["Berufssprachkurse"]

    result = exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target,
                                  expected_fingerprint=preview.fingerprint())
    assert (result.update_count, result.skipped_count) == (1, 1)
    jobmesse.refresh_from_db()
    assert jobmesse.funding == "Bundesprogramm" and jobmesse.status.label == "in Umsetzung"
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "umgesetzt"


def test_an_edit_after_the_preview_applies_nothing(rich_edition, municipality, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Berufssprachkurse": {"Status": "umgesetzt"},
                                                     "Jobmesse": {"Status": "umgesetzt"}})
    draft, target, preview = preview_of(data, municipality, coord_actor)
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    before = db_state(municipality)
    with pytest.raises(exchange.PreviewOutdated) as outdated:
        exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target,
                             expected_fingerprint=preview.fingerprint())
    assert [c.measure.title for c in outdated.value.preview.conflicts] == ["Jobmesse"]
    assert db_state(municipality) == before
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "in Umsetzung"


def assert_refused(data: bytes, municipality: Any, actor: Any, expected: str) -> None:
    """The preview names the problem; the import writes nothing."""
    before = db_state(municipality)
    draft, target, preview = preview_of(data, municipality, actor)
    assert expected in problems(preview), problems(preview)
    with pytest.raises(ImportRefused):
        exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target)
    assert db_state(municipality) == before


def test_deleted_measure_id_is_named(rich_edition, municipality, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Berufssprachkurse": {"Status": "umgesetzt"}})
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    pk = jobmesse.pk
    plan_services.delete_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version)
    when = AuditEntry.objects.get(action=AuditEntry.Action.DELETE, object_type="plans.measure", object_id=pk).at
    assert_refused(data, municipality, coord_actor,
                   f"Zeile {row_of(data, 'Jobmesse')}, Spalte „ID“: Die Maßnahme „Jobmesse“ (ID {pk}) wurde am "
                   f"{display.format_date(timezone.localtime(when).date())} gelöscht. Lassen Sie die ID leer, um "
                   "sie neu anzulegen, oder entfernen Sie die Zeile.")
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "in Umsetzung"


def test_id_of_another_municipality_is_unknown(rich_edition, municipality, coord_actor, other_municipality,
                                               foreign_user):
    from teilhabe.core.roles import Actor, Role
    from tests.factories import OrganisationFactory, OrgUnitFactory

    foreign_actor = Actor(user_id=foreign_user.pk, municipality_id=other_municipality.pk, role=Role.KOORDINATION)
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Amt X")
        other = OrgUnitFactory(municipality=other_municipality, name="Amt Y")
        verein = OrganisationFactory(municipality=other_municipality, name="Verein Z")
    foreign_plan = build_small_plan(foreign_actor, other_municipality, amt, other, verein)
    with municipality_scope(other_municipality):
        secret = Measure.objects.filter(edition__plan=foreign_plan).order_by("pk").first()
        assert secret is not None
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {"ID": secret.pk, "Status": "umgesetzt"}})
    assert_refused(data, municipality, coord_actor,
                   f"Zeile {row_of(data, 'Jobmesse')}, Spalte „ID“: Unbekannte ID „{secret.pk}“. Lassen Sie die "
                   "Zelle leer, um eine neue Maßnahme anzulegen.")
    _draft, _target, preview = preview_of(data, municipality, coord_actor)
    assert not any(secret.title in message for message in problems(preview))


def test_id_of_another_edition_is_refused(rich_edition, municipality, coord_actor):
    data = exchange.export_plan(rich_edition)
    draft_edition = start_new_edition(actor=coord_actor, edition=rich_edition, name="Fortschreibung 2027")
    before = db_state(municipality)
    draft = exchange.read_file(edit(data, {"Jobmesse": {"Status": "umgesetzt"}}), "liste.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=draft_edition))
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    assert (f"Zeile {row_of(data, 'Jobmesse')}, Spalte „ID“: Die Maßnahme mit der ID {jobmesse.pk} gehört zu "
            f"„{rich_edition}“, nicht zu „{draft_edition}“, in die importiert wird. Importieren Sie die Datei in die "
            "Ausgabe, aus der sie exportiert wurde.") in problems(preview)
    with pytest.raises(ImportRefused):
        exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                             target=exchange.Target(edition=draft_edition))
    assert db_state(municipality) == before


def test_same_id_twice_is_refused(rich_edition, municipality, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {"Status": "umgesetzt"}}, copy_row="Jobmesse")
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    first = row_of(data, "Jobmesse")
    last = len(list(load_workbook(io.BytesIO(data))["Maßnahmen"].iter_rows()))
    assert_refused(data, municipality, coord_actor,
                   f"Zeile {last}, Spalte „ID“: Die ID {jobmesse.pk} steht doppelt in der Datei: Zeile {first} und "
                   f"Zeile {last}. Jede Maßnahme kann nur einmal geändert werden.")


@pytest.mark.parametrize(("version", "message"), [
    ("+5", "Die Version „{v}“ passt nicht zu dieser Maßnahme (aktueller Stand: {c}). Bitte übernehmen Sie die "
           "Spalte „Version“ unverändert aus dem Export."),
    ("drei", "„drei“ ist keine gültige Version. Bitte übernehmen Sie den Wert aus dem Export unverändert oder "
             "lassen Sie die Zelle leer."),
    (None, "Zur ID gehört die Version aus dem Export. Bitte übernehmen Sie die Spalte „Version“ unverändert."),
])
def test_changed_version_cell_is_refused(rich_edition, municipality, coord_actor, version, message):
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    value = jobmesse.version + 5 if version == "+5" else version
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {"Version": value, "Status": "umgesetzt"}})
    assert_refused(data, municipality, coord_actor, f"Zeile {row_of(data, 'Jobmesse')}, Spalte „Version“: "
                   + message.format(v=value, c=jobmesse.version))


def test_archived_edition_is_refused(rich_edition, municipality, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {"Status": "umgesetzt"}})
    plan_services.update_edition(actor=coord_actor, edition=rich_edition, expected_version=rich_edition.version,
                                 values={"status": Edition.Status.ARCHIVED})
    assert_refused(data, municipality, coord_actor,
                   "Diese Ausgabe ist archiviert und kann nicht mehr geändert werden.")


def test_unchanged_rows_are_shown_as_unchanged_and_write_nothing(rich_edition, municipality, coord_actor):
    data = exchange.export_plan(rich_edition)
    draft, target, preview = preview_of(data, municipality, coord_actor)
    assert preview.ok and not preview.updates and not preview.measures
    assert sorted(m.title for _d, m in preview.unchanged) == sorted(
        Measure.objects.filter(edition=rich_edition).values_list("title", flat=True))
    versions = list(Measure.objects.filter(edition=rich_edition).values_list("version", flat=True))
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    assert list(Measure.objects.filter(edition=rich_edition).values_list("version", flat=True)) == versions
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_type="plans.measure").exists()


def test_moving_a_measure_and_changing_its_lead(rich_edition, municipality, coord_actor):
    data = edit(exchange.export_plan(rich_edition), {"Jobmesse": {
        "Handlungsfeld": "Bildung und Sprachförderung", "Ziel": None, "Federführung": "Dezernat III",
        "Partner": "Volkshochschule"}})
    draft, target, preview = preview_of(data, municipality, coord_actor)
    [update] = preview.updates
    assert {(r.label, r.old, r.new) for r in update.rows} == {
        ("Handlungsfeld", "Ausbildung und Arbeitsmarkt", "Bildung und Sprachförderung"),
        ("Ziele", "Ausbildung sichern", "–"), ("Federführung (Verwaltung)", "–", "Dezernat III"),
        ("Federführung (Organisation)", "Volkshochschule", "–"), ("Partner (Organisationen)", "–", "Volkshochschule")}
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    assert jobmesse.field.title == "Bildung und Sprachförderung" and jobmesse.lead_org_unit.name == "Dezernat III"
    assert jobmesse.lead_organisation is None and list(jobmesse.goals.all()) == []


def test_preview_queries_do_not_grow_with_rows(edition, municipality, coord_actor):
    field = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")

    def queries_for_preview() -> tuple[int, int]:
        data = exchange.export_plan(edition)
        workbook = load_workbook(io.BytesIO(data))
        ws = workbook["Maßnahmen"]
        status_col = [c.value for c in ws[1]].index("Status")
        for row in ws.iter_rows(min_row=2):
            row[status_col].value = "umgesetzt"
        buffer = io.BytesIO()
        workbook.save(buffer)
        draft = exchange.read_file(buffer.getvalue(), "liste.xlsx")
        target = exchange.Target(edition=edition)
        with CaptureQueriesContext(connection) as context:
            preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                              target=target)
        assert preview.ok
        return len(context.captured_queries), len(preview.updates)

    small, small_rows = queries_for_preview()
    status = StatusOption.objects.get(municipality=municipality, label="geplant")
    plan_services.create_measures(actor=coord_actor, edition=edition, rows=[
        {"title": f"Maßnahme {i}", "field": field, "status": status, "position": 10 + i} for i in range(40)])
    large, large_rows = queries_for_preview()
    assert large_rows == small_rows + 40
    assert large == small


def test_command_applies_what_the_preview_shows_and_stops_on_conflicts(rich_edition, municipality, coord_actor,
                                                                       tmp_path: Path):
    out = io.StringIO()
    target = tmp_path / "heidelberg.xlsx"
    call_command("export_plan", "heidelberg", "--edition", str(rich_edition.pk), "-o", str(target), stdout=out)
    jobmesse = Measure.objects.get(edition=rich_edition, title="Jobmesse")
    target.write_bytes(edit(target.read_bytes(), {"Berufssprachkurse": {"Status": "umgesetzt"},
                                                  "Jobmesse": {"Status": "geplant"}}))
    plan_services.update_measure(actor=coord_actor, measure=jobmesse, expected_version=jobmesse.version,
                                 values={"funding": "Bundesprogramm"})
    before = db_state(municipality)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 Maßnahmen wurden seit dem Export geändert"):
        call_command("import_plan", "heidelberg", str(target), stdout=out, stderr=io.StringIO())
    printed = out.getvalue()
    assert f"Ziel: {rich_edition}" in printed
    assert "Geänderte Maßnahmen (1):" in printed and "      Status: in Umsetzung → umgesetzt" in printed
    assert "Konflikte (1)" in printed and "Finanzierung: – → Bundesprogramm" in printed
    assert db_state(municipality) == before

    out = io.StringIO()
    call_command("import_plan", "heidelberg", str(target), "--skip-conflicts", stdout=out, stderr=io.StringIO())
    assert "Import abgeschlossen: 0 Maßnahmen" in out.getvalue() and "1 geändert, 1 Konflikte ausgelassen" in \
        out.getvalue()
    assert Measure.objects.get(edition=rich_edition, title="Berufssprachkurse").status.label == "umgesetzt"
    assert Measure.objects.get(edition=rich_edition, title="Jobmesse").status.label == "in Umsetzung"


def test_meinten_sie_offers_the_existing_name(edition, municipality, coord_actor, tmp_path: Path):
    from teilhabe.core import services as core_services
    from tests.exchange.conftest import row, xlsx_bytes

    jugendamt = core_services.create_org_unit(actor=coord_actor, municipality=municipality,
                                              name="Kinder- und Jugendamt", kind=OrgUnit.Kind.AMT)
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Ferienprogramm", lead="Kinder und Jugendamt"),
                       row(feld="Bildung und Sprachförderung", titel="Elterncafé", partner="kinder und Jugendamt")])
    draft = exchange.read_file(data, "liste.xlsx")
    target = exchange.Target(edition=edition)
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft, target=target)
    [suggestion] = preview.suggestions
    assert (suggestion.name, suggestion.existing, suggestion.rows) == (
        "Kinder und Jugendamt", jugendamt, "Zeile 2, Zeile 3")
    assert preview.new_org_units == [] and preview.new_organisations == []
    assert suggestion.options[0] == ("existing", "„Kinder- und Jugendamt“ verwenden (Amt / Fachbereich)")

    # The command lists the suggestion and stops; with --accept-suggestions it uses the existing office.
    path = tmp_path / "liste.xlsx"
    path.write_bytes(data)
    before = db_state(municipality)
    out = io.StringIO()
    with pytest.raises(CommandError, match="--accept-suggestions"):
        call_command("import_plan", "heidelberg", str(path), stdout=out, stderr=io.StringIO())
    assert "„Kinder und Jugendamt“ (Zeile 2, Zeile 3) → „Kinder- und Jugendamt“ (Amt / Fachbereich)" in out.getvalue()
    assert db_state(municipality) == before
    call_command("import_plan", "heidelberg", str(path), "--accept-suggestions", stdout=io.StringIO())
    assert Measure.objects.get(edition=edition, title="Ferienprogramm").lead_org_unit == jugendamt
    assert list(Measure.objects.get(edition=edition, title="Elterncafé").partner_org_units.all()) == [jugendamt]
    assert OrgUnit.objects.filter(municipality=municipality, name__icontains="jugendamt").count() == 1


def test_meinten_sie_can_create_a_new_one_of_a_chosen_kind(edition, municipality, coord_actor):
    from teilhabe.core import services as core_services
    from teilhabe.core.models import Organisation
    from tests.exchange.conftest import row, xlsx_bytes

    core_services.create_organisation(actor=coord_actor, municipality=municipality, name="Caritasverband Heidelberg",
                                      kind=Organisation.Kind.WELFARE)
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Sprachpaten",
                           lead="Caritasverband Heidelberg-Süd")])
    draft = exchange.read_file(data, "liste.xlsx")
    target = exchange.Target(edition=edition)
    [suggestion] = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                           target=target).suggestions
    assert suggestion.existing.name == "Caritasverband Heidelberg"
    choices = {"caritasverband heidelberg-süd": "org:association"}
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft, target=target,
                                      choices=choices)
    assert [(a.name, a.kind_label) for a in preview.new_organisations] == [("Caritasverband Heidelberg-Süd", "Verein")]
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft, target=target, choices=choices)
    lead = Measure.objects.get(edition=edition, title="Sprachpaten").lead_organisation
    assert (lead.name, lead.kind) == ("Caritasverband Heidelberg-Süd", Organisation.Kind.ASSOCIATION)
