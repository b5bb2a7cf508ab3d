from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class TranslationsConfig(AppConfig):
    name = "teilhabe.translations"
    label = "translations"
    verbose_name = "Teilhabe: Übersetzungen"

    def ready(self) -> None:
        from teilhabe.core.i18n import set_language_chain
        from teilhabe.translations import languages
        from teilhabe.translations.tree import language_tree

        languages.install()  # LANG_INFO and plural forms of the languages Django lacks
        # The portal's interface falls back along the municipality's language tree (core knows no tree).
        set_language_chain(lambda municipality, code: language_tree(municipality).chain(code))
        # Domain apps declare their translatable models in <app>/translatable.py.
        autodiscover_modules("translatable")
