"""`teilhabe refresh-feeds [<slug>] [--schedule]`: refresh the subscribed calendars that are due (one
municipality or all). For cron, e.g. every 15 minutes — or, with `--schedule`, only plan the background task that
keeps refreshing them itself (`make run` does that at start-up)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from teilhabe.calendar.feeds import fetch, tasks
from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor


class Command(MunicipalityCommand):
    help = "Ruft fällige Kalender-Abonnements ab (eine Kommune oder alle)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="Kurzbezeichnung der Kommune; ohne: alle Kommunen")
        parser.add_argument("--schedule", action="store_true",
                            help="nur den regelmäßigen Abruf im Hintergrund einplanen")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        if options["schedule"]:
            planned = tasks.schedule_next()
            self.stdout.write("Regelmäßiger Abruf eingeplant." if planned else
                              "Regelmäßiger Abruf war schon eingeplant (oder der Aufgaben-Backend plant nicht).")
            return
        if not fetch.fetching_enabled():
            self.stdout.write("Abrufe aus dem Internet sind nicht eingerichtet (TEILHABE_FEEDS_FETCH).")
            return
        outcome = tasks.refresh_all(municipality)
        self.stdout.write(f"{outcome['refreshed']} übernommen, {outcome['unchanged']} unverändert, "
                          f"{outcome['failed']} fehlgeschlagen.")
