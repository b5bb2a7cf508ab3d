"""The back office menu: (label, url name, permission). Entries whose view does not exist are skipped."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.permissions import VIEW
from teilhabe.pages.permissions import EDIT_PAGES
from teilhabe.plans.permissions import EDIT_PLAN, IMPORT_EXPORT

MAIN_MENU = [
    (_("Übersicht"), "backoffice:dashboard", VIEW),
    (_("Plan"), "backoffice:tree", VIEW),
    (_("Maßnahmen"), "backoffice:measure_list", VIEW),
    (_("Ausgaben"), "backoffice:edition_list", VIEW),
    (_("Verwaltung & Akteure"), "backoffice:structure", VIEW),
    (_("Import / Export"), "backoffice:exchange", IMPORT_EXPORT),
    (_("Kalender"), "backoffice:calendar_admin", VIEW),
    (_("Portal-Seiten"), "backoffice:legal_pages", EDIT_PAGES),
    (_("Einstellungen"), "backoffice:status_scheme", EDIT_PLAN),
    (_("Protokoll"), "backoffice:audit_log", VIEW),
]
