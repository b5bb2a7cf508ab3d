"""Back office: the portal's legal pages and the barrier reports sent through it."""

from django.urls import path

from teilhabe import converters  # noqa: F401  (registers <legalkind:…>, <langcode:…>)
from teilhabe.backoffice.pages import views as pages

urlpatterns = [
    path("seiten/", pages.legal_pages, name="legal_pages"),
    path("seiten/barrieremeldungen/", pages.barrier_reports, name="barrier_reports"),
    path("seiten/barrieremeldungen/status/", pages.barrier_report_status, name="barrier_report_status"),
    path("seiten/videos/", pages.page_videos, name="page_videos"),
    path("seiten/videos/entfernen/", pages.page_video_delete, name="page_video_delete"),
    path("seiten/videos/<int:pk>/", pages.pagevideo_edit, name="pagevideo_edit"),
    path("seiten/einstellungen/", pages.portal_settings, name="portal_settings"),
    path("seiten/<legalkind:kind>/<langcode:language>/", pages.legal_page_edit, name="legal_page_edit"),
]
