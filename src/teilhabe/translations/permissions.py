"""Permissions of the translations: only Koordination manages the language tree and the translations."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

MANAGE_TRANSLATIONS = declare(
    "translations.manage", _("Sprachbaum und Übersetzungen der Portalinhalte verwalten"),
    {Role.KOORDINATION: Reach.ALL},
)
