"""Public URLs of reporting: the partner slice (see urls.py) — an external partner's reports through its
personal link, under mitwirken/<token>/."""

from django.urls import path

from teilhabe.portal.reporting import partner

urlpatterns = [
    path("<str:token>/", partner.partner_reports, name="partner_reports"),
    path("<str:token>/<int:pk>/", partner.partner_report, name="partner_report"),
    path("<str:token>/<int:pk>/anhang/<int:attachment_pk>/", partner.partner_attachment, name="partner_attachment"),
]
