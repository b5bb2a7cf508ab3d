"""teilhabe export-plan <slug> [--plan ID] [--edition ID] [--format xlsx|json|pdf|docx] [--field TITLE|NR] [-o FILE]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.text import slugify

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.documents import plan_document
from teilhabe.plans.documents.docx import plan_docx
from teilhabe.plans.documents.pdf import plan_pdf
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Edition, FieldOfAction, Plan
from teilhabe.plans.selectors import edition_for, edition_shown

DOCUMENT_FORMATS = ("pdf", "docx")


class Command(MunicipalityCommand):
    help = ("Gibt einen Plan als Excel-Maßnahmenliste, als JSON oder als Dokument für den Gemeinderat aus "
            "(barrierefreies PDF, Word): teilhabe export-plan <kommune> [--plan ID] [--edition ID] "
            "[--format xlsx|json|pdf|docx] [--field TITEL|NR] [-o DATEI]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("--plan", type=int, help="Nummer (ID) des Plans; nötig, wenn es mehrere gibt")
        parser.add_argument("--edition", type=int, help="Nummer (ID) der Ausgabe; sonst die Ausgabe, an der die "
                            "Koordinierungsstelle arbeitet (der Entwurf, sonst die beschlossene)")
        parser.add_argument("--format", choices=["xlsx", "json", "pdf", "docx"], default="xlsx")
        parser.add_argument("--field", help="Nur dieses Handlungsfeld (Titel oder Nummer in der Reihenfolge des "
                            "Plans, ab 1); nur mit --format pdf oder docx")
        parser.add_argument("-o", "--output", help="Zieldatei; „-“ für die Standardausgabe")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None  # the slug is a required argument
        edition = self._edition(actor, municipality, options["plan"], options["edition"])
        fmt = options["format"]
        if options["field"] and fmt not in DOCUMENT_FORMATS:
            raise CommandError("--field gibt es nur für die Dokumente (--format pdf oder docx).")
        stem = f"{municipality.slug}-{slugify(edition.plan.title)}"
        if fmt in DOCUMENT_FORMATS:
            field_of_action = self._field(edition, options["field"]) if options["field"] else None
            document = plan_document(edition, field_of_action)
            data = plan_pdf(document) if fmt == "pdf" else plan_docx(document)
            stem = f"{municipality.slug}-{document.file_stem}"
        else:
            data = exchange.export_plan_json(edition) if fmt == "json" else exchange.export_plan(edition)
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
        path = Path(output or f"{stem}.{fmt}")
        path.write_bytes(data)
        self.stdout.write(f"„{edition}“ ausgegeben: {path}")

    @staticmethod
    def _field(edition: Edition, wanted: str) -> FieldOfAction:
        """A field of action of the edition by its title (case ignored) or its number in the plan's order."""
        fields = list(FieldOfAction.objects.filter(edition=edition).order_by("position", "pk"))
        text = wanted.strip()
        if text.isdigit() and 1 <= int(text) <= len(fields):
            return fields[int(text) - 1]
        for candidate in fields:
            if candidate.title.casefold() == text.casefold():
                return candidate
        listing = "; ".join(f"{i}: „{f.title}“" for i, f in enumerate(fields, start=1)) or "keine"
        raise CommandError(f"Das Handlungsfeld „{text}“ gibt es in „{edition}“ nicht. Handlungsfelder: {listing}.")

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
