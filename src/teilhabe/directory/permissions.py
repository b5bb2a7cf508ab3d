"""Permissions of the directory: organisations' profiles (and, beside them, offers)."""

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
