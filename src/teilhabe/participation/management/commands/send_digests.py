"""`teilhabe send-digests [<slug>] --frequency immediate|weekly` sends the participation digests now (one
municipality or all); `--schedule` only plans the background task that keeps sending them (scripts/run.sh does
that at start-up). For cron without a task worker: immediate every few minutes, weekly on Monday morning."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation import subscription_tasks
from teilhabe.participation.models import Subscription


class Command(MunicipalityCommand):
    help = "Versendet die Neuigkeiten der Beteiligung an die Abonnentinnen und Abonnenten (eine Kommune oder alle)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="Kurzbezeichnung der Kommune; ohne: alle Kommunen")
        parser.add_argument("--frequency", choices=Subscription.Frequency.values, default="immediate",
                            help="immediate (sofort) oder weekly (wöchentlich); Voreinstellung: immediate")
        parser.add_argument("--schedule", action="store_true",
                            help="nur den regelmäßigen Versand im Hintergrund einplanen (beide Häufigkeiten)")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        if options["schedule"]:
            planned = subscription_tasks.schedule_all()
            self.stdout.write(f"Eingeplant: {', '.join(planned)}." if planned else
                              "Der Versand war schon eingeplant (oder der Aufgaben-Backend plant nicht).")
            return
        outcome = subscription_tasks.send_all(options["frequency"], municipality)
        self.stdout.write(f"{outcome['mails']} E-Mails gesendet ({outcome['items']} Neuigkeiten), "
                          f"{outcome['failed']} fehlgeschlagen, {outcome['purged']} unbestätigte Abonnements "
                          "gelöscht.")
