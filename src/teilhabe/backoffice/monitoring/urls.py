"""Back office URLs of the monitoring, under monitoring/: indicators, catalogue, categories, series breaks and
the indicator page (urls_indicators); loading data (urls_imports); progress, goal roll-up and dashboards
(urls_progress); the monitoring report (urls_documents)."""

from django.urls import include, path

urlpatterns = [
    path("monitoring/", include("teilhabe.backoffice.monitoring.urls_indicators")),
    path("monitoring/", include("teilhabe.backoffice.monitoring.urls_imports")),
    path("monitoring/", include("teilhabe.backoffice.monitoring.urls_progress")),
    path("monitoring/", include("teilhabe.backoffice.monitoring.urls_documents")),
]
