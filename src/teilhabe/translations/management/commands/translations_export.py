"""teilhabe translations-export <slug> <lang> <file> [--alles]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.translations import xliff


class Command(MunicipalityCommand):
    help = ("Gibt die fehlenden und veralteten Übersetzungen einer Sprache als XLIFF-1.2-Datei für Übersetzer aus: "
            "teilhabe translations-export <kommune> <sprache> <datei> [--alles]; „-“ für die Standardausgabe")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("language", help="Sprachcode, z. B. en, ar, ti")
        parser.add_argument("file", help="Zieldatei (.xlf); „-“ für die Standardausgabe")
        parser.add_argument("--alles", action="store_true", dest="everything",
                            help="Alle Texte, auch die aktuellen (mit ihrer Übersetzung)")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None
        try:
            data = xliff.export(actor=actor, municipality=municipality, language=options["language"],
                                everything=options["everything"])
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        if options["file"] == "-":
            sys.stdout.buffer.write(data)
            return
        Path(options["file"]).write_bytes(data)
        self.stdout.write(f"{options['file']}: {data.count(b'<trans-unit')} Texte")
