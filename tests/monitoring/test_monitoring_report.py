"""The monitoring report: content, tagged PDF/UA-1 and DOCX with every indicator by sex where the data allow,
charts drawn offline from the page's spec, the back office page and downloads, and a fixed number of queries."""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vl_convert
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.monitoring.charts import VEGA_LITE_SCHEMA, VEGA_LITE_VERSION
from teilhabe.monitoring.documents import report_content
from teilhabe.monitoring.documents.chart import chart_png, chart_svg, print_spec
from teilhabe.monitoring.documents.docx import report_docx
from teilhabe.monitoring.documents.pdf import report_pdf
from teilhabe.monitoring.models import Indicator, MonitoringDocument
from teilhabe.plans.models import Edition, FieldOfAction
from tests.documents.conftest import assert_tagged, docx_document, docx_text, flat, headings, pdf_text

from .report_world import build_monitoring

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality, edition: Edition) -> dict[str, Indicator]:
    return build_monitoring(coord_actor, municipality, edition)


def test_content_groups_by_field_and_breaks_down_by_sex(world: dict[str, Indicator],
                                                        municipality: Municipality, edition: Edition) -> None:
    report = report_content(municipality)
    fields = list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk"))
    assert [s.title for s in report.sections] == [fields[0].title, fields[1].title]
    by_name = {e.name: e for e in report.entries}
    assert by_name["Ausländeranteil"].spec["layer"][1]["data"]["values"][0]["label"] == "Ziel 2030: 20"
    population = by_name["Einwohnerinnen und Einwohner"]
    assert population.by_sex and population.tables[0].header == ["Periode", "insgesamt", "weiblich", "männlich"]
    assert population.tables[0].rows[-1] == ["2022", "162.500 p", "83.000 p", "79.500 p"]
    assert population.spec["$schema"] == VEGA_LITE_SCHEMA and VEGA_LITE_SCHEMA.endswith(
        f"v{VEGA_LITE_VERSION.split('.')[0]}.json")
    assert {row["line"] for row in population.spec["data"]["values"]} == {"insgesamt", "weiblich", "männlich"}
    share = by_name["Ausländeranteil"]
    # computed from the counts: 28.000 / 160.000 = 17,5 %; men 2022 suppressed in the numerator
    assert share.tables[0].rows[0] == ["2020", "17,5", "17,0", "18,0"]
    assert share.tables[0].rows[-1][3] == "."
    assert share.progress_label == "auf Kurs" and "geschafft" in share.progress_text
    assert "Zeitreihenbruch ab 2022: Zensus 2022" in share.notes
    assert any("Akzeptierte Warnung in „AZR.csv“ (Zeile 9, Spalte Value)" in n for n in share.notes)
    unemployed = by_name["Arbeitslose"]
    assert [t.title for t in unemployed.tables] == [
        "insgesamt und nach Geschlecht", "nach Staatsangehörigkeit",
        "nach Staatsangehörigkeit und Geschlecht"]
    assert unemployed.tables[2].header == ["Periode", "insgesamt", "nichtdeutsch, weiblich", "nichtdeutsch, männlich"]
    assert unemployed.tables[2].rows == [["2021", "5.200", "700", "800 e"]]
    kita = by_name["Kita-Besuchsquote mit Migrationshintergrund"]
    assert not kita.has_values and kita.progress_label == "keine Daten"
    assert "Interner Indikator" in by_name
    published = report_content(municipality, published_only=True)
    assert "Interner Indikator" not in {e.name for e in published.entries}
    one_field = report_content(municipality, field_id=fields[1].pk)
    assert [s.title for s in one_field.sections] == [fields[1].title]
    assert {e.name for e in one_field.entries} == {"Arbeitslose", "Kita-Besuchsquote mit Migrationshintergrund",
                                                   "Interner Indikator"}


def test_pdf_is_tagged_and_has_the_indicators_values_and_sexes(world: dict[str, Indicator],
                                                                municipality: Municipality) -> None:
    report = report_content(municipality)
    data = report_pdf(report)
    reader = assert_tagged(data, report.title)
    text = pdf_text(reader)
    for name in ("Einwohnerinnen und Einwohner", "Ausländeranteil", "Arbeitslose", "Interner Indikator"):
        assert name in flat(text)
    assert "weiblich" in text and "männlich" in text
    for value in ("160.000", "82.000", "78.600", "17,5", "800 e", "5.200"):
        assert value in text
    assert "Zensus 2022" in text and "Statistisches Landesamt" in text and "2021-03-01" in text
    assert "Ziel erreicht" in text and "auf Kurs" in text  # status table and entry
    assert "Abbildung" in text  # a chart per indicator with values, as a figure


