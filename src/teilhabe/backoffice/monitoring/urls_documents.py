"""Back office URLs of the monitoring (documents): the monitoring report's page and its downloads."""

from django.urls import path

from teilhabe.backoffice.monitoring import documents

urlpatterns = [
    path("bericht/", documents.monitoring_report, name="monitoring_report"),
    path("bericht/monitoringbericht.pdf", documents.monitoring_report_download, {"fmt": "pdf"},
         name="monitoring_report_pdf"),
    path("bericht/monitoringbericht.docx", documents.monitoring_report_download, {"fmt": "docx"},
         name="monitoring_report_docx"),
]
