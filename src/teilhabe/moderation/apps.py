from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "teilhabe.moderation"
    label = "moderation"
    verbose_name = "Teilhabe: Freigabe von Änderungen"
