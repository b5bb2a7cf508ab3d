"""The back office menu: (label, url name, permission). Entries whose view does not exist are skipped;
`shows` and `query_of` add what the permission alone does not say."""

from django.utils.translation import gettext_lazy as _

from teilhabe.calendar.permissions import EDIT_EVENTS, IMPORT_EVENTS
from teilhabe.core.permissions import VIEW
from teilhabe.core.roles import Actor, Role
from teilhabe.directory.permissions import ANSWER_INVENTORY, EDIT_PROFILE, MANAGE_PROFILES, VIEW_OFFERS
from teilhabe.moderation.permissions import MODERATE
from teilhabe.monitoring.permissions import VIEW_MONITORING
from teilhabe.pages.permissions import EDIT_PAGES
from teilhabe.participation.permissions import MANAGE_SUBSCRIPTIONS
from teilhabe.participation.permissions import VIEW as VIEW_PARTICIPATION
from teilhabe.plans.permissions import EDIT_PLAN, IMPORT_EXPORT
from teilhabe.reporting.permissions import VIEW_ROUNDS
from teilhabe.translations.permissions import MANAGE_TRANSLATIONS

MAIN_MENU = [
    (_("Übersicht"), "backoffice:dashboard", VIEW),
    (_("Meine Maßnahmen"), "backoffice:my_measures", VIEW),
    (_("Plan"), "backoffice:tree", VIEW),
    (_("Maßnahmen"), "backoffice:measure_list", VIEW),
    (_("Ausgaben"), "backoffice:edition_list", VIEW),
    (_("Berichtsrunden"), "backoffice:round_list", VIEW_ROUNDS),
    (_("Monitoring"), "backoffice:indicator_list", VIEW_MONITORING),
    (_("Angebote"), "backoffice:offers_list", VIEW_OFFERS),
    (_("Bestandsaufnahme"), "backoffice:inventory_list", ANSWER_INVENTORY),
    (_("Beteiligung"), "backoffice:participation_bodies_list", VIEW_PARTICIPATION),
    (_("Vorschläge"), "backoffice:participation_proposals_list", VIEW_PARTICIPATION),
    (_("Priorisierungen"), "backoffice:participation_prioritisation_list", VIEW_PARTICIPATION),
    (_("Chronik"), "backoffice:participation_chronicle_list", VIEW_PARTICIPATION),
    (_("Abonnements"), "backoffice:participation_subscriptions_overview", MANAGE_SUBSCRIPTIONS),
    (_("Verwaltung & Akteure"), "backoffice:structure", VIEW),
    (_("Import / Export"), "backoffice:exchange", IMPORT_EXPORT),
    (_("Kalender"), "backoffice:calendar_admin", VIEW),
    (_("Termine"), "backoffice:events_list", EDIT_EVENTS),
    (_("Kalender-Import"), "backoffice:eventfeed_list", IMPORT_EVENTS),
    (_("Portal-Seiten"), "backoffice:legal_pages", EDIT_PAGES),
    (_("Übersetzungen"), "backoffice:translation_overview", MANAGE_TRANSLATIONS),
    (_("Einstellungen"), "backoffice:status_scheme", EDIT_PLAN),
    (_("Protokoll"), "backoffice:audit_log", VIEW),
    (_("Meine Organisation"), "backoffice:my_organisation", EDIT_PROFILE),
    (_("Organisationen"), "backoffice:profile_list", MANAGE_PROFILES),
    (_("Freigaben"), "backoffice:revision_list", MODERATE),
    (_("Meine Abonnements"), "backoffice:participation_subscriptions_mine", VIEW_PARTICIPATION),
]


def shows(url_name: str, actor: Actor) -> bool:
    """Whether the entry is offered beyond its permission: „Meine Maßnahmen“ to members with org units or
    organisations (and to a Fachstelle, whose start page it is)."""
    if url_name == "backoffice:my_measures":
        return bool(actor.org_unit_ids or actor.organisation_ids) or actor.role == Role.FACHSTELLE
    if url_name == "backoffice:my_organisation":
        return bool(actor.organisation_ids) or actor.role == Role.ORGANISATION
    return True


def start_url_name(actor: Actor | None) -> str:
    """Where the back office starts for the actor: organisation editors do not see the plan (no core.view),
    their start is „Meine Organisation“."""
    if actor is not None and actor.role == Role.ORGANISATION:
        return "backoffice:my_organisation"
    if actor is not None and actor.role in (Role.MODERATION, Role.GREMIUM):  # they do not see the plan
        return "backoffice:participation_bodies_list"
    return "backoffice:dashboard"


def query_of(url_name: str, actor: Actor) -> str:
    """The query string an entry's link carries: a Fachstelle's start redirects to „Meine Maßnahmen“, so
    its „Übersicht“ link asks for the overview itself; so does the statistics office's, whose start is the
    monitoring."""
    if url_name == "backoffice:dashboard" and actor.role in (Role.FACHSTELLE, Role.STATISTIK):
        return "?uebersicht=1"
    return ""
