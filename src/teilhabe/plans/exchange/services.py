"""Entry points of the plan exchange, used by the back office and the commands alike."""

from __future__ import annotations

from collections.abc import Mapping

from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.exchange.draft import PlanDraft
from teilhabe.plans.exchange.execute import ImportResult, PreviewOutdated, run_import
from teilhabe.plans.exchange.filecheck import detect
from teilhabe.plans.exchange.jsonformat import read_json, write_json
from teilhabe.plans.exchange.planning import Preview, Target, plan_import
from teilhabe.plans.exchange.problems import ImportRefused
from teilhabe.plans.exchange.selectors import plan_draft
from teilhabe.plans.exchange.xlsx_read import read_xlsx
from teilhabe.plans.exchange.xlsx_write import write_xlsx
from teilhabe.plans.models import Edition, Measure, Plan, StatusOption
from teilhabe.plans.permissions import IMPORT_EXPORT
from teilhabe.plans.selectors import edition_for
from teilhabe.plans.services import DEFAULT_STATUS_SCHEME


def read_file(data: bytes, filename: str = "") -> PlanDraft:
    """XLSX or JSON, judged by content. Refuses broken, empty, protected, foreign and oversized files
    (ImportRefused); cell problems are collected in the draft and reported by the preview."""
    kind = detect(data)
    return read_xlsx(data, filename) if kind == "xlsx" else read_json(data, filename)


def default_plan_title(draft: PlanDraft) -> str:
    """The name a new plan gets from the file: the plan's name the export wrote (sheet "Plan", JSON "plan");
    empty if the file names none — then the user is asked (never the file name: "in.xlsx" is no plan)."""
    return draft.title


def edition_of_ids(municipality: Municipality, draft: PlanDraft) -> Edition | None:
    """The edition a sheet's measure IDs belong to (the first ID this municipality knows), or None."""
    ids = [m.id for m in draft.measures if m.id is not None]
    if not ids:
        return None
    found = dict(Measure.objects.of(municipality).filter(pk__in=set(ids)).values_list("pk", "edition_id"))
    first = next((found[pk] for pk in ids if pk in found), None)
    return Edition.objects.of(municipality).select_related("plan").filter(pk=first).first() if first else None


def resolve_target(*, municipality: Municipality, edition: Edition | None, plan_title: str,
                   draft: PlanDraft) -> Target:
    """An explicit edition wins; then the edition the sheet's measure IDs belong to (an update); otherwise a
    plan of that title (the edition the coordination office works in: its draft, else the adopted one) or a
    new plan of that title (empty if neither the caller nor the file names one: planning asks for it)."""
    if edition is not None:
        return Target(edition=edition)
    if not plan_title.strip() and (by_ids := edition_of_ids(municipality, draft)) is not None:
        return Target(edition=by_ids)
    title = plan_title.strip() or default_plan_title(draft)
    plan = Plan.objects.of(municipality).filter(title__iexact=title).first() if title else None
    if plan is not None and (existing := edition_for(Actor.system(municipality.pk), plan)) is not None:
        return Target(edition=existing)
    return Target(new_plan_title=title)


def preview_import(*, actor: Actor, municipality: Municipality, draft: PlanDraft, target: Target,
                   choices: Mapping[str, str] | None = None) -> Preview:
    authorize(actor, IMPORT_EXPORT, municipality)
    return plan_import(municipality=municipality, draft=draft, target=target, choices=choices)


def import_plan(*, actor: Actor, municipality: Municipality, draft: PlanDraft, target: Target,
                choices: Mapping[str, str] | None = None, expected_fingerprint: str = "") -> ImportResult:
    """All or nothing; raises ImportRefused with every problem, writing nothing. With the preview's
    fingerprint it applies exactly what the preview showed, or raises PreviewOutdated."""
    return run_import(actor=actor, municipality=municipality, draft=draft, target=target, choices=choices,
                      expected_fingerprint=expected_fingerprint)


def status_words(municipality: Municipality) -> list[tuple[str, str]]:
    words = list(StatusOption.objects.of(municipality).order_by("position", "pk").values_list("label", "normalised"))
    return words or [(label, str(normalised)) for label, normalised, _colour in DEFAULT_STATUS_SCHEME]


def export_plan(edition: Edition) -> bytes:
    """The edition as an XLSX workbook in the import format."""
    return write_xlsx(plan_draft(edition), status_words=status_words(edition.municipality))


def export_plan_json(edition: Edition) -> bytes:
    municipality = edition.municipality
    return write_json(plan_draft(edition), municipality_name=municipality.name, ags=municipality.ags)


def template_xlsx(municipality: Municipality) -> bytes:
    return write_xlsx(PlanDraft(source="template"), status_words=status_words(municipality))


__all__ = [
    "ImportRefused", "ImportResult", "Preview", "PreviewOutdated", "Target", "default_plan_title", "edition_of_ids",
    "export_plan", "export_plan_json",
    "import_plan", "preview_import", "read_file", "resolve_target", "status_words", "template_xlsx",
]
