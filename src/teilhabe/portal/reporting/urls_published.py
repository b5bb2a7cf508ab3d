"""Public URLs of reporting: the published slice (see urls.py) — the published implementation reports."""

from django.urls import path

from teilhabe.portal.reporting import published

urlpatterns = [
    path("", published.published_rounds, name="published_rounds"),
    path("<int:pk>/umsetzungsbericht.pdf", published.published_round_pdf, name="published_round_pdf"),
]
