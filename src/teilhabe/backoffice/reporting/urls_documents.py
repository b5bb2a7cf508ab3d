"""Back office URLs of reporting rounds: the documents slice (see urls.py) — the implementation report of a
round as PDF, DOCX, XLSX and CSV, and the comparison of the plan's rounds."""

from django.urls import path

from teilhabe.backoffice.reporting import documents

urlpatterns = [
    *(path(f"<int:pk>/umsetzungsbericht.{fmt}", documents.round_document, {"fmt": fmt},
           name=f"round_document_{fmt}") for fmt in ("pdf", "docx", "xlsx", "csv")),
    path("<int:pk>/vergleich/", documents.round_compare, name="round_compare"),
]
