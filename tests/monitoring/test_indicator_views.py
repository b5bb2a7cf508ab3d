"""The monitoring's indicator pages in the back office: defining indicators and rates, the catalogue,
categories, series breaks, the indicator page with its breakdown selector and table, the CSV, and fixed
query counts for the list and the page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from bench.monitoring_page import build_indicator, fill_indicator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import across_municipalities, actor_for, municipality_scope
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Category, Indicator, SeriesBreak, Unit
from teilhabe.monitoring.services import DataWarning

from .conftest import row


def url(municipality: Municipality, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


INDICATOR_POST = {"key": "einwohner", "name": "Einwohnerinnen und Einwohner", "unit": "count",
                  "unit_label": "Personen", "frequency": "yearly", "dimensions": ["sex"], "kind": "monitoring",
                  "direction": "none", "weight": "1"}


def test_koordination_defines_an_indicator_and_bad_input_changes_nothing(
        municipality: Municipality, koordination: User, client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    bad = client.post(url(municipality, "indicator_create"), {
        **INDICATOR_POST, "target_value": "12,5", "target_period": "Juni 2030", "baseline_period": "irgendwann"})
    assert bad.status_code == 200
    assert "Mit einem Zielwert geben Sie an, ob der Wert steigen oder sinken soll." in text(bad)
    assert "„irgendwann“ ist keine Periode" in text(bad)
    assert not Indicator.objects.exists()
    ok = client.post(url(municipality, "indicator_create"), {
        **INDICATOR_POST, "target_value": "12,5", "target_period": "Juni 2030", "direction": "increase"})
    indicator = Indicator.objects.get()
    assert ok.status_code == 302 and ok["Location"] == url(municipality, "indicator_detail", pk=indicator.pk)
    assert indicator.target_value == Decimal("12.5") and indicator.target_period == "2030-06"
    assert indicator.dimensions == ["sex"]
    again = client.post(url(municipality, "indicator_create"), INDICATOR_POST)
    assert "Die Kennung „einwohner“ ist bereits vergeben." in text(again)
    assert Indicator.objects.count() == 1
    listing = client.get(url(municipality, "indicator_list"))
    assert "Einwohnerinnen und Einwohner" in text(listing) and "Indikatoren 1–1 von 1" in text(listing)


def test_an_edit_against_a_stale_version_shows_the_conflict(
        municipality: Municipality, koordination: User, coord_actor: Actor, population: Indicator,
        client_for: Callable[..., Any]) -> None:
    services.update_indicator(actor=coord_actor, indicator=population, expected_version=population.version,
                              values={"name": "Bevölkerung"})
    response = client_for(koordination).post(url(municipality, "indicator_edit", pk=population.pk), {
        **INDICATOR_POST, "name": "Einwohner (alt)", "version": population.version})
    assert response.status_code == 200
    assert 'class="conflict' in response.content.decode() or "inzwischen" in text(response)
    assert Indicator.objects.get(pk=population.pk).name == "Bevölkerung"


def test_a_rate_from_two_counts_and_its_refusals(municipality: Municipality, koordination: User,
                                                 population: Indicator, foreigners: Indicator,
                                                 client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    same = client.post(url(municipality, "rate_create"), {
        "key": "quote", "name": "Quote", "numerator": population.pk, "denominator": population.pk, "per": 100})
    assert "Zähler und Nenner müssen verschieden sein." in text(same)
    ok = client.post(url(municipality, "rate_create"), {
        "key": "auslaenderanteil", "name": "Ausländeranteil", "numerator": foreigners.pk,
        "denominator": population.pk, "per": 100})
    rate = Indicator.objects.get(key="auslaenderanteil")
    assert ok.status_code == 302 and rate.numerator_id == foreigners.pk and rate.unit == Unit.PERCENT
    taken = client.post(url(municipality, "rate_create"), {
        "key": "auslaenderanteil", "name": "Noch einmal", "numerator": foreigners.pk,
        "denominator": population.pk, "per": 1000})
    assert "bereits vergeben" in text(taken)
    refused = client.post(url(municipality, "indicator_delete", pk=population.pk), {"version": population.version})
    assert "wird für die Quote „Ausländeranteil“ gebraucht" in text(refused)
    assert Indicator.objects.filter(pk=population.pk).exists()


def test_the_catalogue_page_adopts_and_shows_what_is_adopted(municipality: Municipality, koordination: User,
                                                            client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    empty = client.post(url(municipality, "indicator_catalogue"), {"csrfmiddlewaretoken": "x"})
    assert "Wählen Sie mindestens einen Eintrag des Startkatalogs." in text(empty)
    response = client.post(url(municipality, "indicator_catalogue"), {"entries": ["sgb2_quote"]}, follow=True)
    assert "3 Indikatoren wurden aus dem Startkatalog übernommen" in text(response)
    assert set(Indicator.objects.values_list("key", flat=True)) == {
        "sgb2_quote", "sgb2_leistungsberechtigte", "bevoelkerung_u_rentenalter"}
    page = text(response)
    assert page.count("übernommen</span>") == 3
    assert 'value="sgb2_quote" id="eintrag-sgb2_quote" disabled checked' in page


def test_statistik_keeps_categories_and_breaks_but_not_the_indicators(
        municipality: Municipality, statistik: User, population: Indicator, stat_actor: Actor,
        client_for: Callable[..., Any]) -> None:
    client = client_for(statistik)
    assert client.get(url(municipality, "indicator_create")).status_code == 403
    assert client.get(url(municipality, "indicator_edit", pk=population.pk)).status_code == 403
    start = client.get(url(municipality, "dashboard"))
    assert start.status_code == 302 and start["Location"] == url(municipality, "indicator_list")
    created = client.post(url(municipality, "category_create"), {
        "dimension": "age", "code": "u18", "label": "unter 18 Jahre", "aliases": "u18\n0 bis 17\n"})
    assert created.status_code == 302
    category = Category.objects.get()
    assert category.aliases == ["u18", "0 bis 17"]
    twice = client.post(url(municipality, "category_create"), {"dimension": "age", "code": "u18", "label": "x"})
    assert "Diesen Code gibt es für diese Aufgliederung schon." in text(twice)
    edited = client.post(url(municipality, "category_edit", pk=category.pk), {
        "dimension": "age", "code": "u18", "label": "unter 18", "aliases": "", "version": category.version})
    assert edited.status_code == 302 and Category.objects.get().label == "unter 18"
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[
        row("2020", 10, {"age": "u18"})])
    in_use = client.post(url(municipality, "category_delete", pk=category.pk), {"version": category.version + 1})
    assert "Zur Kategorie „unter 18“ gibt es Messwerte" in text(in_use)
    added = client.post(url(municipality, "indicator_break_add", pk=population.pk), {
        "period": "31.12.2022", "note": "Zensus 2022"})
    assert added.status_code == 302
    series_break = SeriesBreak.objects.get()
    assert series_break.period == "2022-12-31"
    again = client.post(url(municipality, "indicator_break_add", pk=population.pk), {
        "period": "2022-12-31", "note": "doppelt"})
    assert "bereits ein Zeitreihenbruch" in text(again)
    nonsense = client.post(url(municipality, "indicator_break_add", pk=population.pk), {
        "period": "Sommer", "note": "x"})
    assert "„Sommer“ ist keine Periode." in text(nonsense)
    assert SeriesBreak.objects.count() == 1
    gone = client.post(url(municipality, "seriesbreak_delete", pk=series_break.pk), {"version": series_break.version})
    assert gone.status_code == 302 and not SeriesBreak.objects.exists()


def test_the_indicator_page_by_sex_with_flags_suppressed_values_breaks_and_warnings(
        municipality: Municipality, lesend: User, coord_actor: Actor, stat_actor: Actor, population: Indicator,
        client_for: Callable[..., Any]) -> None:
    services.update_indicator(actor=coord_actor, indicator=population, expected_version=population.version,
                              values={"baseline_value": Decimal(1000), "baseline_period": "2019",
                                      "target_value": Decimal(1200), "target_period": "2023",
                                      "direction": "increase"})
    services.write_observations(
        actor=stat_actor, indicator=population, label="Bevölkerung 2019–2021.csv", rows=[
            row("2019", 1000), row("2019", 510, {"sex": "female"}), row("2019", 490, {"sex": "male"}),
            row("2020", 1100, source="Melderegister", vintage="31.12.2020"),
            row("2020", None, {"sex": "female"}, flag="s"), row("2020", 530, {"sex": "male"}),
            row("2021", 1150, flag="p")],
        accepted_warnings=[DataWarning("Frauen + Männer ergeben nicht die Summe.", line=7, column="Value")])
    services.add_series_break(actor=stat_actor, indicator=population, period="2020", note="Zensus")
    client = client_for(lesend)
    total = client.get(url(municipality, "indicator_detail", pk=population.pk))
    page = text(total)
    assert total.status_code == 200
    assert '<option value="sex">nach Geschlecht</option>' in page
    assert "weiblich" not in page.split("<table")[1]  # the total only
    assert "1.150<sup" in page and "vorläufig" in page
    assert "Frauen + Männer ergeben nicht die Summe." in page and "Zeile 7" in page
    assert "auf Kurs" in page or "etwas Fortschritt" in page
    assert "Melderegister" in page and "31.12.2020" in page
    assert "Bearbeiten" not in page  # Lesend reads only
    by_sex = text(client.get(url(municipality, "indicator_detail", pk=population.pk), {"nach": "sex"}))
    table = by_sex.split("<table")[1].split("</table>")[0]
    assert '<caption class="indicator-values__caption" id="werte-titel">Einwohnerinnen und Einwohner (Personen) ' \
           "nach Geschlecht</caption>" in table
    assert re.search(r'<th scope="col"[^>]*>insgesamt</th>\s*<th scope="col"[^>]*>weiblich</th>\s*'
                     r'<th scope="col"[^>]*>männlich</th>', table)
    assert "–<sup" in table and "geheim gehalten" in by_sex
    assert "Bruch</abbr>" in table
    assert '<option value="sex" selected>nach Geschlecht</option>' in by_sex
    unknown = client.get(url(municipality, "indicator_detail", pk=population.pk), {"nach": "religion"})
    assert unknown.status_code == 200  # an unknown breakdown falls back to the total
    csv = client.get(url(municipality, "indicator_csv", pk=population.pk))
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0] == "Year,Geschlecht,Units,Value"


def test_the_chart_spec_carries_the_breakdown_and_the_target(
        municipality: Municipality, koordination: User, stat_actor: Actor, population: Indicator,
        client_for: Callable[..., Any]) -> None:
    services.write_observations(actor=stat_actor, indicator=population, label="a", rows=[
        row("2019", 1000), row("2019", 510, {"sex": "female"}), row("2019", 490, {"sex": "male"})])
    response = client_for(koordination).get(url(municipality, "indicator_detail", pk=population.pk), {"nach": "sex"})
    spec = response.context["chart_spec"]
    assert {r["line"] for r in spec["data"]["values"]} == {"insgesamt", "weiblich", "männlich"}


# --- queries do not grow with the data -------------------------------------------------------------------------


@pytest.fixture
def _across() -> Iterator[None]:
    with across_municipalities():
        yield


def count_queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.usefixtures("_across")
def test_the_indicator_page_runs_the_same_queries_for_2_and_20_years(db: Any, client_for: Callable[..., Any]) -> None:
    small, large = build_indicator("indikator-klein", years=2), build_indicator("indikator-gross", years=20)
    counts = []
    for data in (small, large):
        path = reverse("backoffice:indicator_detail", kwargs={"municipality": data.slug, "pk": data.indicator_id})
        counts.append(count_queries(client_for(data.user), f"{path}?nach=sex"))
    assert counts[0] == counts[1] <= 12


@pytest.mark.usefixtures("_across")
def test_the_indicator_list_runs_the_same_queries_for_3_and_60_indicators(
        db: Any, client_for: Callable[..., Any]) -> None:
    counts = []
    for slug, n in (("liste-klein", 3), ("liste-gross", 60)):
        data = build_indicator(slug, years=2)
        municipality = Municipality.objects.get(slug=slug)
        with municipality_scope(municipality):
            actor = actor_for(data.user, municipality)
            for i in range(n - 1):
                indicator = services.create_indicator(actor=actor, municipality=municipality, values={
                    "key": f"anzahl-{i}", "name": f"Anzahl {i}", "dimensions": ["sex"]})
                fill_indicator(actor, indicator, 2)
            first = Indicator.objects.order_by("pk")
            services.define_rate(actor=actor, municipality=municipality, key="quote", name="Quote",
                                 numerator=first[1], denominator=first[0], per=100)
        path = reverse("backoffice:indicator_list", kwargs={"municipality": slug})
        counts.append(count_queries(client_for(data.user), f"{path}?seite=2&art=monitoring&oeffentlich=nein"
                                    if n > 50 else path))
    assert counts[0] == counts[1] <= 12


def test_the_category_list_runs_the_same_queries_for_2_and_20_categories(
        municipality: Municipality, statistik: User, stat_actor: Actor, client_for: Callable[..., Any]) -> None:
    client = client_for(statistik)
    path = url(municipality, "category_list")
    counts = []
    for n in (2, 20):
        for i in range(Category.objects.count(), n):
            services.create_category(actor=stat_actor, municipality=municipality, dimension="district",
                                     code=f"bezirk-{i}", label=f"Bezirk {i}", aliases=[f"B{i}"])
        counts.append(count_queries(client, path))
    assert counts[0] == counts[1]
    assert "Bezirk 19" in text(client.get(path))
