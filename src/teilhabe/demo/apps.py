from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "teilhabe.demo"
    label = "demo"
