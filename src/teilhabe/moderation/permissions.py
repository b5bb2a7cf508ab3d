"""Permissions of moderation: publishing or returning changes proposed by organisations not yet trusted."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

MODERATE = declare(
    "moderation.moderate", _("Vorgeschlagene Änderungen von Organisationen freigeben oder zurückgeben"),
    {Role.KOORDINATION: Reach.ALL},
)
