"""Back office URLs: one subpackage per domain app (plans, core, pages, calendar, reporting, monitoring), each
with its urls.py."""

from django.urls import include, path

app_name = "backoffice"
urlpatterns = [
    path("", include("teilhabe.backoffice.plans.urls")),
    path("", include("teilhabe.backoffice.core.urls")),
    path("", include("teilhabe.backoffice.pages.urls")),
    path("", include("teilhabe.backoffice.calendar.urls")),
    path("", include("teilhabe.backoffice.reporting.urls")),
    path("", include("teilhabe.backoffice.monitoring.urls")),
    path("", include("teilhabe.backoffice.directory.urls")),
    path("", include("teilhabe.backoffice.moderation.urls")),
    path("", include("teilhabe.backoffice.translations.urls")),
    path("", include("teilhabe.backoffice.participation.urls")),
]
