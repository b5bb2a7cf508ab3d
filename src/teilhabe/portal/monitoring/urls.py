"""Portal URLs of the monitoring, under monitoring/: published indicators (urls_indicators); downloads as
tidy CSV and JSON and the DCAT-AP.de catalogue (urls_opendata)."""

from django.urls import include, path

urlpatterns = [
    path("monitoring/", include("teilhabe.portal.monitoring.urls_indicators")),
    path("monitoring/", include("teilhabe.portal.monitoring.urls_opendata")),
]
