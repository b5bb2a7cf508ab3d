"""Platform administration (superusers): municipalities."""

from django.urls import path

from teilhabe.core import views_platform

app_name = "platform"
urlpatterns = [
    path("", views_platform.municipality_list, name="municipality_list"),
    path("kommunen/neu/", views_platform.municipality_create, name="municipality_create"),
    path("kommunen/<slug:slug>/angelegt/", views_platform.municipality_created, name="municipality_created"),
]
