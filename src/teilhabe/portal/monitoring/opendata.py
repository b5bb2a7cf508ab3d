"""Open data of the published monitoring: each published indicator as tidy CSV and as JSON, and a DCAT-AP.de
catalogue (Turtle and RDF/XML) with one dcat:Dataset per published indicator and a dcat:Distribution per
download. Described in docs/open-data.md. An unpublished indicator does not exist here (404)."""

from __future__ import annotations

import calendar
import datetime as dt
import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import TenantRequest
from teilhabe.monitoring import exchange, selectors
from teilhabe.monitoring import opendata as published
from teilhabe.monitoring.models import Dimension, Frequency, Indicator
from teilhabe.monitoring.periods import PeriodError, parse_period
from teilhabe.portal.monitoring.indicators import published_or_404

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
FREQUENCIES: dict[str, str] = {
    Frequency.YEARLY: "ANNUAL", Frequency.HALF_YEARLY: "ANNUAL_2", Frequency.QUARTERLY: "QUARTERLY",
    Frequency.MONTHLY: "MONTHLY", Frequency.IRREGULAR: "IRREG",
}
FORMATS = {  # kwarg of the URL → rdflib serialiser, media type
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("pretty-xml", "application/rdf+xml; charset=utf-8"),
}
DOWNLOADS = {  # file type → URL name, EU file type, IANA media type
    "CSV": ("portal:portal_indicator_csv", "CSV", "text/csv"),
    "JSON": ("portal:portal_indicator_json", "JSON", "application/json"),
}


def _file_name(municipality: Municipality, indicator: Indicator, extension: str) -> str:
    return f"{municipality.slug}-{indicator.key}.{extension}"


def _url(request: TenantRequest, name: str, **kwargs: str) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"municipality": request.municipality.slug, **kwargs}))


