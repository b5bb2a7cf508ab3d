"""teilhabe import-indicator <slug> <key> <file> [--name NAME --unit UNIT] [--format tidy|genesis|xlsx]
[--accept-warnings] [--source S] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import imports, services
from teilhabe.monitoring.imports import Options
from teilhabe.monitoring.imports.problems import Parsed, ProblemList
from teilhabe.monitoring.models import Indicator


def problem_lines(title: str, problems: ProblemList) -> list[str]:
    lines = []
    for p in problems.summary():
        where = ", ".join(part for part in (f"Zeile {p.line}" if p.line else "", f"Spalte {p.column}"
                                            if p.column else "") if part)
        lines.append(f"{title}: {where + ': ' if where else ''}{p.message}")
    return lines


class Command(MunicipalityCommand):
    help = ("Lädt Messwerte eines Indikators aus einer Datei (Tidy-CSV wie Open SDG, GENESIS-Flatfile-CSV oder XLSX), "
            "alles oder nichts: teilhabe import-indicator <kommune> <kennung> <datei> [--name NAME --unit EINHEIT] "
            "[--format tidy|genesis|xlsx] [--accept-warnings] [--source QUELLE] [--dry-run]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("key", help="Kennung des Indikators, z. B. einwohner")
        parser.add_argument("file", help="CSV- oder XLSX-Datei")
        parser.add_argument("--name", default="", help="Name des Indikators; mit --unit wird er angelegt, wenn es ihn "
                                                       "noch nicht gibt")
        parser.add_argument("--unit", default="", help="Einheit, wie Statistiker sie schreiben: Personen, Anzahl, %%, "
                                                       "Prozent, je 1.000 Einwohner, ‰")
        parser.add_argument("--format", dest="file_format", choices=["tidy", "genesis", "xlsx"], default=None,
                            help="Format der Datei (ohne Angabe: am Inhalt erkannt)")
        parser.add_argument("--accept-warnings", action="store_true",
                            help="Warnungen (z. B. Teile ≠ Summe) annehmen; sie bleiben bei den Daten sichtbar")
        parser.add_argument("--source", default="", help="Quelle der Werte, z. B. „Statistisches Landesamt, 12411“")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen, nichts schreiben")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Die Datei „{path}“ gibt es nicht.")
        indicator = Indicator.objects.filter(key=options["key"]).first()
        creating = indicator is None
        if creating:
            indicator = self._new_indicator(municipality, options)
        source = options["source"] or indicator.source
        parsed = imports.read_file(path.read_bytes(), indicator=indicator, municipality=municipality,
                                   filename=path.name, file_format=options["file_format"],
                                   options=Options(source=source, new_indicator=creating),
                                   max_bytes=imports.COMMAND_MAX_BYTES)
        self._report(parsed)
        if parsed.errors:
            raise CommandError(f"{len(parsed.errors)} Fehler – es wurde nichts übernommen.")
        if parsed.warnings and not options["accept_warnings"]:
            raise CommandError(f"{len(parsed.warnings)} Warnungen – es wurde nichts übernommen. Mit --accept-warnings "
                               "werden sie angenommen und bleiben bei den Daten sichtbar.")
        changes = imports.changes(indicator, parsed.rows, listed=0) if not creating else None
        if changes is not None:
            self.stdout.write(f"Neu: {changes.new}, geändert: {changes.changed}, unverändert: {changes.unchanged}")
        if options["dry_run"]:
            self.stdout.write(f"Probelauf: {len(parsed.rows)} Messwerte geprüft, es wurde nichts übernommen.")
            return
        try:
            if creating:
                indicator = services.create_indicator(actor=actor, municipality=municipality, values={
                    "key": indicator.key, "name": indicator.name, "unit": indicator.unit,
                    "unit_label": indicator.unit_label, "source": indicator.source,
                    "dimensions": parsed.dimensions})
            imports.import_file(actor=actor, indicator=indicator, parsed=parsed, label=path.name[:300],
                                accept_warnings=options["accept_warnings"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        made = " (neu angelegt)" if creating else ""
        self.stdout.write(f"Import abgeschlossen: {len(parsed.rows)} Messwerte in „{indicator.name}“{made}.")

    def _new_indicator(self, municipality: Municipality, options: dict[str, Any]) -> Indicator:
        """An unsaved indicator to check the file against; it is created only if the file is imported."""
        name, unit_text = options["name"].strip(), options["unit"].strip()
        if not name or not unit_text:
            raise CommandError(f"Den Indikator „{options['key']}“ gibt es in {municipality.name} nicht. "
                               "Mit --name NAME und --unit EINHEIT wird er angelegt.")
        unit = imports.unit_of(unit_text)
        if unit is None:
            raise CommandError(f"Die Einheit „{unit_text}“ ist unbekannt. Erlaubt sind z. B. Personen, Anzahl, %, "
                               "Prozent, je 1.000 Einwohner, ‰.")
        return Indicator(municipality=municipality, key=options["key"], name=name, unit=unit,
                         unit_label=unit_text, source=options["source"])

    def _report(self, parsed: Parsed) -> None:
        lines = [*problem_lines("Fehler", parsed.errors), *problem_lines("Warnung", parsed.warnings),
                 *problem_lines("Hinweis", parsed.notes)]
        if lines:
            self.stderr.write("\n".join(lines))
        self.stdout.write(f"Format: {imports.FORMAT_LABELS.get(parsed.file_format, parsed.file_format)}; "
                          f"{len(parsed.rows)} Messwerte gelesen.")
