"""`teilhabe propose-milestones [<slug>] [--schedule]`: let Teilhabe propose chronicle milestones from what
happened (one municipality or all). For cron — or, with `--schedule`, only plan the background task that keeps
doing it (`make run` does that at start-up)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation import tasks_chronicle


class Command(MunicipalityCommand):
    help = "Schlägt Meilensteine für die Chronik vor (eine Kommune oder alle)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="Kurzbezeichnung der Kommune; ohne: alle Kommunen")
        parser.add_argument("--schedule", action="store_true",
                            help="nur die regelmäßigen Vorschläge im Hintergrund einplanen")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        if options["schedule"]:
            planned = tasks_chronicle.schedule_next()
            self.stdout.write("Regelmäßige Vorschläge eingeplant." if planned else
                              "Regelmäßige Vorschläge waren schon eingeplant (oder der Aufgaben-Backend plant "
                              "nicht).")
            return
        count = tasks_chronicle.propose_all(municipality)
        self.stdout.write(f"{count} Meilensteine vorgeschlagen.")