def indicator_csv(request: TenantRequest, key: str) -> HttpResponse:
    """Tidy CSV (Open SDG): `Year`, one column per dimension (blank = total), `Units`, `Value`. In German
    whatever the visitor's language, as the import reads it."""
    indicator = published_or_404(key)
    with translation.override("de"):
        data = exchange.tidy_csv(indicator)
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(request.municipality, indicator, "csv")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def indicator_json(request: TenantRequest, key: str) -> HttpResponse:
    """The indicator's metadata and every value (rates computed), see docs/open-data.md; labels in German
    whatever the visitor's language."""
    indicator = published_or_404(key)
    with translation.override("de"):
        document = published.indicator_document(
            indicator, municipality=request.municipality, license_uri=settings.TEILHABE_OPEN_DATA_LICENSE,
            license_name=settings.TEILHABE_OPEN_DATA_LICENSE_NAME,
            links={"page": _url(request, "portal:portal_indicator", key=key),
                   "csv": _url(request, "portal:portal_indicator_csv", key=key),
                   "json": _url(request, "portal:portal_indicator_json", key=key)},
        )
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_file_name(request.municipality, indicator, "json")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _period_end(period: str) -> dt.date | None:
    """The last day of a canonical period ("2019" → 31.12.2019, "2019-06" → 30.06.2019)."""
    try:
        _canonical, start = parse_period(period)
    except PeriodError:
        return None
    if len(period) == 4:
        return dt.date(start.year, 12, 31)
    if len(period) == 7:
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def catalogue_graph(request: TenantRequest) -> Graph:
    """The DCAT-AP.de catalogue of the municipality's published indicators (four queries)."""
    municipality = request.municipality
    indicators = list(selectors.published_indicators().prefetch_related("fields"))
    spans = published.coverage(indicators)
    license_uri = URIRef(settings.TEILHABE_OPEN_DATA_LICENSE)
    attribution = f"{municipality.name}, Integrationsmonitoring"
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("dcatde", DCATDE)):
        g.bind(prefix, ns)
    home = _url(request, "portal:home")
    listing = _url(request, "portal:portal_indicator_list")
    catalogue = URIRef(f"{listing}#katalog")
    publisher = URIRef(f"{home}#kommune")
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(municipality.name, lang="de")))
    g.add((publisher, FOAF.homepage, URIRef(home)))
    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, Literal(f"Integrationsmonitoring {municipality.name}", lang="de")))
    g.add((catalogue, DCTERMS.description, Literal(
        f"Veröffentlichte Indikatoren des Integrations- und Gendermonitorings von {municipality.name}: "
        "Zeitreihen als CSV und JSON.", lang="de")))
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, FOAF.homepage, URIRef(listing)))
    g.add((catalogue, DCTERMS.language, EU_LANGUAGE.DEU))
    g.add((catalogue, DCAT.themeTaxonomy, URIRef("http://publications.europa.eu/resource/authority/data-theme")))
    geocoding = URIRef(f"{GEOCODING}municipalityKey/{municipality.ags}") if municipality.ags else None
    modified_all = [c.modified for c in spans.values() if c.modified]
    if modified_all:
        g.add((catalogue, DCTERMS.modified, Literal(max(modified_all).isoformat(), datatype=XSD.dateTime)))
    for indicator in indicators:
        page = _url(request, "portal:portal_indicator", key=indicator.key)
        dataset = URIRef(f"{page}#datensatz")
        g.add((catalogue, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.title, Literal(indicator.name, lang="de")))
        unit = indicator.unit_label or str(indicator.get_unit_display())
        description = indicator.definition or f"Indikator „{indicator.name}“ ({unit}) des Integrationsmonitorings."
        if indicator.source:
            description += f" Quelle: {indicator.source}."
        g.add((dataset, DCTERMS.description, Literal(description, lang="de")))
        g.add((dataset, DCTERMS.identifier, Literal(page)))
        g.add((dataset, DCAT.landingPage, URIRef(page)))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCAT.theme, EU_THEME.SOCI))
        g.add((dataset, DCTERMS.language, EU_LANGUAGE.DEU))
        g.add((dataset, DCTERMS.accrualPeriodicity, EU_FREQUENCY[FREQUENCIES.get(indicator.frequency, "IRREG")]))
        for contributor in settings.TEILHABE_DCAT_CONTRIBUTOR_IDS:
            g.add((dataset, DCATDE.contributorID, URIRef(contributor)))
        if geocoding is not None:
            g.add((dataset, DCATDE.politicalGeocodingURI, geocoding))
            g.add((dataset, DCATDE.politicalGeocodingLevelURI, URIRef(f"{GEOCODING}Level/municipality")))
        keywords = ["Integration", "Integrationsmonitoring", indicator.name]
        keywords += [str(Dimension(d).label) for d in indicator.dimensions or [] if d in Dimension.values]
        if Dimension.SEX in (indicator.dimensions or []):
            keywords.append("Gendermonitoring")
        keywords += [f.title for f in indicator.fields.all()]
        for keyword in dict.fromkeys(keywords):
            g.add((dataset, DCAT.keyword, Literal(keyword, lang="de")))
        span = spans[indicator.pk]
        end = _period_end(span.last_period) if span.last_period else None
        if span.first and end:
            temporal = BNode()
            g.add((dataset, DCTERMS.temporal, temporal))
            g.add((temporal, RDF.type, DCTERMS.PeriodOfTime))
            g.add((temporal, DCAT.startDate, Literal(span.first.isoformat(), datatype=XSD.date)))
            g.add((temporal, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))
        if span.modified:
            g.add((dataset, DCTERMS.modified, Literal(span.modified.isoformat(), datatype=XSD.dateTime)))
        for label, (url_name, file_type, media_type) in DOWNLOADS.items():
            download = URIRef(_url(request, url_name, key=indicator.key))
            distribution = URIRef(f"{page}#{label.lower()}")
            g.add((dataset, DCAT.distribution, distribution))
            g.add((distribution, RDF.type, DCAT.Distribution))
            g.add((distribution, DCTERMS.title, Literal(f"{indicator.name} ({label})", lang="de")))
            g.add((distribution, DCAT.accessURL, download))
            g.add((distribution, DCAT.downloadURL, download))
            g.add((distribution, DCTERMS.format, EU_FILE_TYPE[file_type]))
            g.add((distribution, DCAT.mediaType, IANA[media_type]))
            g.add((distribution, DCTERMS.license, license_uri))
            g.add((distribution, DCATDE.licenseAttributionByText, Literal(attribution, lang="de")))
            if span.modified:
                g.add((distribution, DCTERMS.modified, Literal(span.modified.isoformat(), datatype=XSD.dateTime)))
    return g


def catalogue(request: TenantRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    serialiser, content_type = FORMATS[fmt]
    with translation.override("de"):  # the catalogue's literals are tagged German
        data = catalogue_graph(request).serialize(format=serialiser, encoding="utf-8")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{request.municipality.slug}-katalog.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
