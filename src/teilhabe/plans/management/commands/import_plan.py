"""teilhabe import-plan <slug> <file.xlsx|file.json> [--plan-title NAME] [--dry-run] [--accept-suggestions]
[--skip-conflicts]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.exchange.draft import MeasureDraft
from teilhabe.plans.exchange.filecheck import check_size
from teilhabe.plans.exchange.planning import Preview, Target
from teilhabe.plans.exchange.problems import ImportRefused, Problems
from teilhabe.plans.models import Plan


def _measure_line(preview: Preview, m: MeasureDraft) -> str:
    reference = f"{m.reference} " if m.reference else ""
    leads = "; ".join([m.lead, *m.co_leads]) if m.lead else "ohne Federführung"
    details = [m.field, leads, m.status or f"{preview.default_status_label} (Voreinstellung)"]
    return f"  - {m.ref.where}: {reference}„{m.title}“ ({'; '.join(details)})"


def preview_lines(preview: Preview) -> list[str]:
    """The preview as the back office shows it, as text: what is created, what changes, conflicts."""
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
        ("Meinten Sie …?", [f"„{s.name}“ ({s.rows}) → „{s.existing_label}“ ({s.existing_kind_label})"
                            for s in preview.suggestions]),
    ]
    for title, items in sections:
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  - {item}" for item in items)
    lines.extend(f"Hinweis: {w}" for w in preview.warnings)
    lines.append(f"Maßnahmen: {preview.measure_count}")
    lines.extend(_measure_line(preview, m) for m in preview.measures)
    if preview.updates:
        lines.append(f"Geänderte Maßnahmen ({len(preview.updates)}):")
        for update in preview.updates:
            lines.append(f"  - {update.draft.ref.where}: „{update.measure.title}“ (ID {update.measure.pk})")
            lines.extend(f"      {c.label}: {c.old} → {c.new}" for c in update.rows)
    if preview.unchanged:
        lines.append(f"Unverändert: {len(preview.unchanged)}")
    if preview.conflicts:
        lines.append(f"Konflikte ({len(preview.conflicts)}) – seit dem Export von anderen geändert, werden nicht "
                     "überschrieben:")
        for conflict in preview.conflicts:
            lines.append(f"  - {conflict.draft.ref.where}: „{conflict.measure.title}“ (ID {conflict.measure.pk})")
            for entry in conflict.entries:
                when = timezone.localtime(entry.at).strftime("%d.%m.%Y %H:%M")
                changed = "; ".join(f"{c.label}: {c.old} → {c.new}" for c in entry.rows)
                lines.append(f"      geändert von {entry.who} am {when}: {changed}")
            lines.extend(f"      Ihre Änderung: {c.label}: {c.old} → {c.new}" for c in conflict.rows)
    return lines


def problem_lines(problems: Problems) -> list[str]:
    lines = [f"Fehler: {p}" for p in problems.items]
    if problems.truncated:
        lines.append(f"… und {problems.total - len(problems.items)} weitere Fehler.")
    return lines


class Command(MunicipalityCommand):
    help = ("Importiert eine Maßnahmenliste (XLSX) oder einen ganzen Plan (JSON); Zeilen mit ID (aus dem Export) "
            "ändern die Maßnahmen: teilhabe import-plan <kommune> <datei> [--plan-title NAME] [--dry-run] "
            "[--accept-suggestions] [--skip-conflicts]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("file", help="XLSX- oder JSON-Datei")
        parser.add_argument("--plan-title", "--plan", dest="plan_title", default="",
                            help="Name des Plans: ein vorhandener Plan dieses Namens, sonst wird er angelegt. "
                                 "Ohne: die Ausgabe der Maßnahmen-IDs, der einzige Plan oder der Name aus der Datei")
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen und die Vorschau zeigen")
        parser.add_argument("--accept-suggestions", action="store_true",
                            help="Unbekannte Namen, die einem vorhandenen ähneln („Meinten Sie …?“), als diesen "
                                 "übernehmen; ohne diese Option hält der Import bei Vorschlägen an")
        parser.add_argument("--skip-conflicts", action="store_true",
                            help="Maßnahmen, die seit dem Export geändert wurden, auslassen und den Rest "
                                 "übernehmen; ohne diese Option bricht der Import bei Konflikten ab")

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
        target = self._target(municipality, draft, options["plan_title"].strip())
        preview = exchange.preview_import(actor=actor, municipality=municipality, draft=draft, target=target)
        self.stdout.write("\n".join(preview_lines(preview)))
        if not preview.ok:
            self.stderr.write("\n".join(problem_lines(preview.problems)))
            raise CommandError(f"{preview.problems.total} Fehler – es wurde nichts übernommen.")
        if preview.suggestions and not options["accept_suggestions"]:
            raise CommandError(
                f"{len(preview.suggestions)} Namen ähneln vorhandenen (siehe „Meinten Sie …?“). Mit "
                "--accept-suggestions werden sie als die vorhandenen übernommen; sonst schreiben Sie sie in der "
                "Datei wie vorhanden oder tragen Sie sie im Blatt „Beteiligte“ ein. Es wurde nichts übernommen.")
        if preview.conflicts and not options["skip_conflicts"]:
            raise CommandError(
                f"{len(preview.conflicts)} Maßnahmen wurden seit dem Export geändert (siehe „Konflikte“). Mit "
                "--skip-conflicts werden sie ausgelassen und der Rest übernommen. Es wurde nichts übernommen.")
        if options["dry_run"]:
            self.stdout.write("Probelauf: es wurde nichts übernommen.")
            return
        try:
            result = exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target,
                                          expected_fingerprint=preview.fingerprint())
        except ImportRefused as refusal:
            self.stderr.write("\n".join(problem_lines(refusal.problems)))
            raise CommandError("Es wurde nichts übernommen.") from None
        except exchange.PreviewOutdated:
            raise CommandError("Während des Imports wurde der Plan geändert; es wurde nichts übernommen. Bitte "
                               "starten Sie den Import erneut.") from None
        summary = f"Import abgeschlossen: {result.measure_count} Maßnahmen in „{result.edition}“"
        if result.update_count or result.skipped_count:
            summary += f", {result.update_count} geändert, {result.skipped_count} Konflikte ausgelassen"
        self.stdout.write(summary + ".")

    @staticmethod
    def _target(municipality: Municipality, draft: Any, plan_title: str) -> Target:
        """--plan-title wins; else the edition the sheet's IDs belong to; else the only plan; else a new plan
        named as the file names it."""
        if not plan_title and (by_ids := exchange.edition_of_ids(municipality, draft)) is not None:
            return Target(edition=by_ids)
        plans = list(Plan.objects.of(municipality).order_by("title").values_list("title", flat=True))
        if not plan_title and len(plans) > 1 and not draft.title:
            titles = ", ".join(f"„{title}“" for title in plans)
            raise CommandError(f"Die Kommune hat mehrere Pläne ({titles}); bitte mit --plan-title NAME wählen.")
        plan_title = plan_title or (plans[0] if len(plans) == 1 else "")
        if not plan_title and not draft.title:
            raise CommandError("Die Datei nennt keinen Namen des Plans; bitte mit --plan-title NAME angeben.")
        return exchange.resolve_target(municipality=municipality, edition=None, plan_title=plan_title, draft=draft)
