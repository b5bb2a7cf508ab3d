from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "teilhabe.search"
    label = "search"
    verbose_name = "Teilhabe: Suche"
