"""Back office: translations of the portal's content (Koordination). The editor has one URL per registered kind
of content, named `<kind>_translate` (its first word names the object's model for the role × view test)."""

from django.urls import path

from teilhabe import converters  # noqa: F401  (registers <langcode:…>)
from teilhabe.backoffice.translations import views
from teilhabe.translations import registry

urlpatterns = [
    path("uebersetzungen/", views.translation_overview, name="translation_overview"),
    path("uebersetzungen/sprachbaum/", views.translation_tree, name="translation_tree"),
    path("uebersetzungen/<langcode:language>/", views.translation_language, name="translation_language"),
    path("uebersetzungen/<langcode:language>/xliff/", views.translation_export, name="translation_export"),
    path("uebersetzungen/<langcode:language>/xliff/einlesen/", views.translation_import,
         name="translation_import"),
    *[path(f"uebersetzungen/<langcode:language>/{entry.kind}/<int:pk>/", views.editor_view(entry.kind),
           name=f"{entry.kind}_translate") for entry in registry.entries()],
]
