"""Permissions of the monitoring: define indicators and targets, load data, read it."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

MANAGE_INDICATORS = declare(
    "monitoring.manage_indicators",
    _("Indikatoren festlegen (auch aus dem Startkatalog), Ziele und Zuordnung zu Zielen und Maßnahmen, "
      "Veröffentlichung"),
    {Role.KOORDINATION: Reach.ALL},
)
LOAD_DATA = declare(
    "monitoring.load_data",
    _("Messwerte laden und berichtigen, Kategorien und Zeitreihenbrüche pflegen (ohne den Plan zu ändern)"),
    {Role.KOORDINATION: Reach.ALL, Role.STATISTIK: Reach.ALL},
)
VIEW_MONITORING = declare(
    "monitoring.view_monitoring",
    _("Monitoring ansehen: Indikatoren, Zeitreihen, Zielerreichung, Monitoringbericht"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL, Role.STATISTIK: Reach.ALL},
)
