from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "teilhabe.plans"
    label = "plans"
    verbose_name = "Teilhabe: Pläne"
