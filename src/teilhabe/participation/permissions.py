"""Permissions of participation: bodies, meetings, proposals, prioritisation, subscriptions and the chronicle.
Moderation and Gremienmitglied hold theirs only for the bodies they are members of (Reach.OWN through
Body.assigned_user_ids); Fachstelle and Lesend read."""

from django.utils.translation import gettext_lazy as _

from teilhabe.core.roles import Reach, Role, declare

VIEW = declare(
    "participation.view",
    _("Gremien, Sitzungen, Vorschläge und Priorisierungen im Verwaltungsbereich sehen, auch nicht öffentliche "
      "(Moderation und Gremienmitglieder: die ihrer Gremien)"),
    {Role.KOORDINATION: Reach.ALL, Role.FACHSTELLE: Reach.ALL, Role.LESEND: Reach.ALL,
     Role.MODERATION: Reach.OWN, Role.GREMIUM: Reach.OWN},
)
MANAGE_BODIES = declare(
    "participation.manage_bodies",
    _("Gremien anlegen und bearbeiten, Mitglieder eintragen"),
    {Role.KOORDINATION: Reach.ALL},
)
RUN_MEETINGS = declare(
    "participation.run_meetings",
    _("Sitzungen planen, einladen, Teilnahme, Protokoll und Beschlüsse eintragen (Moderation: für ihre Gremien)"),
    {Role.KOORDINATION: Reach.ALL, Role.MODERATION: Reach.OWN},
)
ENTER_PROPOSALS = declare(
    "participation.enter_proposals",
    _("Vorschläge aus Sitzungen eintragen und Punktabfragen erfassen (Moderation: für ihre Gremien)"),
    {Role.KOORDINATION: Reach.ALL, Role.MODERATION: Reach.OWN},
)
SUBMIT_PROPOSALS = declare(
    "participation.submit_proposals",
    _("Als Gremienmitglied Vorschläge einreichen und an Abstimmungen des Gremiums teilnehmen"),
    {Role.KOORDINATION: Reach.ALL, Role.MODERATION: Reach.OWN, Role.GREMIUM: Reach.OWN},
)
ANSWER_PROPOSALS = declare(
    "participation.answer_proposals",
    _("Online-Vorschläge freigeben, Vorschläge beantworten, zusammenführen und in Maßnahmen übernehmen"),
    {Role.KOORDINATION: Reach.ALL},
)
MANAGE_PRIORITISATIONS = declare(
    "participation.manage_prioritisations",
    _("Priorisierungen anlegen, öffnen, schließen und ihr Ergebnis veröffentlichen (Moderation: für ihre "
      "Gremien)"),
    {Role.KOORDINATION: Reach.ALL, Role.MODERATION: Reach.OWN},
)
MANAGE_SUBSCRIPTIONS = declare(
    "participation.manage_subscriptions",
    _("Abonnements der Beteiligung einsehen und verwalten"),
    {Role.KOORDINATION: Reach.ALL},
)
MANAGE_CHRONICLE = declare(
    "participation.manage_chronicle",
    _("Die Chronik pflegen: Meilensteine anlegen, vorgeschlagene bestätigen oder verwerfen"),
    {Role.KOORDINATION: Reach.ALL},
)
