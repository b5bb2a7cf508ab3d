"""Back office URLs of reporting rounds: the rounds slice (see urls.py). Koordination opens, follows, closes
and publishes rounds, sends partner links and reviews reports; Lesend reads along."""

from django.urls import path

from teilhabe.backoffice.reporting import rounds

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("neu/", rounds.round_create, name="round_create"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/bearbeiten/", rounds.round_edit, name="round_edit"),
    path("<int:pk>/abschliessen/", rounds.round_close, name="round_close"),
    path("<int:pk>/veroeffentlichen/", rounds.round_publish, name="round_publish"),
    path("<int:pk>/partnerlinks/neu/", rounds.round_partnerlink_create, name="round_partnerlink_create"),
    path("partnerlinks/<int:pk>/widerrufen/", rounds.partnerlink_revoke, name="partnerlink_revoke"),
    path("partnerlinks/<int:pk>/senden/", rounds.partnerlink_send, name="partnerlink_send"),
    path("bericht/<int:pk>/pruefen/", rounds.report_review, name="report_review"),
]
