"""Permissions of reporting rounds: open, review and close them; answer one's own reports; read and download."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

MANAGE_ROUNDS = declare(
    "reporting.manage_rounds",
    _("Berichtsrunden eröffnen, Berichte annehmen oder zurückgeben, erinnern, Partnerlinks senden, Runden "
      "abschließen und veröffentlichen"),
    {Role.KOORDINATION: Reach.ALL},
)
ANSWER_REPORT = declare(
    "reporting.answer_report",
    _("Berichte beantworten (nur die an die eigenen Einheiten oder Organisationen gerichteten)"),
    {Role.KOORDINATION: Reach.OWN, Role.FACHSTELLE: Reach.OWN},
)
VIEW_ROUNDS = declare(
    "reporting.view_rounds",
    _("Berichtsrunden, ihren Fortschritt und eingereichte Berichte ansehen (Entwürfe sieht nur die berichtende "
      "Stelle)"),
    {Role.KOORDINATION: Reach.ALL, Role.LESEND: Reach.ALL},
)
DOWNLOAD_REPORT = declare(
    "reporting.download_report",
    _("Umsetzungsbericht abgeschlossener Runden herunterladen (PDF, DOCX, XLSX, CSV; Entwürfe offener Runden "
      "nur die Koordination)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL},
)
