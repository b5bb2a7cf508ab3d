from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "teilhabe.translations"
    label = "translations"
    verbose_name = "Teilhabe: Übersetzungen"
