"""Backoffice URLs of participation: prioritisation."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import prioritisation as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/priorisierung/", views.prioritisation_list, name="participation_prioritisation_list"),
    path("beteiligung/priorisierung/neu/", views.prioritisation_create, name="participation_prioritisation_create"),
    path("beteiligung/priorisierung/<int:pk>/", views.prioritisation_result,
         name="participation_prioritisation_result"),
    path("beteiligung/priorisierung/<int:pk>/bearbeiten/", views.prioritisation_edit,
         name="participation_prioritisation_edit"),
    path("beteiligung/priorisierung/<int:pk>/punkte/", views.prioritisation_tally,
         name="participation_prioritisation_tally"),
    path("beteiligung/priorisierung/<int:pk>/oeffnen/", views.prioritisation_open,
         name="participation_prioritisation_open"),
    path("beteiligung/priorisierung/<int:pk>/schliessen/", views.prioritisation_close,
         name="participation_prioritisation_close"),
    path("beteiligung/priorisierung/<int:pk>/veroeffentlichen/", views.prioritisation_publish,
         name="participation_prioritisation_publish"),
]
