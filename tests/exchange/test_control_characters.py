"""Control characters, bidirectional overrides and hostile links in imported files: every text cell goes through
the cleaning layer (teilhabe.core.cleaning), a bad one is a problem naming row and column, and nothing is written.
The project's own JSON export of links that passed validation imports again."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from teilhabe.core.models import Municipality
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.problems import ImportRefused
from teilhabe.plans.exchange.values import CellError, checked_text
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from tests.exchange.conftest import HEADER, db_state, row, xlsx_bytes

FIELD = "Bildung und Sprachförderung"
# XML 1.0 cannot carry C0 controls at all, so in an XLSX file only these reach the reader; JSON carries every one.
XLSX_CONTROL = ["\x7f", "\x80", "\x85", "\x9b", "\x9f"]
JSON_CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", *XLSX_CONTROL, "\ud800"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
ARABIC_WITH_RLM = "برنامج\u200f التعليم\nKurs B1"
HOSTILE_LINK = 'https://ok.example/"><script>'


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def refusal(data: bytes, municipality: Municipality, actor: Any, edition: Edition | None = None,
            filename: str = "liste.xlsx") -> list[str]:
    """Run the whole import path (read, preview, import); it must refuse and write nothing."""
    with scope(municipality=municipality):
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
        except ImportRefused as error:
            messages = error.messages
        assert db_state(municipality) == before
    return messages


def imported(data: bytes, municipality: Municipality, actor: Any, filename: str) -> Edition:
    with scope(municipality=municipality):
        draft = exchange.read_file(data, filename)
        target = exchange.resolve_target(municipality=municipality, edition=None, plan_title="", draft=draft)
        return exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target).edition


def with_patched_xml(data: bytes, marker: str, replacement: bytes) -> bytes:
    """The workbook with `marker` replaced in its XML parts (openpyxl refuses to write C0 controls)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name).replace(marker.encode(), replacement))
    return out.getvalue()


# --- the cell function ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", JSON_CONTROL)
@pytest.mark.parametrize("key", ["title", "description", "partners", "goals"])
def test_checked_text_refuses_control_characters_in_every_cell(char, key):
    with pytest.raises(CellError, match=re.escape(code(char))):
        checked_text(f"Kurs{char}B1", key=key)


@pytest.mark.parametrize("char", BIDI)
def test_checked_text_refuses_bidi_controls_in_names_and_lists_but_not_all_in_descriptions(char):
    for key in ("title", "lead", "partners", "goals", "name"):
        with pytest.raises(CellError, match="Schreibrichtung"):
            checked_text(f"Antrag{char}gpj.exe", key=key)
    if char in ("\u202d", "\u202e"):
        with pytest.raises(CellError):
            checked_text(f"Antrag{char}gpj.exe", key="description")
    else:
        assert checked_text(f"Antrag{char}gpj.exe", key="description") == f"Antrag{char}gpj.exe"


def test_checked_text_keeps_line_breaks_and_marks_and_normalises_to_nfc():
    assert checked_text("  Amt A\nAmt B ", key="partners") == "Amt A\nAmt B"
    assert checked_text(ARABIC_WITH_RLM, key="description") == ARABIC_WITH_RLM
    assert checked_text("Cafe\u0301", key="title") == "Café"


# --- XLSX -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("replacement", [b"\x00", b"\x1b", b"&#0;", b"&#27;"])
def test_xlsx_with_a_c0_control_character_is_refused_as_broken(municipality, coord_actor, edition, replacement):
    data = with_patched_xml(xlsx_bytes([row(feld=FIELD, titel="Kurs MARK")]), "MARK", replacement)
    messages = refusal(data, municipality, coord_actor, edition)
    assert messages == ["Die Datei ist beschädigt und kann nicht als Excel-Arbeitsmappe gelesen werden."]


