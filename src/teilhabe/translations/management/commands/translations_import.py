"""teilhabe translations-import <slug> <lang> <file>"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.translations import xliff


class Command(MunicipalityCommand):
    help = ("Liest eine übersetzte XLIFF-Datei ein (alles oder nichts): "
            "teilhabe translations-import <kommune> <sprache> <datei>")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("language", help="Sprachcode, z. B. en, ar, ti")
        parser.add_argument("file", help="XLIFF-Datei (.xlf)")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"Die Datei {options['file']} kann nicht gelesen werden: {exc.strerror}") from exc
        try:
            result = xliff.import_file(actor=actor, municipality=municipality, language=options["language"],
                                       data=data)
        except xliff.ImportRefused as exc:
            raise CommandError("Nichts wurde geändert.\n" + "\n".join(exc.problems)) from exc
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{result.written} Übersetzungen gespeichert, {result.unchanged} unverändert, "
                          f"{result.skipped_empty} leer übersprungen.")
        if result.outdated:
            self.stdout.write(f"{len(result.outdated)} davon sind veraltet (der Ausgangstext hat sich seit dem "
                              f"Export geändert): " + ", ".join(result.outdated))
