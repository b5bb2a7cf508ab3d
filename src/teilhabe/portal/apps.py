from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "teilhabe.portal"
    label = "portal"
