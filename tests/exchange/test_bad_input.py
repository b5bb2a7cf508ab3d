"""Every kind of bad input gets a clear German message naming row and column, and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
from django.utils import translation
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.filecheck import MAX_UNCOMPRESSED_BYTES, MAX_ZIP_MEMBERS, readable_size
from teilhabe.plans.exchange.problems import MAX_PROBLEMS, ImportRefused
from tests.exchange.conftest import db_state, row, xlsx_bytes

FIELD = "Bildung und Sprachförderung"


def problems_of(data: bytes, municipality: Any, actor: Any, edition: Any = None, filename: str = "liste.xlsx"
                ) -> list[str]:
    """Run the whole import path; it must refuse, and the database must be exactly as before."""
    before = db_state(municipality)
    try:
        draft = exchange.read_file(data, filename)
        target = exchange.Target(edition=edition) if edition else exchange.resolve_target(
            municipality=municipality, edition=None, plan_title="Import", draft=draft)
        preview = exchange.preview_import(actor=actor, municipality=municipality, draft=draft, target=target)
        assert not preview.ok, "the import should have been refused"
        with pytest.raises(ImportRefused) as refused:
            exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target)
        messages = refused.value.messages
        assert messages == [str(p) for p in preview.problems.items]
    except ImportRefused as refusal:
        messages = refusal.messages
    assert db_state(municipality) == before
    return messages


def one(messages: list[str]) -> str:
    assert len(messages) == 1, messages
    return messages[0]


# --- the file as a whole ------------------------------------------------------------------------------------

def test_empty_file(municipality, coord_actor, plan):
    assert one(problems_of(b"", municipality, coord_actor)) == "Die Datei ist leer."


def test_empty_workbook(municipality, coord_actor, plan):
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "ist leer" in one(problems_of(buffer.getvalue(), municipality, coord_actor))


def test_header_only(municipality, coord_actor, plan):
    assert "keine Maßnahmen" in one(problems_of(xlsx_bytes([]), municipality, coord_actor))


def test_missing_required_header(municipality, coord_actor, plan):
    data = xlsx_bytes([["Bildung", "Kurs"]], header=["Handlungsfeld", "Titel der Sache"])
    message = one(problems_of(data, municipality, coord_actor))
    assert "keine Kopfzeile" in message and "„Maßnahme“" in message


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + b"\x00garbage" * 100,
    xlsx_bytes([row(feld=FIELD, titel="Kurs")])[:1500],
])
def test_broken_file(municipality, coord_actor, plan, data):
    assert one(problems_of(data, municipality, coord_actor)) == (
        "Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden.")


def test_broken_sheet_xml(municipality, coord_actor, plan):
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([row(feld=FIELD, titel="Kurs")])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    assert "beschädigt" in one(problems_of(buffer.getvalue(), municipality, coord_actor))


def test_password_protected_file(municipality, coord_actor, plan):
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes([row(feld=FIELD, titel="Kurs")]))).encrypt("geheim", encrypted)
    assert "Kennwort geschützt" in one(problems_of(encrypted.getvalue(), municipality, coord_actor))


def test_legacy_xls_container(municipality, coord_actor, plan):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    assert "alten Excel-Format (.xls)" in one(problems_of(ole, municipality, coord_actor))


@pytest.mark.parametrize("data", [b"%PDF-1.4\n%...", "Handlungsfeld;Maßnahme\nBildung;Kurs\n".encode(),
                                  b"\x89PNG\r\n\x1a\n" + b"\x00" * 50])
def test_not_an_xlsx_file(municipality, coord_actor, plan, data):
    assert "weder eine Excel-Arbeitsmappe" in one(problems_of(data, municipality, coord_actor, filename="x.xlsx"))


def test_other_zip_package(municipality, coord_actor, plan):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert one(problems_of(buffer.getvalue(), municipality, coord_actor)) == (
        "Die Datei ist keine Excel-Arbeitsmappe (.xlsx).")


def test_20_mb_file_is_refused_before_parsing(municipality, coord_actor, plan):
    # A valid workbook padded to 20 MB: the size alone decides, nothing is parsed.
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs")]) + b"\x00" * (20 * 1024 * 1024)
    message = one(problems_of(data, municipality, coord_actor))
    assert message.startswith("Die Datei ist zu groß (20,0") and "höchstens 10,0" in message


def test_zip_bomb_is_refused_before_parsing(municipality, coord_actor, plan):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _i in range(MAX_UNCOMPRESSED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert len(buffer.getvalue()) < 1024 * 1024
    # The real figures: 101 MB unpacked, in German number format.
    assert one(problems_of(buffer.getvalue(), municipality, coord_actor)).startswith(
        "Die Arbeitsmappe ist entpackt zu groß (101\xa0MB; höchstens 100\xa0MB).")


@pytest.mark.parametrize(("size", "shown"), [
    (105, "105\xa0Bytes"), (1, "1\xa0Byte"), (1023, "1.023\xa0Bytes"), (1536, "1,5\xa0KB"),
    (100 * 1024**2, "100\xa0MB"), (int(1.2 * 1024**3), "1,2\xa0GB"), (3000 * 1024**4, "3.000\xa0TB"),
])
def test_sizes_are_shown_in_german_units_and_number_format(size, shown):
    assert readable_size(size) == shown


def test_sizes_in_english():
    with translation.override("en"):
        assert (readable_size(int(1.2 * 1024**3)), readable_size(1023)) == ("1.2\xa0GB", "1,023\xa0bytes")


def test_workbook_of_too_many_parts_says_so_and_not_that_it_is_too_large(municipality, coord_actor, plan):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(MAX_ZIP_MEMBERS):
            archive.writestr(f"xl/part{number}.xml", "")
    message = one(problems_of(buffer.getvalue(), municipality, coord_actor))
    assert message.startswith("Die Arbeitsmappe besteht aus zu vielen Teilen (5.001; höchstens 5.000).")
    assert "groß" not in message


# --- cells -----------------------------------------------------------------------------------------------

def test_unknown_status_word_lists_the_allowed_ones(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", status="grün")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 2, Spalte „Status“: Den Status „grün“ gibt es nicht. Erlaubt sind: „geplant“, „in Umsetzung“, "
        "„umgesetzt“, „ins laufende Geschäft übergegangen“, „nicht weiter verfolgt“.")


def test_season_is_not_a_date(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", beginn="Frühjahr 2026")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 2, Spalte „Beginn“: „Frühjahr 2026“ ist kein gültiges Datum. Erlaubt sind TT.MM.JJJJ "
        "(z. B. 01.03.2026), MM/JJJJ (z. B. 03/2026) oder JJJJ (z. B. 2026).")


def test_impossible_date(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs"), row(feld=FIELD, titel="Kurs 2", ende="31.02.2026")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 3, Spalte „Ende“: Den Tag „31.02.2026“ gibt es nicht im Kalender.")


def test_end_before_start(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", beginn="2026", ende="03/2025")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 2, Spalte „Ende“: Das Ende (31.03.2025) liegt vor dem Beginn (01.01.2026).")


def test_duplicate_rows_name_both_rows(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Elterncafé"), row(feld="Arbeit", titel="Elterncafé"),
                       row(feld=FIELD.upper(), titel=" elterncafé ")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 4, Spalte „Maßnahme“: Die Maßnahme „elterncafé“ (Handlungsfeld „BILDUNG UND SPRACHFÖRDERUNG“) "
        "steht doppelt in der Datei: Zeile 2 und Zeile 4.")


def test_formulas_are_refused(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", kosten="=1000*12"),
                       row(feld=FIELD, titel="Kurs 2", beschreibung="=HYPERLINK(\"http://x\")")])
    messages = problems_of(data, municipality, coord_actor, edition)
    assert messages == [
        "Zeile 2, Spalte „Kosten“: Formeln sind nicht erlaubt. Bitte ersetzen Sie die Formel durch ihren Wert "
        "(Kopieren, Einfügen als Werte).",
        "Zeile 3, Spalte „Beschreibung“: Formeln sind nicht erlaubt. Bitte ersetzen Sie die Formel durch ihren "
        "Wert (Kopieren, Einfügen als Werte).",
    ]


def test_goal_path_contradicting_the_existing_tree(municipality, coord_actor, edition):
    # The tree has "Bildungschancen verbessern > Sprache fördern".
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", ziel="Teilhabe stärken > Sprache fördern")])
    assert one(problems_of(data, municipality, coord_actor, edition)) == (
        "Zeile 2, Spalte „Ziel“: Das Ziel „Sprache fördern“ steht im Zielbaum bereits unter „Bildungschancen "
        "verbessern“ (Handlungsfeld „Bildung und Sprachförderung“); hier steht es unter „Teilhabe stärken“ "
        "(Handlungsfeld „Bildung und Sprachförderung“). Ein Ziel kann nur an einer Stelle des Zielbaums stehen.")


def test_same_goal_under_another_field(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld="Ausbildung und Arbeitsmarkt", titel="Kurs", ziel="Bildungschancen verbessern")])
    message = one(problems_of(data, municipality, coord_actor, edition))
    assert message.startswith("Zeile 2, Spalte „Ziel“: Das Ziel „Bildungschancen verbessern“ steht im Zielbaum "
                              "bereits auf oberster Ebene (Handlungsfeld „Bildung und Sprachförderung“)")


def test_goal_paths_contradicting_each_other_within_the_file(municipality, coord_actor, plan):
    data = xlsx_bytes([row(feld="Wohnen", titel="A", ziel="Wohnraum > Beratung"),
                       row(feld="Wohnen", titel="B", ziel="Nachbarschaft > Beratung")])
    message = one(problems_of(data, municipality, coord_actor))
    assert message.startswith("Zeile 3, Spalte „Ziel“: Das Ziel „Beratung“ steht im Zielbaum bereits unter "
                              "„Wohnraum“")


@pytest.mark.parametrize(("column", "value"), [
    ("beschreibung", "<script>alert(1)</script>"), ("titel", "Kurs <b>fett</b>"),
    ("lead", "<img src=x onerror=alert(1)>"), ("indikatoren", "Quote; <a href='x'>Link</a>"),
    ("feld", "Bildung<iframe>"), ("ziel", "Ziel > javascript:alert(1)"),
])
def test_html_or_script_in_any_text_is_refused(municipality, coord_actor, edition, column, value):
    values = {"feld": FIELD, "titel": "Kurs", column: value}
    header = {"beschreibung": "Beschreibung", "titel": "Maßnahme", "lead": "Federführung",
              "indikatoren": "Indikatoren", "feld": "Handlungsfeld", "ziel": "Ziel"}[column]
    messages = problems_of(xlsx_bytes([row(**values)]), municipality, coord_actor, edition)
    assert f"Zeile 2, Spalte „{header}“: HTML oder Skripte sind hier nicht erlaubt. Bitte geben Sie reinen Text " \
           "ein." in messages


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("kosten", "-500", "Zeile 2, Spalte „Kosten“: Kosten dürfen nicht negativ sein (-500)."),
    ("kosten", -500, "Zeile 2, Spalte „Kosten“: Kosten dürfen nicht negativ sein (-500)."),
    ("kosten", "ca. 5000", "Zeile 2, Spalte „Kosten“: „ca. 5000“ ist kein Betrag. Bitte eine Zahl in Euro "
                           "angeben, z. B. 12.500 oder 12.500,50."),
    ("schluessel", "vielleicht", "Zeile 2, Spalte „Schlüsselprojekt“: „vielleicht“ ist nicht erlaubt. Bitte „ja“, "
                                 "„nein“, „x“ oder leer."),
    ("lead", "Amt A; " + "B" * 201, "Zeile 2, Spalte „Federführung“: Der Text ist zu lang (201 Zeichen; höchstens "
                                    "200)."),
    ("beginn", "laufend", "Zeile 2, Spalte „Beginn“: „laufend“ ist als Beginn nicht möglich; bitte ein Datum "
                          "angeben."),
    ("ende", "13/2026", "Zeile 2, Spalte „Ende“: Den Monat „13/2026“ gibt es nicht."),
])
def test_bad_cells(municipality, coord_actor, edition, column, value, expected):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs", **{column: value})])
    assert one(problems_of(data, municipality, coord_actor, edition)) == expected


def test_required_values(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD), row(titel="Ohne Feld")])
    assert problems_of(data, municipality, coord_actor, edition) == [
        "Zeile 3, Spalte „Handlungsfeld“: Pflichtangabe fehlt.",
        "Zeile 2, Spalte „Maßnahme“: Pflichtangabe fehlt.",
    ]


def test_all_problems_are_collected_up_to_the_cap(municipality, coord_actor, edition):
    rows = [row(feld=FIELD, titel=f"Kurs {i}", beginn="Frühjahr", status="grün") for i in range(150)]
    before = db_state(municipality)
    draft = exchange.read_file(xlsx_bytes(rows), "viele.xlsx")
    preview = exchange.preview_import(actor=coord_actor, municipality=municipality, draft=draft,
                                      target=exchange.Target(edition=edition))
    assert preview.problems.total == 300
    assert len(preview.problems.items) == MAX_PROBLEMS and preview.problems.truncated
    assert db_state(municipality) == before


def test_archived_edition_is_refused(municipality, coord_actor, edition):
    from teilhabe.plans.models import Edition

    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.ARCHIVED)
    edition.refresh_from_db()
    data = xlsx_bytes([row(feld=FIELD, titel="Neu")])
    assert "archiviert" in one(problems_of(data, municipality, coord_actor, edition))


# --- JSON ----------------------------------------------------------------------------------------------

def _document(**measure: Any) -> bytes:
    return json.dumps({
        "format": "teilhabe-plan", "version": 1, "plan": {"title": "Konzept"},
        "fields": [{"title": "Bildung"}],
        "measures": [{"field": "Bildung", "title": "Kurs", **measure}],
    }).encode()


@pytest.mark.parametrize(("data", "expected"), [
    (b"{not json", "Die JSON-Datei ist beschädigt (Zeile 1, Spalte 2)."),
    (b'{"format": "other"}', "Die JSON-Datei ist keine Teilhabe-Plandatei (erwartet: \"format\": \"teilhabe-plan\")."),
    (b'{"format": "teilhabe-plan", "version": 7}',
     "Die Version 7 des Formats wird nicht unterstützt (unterstützt: 1)."),
    (_document(start="Frühjahr 2026"),
     "measures, Eintrag 1, Spalte „start“: „Frühjahr 2026“ ist kein gültiges Datum. Erlaubt sind TT.MM.JJJJ "
     "(z. B. 01.03.2026), MM/JJJJ (z. B. 03/2026) oder JJJJ (z. B. 2026)."),
    (_document(end="2026-02-31"), "measures, Eintrag 1, Spalte „end“: Den Tag „2026-02-31“ gibt es nicht im Kalender."),
    (_document(status="grün"), "measures, Eintrag 1, Spalte „status“: Den Status „grün“ gibt es nicht. Erlaubt "
                               "sind: „geplant“, „in Umsetzung“, „umgesetzt“, „ins laufende Geschäft übergegangen“, "
                               "„nicht weiter verfolgt“."),
    (_document(description="<script>x</script>"), "measures, Eintrag 1, Spalte „description“: HTML oder Skripte "
                                                  "sind hier nicht erlaubt. Bitte geben Sie reinen Text ein."),
    (_document(cost=-3), "measures, Eintrag 1, Spalte „cost“: Kosten dürfen nicht negativ sein (-3)."),
    (_document(partners="Amt A"), "measures, Eintrag 1, Spalte „partners“: Hier wird eine Liste erwartet."),
    (_document(colour="#fff"), "measures, Eintrag 1, Spalte „colour“: Unbekannter Eintrag; bitte entfernen."),
])
def test_bad_json(empty_municipality, empty_actor, data, expected):
    assert one(problems_of(data, empty_municipality, empty_actor, filename="plan.json")) == expected


def test_json_duplicate_measures_name_both_entries(empty_municipality, empty_actor):
    document = json.loads(_document())
    document["measures"].append(dict(document["measures"][0]))
    message = one(problems_of(json.dumps(document).encode(), empty_municipality, empty_actor))
    assert message == ("measures, Eintrag 2, Spalte „title“: Die Maßnahme „Kurs“ (Handlungsfeld „Bildung“) steht "
                       "doppelt in der Datei: measures, Eintrag 1 und measures, Eintrag 2.")


def test_dates_accept_every_documented_form(municipality, coord_actor, edition):
    data = xlsx_bytes([
        row(feld=FIELD, titel="A", beginn=dt.datetime(2026, 3, 15), ende="laufend"),
        row(feld=FIELD, titel="B", beginn="02/2026", ende="02/2026"),
        row(feld=FIELD, titel="C", beginn=2025, ende="2027"),
        row(feld=FIELD, titel="D", beginn="01.09.2025", ende=None, kosten="12.500 €"),
        row(feld=FIELD, titel="E", kosten="12.500,50", schluessel="x"),
        row(feld=FIELD, titel="F", kosten=99.5, schluessel="nein"),
    ])
    draft = exchange.read_file(data, "daten.xlsx")
    assert not draft.problems
    got = {m.title: (m.start, m.end, m.cost, m.key_project) for m in draft.measures}
    assert got["A"][:2] == (dt.date(2026, 3, 15), None)
    assert got["B"][:2] == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert got["C"][:2] == (dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    assert str(got["D"][2]) == "12500.00"
    assert str(got["E"][2]) == "12500.50" and got["E"][3] is True
    assert str(got["F"][2]) == "99.50" and got["F"][3] is False


def test_problems_on_the_extra_sheets_name_the_sheet(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs")], extra_sheets={
        "Handlungsfelder": [["Handlungsfeld", "Beschreibung", "Farbe"], ["Wohnen", "", "blau"]],
        "Ziele": [["Handlungsfeld", "Ziel", "Beschreibung"], ["Wohnen", "Wohnraum", "<b>wichtig</b>"]],
        "Beteiligte": [["Name", "Bereich", "Art", "Übergeordnet"], ["Team A", "Verwaltung", "Amt", "Team B"],
                       ["Verein X", "Sonstiges", "", ""]],
    })
    assert problems_of(data, municipality, coord_actor, edition) == [
        "Blatt „Handlungsfelder“, Zeile 2, Spalte „Farbe“: „blau“ ist keine Farbe. Bitte als #RRGGBB angeben, "
        "z. B. #005a9c.",
        "Blatt „Beteiligte“, Zeile 3, Spalte „Bereich“: „Sonstiges“ ist nicht erlaubt. Bitte „Verwaltung“ oder "
        "„Organisation“.",
        "Blatt „Ziele“, Zeile 2, Spalte „Beschreibung“: HTML oder Skripte sind hier nicht erlaubt. Bitte geben Sie "
        "reinen Text ein.",
        "Blatt „Beteiligte“, Zeile 2, Spalte „Übergeordnet“: Die übergeordnete Einheit „Team B“ ist keine bekannte "
        "Verwaltungseinheit.",
    ]
