"""teilhabe search-reindex <slug> [--kind KIND …]"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.search import registry, services


class Command(MunicipalityCommand):
    help = ("Baut den Suchindex einer Kommune neu auf, aus allen Quellen (Plan, Seiten, Organisationen, "
            "Angebote, Termine): teilhabe search-reindex <kommune> [--kind ART]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("--kind", action="append", default=None,
                            help="Nur diese Art (mehrfach möglich): " + ", ".join(s.kind for s in registry.sources()))

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None
        kinds = options.get("kind")
        known = {s.kind for s in registry.sources()}
        unknown = sorted(set(kinds or []) - known)
        if unknown:
            raise CommandError(f"Unbekannte Art: {', '.join(unknown)}. Bekannt sind: {', '.join(sorted(known))}.")
        started = time.perf_counter()
        counts = services.reindex_municipality(municipality=municipality, kinds=kinds)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"{sum(counts.values())} Dokumente in {time.perf_counter() - started:.1f} s indexiert.")
