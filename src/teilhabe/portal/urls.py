"""Public URLs under /<municipality>/: the start page and the language choice here, the pages of each
domain app in portal/<app>/urls.py."""

from django.urls import include, path

from teilhabe.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("teilhabe.portal.pages.urls")),
    path("sprache/", views.set_language, name="language"),
    path("kalender/", include("teilhabe.portal.calendar.urls")),
    path("termine/", include("teilhabe.portal.calendar.urls_events")),
    path("", include("teilhabe.portal.reporting.urls")),
    path("", include("teilhabe.portal.monitoring.urls")),
    path("", include("teilhabe.portal.directory.urls")),
    path("", include("teilhabe.portal.directory.urls_offers")),
    path("plan/", include("teilhabe.portal.plans.urls")),
    path("suche/", include("teilhabe.portal.search.urls")),
    path("", include("teilhabe.portal.participation.urls")),
]
