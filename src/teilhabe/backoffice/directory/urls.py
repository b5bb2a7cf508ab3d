"""Organisations' profiles in the back office: „Meine Organisation“ (the organisation editors' start)."""

from django.urls import path

from teilhabe.backoffice.directory import mine

urlpatterns = [
    path("organisation/", mine.my_organisation, name="my_organisation"),
]