@pytest.mark.parametrize("char", XLSX_CONTROL)
@pytest.mark.parametrize(("column", "header"), [
    ("titel", "Maßnahme"), ("beschreibung", "Beschreibung"), ("lead", "Federführung"), ("partner", "Partner"),
    ("finanzierung", "Finanzierung"), ("ziel", "Ziel"), ("feld", "Handlungsfeld"), ("indikatoren", "Indikatoren"),
])
def test_xlsx_cell_with_a_control_character_names_row_and_column(municipality, coord_actor, edition, char, column,
                                                                 header):
    values = {"feld": FIELD, "titel": "Kurs", column: f"Kurs{char}B1"}
    messages = refusal(xlsx_bytes([row(**values)]), municipality, coord_actor, edition)
    assert f"Zeile 2, Spalte „{header}“: Die Eingabe enthält ein unzulässiges Steuerzeichen ({code(char)}). " \
           "Bitte entfernen Sie es." in messages


@pytest.mark.parametrize("char", BIDI)
def test_xlsx_title_with_a_bidi_control_is_refused(municipality, coord_actor, edition, char):
    messages = refusal(xlsx_bytes([row(feld=FIELD, titel=f"Antrag{char}gpj.exe")]), municipality, coord_actor,
                       edition)
    assert f"Zeile 2, Spalte „Maßnahme“: Die Eingabe enthält ein Zeichen zur Umkehr der Schreibrichtung " \
           f"({code(char)}), das in Namen und Titeln nicht erlaubt ist." in messages


