"""Public URLs of the legal pages and the barrier report form, included by the portal (names unchanged)."""

from django.urls import path

from teilhabe import converters  # noqa: F401  (registers <legalkind:…>)
from teilhabe.portal.pages import views

urlpatterns = [
    path("<legalkind:kind>/", views.legal_page, name="legal_page"),
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
    path("barriere-melden/danke/", views.barrier_report_thanks, name="barrier_report_thanks"),
]
