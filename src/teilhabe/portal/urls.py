"""Public URLs under /<municipality>/. Later issues add offers, events and the calendar here."""

from django.urls import include, path

from teilhabe.portal import converters, views  # noqa: F401  (converters registers <legalkind:…>)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("<legalkind:kind>/", views.legal_page, name="legal_page"),
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
    path("barriere-melden/danke/", views.barrier_report_thanks, name="barrier_report_thanks"),
    path("sprache/", views.set_language, name="language"),
    path("kalender/", include("teilhabe.calendar.urls")),
]
