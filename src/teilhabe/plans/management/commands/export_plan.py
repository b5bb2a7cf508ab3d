"""teilhabe export-plan <slug> [--plan ID] [--edition ID] [--format xlsx|json] [-o FILE]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.text import slugify

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Edition, Plan
from teilhabe.plans.selectors import edition_for, edition_shown


class Command(MunicipalityCommand):
    help = ("Gibt einen Plan als Excel-Maßnahmenliste oder als JSON aus: "
            "teilhabe export-plan <kommune> [--plan ID] [--format xlsx|json] [-o DATEI]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("--plan", type=int, help="Nummer (ID) des Plans; nötig, wenn es mehrere gibt")
        parser.add_argument("--edition", type=int, help="Nummer (ID) der Ausgabe; sonst die Ausgabe, an der die "
                            "Koordinierungsstelle arbeitet (der Entwurf, sonst die beschlossene)")
        parser.add_argument("--format", choices=["xlsx", "json"], default="xlsx")
        parser.add_argument("-o", "--output", help="Zieldatei; „-“ für die Standardausgabe")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None  # the slug is a required argument
        edition = self._edition(actor, municipality, options["plan"], options["edition"])
        data = exchange.export_plan_json(edition) if options["format"] == "json" else exchange.export_plan(edition)
        output = options["output"]
        if output is None and options["format"] == "json":
            output = "-"
        if output == "-":
            if options["format"] == "json":
                self.stdout.write(data.decode("utf-8"), ending="\n")
            else:  # binary: only sensible when piped into a file
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            return
        path = Path(output or f"{municipality.slug}-{slugify(edition.plan.title)}.{options['format']}")
        path.write_bytes(data)
        self.stdout.write(f"„{edition}“ ausgegeben: {path}")

    @staticmethod
    def _edition(actor: Actor, municipality: Municipality, plan_id: int | None, edition_id: int | None) -> Edition:
        """The edition asked for, else the plan's edition by the one rule (plans.selectors.edition_for)."""
        if edition_id is not None and plan_id is None:
            try:
                edition = edition_shown(actor, municipality, edition_id)
            except Edition.DoesNotExist:
                edition = None
            if edition is None:
                raise CommandError(f"Die Ausgabe {edition_id} gibt es in dieser Kommune nicht.")
            return edition
        plans = Plan.objects.of(municipality).order_by("title")
        if plan_id is not None:
            plan = plans.filter(pk=plan_id).first()
            if plan is None:
                raise CommandError(f"Den Plan {plan_id} gibt es in dieser Kommune nicht.")
        else:
            found = list(plans[:2])
            if not found:
                raise CommandError("Diese Kommune hat noch keinen Plan.")
            if len(found) > 1:
                listing = ", ".join(f"{p.pk}: „{p.title}“" for p in plans)
                raise CommandError(f"Die Kommune hat mehrere Pläne ({listing}); bitte mit --plan ID wählen.")
            plan = found[0]
        try:
            chosen = edition_for(actor, plan, edition_id)
        except Edition.DoesNotExist:
            raise CommandError(f"Die Ausgabe {edition_id} gehört nicht zum Plan {plan.pk}.") from None
        if chosen is None:
            raise CommandError("Der Plan hat keine Ausgabe.")
        return chosen
