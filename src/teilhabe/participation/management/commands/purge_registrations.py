"""`teilhabe purge-registrations [<slug>] [--schedule]`: delete the registrations for meetings whose retention
period has ended (one municipality or all). For cron, e.g. daily — or, with `--schedule`, only plan the
background task that does it every day itself (`make run` does that at start-up)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.participation import tasks


class Command(MunicipalityCommand):
    help = "Löscht Anmeldungen zu Veranstaltungen, deren Speicherfrist abgelaufen ist (eine Kommune oder alle)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="Kurzbezeichnung der Kommune; ohne: alle Kommunen")
        parser.add_argument("--schedule", action="store_true",
                            help="nur das tägliche Löschen im Hintergrund einplanen")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        if options["schedule"]:
            planned = tasks.schedule_purge()
            self.stdout.write("Tägliches Löschen eingeplant." if planned else
                              "Tägliches Löschen war schon eingeplant (oder der Aufgaben-Backend plant nicht).")
            return
        deleted = tasks.purge_all(municipality)
        self.stdout.write(f"{deleted} Anmeldung(en) gelöscht.")
