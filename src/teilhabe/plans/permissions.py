"""Permissions of the plans: the plan's structure, measures, exchange with Excel and JSON, plan documents."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

EDIT_PLAN = declare(
    "plans.edit_plan",
    _("Pläne, Ausgaben, Handlungsfelder, Ziele, Statusschema, Zielgruppen und jede Maßnahme bearbeiten"),
    {Role.KOORDINATION: Reach.ALL},
)
EDIT_MEASURE = declare(
    "plans.edit_measure",
    _("Maßnahmen bearbeiten (Fachstelle: nur die, in denen ihre Einheiten federführend oder Partner sind)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.OWN},
)
IMPORT_EXPORT = declare(
    "plans.import_export", _("Pläne importieren und exportieren (Excel, JSON)"), {Role.KOORDINATION: Reach.ALL},
)
DOWNLOAD_DOCUMENTS = declare(
    "plans.download_documents",
    _("Plan und Ausgabenvergleich als Dokument herunterladen (PDF, DOCX; Entwürfe nur, wenn zur Beratung "
      "freigegeben)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL},
)
