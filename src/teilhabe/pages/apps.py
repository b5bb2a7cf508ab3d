from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "teilhabe.pages"
    label = "pages"
    verbose_name = "Teilhabe: Pflichtseiten und Barrieremeldungen"
