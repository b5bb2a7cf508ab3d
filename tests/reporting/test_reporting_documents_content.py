"""The implementation report's content and its documents: counts, the seed's sentence and every measure in the
PDF (tagged PDF/UA-1, German), the same counts in the DOCX, one row per report in XLSX and CSV, the comparison
with the previous round, the snapshot of a closed round, and a fixed number of queries."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from teilhabe.core.roles import Actor
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, Measure
from teilhabe.reporting import services
from teilhabe.reporting.documents import report_content
from teilhabe.reporting.documents.docx import report_docx
from teilhabe.reporting.documents.pdf import report_pdf
from teilhabe.reporting.documents.tables import report_csv, report_xlsx
from teilhabe.reporting.models import ReportingRound
from tests.documents.conftest import assert_tagged, docx_document, docx_text, flat, headings, pdf_text

pytest_plugins = ["tests.reporting.fixtures_documents"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
TITLES = ["Mama lernt Deutsch", "Hausaufgabenhilfe", "Schulsozialarbeit", "Ausbildungspatenschaften"]
SENTENCE = "Von 4 Maßnahmen wurden 2 mit Erfolg durchgeführt."


def test_content_counts_and_comparison(closed_round: ReportingRound) -> None:
    report = report_content(closed_round)
    assert (report.total, report.accepted, report.successful, report.not_accepted) == (4, 3, 2, 1)
    assert report.sentence == SENTENCE
    assert {c.key: c.count for c in report.by_status} == {
        "planned": 1, "in_progress": 1, "completed": 1, "routine": 0, "discontinued": 0, "not_accepted": 1}
    assert {c.key: c.count for c in report.by_success} == {
        "successful": 2, "partly": 1, "not_successful": 0, "not_yet": 0, "not_accepted": 1}
    assert report.chart.table() == [["Bildung und Sprachförderung", "1", "1", "1", "0", "0", "0", "3"],
                                    ["Ausbildung und Arbeitsmarkt", "0", "0", "0", "0", "0", "1", "1"]]
    comparison = report.comparison
    assert comparison.previous_title == "Umsetzungsbericht 2024"
    assert [(m.heading, m.before, m.now, m.forward) for m in comparison.moved] == [
        ("Mama lernt Deutsch", "in Umsetzung", "umgesetzt", True)]
    assert [(m.heading, m.now) for m in comparison.stalled] == [
        ("Hausaufgabenhilfe", "in Umsetzung"), ("Schulsozialarbeit", "geplant")]
    assert comparison.without_comparison == 1  # Ausbildungspatenschaften: answered in neither round
    assert not report.is_draft


def test_the_pdf_is_tagged_german_and_holds_counts_sentence_and_every_title(closed_round: ReportingRound) -> None:
    pdf = report_pdf(report_content(closed_round))
    reader = assert_tagged(pdf, "Umsetzungsbericht 2025 – Kommunaler Integrationsplan", language="de")
    text = flat(pdf_text(reader))
    assert SENTENCE in text
    for title in TITLES:
        assert title in text
    for expected in ("Drei Kurse mit 36 Müttern in zwei Stadtteilen.", "Zahl der Teilnehmerinnen: 36",
                     "36 (davon Frauen 36)", "Die Finanzierung kam spät.", "Zu wenige Ehrenamtliche.",
                     "Vergleich mit der vorigen Berichtsrunde", "Umsetzungsbericht 2024", "vorangekommen",
                     "Anhang: alle Maßnahmen", "Bericht offen, nicht angenommen", "noch nicht angenommen 1",
                     "erfolgreich 2", "teilweise erfolgreich 1"):
        assert expected in text, expected
    assert "Entwurf" not in text
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:3] == ["Zusammenfassung", "Bildung und Sprachförderung", "Ausbildung und Arbeitsmarkt"]
    assert b"/Figure" in pdf or _has_alt(reader)


def _has_alt(reader: Any) -> bool:
    """The chart is a figure with its alternative text in the structure tree."""
    found = False

    def walk(node: Any, depth: int = 0) -> None:
        nonlocal found
        if found or depth > 80:
            return
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "Balkendiagramm" in str(node.get("/Alt", "")):
                found = True
                return
            if "/K" in node:
                walk(node["/K"], depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.root_object["/StructTreeRoot"])
    return found


def test_the_chart_is_a_figure_with_alternative_text(closed_round: ReportingRound) -> None:
    from tests.documents.conftest import pdf_reader

    assert _has_alt(pdf_reader(report_pdf(report_content(closed_round))))


def test_an_open_rounds_report_is_a_draft(earlier_round: ReportingRound, coord_actor: Actor,
                                          edition: Edition) -> None:
    import datetime as dt

    open_round = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                     period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                     deadline=dt.date.today() + dt.timedelta(days=10))
    report = report_content(open_round)
    assert report.is_draft and report.file_stem.endswith("-entwurf")
    reader = assert_tagged(report_pdf(report), report.title)
    for page in reader.pages:
        assert "Entwurf – nicht beschlossen" in page.extract_text()
    # An open round has no result yet: its sentence says the interim state.
    assert "Zwischenstand: Von 4 Maßnahmen sind 0 Berichte angenommen, davon 0 mit Erfolg." in flat(pdf_text(reader))
    assert "wurden 0 mit Erfolg durchgeführt" not in flat(pdf_text(reader))


def test_the_docx_opens_and_holds_the_same_counts(closed_round: ReportingRound) -> None:
    document = docx_document(report_docx(report_content(closed_round)))
    text = docx_text(document)
    assert SENTENCE in text
    for title in TITLES:
        assert title in text
    assert ("Heading 1", "Zusammenfassung") in headings(document)
    assert ("Heading 2", "Mama lernt Deutsch") in headings(document)
    status_table = document.tables[0]
    assert [[c.text for c in row.cells] for row in status_table.rows] == [
        ["Status", "Anzahl"], ["geplant", "1"], ["in Umsetzung", "1"], ["abgeschlossen", "1"],
        ["ins laufende Geschäft übergegangen", "0"], ["nicht weiter verfolgt", "0"], ["noch nicht angenommen", "1"]]
    assert status_table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # the header row repeats on every page
    assert document.core_properties.language == "de-DE"
    assert len(document.inline_shapes) == 1  # the chart, with its alternative text
    assert "Balkendiagramm" in document.inline_shapes[0]._inline.docPr.get("descr")


def test_xlsx_and_csv_have_one_row_per_report(closed_round: ReportingRound) -> None:
    workbook = load_workbook(io.BytesIO(report_xlsx(closed_round)))
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nr.", "Maßnahme", "Handlungsfeld") and len(rows) == 5
    by_title = {row[1]: row for row in rows[1:]}
    header = list(rows[0])
    mama = dict(zip(header, by_title["Mama lernt Deutsch"], strict=True))
    assert (mama["Status"], mama["Erfolg"], mama["Erreichte Personen insgesamt"], mama["davon Frauen"]) == (
        "umgesetzt", "erfolgreich", 36, 36)
    assert mama["Erreichte Werte der Erfolgsindikatoren"] == "Zahl der Teilnehmerinnen: 36"
    never = dict(zip(header, by_title["Ausbildungspatenschaften"], strict=True))
    assert (never["Stand des Berichts"], never["Status"], never["Sachstand"]) == ("offen", None, None)

    data = report_csv(closed_round)
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == header and len(table) == 5
    assert table[1][1] == "Mama lernt Deutsch" and table[1][11] == "Drei Kurse mit 36 Müttern in zwei Stadtteilen."


def test_text_that_looks_like_a_formula_stays_text(closed_round: ReportingRound) -> None:
    from teilhabe.reporting.models import MeasureReport

    MeasureReport.objects.filter(round=closed_round, title="Schulsozialarbeit").update(obstacles="=HYPERLINK(\"x\")")
    table = list(csv.reader(io.StringIO(report_csv(closed_round).decode("utf-8-sig")), delimiter=";"))
    assert table[3][14] == "'=HYPERLINK(\"x\")"
    sheet = load_workbook(io.BytesIO(report_xlsx(closed_round))).active
    cell = sheet.cell(row=4, column=15)
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s"


def test_a_closed_round_stays_what_was_accepted(closed_round: ReportingRound, coord_actor: Actor,
                                               edition: Edition, municipality: Any) -> None:
    before = report_content(closed_round)
    mama = Measure.objects.get(edition=edition, title="Mama lernt Deutsch")
    plan_services.update_measure(actor=coord_actor, measure=mama, expected_version=mama.version, values={
        "title": "Mama lernt Deutsch (neu)", "progress": "Später geändert."})
    after = report_content(closed_round)
    assert [e.title for e in after.entries] == [e.title for e in before.entries]
    assert after.entries[0].progress == "Drei Kurse mit 36 Müttern in zwei Stadtteilen."
    text = flat(pdf_text(report_pdf(after)))
    assert "Später geändert." not in text and "Mama lernt Deutsch (neu)" not in text
    assert "Später geändert." not in report_csv(closed_round).decode("utf-8-sig")


def test_the_content_takes_the_same_queries_for_more_measures(closed_round: ReportingRound, coord_actor: Actor,
                                                              edition: Edition) -> None:
    import datetime as dt

    from tests.reporting.fixtures_documents import add_measures

    with CaptureQueriesContext(connection) as small:
        report_content(closed_round)
    add_measures(coord_actor, edition, 30)
    bigger = services.open_round(actor=coord_actor, edition=edition, title="Umsetzungsbericht 2026",
                                 period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                 deadline=dt.date(2027, 1, 31))
    with CaptureQueriesContext(connection) as large:
        content = report_content(bigger)
    assert content.total == 34
    assert len(small) == len(large) == 5
