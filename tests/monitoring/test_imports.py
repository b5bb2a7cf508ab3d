"""Loading data: tidy CSV, GENESIS flat files and XLSX, each check a statistician expects, all-or-nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import imports, services
from teilhabe.monitoring.imports import Options, read_file
from teilhabe.monitoring.imports.values import not_a_number, unit_of
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation, Unit

from .conftest import row

FILES = Path(__file__).parent / "files"


def read(indicator: Indicator, municipality: Municipality, text: str | bytes, **kwargs):  # type: ignore[no-untyped-def]
    data = text.encode() if isinstance(text, str) else text
    return read_file(data, indicator=indicator, municipality=municipality, **kwargs)


def messages(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.message for p in problems]


def where(problems) -> list[tuple[int | None, str]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.column) for p in problems]


# --- formats ----------------------------------------------------------------------------------------

def test_tidy_csv_as_open_sdg_writes_it(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, (
        "Year,Geschlecht,Units,Value\n"
        "2020,,Personen,160000\n2020,weiblich,Personen,82000\n2020,männlich,Personen,78000\n"
        "2021,,Personen,161000\n"))
    assert parsed.ok and not parsed.warnings and parsed.file_format == "tidy_csv"
    assert [(r.period, dict(r.breakdown), r.value) for r in parsed.rows] == [
        ("2020", {}, Decimal(160000)), ("2020", {"sex": "female"}, Decimal(82000)),
        ("2020", {"sex": "male"}, Decimal(78000)), ("2021", {}, Decimal(161000))]
    assert parsed.dimensions == ["sex"] and parsed.unit_label == "Personen"


def test_tidy_csv_accepts_english_and_code_column_names_flags_and_semicolons(
        population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "year;SEX;Flag;value\n2020;female;p;1.234,5\n2021;w;;12\n")
    assert parsed.ok, messages(parsed.errors)
    assert [(r.period, r.breakdown_key, r.value, r.flag) for r in parsed.rows] == [
        ("2020", "sex=female", Decimal("1234.5"), "p"), ("2021", "sex=female", Decimal(12), "")]


def test_bom_stray_spaces_and_month_labels(population: Indicator, municipality: Municipality) -> None:
    data = "\ufeff Jahr , Geschlecht ,Wert \n Juni 2007 ,  Weiblich ,  1 200 \n06/2008,,5\n".encode()
    parsed = read(population, municipality, data)
    assert parsed.ok, messages(parsed.errors)
    assert [(r.period, r.breakdown_key, r.value) for r in parsed.rows] == [
        ("2007-06", "sex=female", Decimal(1200)), ("2008-06", "", Decimal(5))]


def test_windows_1252_is_read_with_a_warning(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Jahr;Geschlecht;Wert\n2020;männlich;5\n".encode("cp1252"))
    assert parsed.ok and parsed.rows[0].breakdown_key == "sex=male"
    assert "Windows-1252" in messages(parsed.warnings)[0]


def test_genesis_flat_file_with_special_values(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, (FILES / "genesis_12411_heidelberg.csv").read_bytes())
    assert parsed.file_format == "genesis"
    assert parsed.ok, messages(parsed.errors)
    assert not parsed.warnings, messages(parsed.warnings)
    got = {(r.period, r.breakdown_key): (r.value, r.flag) for r in parsed.rows}
    assert got[("2020-12-31", "")] == (Decimal(161485), "")  # e = endgültig: final, no flag
    assert got[("2020-12-31", "sex=female")] == (Decimal(84466), "")
    assert got[("2022-12-31", "")] == (Decimal(159245), "p")  # v = vorläufig
    assert got[("2022-12-31", "sex=male")] == (None, "s")  # . = geheim
    assert got[("2023-12-31", "")] == (None, "s")  # / = nicht sicher genug
    assert got[("2023-12-31", "sex=female")] == (Decimal(0), "")  # - = nichts vorhanden
    assert ("2022-12-31", "sex=female") not in got and ("2023-12-31", "sex=male") not in got  # … and x
    notes = " ".join(messages(parsed.notes))
    assert "„...“ (Angabe fällt später an)" in notes and "„x“" in notes


def test_genesis_new_ffcsv_layout(coord_actor: Actor, municipality: Municipality) -> None:
    foreign = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "auslaender", "name": "Ausländer", "dimensions": ["nationality"]})
    parsed = read(foreign, municipality, (FILES / "genesis_ffcsv_new_nationality.csv").read_bytes())
    assert parsed.ok, messages(parsed.errors)
    assert [(r.period, r.breakdown_key, r.value, r.flag) for r in parsed.rows] == [
        ("2022-12-31", "nationality=foreign", Decimal(31245), ""),
        ("2023-12-31", "nationality=foreign", Decimal(32110), "p")]
    assert parsed.unit_label == "Anzahl"


def test_genesis_region_of_another_municipality_is_a_warning_and_two_regions_an_error(
        population: Indicator, municipality: Municipality) -> None:
    head = ("Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
            "1_Auspraegung_Code;1_Auspraegung_Label;BEVSTD__Bevoelkerungsstand__Anzahl\n")
    line = "12411;Bev;STAG;Stichtag;31.12.2020;KREISE;Kreise;{code};{name};100\n"
    other = read(population, municipality, head + line.format(code="08222", name="Mannheim"))
    assert other.ok and "Mannheim" in messages(other.warnings)[0]
    both = read(population, municipality, head + line.format(code="08221", name="Heidelberg")
                + line.format(code="08222", name="Mannheim"))
    assert "mehrere Gebiete" in messages(both.errors)[0]


def test_genesis_attribute_we_do_not_break_down_by(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, (
        "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
        "1_Auspraegung_Code;1_Auspraegung_Label;BEVSTD__Bevoelkerungsstand__Anzahl\n"
        "12411;Bev;JAHR;Jahr;2020;FAMST;Familienstand;FAMST01;ledig;100\n"))
    assert "Familienstand" in messages(parsed.errors)[0] and where(parsed.errors) == [(2, "")]


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_in_the_tidy_layout(population: Indicator, municipality: Municipality) -> None:
    data = _xlsx([["Year", "Geschlecht", "Value"], [2020, None, 160000], [2020, "weiblich", 82000.5],
                  [2021, "männlich", "abc"]])
    parsed = read(population, municipality, data, filename="werte.xlsx")
    assert parsed.file_format == "xlsx"
    assert messages(parsed.errors) == [not_a_number("abc")] and where(parsed.errors) == [(4, "Value")]
    parsed = read(population, municipality, _xlsx([["Year", "Value"], [2020.0, 5], [2021, 1.234]]))
    assert [(r.period, r.value) for r in parsed.rows] == [("2020", Decimal(5)), ("2021", Decimal("1.234"))]


def test_a_csv_named_xlsx_and_a_broken_workbook(population: Indicator, municipality: Municipality) -> None:
    assert "keine Excel" in messages(read(population, municipality, "Year,Value\n", file_format="xlsx").errors)[0]
    broken = b"PK\x03\x04" + b"\x00" * 100
    assert messages(read(population, municipality, broken).errors)


# --- validation, each with its message -----------------------------------------------------------------

def test_non_numeric_values_name_line_and_column(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Value\n2020,160000\n2021,viele\n2022,\n2023,1e999999\n")
    assert where(parsed.errors) == [(3, "Value"), (4, "Value"), (5, "Value")]
    assert "„viele“ ist keine Zahl" in messages(parsed.errors)[0]
    assert "Der Wert fehlt" in messages(parsed.errors)[1]


def test_unknown_categories(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Geschlecht,Value\n2020,weiblich,1\n2020,Frauen*,2\n")
    assert where(parsed.errors) == [(3, "Geschlecht")]
    assert ("Unbekannte Kategorie „Frauen*“ für Geschlecht. Bekannt sind: weiblich, männlich"
            in parsed.errors.items[0].message)


def test_categories_of_the_municipality_and_their_aliases(coord_actor: Actor, municipality: Municipality,
                                                          stat_actor: Actor) -> None:
    pupils = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "kinder", "name": "Kinder", "dimensions": ["age"]})
    parsed = read(pupils, municipality, "Year,Altersgruppe,Value\n2020,unter 6 Jahre,1\n")
    assert "noch keine Kategorien" in messages(parsed.errors)[0]
    services.create_category(actor=stat_actor, municipality=municipality, dimension="age", code="u6",
                             label="unter 6", aliases=["unter 6 Jahre", "0-5"])
    parsed = read(pupils, municipality, "Year,Altersgruppe,Value\n2020,Unter 6 Jahre,1\n2021,0-5,2\n")
    assert [r.breakdown_key for r in parsed.rows] == ["age=u6", "age=u6"]


def test_a_dimension_the_indicator_is_not_broken_down_by(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Staatsangehörigkeit,Value\n2020,deutsch,1\n2020,,1\n")
    assert "gliedert nach Staatsangehörigkeit" in messages(parsed.errors)[0]
    assert where(parsed.errors) == [(2, "Staatsangehörigkeit")]


def test_duplicate_observations(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Geschlecht,Value\n2020,w,1\n2019,,2\n2020,weiblich,3\n")
    assert messages(parsed.errors) == [
        "Derselbe Messwert steht zweimal in der Datei (Zeilen 2 und 4): 2020, weiblich."]


def test_periods_that_are_not_periods(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Value\nJuno 2007,1\n13/2007,2\n,3\n")
    assert where(parsed.errors) == [(2, "Year"), (3, "Year"), (4, "Year")]
    assert "„Juno 2007“ ist keine Periode" in messages(parsed.errors)[0]


def test_parts_that_do_not_add_up_are_a_warning_that_can_be_accepted(
        stat_actor: Actor, population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, (
        "Year,Geschlecht,Value\n2020,,1000\n2020,weiblich,512\n2020,männlich,480\n"
        "2021,,900\n2021,weiblich,450\n2021,männlich,450\n"))
    assert parsed.ok and messages(parsed.warnings) == [
        "Die Teile ergeben nicht die Summe: 2020 – Geschlecht zusammen 992, insgesamt 1.000 (Abweichung -8)."]
    assert where(parsed.warnings) == [(2, "Value")]
    with pytest.raises(ServiceError, match="Warnungen"):
        imports.import_file(actor=stat_actor, indicator=population, parsed=parsed, label="a.csv",
                            accept_warnings=False)
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()
    batch = imports.import_file(actor=stat_actor, indicator=population, parsed=parsed, label="a.csv",
                                accept_warnings=True)
    assert batch.rows_written == 6 and Observation.objects.count() == 6
    assert batch.accepted_warnings == [{"line": 2, "column": "Value", "message": parsed.warnings.items[0].message}]


def test_a_published_rate_that_contradicts_numerator_and_denominator(
        stat_actor: Actor, population: Indicator, foreigners: Indicator, foreign_share: Indicator,
        municipality: Municipality) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="p", rows=[
        row("2020", 1000), row("2021", 1000)])
    parsed = read(foreigners, municipality, "Year,Value,Quote\n2020,175,17.5\n2021,230,12.5\n")
    assert parsed.ok and where(parsed.warnings) == [(3, "Quote")]
    assert messages(parsed.warnings) == [
        "Die veröffentlichte Quote 12.5 passt nicht zu Zähler und Nenner von „Ausländeranteil“: "
        "230 / 1.000 × 100 = 23,0."]
    lonely = read(population, municipality, "Year,Value,Quote\n2020,175,17.5\n")
    assert "wird keine Quote berechnet" not in " ".join(messages(lonely.warnings))  # population is a denominator


def test_a_unit_or_series_that_belongs_to_another_indicator(population: Indicator,
                                                            municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Units,Series,Value\n2020,%,einwohner,1\n2021,Personen,SGB-II,2\n")
    assert where(parsed.errors) == [(2, "Units"), (3, "Series")]
    assert "Die Einheit „%“ passt nicht" in messages(parsed.errors)[0]
    assert "Reihe „SGB-II“" in messages(parsed.errors)[1]


def test_empty_header_only_huge_binary_and_missing_columns(population: Indicator,
                                                          municipality: Municipality) -> None:
    assert messages(read(population, municipality, b"").errors) == ["Die Datei ist leer."]
    assert messages(read(population, municipality, "Year,Value\n").errors) == ["Die Datei enthält keine Messwerte."]
    huge = read(population, municipality, b"Year,Value\n" + b"2020,1\n" * 100, max_bytes=500)
    assert "zu groß" in messages(huge.errors)[0] and not huge.rows
    assert "keine Textdatei" in messages(read(population, municipality, b"\x00\x01\x02").errors)[0]
    missing = read(population, municipality, "Jahr,Geschlecht,Anzahl\n2020,w,1\n")
    assert "fehlt die Spalte Value" in messages(missing.errors)[0] and where(missing.errors) == [(1, "")]


def test_units_as_statisticians_write_them() -> None:
    assert [unit_of(t) for t in ("Personen", "Anzahl", "%", "Prozent", "je 1.000 Einwohner", "‰", "Euro")] == [
        Unit.COUNT, Unit.COUNT, Unit.PERCENT, Unit.PERCENT, Unit.PER_1000, Unit.PER_1000, None]


def test_all_or_nothing(stat_actor: Actor, population: Indicator, municipality: Municipality) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[row("2019", 7)])
    parsed = read(population, municipality, "Year,Value\n2020,1\n2021,x1\n")
    with pytest.raises(ServiceError, match="1 Fehler"):
        imports.import_file(actor=stat_actor, indicator=population, parsed=parsed, label="b", accept_warnings=True)
    assert list(Observation.objects.values_list("period", flat=True)) == ["2019"]


def test_changes_counts_new_changed_and_unchanged(stat_actor: Actor, population: Indicator,
                                                  municipality: Municipality) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[
        row("2019", 7), row("2020", 8)])
    parsed = read(population, municipality, "Year,Value\n2019,7\n2020,9\n2021,10\n")
    found = imports.changes(population, parsed.rows)
    assert (found.new, found.changed, found.unchanged) == (1, 1, 1)
    assert found.changed_rows[0][1].value == Decimal(8)


def test_a_new_indicator_takes_the_dimensions_of_its_file(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Staatsangehörigkeit,Value\n2020,deutsch,1\n",
                  options=Options(new_indicator=True))
    assert parsed.ok and parsed.dimensions == ["nationality"]


def test_a_realistic_open_sdg_file_with_series_geocode_and_flags(coord_actor: Actor, stat_actor: Actor,
                                                                 municipality: Municipality) -> None:
    unemployed = services.create_indicator(actor=coord_actor, municipality=municipality, values={
        "key": "arbeitslose", "name": "Arbeitslose", "unit_label": "Personen",
        "dimensions": ["nationality", "sex"]})
    data = (FILES / "open_sdg_unemployment_by_nationality_sex.csv").read_bytes()
    parsed = read(unemployed, municipality, data)
    assert parsed.ok and not parsed.warnings, (messages(parsed.errors), messages(parsed.warnings))
    got = {(r.period, r.area, r.breakdown_key): (r.value, r.flag) for r in parsed.rows}
    assert len(got) == 12
    assert got[("2019", "", "")] == (Decimal(4012), "")  # the municipality's AGS is the whole municipality
    assert got[("2019", "001", "")] == (Decimal(611), "")  # a district
    assert got[("2019", "002", "")] == (None, "s")
    assert got[("2020", "", "nationality=foreign|sex=female")] == (Decimal(597), "p")
    batch = imports.import_file(actor=stat_actor, indicator=unemployed, parsed=parsed, label="arbeitslose.csv",
                                accept_warnings=False)
    assert batch.rows_written == 12 and batch.file_format == "tidy_csv"
    broken = data.replace(b"2020,arbeitslose,Personen,08221000,nichtdeutsch,m\xc3\xa4nnlich,p,757",
                          b"2020,arbeitslose,Personen,08221000,nichtdeutsch,m\xc3\xa4nnlich,p,700")
    assert "2020, nichtdeutsch – Geschlecht zusammen 1.297, insgesamt 1.354 (Abweichung -57)." in messages(
        read(unemployed, municipality, broken).warnings)[0]


def test_values_are_kept_to_the_four_places_stored(population: Indicator, municipality: Municipality) -> None:
    parsed = read(population, municipality, "Year,Value\n2020,12.345678\n2021,1e3\n")
    assert [r.value for r in parsed.rows] == [Decimal("12.3457"), Decimal(1000)]
