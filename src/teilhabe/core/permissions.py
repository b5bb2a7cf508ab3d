"""Permissions of the core: seeing the back office, the municipality's structure, the platform."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

VIEW = declare(
    "core.view", _("Intern-Bereich ansehen (alles lesen)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL, Role.STATISTIK: Reach.ALL},
)
MANAGE_STRUCTURE = declare(
    "core.manage_structure", _("Verwaltungseinheiten, Organisationen und Personen verwalten"),
    {Role.KOORDINATION: Reach.ALL},
)
MANAGE_MUNICIPALITIES = declare(
    "core.manage_municipalities", _("Kommunen anlegen (nur Plattform-Administration)"), {},
)