def test_docx_has_the_same_content(world: dict[str, Indicator], municipality: Municipality) -> None:
    report = report_content(municipality)
    document = docx_document(report_docx(report))
    text = docx_text(document)
    assert ("Heading 1", report.sections[0].title) in headings(document)
    assert ("Heading 2", "Ausländeranteil") in headings(document)
    for value in ("160.000", "82.000", "17,5", "800 e", "weiblich", "männlich", "Zensus 2022", "auf Kurs"):
        assert value in text
    pictures = document.inline_shapes
    assert len(pictures) == 4  # one chart per indicator with values
    assert pictures[0]._inline.docPr.get("descr").startswith("Liniendiagramm Einwohnerinnen und Einwohner")


def test_an_empty_municipality_gets_a_short_sensible_report(municipality: Municipality) -> None:
    report = report_content(municipality)
    assert report.sections == [] and "keine Indikatoren" in report.summary_text
    text = pdf_text(assert_tagged(report_pdf(report), report.title))
    assert "keine Indikatoren" in flat(text)
    assert "keine Indikatoren" in docx_text(docx_document(report_docx(report)))


def test_the_chart_is_drawn_offline_from_the_pages_spec(world: dict[str, Indicator],
                                                        municipality: Municipality) -> None:
    entry = next(e for e in report_content(municipality).entries if e.name == "Ausländeranteil")
    svg = chart_svg(entry.spec)
    assert svg.startswith("<svg") and "weiblich" in svg and "Ziel 2030: 20" in svg and "Bruch" in svg
    assert 'font-family="Noto Sans' in svg or "font-family: Noto Sans" in svg or "Noto Sans" in svg
    assert chart_png(entry.spec).startswith(b"\x89PNG")
    # one legend that names each line by colour and dash (the browser test checks the page's drawing too)
    compiled = vl_convert.vegalite_to_vega(print_spec(entry.spec), vl_version=VEGA_LITE_VERSION)
    assert len(compiled["legends"]) == 1 and {"stroke", "strokeDash"} <= set(compiled["legends"][0])
    # The spec's data is inline; anything that would be fetched is refused, so no network call is made.
    with pytest.raises(ValueError):
        chart_svg({**entry.spec, "data": {"url": "https://example.org/werte.csv"}, "layer": entry.spec["layer"][:1]})


def test_report_queries_do_not_grow_with_the_indicators(coord_actor: Actor, municipality: Municipality,
                                                         edition: Edition) -> None:
    build_monitoring(coord_actor, municipality, edition)
    with CaptureQueriesContext(connection) as few:
        report_content(municipality)
    build_monitoring_more(coord_actor, municipality)
    with CaptureQueriesContext(connection) as many:
        report = report_content(municipality)
    assert len(report.entries) == 12
    assert len(many) == len(few) <= 6


def build_monitoring_more(coord_actor: Actor, municipality: Municipality) -> None:
    from teilhabe.monitoring import services
    from teilhabe.monitoring.services import DataWarning

    from .conftest import row

    field = FieldOfAction.objects.order_by("position", "pk").last()
    for n in range(6):
        indicator = services.create_indicator(actor=coord_actor, municipality=municipality, values={
            "key": f"extra-{n}", "name": f"Zusatz {n}", "dimensions": ["sex"], "fields": [field]})
        services.add_series_break(actor=coord_actor, indicator=indicator, period="2020", note="Umstellung")
        services.write_observations(actor=coord_actor, indicator=indicator, label=f"z{n}.csv", rows=[
            row("2020", 10 + n), row("2020", 5, {"sex": "female"}), row("2021", 11 + n)],
            accepted_warnings=[DataWarning("Teile ≠ Summe")])


# --- back office ------------------------------------------------------------------------------------------


def _url(municipality: Municipality, name: str = "monitoring_report") -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug})


