"""Portal URLs of the monitoring (opendata): each published indicator as tidy CSV and JSON, and the DCAT-AP.de
catalogue of them all as Turtle (katalog.ttl) and RDF/XML (katalog.rdf)."""

from django.urls import path, re_path

from teilhabe.portal.monitoring import opendata

urlpatterns = [
    re_path(r"^katalog\.(?P<fmt>ttl|rdf)$", opendata.catalogue, name="portal_dcat"),
    path("<slug:key>.csv", opendata.indicator_csv, name="portal_indicator_csv"),
    path("<slug:key>.json", opendata.indicator_json, name="portal_indicator_json"),
]
