"""Editions of the plan and the plan's settings (status scheme, target groups)."""

from django.urls import path

from teilhabe.backoffice.views import editions, settings

urlpatterns = [
    path("ausgaben/", editions.edition_list, name="edition_list"),
    path("ausgaben/vergleich/", editions.edition_compare, name="edition_compare"),
    path("ausgaben/<int:pk>/fortschreibung/", editions.edition_create, name="edition_create"),
    path("ausgaben/<int:pk>/bearbeiten/", editions.edition_edit, name="edition_edit"),
    path("einstellungen/plan/<int:pk>/", settings.plan_settings, name="plan_settings"),
    path("einstellungen/status/", settings.status_scheme, name="status_scheme"),
    path("einstellungen/status/<int:pk>/", settings.status_edit, name="status_edit"),
    path("einstellungen/status/<int:pk>/loeschen/", settings.status_delete, name="status_delete"),
    path("einstellungen/zielgruppen/", settings.target_groups, name="target_groups"),
    path("einstellungen/zielgruppen/<int:pk>/", settings.targetgroup_edit, name="targetgroup_edit"),
]
