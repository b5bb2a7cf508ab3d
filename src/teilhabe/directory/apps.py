from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "teilhabe.directory"
    label = "directory"
    verbose_name = "Teilhabe: Organisationen, Angebote und Bestandsanalyse"

    def ready(self) -> None:
        # Profiles of organisations that are not trusted go through moderation: tell it how to apply them.
        from teilhabe.directory.moderated import register_profile

        register_profile()

        from teilhabe.directory import search_documents

        search_documents.register()
