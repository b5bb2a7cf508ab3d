"""teilhabe export-indicator <slug> <key> [-o FILE]: the series as tidy CSV (rates computed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring.exchange import tidy_csv
from teilhabe.monitoring.models import Indicator


class Command(MunicipalityCommand):
    help = ("Gibt die Zeitreihe eines Indikators als Tidy-CSV aus (Year, je Aufgliederung eine Spalte, Value; Quoten "
            "berechnet): teilhabe export-indicator <kommune> <kennung> [-o DATEI]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("key", help="Kennung des Indikators")
        parser.add_argument("-o", "--output", default="", help="Datei statt der Standardausgabe")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None
        indicator = Indicator.objects.select_related("numerator", "denominator").filter(key=options["key"]).first()
        if indicator is None:
            raise CommandError(f"Den Indikator „{options['key']}“ gibt es in {municipality.name} nicht.")
        text = tidy_csv(indicator)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
