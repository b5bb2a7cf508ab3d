from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "teilhabe.backoffice"
    label = "backoffice"
