"""Public URL of the search, under suche/."""

from django.urls import path

from teilhabe.portal.search import views

urlpatterns = [path("", views.search, name="search")]
