from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "teilhabe.pages"
    label = "pages"
    verbose_name = "Teilhabe: Pflichtseiten und Barrieremeldungen"

    def ready(self) -> None:
        from teilhabe.pages import search_documents

        search_documents.register()
