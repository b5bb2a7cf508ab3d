"""Public URLs of reporting: an external partner's answers through its personal link (urls_partner, under
mitwirken/) and the published implementation reports (urls_published, under umsetzung/)."""

from django.urls import include, path

urlpatterns = [
    path("mitwirken/", include("teilhabe.portal.reporting.urls_partner")),
    path("umsetzung/", include("teilhabe.portal.reporting.urls_published")),
]
