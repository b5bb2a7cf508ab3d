from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "teilhabe.calendar"
    label = "calendar"
    verbose_name = _("Interkultureller Kalender")

    def ready(self) -> None:
        from teilhabe.calendar.events import search_documents

        search_documents.register()