@pytest.mark.usefixtures("immediate_tasks")
def test_the_page_previews_the_report_and_offers_the_downloads(
        world: dict[str, Indicator], municipality: Municipality, lesend: User,
        client_for: Callable[[User | None], Client], django_capture_on_commit_callbacks: Any) -> None:
    client = client_for(lesend)
    page = client.get(_url(municipality)).content.decode()
    assert "Monitoringbericht" in page and "Alle Indikatoren auf einen Blick" in page
    assert 'data-vega-spec="diagramm-einwohner-spec"' in page and 'id="diagramm-einwohner-spec"' in page
    assert "monitoring/chart.js" in page and "vendor/vega-embed/vega-embed.min.js" in page
    assert _url(municipality, "monitoring_report_pdf") in page and _url(municipality, "monitoring_report_docx") in page
    published = client.get(_url(municipality), {"umfang": "veroeffentlicht"}).content.decode()
    assert "Interner Indikator" in page and "Interner Indikator" not in published

    with django_capture_on_commit_callbacks(execute=True):  # rendered at once (the immediate task backend)
        client.get(_url(municipality, "monitoring_report_pdf"), {"umfang": "veroeffentlicht"})
        client.get(_url(municipality, "monitoring_report_docx"))
    pdf = client.get(_url(municipality, "monitoring_report_pdf"), {"umfang": "veroeffentlicht"})
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Disposition"].startswith(
        'attachment; filename="monitoringbericht-heidelberg-')
    assert "Interner Indikator" not in flat(pdf_text(pdf.content))
    docx = client.get(_url(municipality, "monitoring_report_docx"))
    assert docx.content.startswith(b"PK") and "Interner Indikator" in docx_text(docx_document(docx.content))


def test_options_that_do_not_exist_are_named_and_nothing_is_rendered(
        world: dict[str, Indicator], municipality: Municipality, koordination: User,
        client_for: Callable[[User | None], Client]) -> None:
    client = client_for(koordination)
    page = client.get(_url(municipality), {"umfang": "geheim", "handlungsfeld": "999999"}).content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben." in page and "Dieses Handlungsfeld gibt es nicht" in page
    assert "Vorschau" not in page.split("</form>")[1]
    response = client.get(_url(municipality, "monitoring_report_pdf"), {"handlungsfeld": "x"})
    assert response.status_code == 302 and response["Location"].startswith(_url(municipality))
    follow = client.get(response["Location"]).content.decode()
    assert "Der Bericht wurde nicht erstellt" in follow
    assert not MonitoringDocument.objects.exists()


def test_the_page_runs_a_fixed_number_of_queries(coord_actor: Actor, municipality: Municipality, edition: Edition,
                                                 koordination: User,
                                                 client_for: Callable[[User | None], Client]) -> None:
    build_monitoring(coord_actor, municipality, edition)
    client = client_for(koordination)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(municipality)).status_code == 200
    build_monitoring_more(coord_actor, municipality)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_url(municipality)).status_code == 200
    assert len(many) == len(few)


def test_the_vendored_vega_interpreter_matches_the_installed_package() -> None:
    """static/monitoring/vega-interpreter.js is scripts/vendor-vega-interpreter.py's output for the
    vega-interpreter of package.json (rerun the script after an update)."""
    script = runpy.run_path(str(ROOT / "scripts/vendor-vega-interpreter.py"))
    assert script["TARGET"].read_text(encoding="utf-8") == script["wrapped"]()


def test_the_chart_include_contract() -> None:
    """spec/id (or chart_spec/chart_id), optional table_id, chart_label, chart_fallback; a <div> a page may wrap
    in its own <figure>; the spec as a JSON data block, no inline script that runs."""
    from django.template.loader import render_to_string

    spec = {"$schema": VEGA_LITE_SCHEMA, "title": "Quote", "description": "Zeitreihe Quote (%)",
            "data": {"values": [{"period": "2020", "value": 1.5, "line": "insgesamt"}]}, "mark": "line"}
    html = render_to_string("monitoring/_chart.html", {"spec": spec, "id": "diagramm-quote", "table_id": "werte"})
    assert '<script id="diagramm-quote-spec" type="application/json">' in html
    assert 'data-vega-spec="diagramm-quote-spec"' in html and 'role="img"' in html
    assert 'aria-label="Zeitreihe Quote (%)"' in html and 'aria-describedby="diagramm-quote-note"' in html
    assert 'href="#werte"' in html and "<figure" not in html
    assert html.count("<script") == 2 and "monitoring/chart.js" in html  # the data block and the file
    other = render_to_string("monitoring/_chart.html", {
        "chart_spec": spec, "chart_id": "indikator-diagramm", "chart_fallback": "Die Tabelle zeigt dieselben Werte.",
        "chart_label": "Liniendiagramm"})
    assert 'id="indikator-diagramm-spec"' in other and "Die Tabelle zeigt dieselben Werte." in other
    assert 'aria-label="Liniendiagramm"' in other and "aria-describedby" not in other


