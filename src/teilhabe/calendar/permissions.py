"""Permissions of the intercultural calendar."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

EDIT_CALENDAR = declare(
    "calendar.edit_calendar",
    _("Interkulturellen Kalender einstellen (Varianten, Daten, ausgeblendete und eigene Tage)"),
    {Role.KOORDINATION: Reach.ALL},
)
EDIT_EVENTS = declare(
    "calendar.edit_events",
    _("Termine anlegen, ändern, veröffentlichen und löschen"),
    {Role.KOORDINATION: Reach.ALL, Role.ORGANISATION: Reach.OWN},
)
IMPORT_EVENTS = declare(
    "calendar.import_events",
    _("Kalender von Organisationen übernehmen (iCalendar-Datei oder abonnierte Adresse)"),
    {Role.KOORDINATION: Reach.ALL},
)
