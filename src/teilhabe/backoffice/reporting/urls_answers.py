"""Back office URLs of reporting rounds: the answers slice (see urls.py) — an office's answer to one report
and the download of an attachment. The inbox is on „Meine Maßnahmen“."""

from django.urls import path

from teilhabe.backoffice.reporting import answers

urlpatterns = [
    path("bericht/<int:pk>/", answers.report_answer, name="report_answer"),
    path("anhang/<int:pk>/", answers.attachment_download, name="attachment_download"),
]
