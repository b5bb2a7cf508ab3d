"""Back office URLs of reporting rounds, under berichte/: rounds, progress and review (urls_rounds); an office's
inbox and answers (urls_answers); the implementation report's documents and the comparison of rounds
(urls_documents)."""

from django.urls import include, path

urlpatterns = [
    path("berichte/", include("teilhabe.backoffice.reporting.urls_rounds")),
    path("berichte/", include("teilhabe.backoffice.reporting.urls_answers")),
    path("berichte/", include("teilhabe.backoffice.reporting.urls_documents")),
]
