"""`teilhabe send-inventory-reminders [<slug>] [--base-url URL]`: send the reminders of inventory rounds that
are due now, for one municipality or (without slug) for all of them. Meant for cron, e.g. daily at 7:00, where
no worker runs the scheduled task; running it more often sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import timezone

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory.notifications import send_due_reminders


class Command(MunicipalityCommand):
    help = "Sendet fällige Erinnerungen der Bestandsaufnahmen von Angeboten (eine Kommune oder alle)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="Kurzbezeichnung der Kommune; ohne: alle Kommunen")
        parser.add_argument("--base-url", default="", help="Adresse der Website für Links in den E-Mails "
                                                           "(Standard: TEILHABE_BASE_URL)")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        base_url = options["base_url"] or settings.TEILHABE_BASE_URL
        municipalities = [municipality] if municipality else list(Municipality.objects.order_by("slug"))
        for place in municipalities:
            with municipality_scope(place):
                result = send_due_reminders(place, now=timezone.now(), base_url=base_url)
            if result.mails or result.failed:
                self.stdout.write(f"{place.slug}: {result.mails} E-Mail(s) gesendet, {result.failed} fehlgeschlagen")
