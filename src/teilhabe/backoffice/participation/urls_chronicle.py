"""Backoffice URLs of participation: chronicle (under /<kommune>/intern/chronik/)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import chronicle

urlpatterns: list[URLPattern | URLResolver] = [
    path("chronik/", chronicle.milestone_list, name="participation_chronicle_list"),
    path("chronik/neu/", chronicle.milestone_create, name="participation_chronicle_create"),
    path("chronik/<int:pk>/", chronicle.milestone_edit, name="participation_chronicle_edit"),
    path("chronik/<int:pk>/loeschen/", chronicle.milestone_delete, name="participation_chronicle_delete"),
    path("chronik/<int:pk>/bestaetigen/", chronicle.milestone_confirm, name="participation_chronicle_confirm"),
    path("chronik/<int:pk>/verwerfen/", chronicle.milestone_dismiss, name="participation_chronicle_dismiss"),
]
