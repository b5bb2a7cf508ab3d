"""teilhabe import-plan <slug> <file.xlsx|file.json> [--plan TITLE] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.filecheck import check_size
from teilhabe.plans.exchange.planning import Preview
from teilhabe.plans.exchange.problems import ImportRefused, Problems
from teilhabe.plans.models import Plan


def preview_lines(preview: Preview) -> list[str]:
    lines = [f"Ziel: {preview.target.label}"]
    if preview.target.edition is None:
        lines.append(f"Neuer Plan: {preview.target.new_plan_title}")
    sections = [
        ("Neue Statuswerte", [s.label for s in preview.new_statuses]),
        ("Neue Handlungsfelder", [f.title for f in preview.new_fields]),
        ("Neue Ziele", [f"{g.field}: {g.label}" for g in preview.new_goals]),
        ("Neue Verwaltungseinheiten", [f"{a.name} ({a.kind_label}{', unter ' + a.parent if a.parent else ''})"
                                       for a in preview.new_org_units]),
        ("Neue Organisationen", [f"{a.name} ({a.kind_label})" for a in preview.new_organisations]),
        ("Neue Zielgruppen", list(preview.new_target_groups)),
    ]
    for title, items in sections:
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  - {item}" for item in items)
    lines.extend(f"Hinweis: {w}" for w in preview.warnings)
    lines.append(f"Maßnahmen: {preview.measure_count}")
    return lines


def problem_lines(problems: Problems) -> list[str]:
    lines = [f"Fehler: {p}" for p in problems.items]
    if problems.truncated:
        lines.append(f"… und {problems.total - len(problems.items)} weitere Fehler.")
    return lines


class Command(MunicipalityCommand):
    help = ("Importiert eine Maßnahmenliste (XLSX) oder einen ganzen Plan (JSON): "
            "teilhabe import-plan <kommune> <datei> [--plan TITEL] [--dry-run]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("file", help="XLSX- oder JSON-Datei")
        parser.add_argument("--plan", default="", help="Titel des Plans (wird angelegt, wenn es ihn nicht gibt)")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen und die Vorschau zeigen")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None  # the slug is a required argument
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Die Datei „{path}“ gibt es nicht.")
        try:
            check_size(path.stat().st_size)
            draft = exchange.read_file(path.read_bytes(), path.name)
        except ImportRefused as refusal:
            raise CommandError("\n".join(problem_lines(refusal.problems))) from None
        if not options["plan"] and Plan.objects.of(municipality).count() > 1 and not draft.title:
            titles = ", ".join(f"„{p.title}“" for p in Plan.objects.of(municipality).order_by("title"))
            raise CommandError(f"Die Kommune hat mehrere Pläne ({titles}); bitte mit --plan TITEL wählen.")
        plan_title = options["plan"] or self._single_plan_title(municipality)
        target = exchange.resolve_target(municipality=municipality, edition=None, plan_title=plan_title, draft=draft)
        preview = exchange.preview_import(actor=actor, municipality=municipality, draft=draft, target=target)
        self.stdout.write("\n".join(preview_lines(preview)))
        if not preview.ok:
            self.stderr.write("\n".join(problem_lines(preview.problems)))
            raise CommandError(f"{preview.problems.total} Fehler – es wurde nichts übernommen.")
        if options["dry_run"]:
            self.stdout.write("Probelauf: es wurde nichts übernommen.")
            return
        try:
            result = exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target)
        except ImportRefused as refusal:
            self.stderr.write("\n".join(problem_lines(refusal.problems)))
            raise CommandError("Es wurde nichts übernommen.") from None
        self.stdout.write(f"Import abgeschlossen: {result.measure_count} Maßnahmen in „{result.edition}“.")

    @staticmethod
    def _single_plan_title(municipality: Municipality) -> str:
        plans = list(Plan.objects.of(municipality).values_list("title", flat=True)[:2])
        return plans[0] if len(plans) == 1 else ""