def test_xlsx_unknown_header_with_control_characters_is_quoted_visibly(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Kurs")], header=[*HEADER, "Notiz\x85\u202e"])
    with scope(municipality=municipality):
        draft = exchange.read_file(data, "liste.xlsx")
    assert any("„Notiz\ufffd\ufffd“" in warning for warning in draft.warnings)


def test_xlsx_arabic_description_with_rlm_is_imported(municipality, coord_actor, edition):
    data = xlsx_bytes([row(feld=FIELD, titel="Elternkurs", beschreibung=ARABIC_WITH_RLM)])
    with scope(municipality=municipality):
        draft = exchange.read_file(data, "liste.xlsx")
        exchange.import_plan(actor=coord_actor, municipality=municipality, draft=draft,
                             target=exchange.Target(edition=edition))
        assert Measure.objects.get(edition=edition, title="Elternkurs").description == ARABIC_WITH_RLM


def test_xlsx_hostile_link_is_refused(municipality, coord_actor, edition):
    header = [*HEADER, "Links"]
    data = xlsx_bytes([[*row(feld=FIELD, titel="Kurs"), f"Flyer | {HOSTILE_LINK}"]], header=header)
    messages = refusal(data, municipality, coord_actor, edition)
    assert any(m.startswith("Zeile 2, Spalte „Links“:") for m in messages), messages


# --- JSON -----------------------------------------------------------------------------------------------------


def _document(**measure: Any) -> bytes:
    return json.dumps({
        "format": "teilhabe-plan", "version": 1, "plan": {"title": "Konzept"},
        "fields": [{"title": "Bildung", "goals": [{"title": "Sprache", "children": [{"title": "Kurse"}]}]}],
        "org_units": [{"name": "Amt A"}],
        "measures": [{"field": "Bildung", "title": "Kurs", **measure}],
    }).encode()


@pytest.mark.parametrize("char", JSON_CONTROL)
@pytest.mark.parametrize(("key", "value"), [
    ("title", "Kurs{}B1"), ("description", "Zeile 1\nKurs{}B1"), ("funding", "Land{}"), ("lead", "Amt{} A"),
    ("partners", ["Amt A", "Amt{} B"]), ("goals", [["Sprache", "Ku{}rse"]]), ("links", ["https://e.org/{}"]),
])
def test_json_text_with_a_control_character_is_refused(empty_municipality, empty_actor, char, key, value):
    value = json.loads(json.dumps(value).replace("{}", json.dumps(char)[1:-1]))
    messages = refusal(_document(**{key: value}), empty_municipality, empty_actor, filename="plan.json")
    problem = "ungültiges Zeichen" if char == "\ud800" else "unzulässiges Steuerzeichen"
    assert messages == [f"measures, Eintrag 1, Spalte „{key}“: Die Eingabe enthält ein {problem} ({code(char)}). "
                        "Bitte entfernen Sie es."]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"])
def test_json_control_characters_in_nested_goals_plan_and_keys(empty_municipality, empty_actor, char):
    document = json.loads(_document())
    document["fields"][0]["goals"][0]["children"][0]["description"] = f"a{char}b"
    document["plan"]["title"] = f"Konzept{char}"
    document["measures"][0][f"title{char}"] = "x"
    messages = refusal(json.dumps(document).encode(), empty_municipality, empty_actor, filename="plan.json")
    assert messages == [
        f"plan, Spalte „title“: Die Eingabe enthält ein unzulässiges Steuerzeichen ({code(char)}). Bitte entfernen "
        "Sie es.",
        f"fields[0].goals[0].children[0], Spalte „description“: Die Eingabe enthält ein unzulässiges Steuerzeichen "
        f"({code(char)}). Bitte entfernen Sie es.",
        "measures, Eintrag 1: Unbekannter Eintrag „title\ufffd“; bitte entfernen.",
    ]


@pytest.mark.parametrize("char", BIDI)
def test_json_title_with_a_bidi_control_is_refused(empty_municipality, empty_actor, char):
    messages = refusal(_document(title=f"Antrag{char}gpj.exe"), empty_municipality, empty_actor,
                       filename="plan.json")
    assert messages == [f"measures, Eintrag 1, Spalte „title“: Die Eingabe enthält ein Zeichen zur Umkehr der "
                        f"Schreibrichtung ({code(char)}), das in Namen und Titeln nicht erlaubt ist."]


def test_json_arabic_description_with_rlm_is_imported(empty_municipality, empty_actor):
    edition = imported(_document(description=ARABIC_WITH_RLM), empty_municipality, empty_actor, "plan.json")
    with scope(municipality=empty_municipality):
        assert Measure.objects.get(edition=edition).description == ARABIC_WITH_RLM


@pytest.mark.parametrize("link", [HOSTILE_LINK, f"Flyer | {HOSTILE_LINK}", "javascript:alert(1)",
                                  "https://ok.example/a b", "https://ok.example/<b>"])
def test_json_hostile_link_is_refused(empty_municipality, empty_actor, link):
    messages = refusal(_document(links=[link]), empty_municipality, empty_actor, filename="plan.json")
    assert messages and all(m.startswith("measures, Eintrag 1, Spalte „links“:") for m in messages), messages


# --- the project's own export imports again -----------------------------------------------------------------------


LINKS = [
    {"title": "Flyer (PDF)", "url": "https://example.org/flyer.pdf?v=2&lang=de#seite-2"},
    {"title": "https://de.wikipedia.org/wiki/Köln", "url": "https://de.wikipedia.org/wiki/Köln"},
    {"title": "A | B", "url": "http://example.org/a(b)/%22zitat%22"},
]


def test_own_json_export_of_validated_links_imports_again(client_for, koordination, municipality, edition,
                                                          empty_municipality, empty_actor):
    """Links entered through the back-office form (the shared validator) survive export and import unchanged."""
    from teilhabe.plans.links import format_link

    with scope(municipality=municipality):
        measure = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
        field = FieldOfAction.objects.get(edition=edition, title=FIELD)
    edit_url = reverse("backoffice:measure_edit", kwargs={"municipality": "heidelberg", "pk": measure.pk})
    response = client_for(koordination).post(edit_url, {
        "version": measure.version, "title": measure.title, "field": field.pk, "lead": f"u{measure.lead_org_unit_id}",
        "status": measure.status_id, "links": "\n".join(format_link(link) for link in LINKS),
        "description": ARABIC_WITH_RLM,
    })
    assert response.status_code == 302, response.content.decode()
    with scope(municipality=municipality):
        measure.refresh_from_db()
        assert measure.links == LINKS
        data = exchange.export_plan_json(edition)
    copy = imported(data, empty_municipality, empty_actor, "plan.json")
    with scope(municipality=empty_municipality):
        again = Measure.objects.get(edition=copy, title="Mama lernt Deutsch")
        assert again.links == LINKS
        assert again.description == ARABIC_WITH_RLM
        second = json.loads(exchange.export_plan_json(copy))
    first = json.loads(data)
    for document in (first, second):
        document.pop("exported_at")
        document.pop("source")
    assert second == first
