"""teilhabe export-report <slug> [--round ID] --format pdf|docx|xlsx|csv -o FILE"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.reporting import rendering, selectors
from teilhabe.reporting.models import ReportingRound


class Command(MunicipalityCommand):
    help = ("Gibt den Umsetzungsbericht einer Berichtsrunde aus (barrierefreies PDF, Word, Excel, CSV): "
            "teilhabe export-report <kommune> [--round ID] --format pdf|docx|xlsx|csv [-o DATEI]. Ohne --round "
            "die zuletzt abgeschlossene Runde; eine offene Runde nur mit --round, als Entwurf gekennzeichnet.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("--round", type=int, help="Nummer (ID) der Berichtsrunde; sonst die zuletzt "
                            "abgeschlossene")
        parser.add_argument("--format", choices=list(rendering.FORMATS), default="pdf")
        parser.add_argument("-o", "--output", help="Zieldatei; „-“ für die Standardausgabe")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None  # the slug is a required argument
        round_ = self._round(municipality, options["round"])
        fmt = options["format"]
        data = rendering.render(round_, fmt)
        output = options["output"]
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        path = Path(output or f"{municipality.slug}-{rendering.download_name(round_, fmt)}")
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Die Datei „{path}“ lässt sich nicht schreiben: {error.strerror}.") from None
        draft = " (Entwurf: die Runde ist noch offen)" if round_.is_open else ""
        self.stdout.write(f"„{round_.title}“ ausgegeben{draft}: {path}")

    @staticmethod
    def _round(municipality: Municipality, round_id: int | None) -> ReportingRound:
        rounds = selectors.rounds_of(municipality).select_related("municipality")
        if round_id is not None:
            found = rounds.filter(pk=round_id).first()
            if found is None:
                listing = ", ".join(f"{r.pk}: „{r.title}“ ({r.get_state_display()})" for r in rounds[:20]) or "keine"
                raise CommandError(f"Die Berichtsrunde {round_id} gibt es in dieser Kommune nicht. "
                                   f"Berichtsrunden: {listing}.")
            return found
        latest = selectors.latest_closed_round(municipality)
        if latest is None:
            raise CommandError("Diese Kommune hat noch keine abgeschlossene Berichtsrunde. Eine offene Runde "
                               "lässt sich mit --round ID als Entwurf ausgeben.")
        return rounds.get(pk=latest.pk)
