"""The published monitoring in the portal: the list grouped by field of action, one indicator's page with
its breakdown selector and table, the downloads (tidy CSV, JSON) and the DCAT-AP.de catalogue, which parses as
RDF in both serialisations. Unpublished indicators and those of another municipality do not exist (404);
pages run a fixed number of queries whatever the number of values."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.monitoring.models import Indicator
from teilhabe.plans.models import FieldOfAction, Plan
from tests.monitoring import published

# Plain namespaces (rdflib's closed ones warn when pytest inspects the module).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

pytestmark = pytest.mark.django_db

BASE = "/heidelberg/monitoring/"
DCATDE = "http://dcat-ap.de/def/dcatde/"


@pytest.fixture
def world(coord_actor: Actor, municipality: Municipality, plan: Plan) -> dict[str, Indicator]:
    fields = FieldOfAction.objects.filter(edition__plan=plan).order_by("position")[:1]
    return published.build(coord_actor, municipality, fields=fields)


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured.captured_queries)


# --- pages -------------------------------------------------------------------------------------------------


def test_list_groups_published_indicators_by_field(world: dict[str, Indicator], plan: Plan) -> None:
    response = Client().get(BASE)
    assert response.status_code == 200
    html = response.content.decode()
    field = FieldOfAction.objects.filter(edition__plan=plan).order_by("position").first()
    assert field is not None and field.title in html
    assert "Weitere Indikatoren" in html
    for key in ("einwohner", "auslaender", "auslaenderanteil"):
        assert f'href="{BASE}{key}/"' in html
    assert "intern" not in html and "Interner Entwurfsindikator" not in html
    # latest value of the share (2018: 12,800 / 102,000 = 12.549 %, shown with one decimal) and its status
    assert '<bdi class="indicator-card__value">12,5</bdi>' in html
    assert "auf Kurs" in html or "etwas Fortschritt" in html or "nicht auf Kurs" in html


def test_home_links_the_monitoring(world: dict[str, Indicator]) -> None:
    html = Client().get("/heidelberg/").content.decode()
    assert f'href="{BASE}"' in html


def test_home_without_published_indicators_has_no_link(municipality: Municipality) -> None:
    html = Client().get("/heidelberg/").content.decode()
    assert f'href="{BASE}"' not in html


def test_indicator_page_total_and_breakdown(world: dict[str, Indicator]) -> None:
    html = Client().get(f"{BASE}einwohner/").content.decode()
    assert "Einwohnerinnen und Einwohner" in html
    assert "Statistisches Landesamt" in html and "Zensus 2011" in html
    assert "102.000" in html  # the 2018 total, in German number format
    assert '<select class="kern-form-input__select" id="aufgliederung" name="aufgliederung">' in html
    assert "weiblich" not in html.split("<table", 1)[1]
    html = Client().get(f"{BASE}einwohner/", {"aufgliederung": "sex"}).content.decode()
    table = html.split("<table", 1)[1].split("</table>", 1)[0]
    assert "weiblich" in table and "männlich" in table and "52.000" in table
    assert table.index("insgesamt") < table.index("weiblich") < table.index("männlich")  # the vocabulary's order
    assert '<option value="sex" selected>' in html


def test_indicator_page_rate_with_target_and_flags(world: dict[str, Indicator]) -> None:
    html = Client().get(f"{BASE}auslaenderanteil/").content.decode()
    assert "Zielwert" in html and "20" in html and "2030" in html
    assert "Berechnet aus" in html
    assert "vorläufig" in html  # the 2018 value is provisional (from its numerator)


def test_unknown_breakdown_is_explained_and_shows_the_total(world: dict[str, Indicator]) -> None:
    response = Client().get(f"{BASE}einwohner/", {"aufgliederung": "religion"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ist dieser Indikator nicht aufgegliedert" in html
    assert "102.000" in html


def test_unpublished_and_unknown_indicators_are_404(world: dict[str, Indicator]) -> None:
    client = Client()
    for path in ("intern/", "intern.csv", "intern.json", "gibtsnicht/", "gibtsnicht.csv", "gibtsnicht.json"):
        assert client.get(BASE + path).status_code == 404, path


def test_another_municipalitys_indicator_is_404(world: dict[str, Indicator], other_municipality: Municipality,
                                                 foreign_user: User) -> None:
    with municipality_scope(other_municipality):
        actor = actor_for(foreign_user, other_municipality)
        from teilhabe.monitoring import services
        services.create_indicator(actor=actor, municipality=other_municipality, values={
            "key": "nur-herdecke", "name": "Nur in Herdecke", "is_published": True})
    client = Client()
    other = f"/{other_municipality.slug}/monitoring/"
    assert client.get(f"{other}nur-herdecke/").status_code == 200
    for path in ("nur-herdecke/", "nur-herdecke.csv", "nur-herdecke.json"):
        assert client.get(BASE + path).status_code == 404, path
    # and our indicators are not in their catalogue
    graph = Graph().parse(data=client.get(f"{other}katalog.ttl").content, format="turtle")
    titles = {str(o) for o in graph.objects(None, DCTERMS.title)}
    assert "Nur in Herdecke" in titles and "Einwohnerinnen und Einwohner" not in titles


# --- downloads -----------------------------------------------------------------------------------------------


def test_csv_is_tidy(world: dict[str, Indicator]) -> None:
    response = Client().get(f"{BASE}einwohner.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="heidelberg-einwohner.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == ["Year", "Geschlecht", "Units", "Value"]
    assert {"Year": "2016", "Geschlecht": "", "Units": "Personen", "Value": "100000"} in rows
    assert {"Year": "2018", "Geschlecht": "weiblich", "Units": "Personen", "Value": "52000"} in rows
    assert len(rows) == 9


def test_csv_of_a_rate_is_computed(world: dict[str, Indicator]) -> None:
    rows = list(csv.DictReader(io.StringIO(Client().get(f"{BASE}auslaenderanteil.csv").content.decode())))
    total_2016 = next(r for r in rows if r["Year"] == "2016" and r["Geschlecht"] == "")
    assert total_2016["Value"] == "12"  # 12,000 / 100,000 × 100


def test_json_document(world: dict[str, Indicator]) -> None:
    response = Client().get(f"{BASE}auslaenderanteil.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    doc = json.loads(response.content)
    assert doc["format"] == "teilhabe-indicator/1"
    assert doc["municipality"]["slug"] == "heidelberg"
    meta = doc["indicator"]
    assert meta["key"] == "auslaenderanteil" and meta["unit"] == "percent"
    assert meta["computed_from"] == {"numerator": "auslaender", "denominator": "einwohner"}
    assert meta["target"] == {"value": 20, "period": "2030"}
    assert meta["dimensions"] == [{"key": "sex", "label": "Geschlecht"}]
    assert doc["license"]["uri"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert doc["links"]["csv"] == f"http://testserver{BASE}auslaenderanteil.csv"
    obs = doc["observations"]
    assert len(obs) == 9
    female = next(o for o in obs if o["period"] == "2016" and o["breakdown"] == {"sex": "female"})
    assert female["labels"] == {"sex": "weiblich"} and female["value"] == 9.8039  # 5,000 / 51,000
    latest = next(o for o in obs if o["period"] == "2018" and o["breakdown"] == {})
    assert latest["flag"] == "p" and latest["flag_label"] == "vorläufig" and latest["source"] == "Landesamt"


def test_json_of_counts_has_series_breaks(world: dict[str, Indicator]) -> None:
    doc = json.loads(Client().get(f"{BASE}einwohner.json").content)
    assert doc["indicator"]["series_breaks"] == [{"period": "2017", "note": "Zensus 2011"}]
    assert doc["indicator"]["computed_from"] is None
    assert {"period": "2016", "area": "", "breakdown": {}, "labels": {}, "value": 100000, "flag": "",
            "flag_label": "", "source": "Landesamt"} in doc["observations"]


# --- DCAT-AP.de ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "rdf_format", "media"), [("katalog.ttl", "turtle", "text/turtle"),
                                                          ("katalog.rdf", "xml", "application/rdf+xml")])
def test_dcat_catalogue_parses_and_describes_each_published_indicator(
        world: dict[str, Indicator], municipality: Municipality, name: str, rdf_format: str, media: str) -> None:
    response = Client().get(BASE + name)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media)
    graph = Graph().parse(data=response.content, format=rdf_format)
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    catalogue = catalogues[0]
    assert graph.value(catalogue, DCTERMS.publisher) is not None
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == datasets
    titles = {str(graph.value(d, DCTERMS.title)) for d in datasets}
    assert titles == {"Einwohnerinnen und Einwohner", "Ausländische Einwohnerinnen und Einwohner", "Ausländeranteil"}
    assert "Interner Entwurfsindikator" not in response.content.decode()
    soci = URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")
    for dataset in datasets:
        assert graph.value(dataset, DCAT.theme) == soci
        assert graph.value(dataset, DCTERMS.description) is not None
        assert graph.value(dataset, URIRef(DCATDE + "politicalGeocodingURI")) == URIRef(
            f"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{municipality.ags}")
        assert Literal("Integrationsmonitoring", lang="de") in set(graph.objects(dataset, DCAT.keyword))
        temporal = graph.value(dataset, DCTERMS.temporal)
        assert str(graph.value(temporal, DCAT.startDate)) == "2016-01-01"
        assert str(graph.value(temporal, DCAT.endDate)) == "2018-12-31"
        assert graph.value(dataset, DCTERMS.modified) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        formats = set()
        for distribution in distributions:
            download = str(graph.value(distribution, DCAT.downloadURL))
            assert download.startswith("http://testserver/heidelberg/monitoring/")
            assert str(graph.value(distribution, DCAT.accessURL)) == download
            assert graph.value(distribution, DCTERMS.license) == URIRef(
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
            assert graph.value(distribution, DCAT.mediaType) is not None
            formats.add(str(graph.value(distribution, DCTERMS["format"])).rsplit("/", 1)[1])
            assert Client().get(download.removeprefix("http://testserver")).status_code == 200
        assert formats == {"CSV", "JSON"}
    gender = next(d for d in datasets if str(graph.value(d, DCTERMS.title)) == "Einwohnerinnen und Einwohner")
    assert Literal("Gendermonitoring", lang="de") in set(graph.objects(gender, DCAT.keyword))


def test_dcat_contributor_and_licence_are_configurable(world: dict[str, Indicator], settings: Any) -> None:
    settings.TEILHABE_DCAT_CONTRIBUTOR_IDS = ["http://dcat-ap.de/def/contributors/beispiel"]
    settings.TEILHABE_OPEN_DATA_LICENSE = "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
    graph = Graph().parse(data=Client().get(f"{BASE}katalog.ttl").content, format="turtle")
    assert set(graph.objects(None, URIRef(DCATDE + "contributorID"))) == {
        URIRef("http://dcat-ap.de/def/contributors/beispiel")}
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef("http://dcat-ap.de/def/licenses/dl-zero-de/2.0")}


def test_empty_catalogue_is_valid(municipality: Municipality) -> None:
    graph = Graph().parse(data=Client().get(f"{BASE}katalog.rdf").content, format="xml")
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    assert list(graph.subjects(RDF.type, DCAT.Dataset)) == []
    assert Client().get(BASE).status_code == 200


def test_other_catalogue_formats_are_404(municipality: Municipality) -> None:
    assert Client().get(f"{BASE}katalog.xml").status_code == 404


# --- queries -------------------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_data(coord_actor: Actor, municipality: Municipality,
                                           other_municipality: Municipality, foreign_user: User) -> None:
    """Three years in Heidelberg, thirty in Herdecke: the same number of queries per page and download."""
    published.build(coord_actor, municipality, years=3)
    with municipality_scope(other_municipality):
        published.build(actor_for(foreign_user, other_municipality), other_municipality, years=30)
    client = Client()
    for path in ("", "einwohner/", "einwohner/?aufgliederung=sex", "auslaenderanteil/", "einwohner.csv",
                 "auslaenderanteil.json", "katalog.ttl", "katalog.rdf"):
        small = _count(client, f"/heidelberg/monitoring/{path}")
        large = _count(client, f"/{other_municipality.slug}/monitoring/{path}")
        assert small == large, path
        assert large <= 8, (path, large)


def test_downloads_are_german_for_a_visitor_in_arabic(world: dict[str, Indicator], municipality: Municipality) -> None:
    from teilhabe.core.i18n import CONTENT_LANGUAGE_COOKIE

    municipality.languages = ["de", "ar"]
    municipality.save()
    client = Client()
    client.cookies[CONTENT_LANGUAGE_COOKIE] = "ar"
    assert client.get(f"{BASE}einwohner/")["Content-Language"] == "ar"
    doc = json.loads(client.get(f"{BASE}auslaenderanteil.json").content)
    assert doc["indicator"]["dimensions"] == [{"key": "sex", "label": "Geschlecht"}]
    assert next(o for o in doc["observations"] if o["flag"])["flag_label"] == "vorläufig"
    assert "Geschlecht" in client.get(f"{BASE}einwohner.csv").content.decode().splitlines()[0]
    assert '"Geschlecht"@de' in client.get(f"{BASE}katalog.ttl").content.decode()
