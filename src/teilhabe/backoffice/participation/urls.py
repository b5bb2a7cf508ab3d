"""Back office URLs of participation, one module per subject."""

from django.urls import include, path

urlpatterns = [
    path("", include("teilhabe.backoffice.participation.urls_bodies")),
    path("", include("teilhabe.backoffice.participation.urls_registrations")),
    path("", include("teilhabe.backoffice.participation.urls_proposals")),
    path("", include("teilhabe.backoffice.participation.urls_prioritisation")),
    path("", include("teilhabe.backoffice.participation.urls_subscriptions")),
    path("", include("teilhabe.backoffice.participation.urls_chronicle")),
]
