"""Carrying out a planned import in one transaction, through the plan and core services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from teilhabe.core import audit
from teilhabe.core import services as core_services
from teilhabe.core.errors import ConcurrentEdit, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor
from teilhabe.plans import services as plan_services
from teilhabe.plans.exchange.actors import norm
from teilhabe.plans.exchange.draft import MeasureDraft, PlanDraft
from teilhabe.plans.exchange.planning import Preview, Target, path_key, plan_import
from teilhabe.plans.exchange.problems import ImportRefused, Problem
from teilhabe.plans.links import parse_link
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption, TargetGroup
from teilhabe.plans.permissions import EDIT_PLAN, IMPORT_EXPORT

# Distinct, contrast-safe colours for new fields of action when the file names none.
FIELD_PALETTE = ["#005a9c", "#15803d", "#b45309", "#7c3aed", "#be123c", "#0f766e", "#4338ca", "#a16207"]


@dataclass
class ImportResult:
    edition: Edition
    preview: Preview

    @property
    def measure_count(self) -> int:
        return self.preview.measure_count

    @property
    def update_count(self) -> int:
        return len(self.preview.updates)

    @property
    def skipped_count(self) -> int:
        return len(self.preview.conflicts)


class PreviewOutdated(Exception):
    """Planning again at confirm gave another result than the preview (someone changed a measure, a name or
    the plan in between): nothing was written; `preview` is the new one to show."""

    def __init__(self, preview: Preview) -> None:
        super().__init__("preview outdated")
        self.preview = preview


def run_import(*, actor: Actor, municipality: Municipality, draft: PlanDraft, target: Target,
               choices: Mapping[str, str] | None = None, expected_fingerprint: str = "") -> ImportResult:
    """All or nothing: plan again (the data may have changed since the preview), then write everything
    through the services: new measures, the updates of rows with an ID (update_measure: version check and
    history per measure). Conflicts are skipped, never overwritten. With `expected_fingerprint` (the
    preview's), an import whose planning differs from what the preview showed writes nothing and raises
    PreviewOutdated. Any refusal rolls the whole import back and is reported as an ImportRefused."""
    authorize(actor, IMPORT_EXPORT, municipality)
    authorize(actor, EDIT_PLAN, municipality)
    with transaction.atomic():
        preview = plan_import(municipality=municipality, draft=draft, target=target, choices=choices)
        if not preview.ok:
            raise ImportRefused(preview.problems)
        if expected_fingerprint and preview.fingerprint() != expected_fingerprint:
            raise PreviewOutdated(preview)
        writer = _Writer(actor, municipality, draft, preview)
        try:
            edition = writer.write()
        except ConcurrentEdit as error:  # a measure was saved by someone else after planning
            raise ImportRefused([Problem(message=error.message)]) from error
        except (ValidationError, ServiceError) as error:  # a rule planning does not know of
            messages = error.messages if isinstance(error, ValidationError) else [error.message]
            raise ImportRefused([Problem(message=" ".join(messages))]) from error
    return ImportResult(edition=edition, preview=preview)


class _Writer:
    def __init__(self, actor: Actor, municipality: Municipality, draft: PlanDraft, preview: Preview) -> None:
        self.actor, self.municipality, self.draft, self.p = actor, municipality, draft, preview
        self.fields: dict[str, FieldOfAction] = dict(preview.fields)
        self.goals: dict[tuple[str, tuple[str, ...]], Goal] = dict(preview.goals)
        self.units: dict[str, OrgUnit] = dict(preview.org_units)
        self.organisations: dict[str, Organisation] = dict(preview.organisations)
        self.target_groups: dict[str, TargetGroup] = dict(preview.target_groups)
        self.statuses: dict[str, StatusOption] = dict(preview.statuses)

    def write(self) -> Edition:
        self.write_statuses()
        edition = self.write_edition()
        self.write_actors()
        self.write_target_groups()
        self.write_fields(edition)
        self.write_goals()
        if self.p.measures:
            self.write_measures(edition)
        self.write_updates(edition)
        changes: dict[str, list[Any]] = {"datei": [None, self.draft.filename],
                                         "massnahmen": [None, self.p.measure_count]}
        if self.p.updates or self.p.conflicts:
            changes["geaendert"] = [None, len(self.p.updates)]
            changes["konflikte"] = [None, len(self.p.conflicts)]
        audit.record(actor=self.actor, municipality=self.municipality, action=AuditEntry.Action.IMPORT, obj=edition,
                     changes=changes)
        return edition

    def write_statuses(self) -> None:
        for status in self.p.new_statuses:
            option = plan_services.create_status_option(
                actor=self.actor, municipality=self.municipality, label=status.label, normalised=status.normalised,
                colour=status.colour)
            self.statuses[norm(option.label)] = option
        if self.p.needs_default_scheme:
            for option in plan_services.ensure_default_status_scheme(municipality=self.municipality):
                self.statuses[norm(option.label)] = option

    def write_edition(self) -> Edition:
        target: Target = self.p.target
        if target.edition is not None:
            return target.edition
        plan = plan_services.create_plan(
            actor=self.actor, municipality=self.municipality, title=target.new_plan_title,
            description=self.draft.description, goal_level_names=self.draft.goal_level_names or None,
            edition_name=self.draft.edition_name,
        )
        return plan.editions.get()

    def write_actors(self) -> None:
        for unit in self.p.new_org_units:
            created = core_services.create_org_unit(
                actor=self.actor, municipality=self.municipality, name=unit.name, kind=unit.kind,
                parent=self.units[norm(unit.parent)] if unit.parent else None, short_name=unit.short_name)
            self.units[norm(created.name)] = created
        for org in self.p.new_organisations:
            created_org = core_services.create_organisation(
                actor=self.actor, municipality=self.municipality, name=org.name, kind=org.kind, website=org.website)
            self.organisations[norm(created_org.name)] = created_org

    def write_target_groups(self) -> None:
        for name in self.p.new_target_groups:
            group = plan_services.get_or_create_target_group(actor=self.actor, municipality=self.municipality,
                                                             name=name)
            self.target_groups[norm(name)] = group

    def write_fields(self, edition: Edition) -> None:
        for index, field in enumerate(self.p.new_fields):
            created = plan_services.create_field(
                actor=self.actor, edition=edition, title=field.title, description=field.description,
                colour=field.colour or FIELD_PALETTE[(len(self.p.fields) + index) % len(FIELD_PALETTE)])
            self.fields[norm(created.title)] = created

    def write_goals(self) -> None:
        for goal in self.p.new_goals:
            fkey, keys = norm(goal.field), path_key(goal.path)
            parent = self.goals[(fkey, keys[:-1])] if len(keys) > 1 else None
            self.goals[(fkey, keys)] = plan_services.create_goal(
                actor=self.actor, field=self.fields[fkey], parent=parent, title=goal.path[-1],
                description=goal.description)

    def _actor(self, name: str) -> OrgUnit | Organisation:
        key = norm(name)
        if key in self.p.aliases:
            return self.p.aliases[key]
        return self.units[key] if key in self.units else self.organisations[key]

    def _values(self, m: MeasureDraft) -> dict[str, Any]:
        """A row's values as the measure services take them (without status and position)."""
        leads = [self._actor(name) for name in [m.lead, *m.co_leads] if name]
        lead = leads[0] if leads else None
        co_leads = [x for x in leads[1:] if x != lead]
        partners = [self._actor(name) for name in m.partners]
        return {
            "reference": m.reference, "title": m.title, "description": m.description,
            "field": self.fields[norm(m.field)],
            "goals": [self.goals[(norm(m.field), path_key(path))] for path in m.goals],
            "lead_org_unit": lead if isinstance(lead, OrgUnit) else None,
            "lead_organisation": lead if isinstance(lead, Organisation) else None,
            "co_lead_org_units": [x for x in co_leads if isinstance(x, OrgUnit)],
            "co_lead_organisations": [x for x in co_leads if isinstance(x, Organisation)],
            "responsibility_note": m.responsibility_note,
            "partner_org_units": [x for x in partners if isinstance(x, OrgUnit)],
            "partner_organisations": [x for x in partners if isinstance(x, Organisation)],
            "target_groups": [self.target_groups[norm(t)] for t in m.target_groups],
            "start_date": m.start, "end_date": m.end, "cost_estimate": m.cost, "funding": m.funding,
            "is_key_project": m.key_project,
            "gender_diversity_note": m.gender_diversity, "indicators": list(m.indicators),
            "links": [parse_link(x) for x in m.links],
        }

    def write_updates(self, edition: Edition) -> None:
        """The changed measures through update_measures, each with the version the sheet was exported at: the
        rules, version check and history entry of update_measure. Only the changed fields are passed."""
        updates: list[tuple[Measure, int, dict[str, Any]]] = []
        for update in self.p.updates:
            m = update.draft
            values = self._values(m)
            if m.status:
                values["status"] = self.statuses[norm(m.status)]
            wanted = set(update.changes)
            if wanted & plan_services.LEAD_FIELDS:  # the leads are checked together
                wanted |= plan_services.LEAD_FIELDS
            assert m.version is not None
            updates.append((update.measure, m.version, {k: v for k, v in values.items() if k in wanted}))
        plan_services.update_measures(actor=self.actor, edition=edition, updates=updates)

    def write_measures(self, edition: Edition) -> None:
        positions = dict(self.p.next_position)
        default_status = (
            StatusOption.objects.of(self.municipality).order_by("-is_default", "position", "pk").first()
        )
        rows: list[dict[str, Any]] = []
        for m in self.p.measures:
            values = self._values(m)
            field = values["field"]
            position = positions.get(field.pk, 1)
            positions[field.pk] = position + 1
            values["status"] = self.statuses[norm(m.status)] if m.status else default_status
            values["position"] = position
            rows.append(values)
        try:
            plan_services.create_measures(actor=self.actor, edition=edition, rows=rows)
        except plan_services.RowsRefused as refused:  # planning checked every row; name any row still refused
            raise ImportRefused([
                Problem(message=" ".join(messages), where=self.p.measures[index].ref.where,
                        row=self.p.measures[index].ref.row)
                for index, messages in sorted(refused.errors.items())
            ]) from refused


__all__ = ["ImportResult", "PreviewOutdated", "run_import"]
