"""The monitoring's commands: import-indicator, define-rate, export-indicator, and the round trip (tidy CSV out
means the same as tidy CSV in)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.monitoring import services
from teilhabe.monitoring.exchange import tidy_csv
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation, Unit
from teilhabe.monitoring.series import values_of

from .conftest import row

FILES = Path(__file__).parent / "files"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str, name: str = "werte.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_creates_the_indicator_with_name_and_unit(municipality: Municipality, tmp_path: Path) -> None:
    path = write(tmp_path, "Year,Geschlecht,Value\n2020,,160000\n2020,weiblich,82000\n2020,männlich,78000\n")
    with pytest.raises(CommandError, match="Mit --name NAME"):
        run("import_indicator", "heidelberg", "einwohner", path)
    with pytest.raises(CommandError, match="Einheit „Leute“ ist unbekannt"):
        run("import_indicator", "heidelberg", "einwohner", path, "--name", "Einwohner", "--unit", "Leute")
    out, _ = run("import_indicator", "heidelberg", "einwohner", path, "--name", "Einwohner", "--unit", "Personen",
                 "--source", "Statistisches Landesamt")
    assert "3 Messwerte in „Einwohner“ (neu angelegt)" in out
    indicator = Indicator.objects.get(key="einwohner")
    assert (indicator.unit, indicator.unit_label, indicator.dimensions) == (Unit.COUNT, "Personen", ["sex"])
    assert set(Observation.objects.values_list("source", flat=True)) == {"Statistisches Landesamt"}


def test_import_stops_at_errors_and_unaccepted_warnings(population: Indicator, tmp_path: Path) -> None:
    bad = write(tmp_path, "Year,Value\n2020,1\n2021,viele\n")
    with pytest.raises(CommandError, match="1 Fehler"):
        run("import_indicator", "heidelberg", "einwohner", bad)
    parts = write(tmp_path, "Year,Geschlecht,Value\n2020,,10\n2020,w,4\n2020,m,5\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 Warnungen"):
        call_command("import_indicator", "heidelberg", "einwohner", parts, stdout=io.StringIO(), stderr=err)
    assert "Warnung: Zeile 2, Spalte Value: Die Teile ergeben nicht die Summe" in err.getvalue()
    assert not Observation.objects.exists()
    out, _ = run("import_indicator", "heidelberg", "einwohner", parts, "--accept-warnings")
    assert "Import abgeschlossen: 3 Messwerte" in out
    assert len(ImportBatch.objects.get().accepted_warnings) == 1


def test_unknown_municipality_indicator_or_file(population: Indicator, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Kommune „nirgendwo“"):
        run("import_indicator", "nirgendwo", "einwohner", write(tmp_path, "Year,Value\n2020,1\n"))
    with pytest.raises(CommandError, match="gibt es nicht"):
        run("import_indicator", "heidelberg", "einwohner", str(tmp_path / "fehlt.csv"))
    with pytest.raises(CommandError, match="„gibtsnicht“ gibt es in Heidelberg nicht"):
        run("export-indicator".replace("-", "_"), "heidelberg", "gibtsnicht")


def test_a_genesis_file_by_command(population: Indicator) -> None:
    out, err = run("import_indicator", "heidelberg", "einwohner", str(FILES / "genesis_12411_heidelberg.csv"),
                   "--format", "genesis")
    assert "GENESIS" in out and "Hinweis" in err
    assert Observation.objects.filter(period="2020-12-31").count() == 3


def test_define_rate_and_export(coord_actor: Actor, stat_actor: Actor, population: Indicator,
                                foreigners: Indicator) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="p", rows=[
        row("2020", 1000), row("2020", 500, {"sex": "female"})])
    services.write_observations(actor=stat_actor, indicator=foreigners, label="f", rows=[
        row("2020", 175), row("2020", 100, {"sex": "female"})])
    out, _ = run("define_rate", "heidelberg", "auslaenderanteil", "--numerator", "auslaender", "--denominator",
                 "einwohner", "--per", "100", "--name", "Ausländeranteil")
    assert "Ausländeranteil" in out
    out, _ = run("export_indicator", "heidelberg", "auslaenderanteil")
    assert out == "Year,Geschlecht,Units,Value\n2020,,%,17.5\n2020,weiblich,%,20\n"
    with pytest.raises(CommandError, match="je 100"):
        run("define_rate", "heidelberg", "x", "--numerator", "auslaender", "--denominator", "einwohner", "--per", "7",
            "--name", "X")


@pytest.mark.parametrize("breakdowns", [False, True], ids=["counts", "by_sex"])
def test_tidy_csv_out_imports_into_an_empty_municipality_as_the_same_series(
        breakdowns: bool, stat_actor: Actor, population: Indicator, other_municipality: Municipality,
        tmp_path: Path) -> None:
    rows = [row("2019", 158741), row("2020", 160355, flag="p"), row("2021", 161485.5)]
    if breakdowns:
        rows += [row("2019", 80000, {"sex": "female"}), row("2019", 78741, {"sex": "male"}),
                 row("2020", 81000, {"sex": "female"}), row("2020", 79355, {"sex": "male"})]
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=rows)
    out, _ = run("export_indicator", "heidelberg", "einwohner")
    path = write(tmp_path, out)
    run("import_indicator", "herdecke", "einwohner", path, "--name", population.name, "--unit", "Personen")
    original = values_of([population])[population.pk]
    with municipality_scope(other_municipality):
        copy = Indicator.objects.get(key="einwohner")
        copied = values_of([copy])[copy.pk]
        assert tidy_csv(copy) == out
        assert copy.dimensions == ["sex"]
    assert {k: [(p.period, p.value) for p in v] for k, v in copied.items()} == {
        k: [(p.period, p.value) for p in v] for k, v in original.items()}


def test_dry_run_checks_and_writes_nothing(population: Indicator, tmp_path: Path) -> None:
    out, _ = run("import_indicator", "heidelberg", "einwohner", write(tmp_path, "Year,Value\n2020,1\n"), "--dry-run")
    assert "Neu: 1, geändert: 0, unverändert: 0" in out and "Probelauf" in out
    assert not Observation.objects.exists()
