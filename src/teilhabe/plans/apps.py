from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "teilhabe.plans"
    label = "plans"
    verbose_name = "Teilhabe: Pläne"

    def ready(self) -> None:
        from teilhabe.plans import search_documents

        search_documents.register()
