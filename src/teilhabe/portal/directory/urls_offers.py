"""Public URLs of the offer directory, under angebote/ (included by portal/directory/urls.py)."""

from django.urls import path

from teilhabe.portal.directory import offers as views

urlpatterns = [
    path("angebote/", views.offer_directory, name="offer_directory"),
    path("angebote/<int:pk>/", views.offer_detail, name="offer_detail"),
]
