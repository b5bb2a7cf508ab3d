"""Permissions of the public legal pages and barrier reports."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

EDIT_PAGES = declare(
    "pages.edit_pages", _("Pflichtseiten des Portals bearbeiten und Barrieremeldungen lesen"),
    {Role.KOORDINATION: Reach.ALL},
)
