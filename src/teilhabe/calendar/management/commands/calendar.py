"""teilhabe calendar --year 2027 [--municipality SLUG] --format csv|json|ics: print a year's observances."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.calendar import engine, publish, selectors
from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor


class Command(MunicipalityCommand):
    slug_option = "municipality"

    help = ("Gibt die Feier- und Gedenktage eines Jahres aus (CSV, JSON oder iCalendar), "
            "mit --municipality so, wie die Kommune sie zeigt.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Jahr, 1900–2100")
        parser.add_argument("--municipality", help="Kurzbezeichnung der Kommune (Varianten, Daten, eigene Einträge)")
        parser.add_argument("--format", choices=["csv", "json", "ics"], default="csv")
        parser.add_argument("--variant", action="append", default=[],
                            help="ohne --municipality: Variante je Gruppe, z. B. islamic:umm-al-qura")
        parser.add_argument("--land", default="", help="ohne --municipality: Bundesland (z. B. BW) für Feiertage")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        year: int = options["year"]
        if not selectors.MIN_YEAR <= year <= selectors.MAX_YEAR:
            raise CommandError(f"Das Jahr muss zwischen {selectors.MIN_YEAR} und {selectors.MAX_YEAR} liegen.")
        if municipality is not None:
            setup = selectors.calendar_setup(municipality)
            occurrences = selectors.observances_for(municipality, year, setup=setup)
            name, domain = f"Interkultureller Kalender {municipality.name} {year}", publish.uid_domain(municipality)
        else:
            setup = None
            occurrences = selectors.engine_year(year, variants=self._variants(options["variant"]),
                                                land=self._land(options["land"]))
            name, domain = f"Interkultureller Kalender {year}", "teilhabe"
        fmt = options["format"]
        if fmt == "csv":
            self.stdout.write(engine.to_csv(occurrences), ending="")
        elif fmt == "json":
            self.stdout.write(engine.to_json(occurrences))
        elif setup is not None:
            self.stdout.write(publish.to_ics(occurrences, setup=setup, calendar_name=name, domain=domain).decode(),
                              ending="")
        else:
            self.stdout.write(engine.to_ics(occurrences, calendar_name=name, uid_domain=domain).decode(), ending="")

    @staticmethod
    def _variants(items: list[str]) -> dict[str, str]:
        groups = selectors.variant_groups()
        variants: dict[str, str] = {}
        for item in items:
            group, _sep, choice = item.partition(":")
            if group not in groups or choice not in groups[group].choices:
                known = "; ".join(f"{g.key}: {', '.join(g.choices)}" for g in groups.values())
                raise CommandError(f"Unbekannte Variante „{item}“. Möglich: {known}")
            variants[group] = choice
        return variants

    @staticmethod
    def _land(value: str) -> str:
        land = value.strip().upper().removeprefix("DE-")
        if land and land not in engine.compute.GERMAN_LANDS:
            raise CommandError(f"Unbekanntes Bundesland „{value}“.")
        return land
