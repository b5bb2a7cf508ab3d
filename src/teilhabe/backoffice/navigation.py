"""The back office menu: (label, url name, permission). Entries whose view does not exist are skipped."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Perm

MAIN_MENU = [
    (_("Übersicht"), "backoffice:dashboard", Perm.VIEW),
    (_("Plan"), "backoffice:tree", Perm.VIEW),
    (_("Maßnahmen"), "backoffice:measure_list", Perm.VIEW),
    (_("Ausgaben"), "backoffice:edition_list", Perm.VIEW),
    (_("Verwaltung & Akteure"), "backoffice:structure", Perm.VIEW),
    (_("Import / Export"), "backoffice:exchange", Perm.IMPORT_EXPORT),
    (_("Kalender"), "backoffice:calendar_admin", Perm.VIEW),
    (_("Portal-Seiten"), "backoffice:legal_pages", Perm.EDIT_PAGES),
    (_("Einstellungen"), "backoffice:status_scheme", Perm.EDIT_PLAN),
    (_("Protokoll"), "backoffice:audit_log", Perm.VIEW),
]
