"""Permissions of the directory: organisations' profiles, offers and the inventory of offers."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

EDIT_PROFILE = declare(
    "directory.edit_profile", _("Profile von Organisationen bearbeiten (Organisationsredaktion: nur die eigenen)"),
    {Role.KOORDINATION: Reach.ALL, Role.ORGANISATION: Reach.OWN},
)
MANAGE_PROFILES = declare(
    "directory.manage_profiles",
    _("Organisationsprofile verwalten: Redaktionen einladen, Registrierungen bestätigen, vertrauen"),
    {Role.KOORDINATION: Reach.ALL},
)
VIEW_OFFERS = declare(
    "directory.view_offers",
    _("Angebote im Verwaltungsbereich sehen, auch Entwürfe (Organisationsredaktion: nur die eigenen)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL, Role.STATISTIK: Reach.ALL,
     Role.ORGANISATION: Reach.OWN},
)
EDIT_OFFERS = declare(
    "directory.edit_offers",
    _("Angebote bearbeiten und veröffentlichen (Fachstelle und Organisationsredaktion: nur die ihrer Einheiten "
      "und Organisationen)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.OWN, Role.ORGANISATION: Reach.OWN},
)
MANAGE_INVENTORY = declare(
    "directory.manage_inventory",
    _("Bestandsaufnahmen der Angebote eröffnen, abschließen und auswerten; Angebotskategorien pflegen"),
    {Role.KOORDINATION: Reach.ALL},
)
ANSWER_INVENTORY = declare(
    "directory.answer_inventory",
    _("In einer Bestandsaufnahme Angebote bestätigen (Fachstelle und Organisationsredaktion: für ihre "
      "Organisationen)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.OWN, Role.ORGANISATION: Reach.OWN},
)
