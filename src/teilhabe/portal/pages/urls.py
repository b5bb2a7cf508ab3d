"""Public URLs of the legal pages and the barrier report form, included by the portal (names unchanged)."""

from django.urls import path

from teilhabe import converters  # noqa: F401  (registers <legalkind:…>)
from teilhabe.portal.pages import media, views

urlpatterns = [
    path("<legalkind:kind>/", views.legal_page, name="legal_page"),
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
    path("videos/<int:pk>/video", media.video_file, name="page_video_file"),
    path("videos/<int:pk>/untertitel.vtt", media.captions_file, name="page_video_captions"),
    path("videos/<int:pk>/vorschau", media.poster_file, name="page_video_poster"),
    path("barriere-melden/danke/", views.barrier_report_thanks, name="barrier_report_thanks"),
]
