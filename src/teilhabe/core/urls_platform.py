"""Platform administration (superusers): municipalities. Filled in by the structure slice."""

from django.urls import path

from teilhabe.core import views_platform

app_name = "platform"
urlpatterns = [
    path("", views_platform.municipality_list, name="municipality_list"),
]
