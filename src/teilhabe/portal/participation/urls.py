"""Public URLs of participation under /<municipality>/beteiligung/ and the chronicle, one module per subject."""

from django.urls import include, path

urlpatterns = [
    path("", include("teilhabe.portal.participation.urls_bodies")),
    path("", include("teilhabe.portal.participation.urls_registrations")),
    path("", include("teilhabe.portal.participation.urls_proposals")),
    path("", include("teilhabe.portal.participation.urls_prioritisation")),
    path("", include("teilhabe.portal.participation.urls_subscriptions")),
    path("", include("teilhabe.portal.participation.urls_chronicle")),
]
