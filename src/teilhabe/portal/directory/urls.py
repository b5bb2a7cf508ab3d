"""Public URLs of the directory of organisations, included by the portal."""

from django.urls import path

from teilhabe.portal.directory import views

urlpatterns = [
    path("organisationen/", views.organisation_list, name="organisation_list"),
    path("organisationen/registrieren/", views.register, name="organisation_register"),
    path("organisationen/registrieren/danke/", views.register_thanks, name="organisation_register_thanks"),
    path("organisationen/<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