def test_the_pdf_declares_the_language_it_is_made_in(world: dict[str, Indicator], municipality: Municipality) -> None:
    from django.utils import translation

    with translation.override("en"):
        report = report_content(municipality)
        data = report_pdf(report)
    assert report.language == "en"
    assert "Einwohnerinnen und Einwohner" in flat(pdf_text(assert_tagged(data, report.title, language="en")))


OFFLINE_SCRIPT = """
import json, sys, django
django.setup()
from teilhabe.monitoring.documents.chart import chart_png, chart_svg
spec = json.load(sys.stdin)
svg = chart_svg(spec)
assert svg.startswith("<svg") and "weiblich" in svg, svg[:200]
assert chart_png(spec).startswith(b"\\x89PNG")
print("drawn offline")
"""


def _can_drop_network() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)  # noqa: S607
    return probe.returncode == 0


def test_charts_are_drawn_without_any_network(world: dict[str, Indicator], municipality: Municipality) -> None:
    """The same drawing in a process that has no network at all (a new network namespace)."""
    if not _can_drop_network():
        pytest.skip("this machine cannot start a process without network (unshare -n)")
    entry = next(e for e in report_content(municipality).entries if e.name == "Ausländeranteil")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "teilhabe.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603  (our own interpreter and script, no user input)
        ["unshare", "-n", sys.executable, "-c", OFFLINE_SCRIPT], input=json.dumps(entry.spec), env=env,  # noqa: S607
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and "drawn offline" in result.stdout, result.stderr[-2000:]


def test_documents_are_rendered_in_the_background_and_kept_by_content(
        world: dict[str, Indicator], municipality: Municipality, coord_actor: Actor, statistik: User,
        client_for: Callable[[User | None], Client], django_capture_on_commit_callbacks: Any,
        run_tasks: Callable[[], list[Any]]) -> None:
    from teilhabe.monitoring import services

    from .conftest import row

    client = client_for(statistik)
    url = _url(municipality, "monitoring_report_pdf")
    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        waiting = client.get(url, {"umfang": "veroeffentlicht"})
    page = waiting.content.decode()
    assert waiting.status_code == 200 and len(enqueued) == 1
    assert "wird erstellt" in page and 'hx-trigger="every 3s"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without JavaScript
    assert "umfang=veroeffentlicht&amp;warten=1" in page
    document = MonitoringDocument.objects.get()
    assert document.state == MonitoringDocument.State.PENDING and document.published_only

    results = run_tasks()
    assert [(r.task.name, r.status) for r in results] == [("render_monitoring_document", "SUCCESSFUL")]
    with django_capture_on_commit_callbacks(execute=True) as again:
        response = client.get(url, {"umfang": "veroeffentlicht"})
    assert again == [] and response["Content-Type"] == "application/pdf"
    assert "Interner Indikator" not in flat(pdf_text(response.content)) and "82.000" in pdf_text(response.content)
    ready = client.get(url, {"umfang": "veroeffentlicht", "warten": "1"}).content.decode()
    assert "Das Dokument ist fertig." in ready and "hx-trigger" not in ready

    # New data make a new document; once it is rendered, the old one is gone.
    services.write_observations(actor=coord_actor, indicator=world["population"], label="2023.csv",
                                rows=[row("2023", 163000)])
    with django_capture_on_commit_callbacks(execute=True) as renewed:
        assert "wird erstellt" in client.get(url, {"umfang": "veroeffentlicht"}).content.decode()
    assert len(renewed) == 1
    run_tasks()
    assert MonitoringDocument.objects.count() == 1
    assert "163.000" in pdf_text(client.get(url, {"umfang": "veroeffentlicht"}).content)


def test_a_failed_rendering_is_shown_and_can_be_retried(
        world: dict[str, Indicator], municipality: Municipality, koordination: User,
        client_for: Callable[[User | None], Client], django_capture_on_commit_callbacks: Any,
        run_tasks: Callable[[], list[Any]]) -> None:
    from teilhabe.monitoring.documents import rendering

    client = client_for(koordination)
    url = _url(municipality, "monitoring_report_docx")
    report = report_content(municipality)
    MonitoringDocument.objects.create(municipality=municipality, format="docx", language="de",
                                      content_key=rendering.content_key(report, "docx"),
                                      state=MonitoringDocument.State.FAILED, error="RuntimeError: kaputt")
    page = client.get(url).content.decode()
    assert "konnte nicht erstellt werden" in page and "Erneut versuchen" in page and "kaputt" not in page
    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("?warten=1") and len(enqueued) == 1
    run_tasks()
    assert client.get(url).content.startswith(b"PK")
