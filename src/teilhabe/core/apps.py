from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
    verbose_name = "Teilhabe: Kern"

    def ready(self) -> None:
        # Each app declares its permissions in its own permissions.py; load them all into the role table.
        autodiscover_modules("permissions")
