from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "teilhabe.directory"
    label = "directory"
    verbose_name = "Teilhabe: Organisationen, Angebote und Bestandsanalyse"
