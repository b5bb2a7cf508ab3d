"""Planning an import: resolve every name in a PlanDraft against the municipality's data, check every
rule, and list what would be created. Nothing is written here; the same plan is made again at confirm."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import audit, display
from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.validators import validate_no_markup
from teilhabe.plans.exchange.actors import (
    guess_org_unit_kind,
    guess_organisation_kind,
    kind_label,
    looks_like_office,
    norm,
)
from teilhabe.plans.exchange.draft import ActorDraft, FieldDraft, MeasureDraft, PlanDraft, StatusDraft
from teilhabe.plans.exchange.problems import Problems, Ref
from teilhabe.plans.exchange.suggestions import Candidates, Suggestion, chosen, parse_choice
from teilhabe.plans.exchange.values import format_goal_path
from teilhabe.plans.links import as_link, parse_link
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption, TargetGroup
from teilhabe.plans.relations import Relations, measure_relations, measure_snapshot
from teilhabe.plans.services import DEFAULT_STATUS_SCHEME, MEASURE_FIELDS

NodeKey = tuple[str, tuple[str, ...]]  # (normalised field title, normalised goal path)
LONG_TEXT = 20_000
ITEM_TEXT = 500


@dataclass
class Target:
    """Where an import goes: an existing edition, or a new plan with this title."""

    edition: Edition | None = None
    new_plan_title: str = ""

    @property
    def label(self) -> str:
        if self.edition is not None:
            return str(self.edition)
        return _("neuer Plan „%(title)s“") % {"title": self.new_plan_title}


@dataclass
class NewActor:
    name: str
    is_org_unit: bool
    kind: str
    parent: str = ""
    short_name: str = ""
    website: str = ""
    explicit: bool = False  # named with its kind in the file, not guessed from the name
    ref: Ref | None = None

    @property
    def kind_label(self) -> str:
        return kind_label(self.is_org_unit, self.kind)


@dataclass
class NewGoal:
    field: str  # field title as in the file or the existing field
    path: tuple[str, ...]
    description: str = ""

    @property
    def label(self) -> str:
        return format_goal_path(self.path)


@dataclass
class MeasureUpdate:
    """A row with an ID whose values differ from the measure's: `changes` is {field: [old, new]} in the
    audit trail's plain values, exactly what update_measure will record."""

    draft: MeasureDraft
    measure: Measure
    changes: dict[str, list[Any]]

    @property
    def rows(self) -> list[display.ChangeRow]:
        return display.change_rows(Measure, self.changes)


@dataclass
class ConflictEntry:
    who: str
    at: Any
    rows: list[display.ChangeRow]


@dataclass
class Conflict(MeasureUpdate):
    """A row whose measure someone changed since the export (version in the sheet older than the current one)
    and whose values differ: listed with what was changed since (`entries`), never overwritten."""

    entries: list[ConflictEntry] = field(default_factory=list)


@dataclass
class Preview:
    target: Target
    problems: Problems
    warnings: list[str] = field(default_factory=list)
    new_statuses: list[StatusDraft] = field(default_factory=list)
    new_fields: list[FieldDraft] = field(default_factory=list)
    new_goals: list[NewGoal] = field(default_factory=list)
    new_org_units: list[NewActor] = field(default_factory=list)
    new_organisations: list[NewActor] = field(default_factory=list)
    new_target_groups: list[str] = field(default_factory=list)
    measures: list[MeasureDraft] = field(default_factory=list)
    # Existing objects by normalised name, for the execution.
    fields: dict[str, FieldOfAction] = field(default_factory=dict)
    goals: dict[NodeKey, Goal] = field(default_factory=dict)
    org_units: dict[str, OrgUnit] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)
    statuses: dict[str, StatusOption] = field(default_factory=dict)
    next_position: dict[int, int] = field(default_factory=dict)
    needs_default_scheme: bool = False
    # The update round trip: rows with an ID.
    updates: list[MeasureUpdate] = field(default_factory=list)
    unchanged: list[tuple[MeasureDraft, Measure]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # "Meinten Sie …?": unknown names close to an existing org unit or organisation, and what was chosen.
    suggestions: list[Suggestion] = field(default_factory=list)
    aliases: dict[str, OrgUnit | Organisation] = field(default_factory=dict)
    default_status_label: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def measure_count(self) -> int:
        return len(self.measures)

    @property
    def nothing_new(self) -> bool:
        return not (self.new_statuses or self.new_fields or self.new_goals or self.new_org_units
                    or self.new_organisations or self.new_target_groups)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.measures or self.updates)

    def fingerprint(self) -> str:
        """What this preview was made from: the target, each row's action and every measure's version, the
        names offered as suggestions. An import applies a plan only if planning again (at confirm) gives the
        same fingerprint, so that it applies exactly what the preview showed. The user's choices among the
        suggestions are not part of it."""
        suggested = {norm(s.name) for s in self.suggestions}
        parts = {
            "target": self.target.edition.pk if self.target.edition else None,
            "create": [[m.ref.row, m.title] for m in self.measures],
            "update": [[u.measure.pk, u.measure.version, sorted(u.changes)] for u in self.updates],
            "conflict": [[c.measure.pk, c.measure.version] for c in self.conflicts],
            "unchanged": [[m.pk, m.version] for _d, m in self.unchanged],
            "suggest": [[s.name, s.existing_label] for s in self.suggestions],
            "new": [[a.name for a in self.new_org_units if norm(a.name) not in suggested],
                    [a.name for a in self.new_organisations if norm(a.name) not in suggested],
                    [f.title for f in self.new_fields], [g.label for g in self.new_goals],
                    list(self.new_target_groups), [s.label for s in self.new_statuses]],
            "problems": self.problems.total,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def path_key(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(norm(level) for level in path)


class _Planner:
    def __init__(self, municipality: Municipality, draft: PlanDraft, target: Target,
                 choices: Mapping[str, str] | None) -> None:
        self.municipality = municipality
        self.draft = draft
        self.choices = choices
        self.preview = Preview(target=target, problems=Problems(), warnings=list(draft.warnings))
        self.preview.problems.extend(draft.problems.items)
        self.preview.problems.total = draft.problems.total
        self.problems = self.preview.problems

    # --- helpers ---------------------------------------------------------------------------------------

    def text(self, value: str, *, max_length: int, ref: Ref | None, section: str, key: str,
             required: bool = False) -> bool:
        """Plain text of sane length; returns False (with a problem recorded) if not acceptable."""
        column = self.draft.column(section, key) if ref else ""
        if not value:
            if required:
                self.problems.add(_("Pflichtangabe fehlt."), ref, column)
            return not required
        try:
            validate_no_markup(value)
        except ValidationError as error:
            self.problems.add(" ".join(error.messages), ref, column)
            return False
        if len(value) > max_length:
            self.problems.add(_("Der Text ist zu lang (%(n)s Zeichen; höchstens %(max)s).")
                              % {"n": len(value), "max": max_length}, ref, column)
            return False
        return True

    # --- steps ---------------------------------------------------------------------------------------

    def run(self) -> Preview:
        self.load()
        self.plan_texts()
        self.statuses()
        self.fields()
        self.goals()
        self.actors()
        self.target_groups()
        self.measures()
        return self.preview

    def load(self) -> None:
        p = self.preview
        edition = p.target.edition
        self.existing_measures: dict[tuple[int, str], int] = {}
        self.by_id: dict[int, Measure] = {}
        self.relations: Relations = {}
        self.deleted: dict[int, AuditEntry] = {}
        self.goal_placements: dict[str, list[tuple[str, tuple[str, ...], str, tuple[str, ...]]]] = defaultdict(list)
        self.goal_nodes: dict[NodeKey, NewGoal | Goal] = {}
        if edition is not None:
            if edition.status == Edition.Status.ARCHIVED:
                self.problems.add(_("Diese Ausgabe ist archiviert und kann nicht mehr geändert werden."))
            fields = list(FieldOfAction.objects.filter(edition=edition))
            p.fields = {norm(f.title): f for f in fields}
            field_by_id = {f.pk: f for f in fields}
            goals = list(Goal.objects.filter(edition=edition).only("pk", "title", "field_id", "parent_id"))
            by_id = {g.pk: g for g in goals}
            for goal in goals:
                chain: list[str] = []
                current: Goal | None = goal
                while current is not None and len(chain) <= len(goals):
                    chain.append(current.title)
                    current = by_id.get(current.parent_id) if current.parent_id else None
                path = tuple(reversed(chain))
                field_obj = field_by_id[goal.field_id]
                key = (norm(field_obj.title), path_key(path))
                p.goals[key] = goal
                self.goal_nodes[key] = goal
                self.goal_placements[norm(goal.title)].append(
                    (key[0], key[1][:-1], field_obj.title, path[:-1]))
            self.existing_measures = {
                (fid, norm(title)): pk for pk, fid, title in Measure.objects.filter(edition=edition).values_list(
                    "pk", "field_id", "title")
            }
            p.next_position = {
                row["field_id"]: (row["m"] or 0) + 1
                for row in Measure.objects.filter(edition=edition).values("field_id").annotate(m=Max("position"))
            }
        if edition is not None and self.draft.has_ids:
            self.load_measures_by_id()
        units = list(OrgUnit.objects.of(self.municipality))
        for unit in units:
            p.org_units.setdefault(norm(unit.name), unit)
        for unit in OrgUnit.objects.of(self.municipality).exclude(short_name=""):
            p.org_units.setdefault(norm(unit.short_name), unit)
        organisations = list(Organisation.objects.of(self.municipality))
        p.organisations = {norm(o.name): o for o in organisations}
        self.candidates = Candidates(units, organisations)
        p.target_groups = {norm(t.name): t for t in TargetGroup.objects.of(self.municipality)}
        statuses = list(StatusOption.objects.of(self.municipality).order_by("-is_default", "position", "pk"))
        p.statuses = {norm(s.label): s for s in statuses}
        p.default_status_label = statuses[0].label if statuses else DEFAULT_STATUS_SCHEME[0][0]

    def load_measures_by_id(self) -> None:
        """The measures the rows name, with everything their snapshot reads, in a fixed number of queries;
        for IDs not found, the deletions recorded in this municipality's trail."""
        ids = {m.id for m in self.draft.measures if m.id is not None}
        self.by_id = {
            m.pk: m for m in Measure.objects.of(self.municipality).filter(pk__in=ids)
            .select_related("edition__plan", "field", "status", "lead_org_unit", "lead_organisation")
        }
        self.relations = measure_relations(self.by_id)
        missing = ids - self.by_id.keys()
        if missing:
            for entry in AuditEntry.objects.filter(
                municipality_id=self.municipality.pk, object_type=Measure._meta.label_lower, object_id__in=missing,
                action=AuditEntry.Action.DELETE,
            ).order_by("at", "id"):
                self.deleted[entry.object_id] = entry

    def plan_texts(self) -> None:
        d, target = self.draft, self.preview.target
        if target.edition is None:
            self.text(target.new_plan_title, max_length=200, ref=None, section="plan", key="title", required=False)
            if not target.new_plan_title:
                self.problems.add(_("Bitte geben Sie den Namen des Plans an; die Datei nennt keinen."))
        plan_ref = Ref(sheet="plan", row=1, is_json=True, label="plan")
        self.text(d.description, max_length=LONG_TEXT, ref=plan_ref, section="plan", key="description")
        self.text(d.edition_name, max_length=200, ref=plan_ref, section="plan", key="edition")
        for name in d.goal_level_names:
            self.text(name, max_length=80, ref=plan_ref, section="plan", key="goal_level_names")

    def statuses(self) -> None:
        p = self.preview
        seen: set[str] = set()
        for status in self.draft.statuses:
            key = norm(status.label)
            if not self.text(status.label, max_length=80, ref=status.ref, section="statuses", key="label",
                             required=True) or key in seen:
                continue
            seen.add(key)
            if key not in p.statuses:
                p.new_statuses.append(status)
        self.allowed_statuses = [s.label for s in p.statuses.values()] + [s.label for s in p.new_statuses]
        if not self.allowed_statuses:
            p.needs_default_scheme = True
            self.allowed_statuses = [label for label, _norm, _colour in DEFAULT_STATUS_SCHEME]

    def _add_field(self, title: str, *, draft: FieldDraft | None = None) -> None:
        key = norm(title)
        if key in self.preview.fields or key in self.new_field_keys:
            return
        self.new_field_keys[key] = draft or FieldDraft(title=title)
        self.preview.new_fields.append(self.new_field_keys[key])

    def fields(self) -> None:
        self.new_field_keys: dict[str, FieldDraft] = {}
        seen: dict[str, Ref] = {}
        for f in self.draft.fields:
            if not self.text(f.title, max_length=200, ref=f.ref, section="fields", key="title", required=True):
                continue
            self.text(f.description, max_length=LONG_TEXT, ref=f.ref, section="fields", key="description")
            key = norm(f.title)
            if key in seen:
                self.problems.add(_("Das Handlungsfeld „%(title)s“ steht doppelt in der Liste (auch %(other)s).")
                                  % {"title": f.title, "other": seen[key].where}, f.ref,
                                  self.draft.column("fields", "title"))
                continue
            seen[key] = f.ref
            self._add_field(f.title, draft=f)
        for g in self.draft.goals:
            if self.text(g.field, max_length=200, ref=g.ref, section="goals", key="field", required=True):
                self._add_field(g.field)
        for m in self.draft.measures:
            if self.text(m.field, max_length=200, ref=m.ref, section="measures", key="field", required=True):
                self._add_field(m.field)

    def _field_title(self, key: str) -> str:
        existing = self.preview.fields.get(key)
        return existing.title if existing else self.new_field_keys[key].title

    def _place_goal(self, field_title: str, path: tuple[str, ...], ref: Ref, section: str, key: str,
                    description: str | None = None) -> bool:
        """Register a goal path; False (with a problem) if it contradicts the tree."""
        fkey = norm(field_title)
        if fkey not in self.preview.fields and fkey not in self.new_field_keys:
            return False  # the field was refused already
        for level in path:
            if not self.text(level, max_length=300, ref=ref, section=section, key=key):
                return False
        keys = path_key(path)
        for depth in range(len(path)):
            node: NodeKey = (fkey, keys[: depth + 1])
            if node in self.goal_nodes:
                continue
            title_key = keys[depth]
            parent_key = keys[:depth]
            placements = self.goal_placements.get(title_key, [])
            if placements and not any(pl[0] == fkey and pl[1] == parent_key for pl in placements):
                other = placements[0]
                self.problems.add(
                    _("Das Ziel „%(goal)s“ steht im Zielbaum bereits %(there)s (Handlungsfeld „%(field)s“); hier "
                      "steht es %(here)s (Handlungsfeld „%(this_field)s“). Ein Ziel kann nur an einer Stelle des "
                      "Zielbaums stehen.") % {
                        "goal": path[depth], "there": _place(other[3]), "field": other[2],
                        "here": _place(path[:depth]), "this_field": self._field_title(fkey)},
                    ref, self.draft.column(section, key),
                )
                return False
            new_goal = NewGoal(field=self._field_title(fkey), path=path[: depth + 1])
            self.goal_nodes[node] = new_goal
            self.goal_placements[title_key].append((fkey, parent_key, new_goal.field, path[:depth]))
            self.preview.new_goals.append(new_goal)
        final = self.goal_nodes[(fkey, keys)]
        if description and isinstance(final, NewGoal) and not final.description:
            final.description = description
        return True

    def goals(self) -> None:
        for g in self.draft.goals:
            if not g.path:
                self.problems.add(_("Pflichtangabe fehlt."), g.ref, self.draft.column("goals", "path"))
                continue
            if self.text(g.description, max_length=LONG_TEXT, ref=g.ref, section="goals", key="description"):
                self._place_goal(g.field, g.path, g.ref, "goals", "path", g.description)
        for m in self.draft.measures:
            for path in m.goals:
                self._place_goal(m.field, path, m.ref, "measures", "goals")

    def _new_actor(self, actor: NewActor) -> None:
        self.new_actors[norm(actor.name)] = actor
        (self.preview.new_org_units if actor.is_org_unit else self.preview.new_organisations).append(actor)

    def _known_actor(self, key: str) -> bool:
        p = self.preview
        return key in p.org_units or key in p.organisations or key in self.new_actors

    def actors(self) -> None:
        self.new_actors: dict[str, NewActor] = {}
        self.suggested: dict[str, Suggestion] = {}
        explicit_refs: dict[str, Ref] = {}
        for a in self.draft.actors:
            ok = self.text(a.name, max_length=200, ref=a.ref, section="actors", key="name", required=True)
            ok = self.text(a.short_name, max_length=40, ref=a.ref, section="actors", key="short_name") and ok
            ok = self.text(a.parent, max_length=200, ref=a.ref, section="actors", key="parent") and ok
            ok = self._website(a) and ok
            key = norm(a.name)
            if not ok:
                continue
            if key in explicit_refs:
                self.problems.add(_("„%(name)s“ steht doppelt in der Liste (auch %(other)s).")
                                  % {"name": a.name, "other": explicit_refs[key].where}, a.ref,
                                  self.draft.column("actors", "name"))
                continue
            explicit_refs[key] = a.ref
            if self._known_actor(key):
                continue
            self._new_actor(NewActor(name=a.name, is_org_unit=a.is_org_unit, kind=a.kind, parent=a.parent,
                                     short_name=a.short_name, website=a.website, explicit=True, ref=a.ref))
        self._order_units()
        for m in self.draft.measures:
            self._resolve_leads(m)
            for name in [m.lead, *m.co_leads]:
                if name and self.text(name, max_length=200, ref=m.ref, section="measures", key="lead"):
                    self._implicit_actor(name, m.ref)
            self.text(m.responsibility_note, max_length=500, ref=m.ref, section="measures",
                      key="responsibility_note")
            for name in m.partners:
                if self.text(name, max_length=200, ref=m.ref, section="measures", key="partners"):
                    self._implicit_actor(name, m.ref)

    def _resolve_leads(self, m: MeasureDraft) -> None:
        """The names of a "Federführung" cell: a name with a trailing parenthetical is taken as written if it
        is known, else without the parenthetical; the first is the contact, the others co-leads. When a role
        phrase or a parenthetical was set apart, the whole cell goes into the note on responsibility (after
        a note of the file's own), so that nothing is lost."""
        if not m.lead_parts:
            return
        names: list[str] = []
        stripped = m.lead_role_removed
        for part in m.lead_parts:
            if part.full != part.name and self._known_actor(norm(part.full)):
                name = part.full
            else:
                name = part.name
                stripped = stripped or part.full != part.name
            if norm(name) not in {norm(n) for n in names}:
                names.append(name)
        m.lead, m.co_leads = names[0], names[1:]
        if stripped and m.lead_cell and m.lead_cell not in m.responsibility_note:
            m.responsibility_note = "\n".join(x for x in (m.responsibility_note, m.lead_cell) if x)

    def _website(self, a: ActorDraft) -> bool:
        if not a.website:
            return True
        try:
            URLValidator(schemes=["http", "https"])(a.website)
        except ValidationError:
            self.problems.add(_("„%(value)s“ ist keine Webadresse (https://…).") % {"value": a.website}, a.ref,
                              self.draft.column("actors", "website"))
            return False
        return self.text(a.website, max_length=200, ref=a.ref, section="actors", key="website")

    def _implicit_actor(self, name: str, ref: Ref) -> None:
        key = norm(name)
        p = self.preview
        if key in self.suggested:
            self.suggested[key].refs.append(ref)
            return
        if self._known_actor(key):
            return
        found = self.candidates.best(name)
        if found is not None:
            existing, score = found
            is_unit = looks_like_office(name)
            suggestion = Suggestion(
                name=name, existing=existing, score=score, new_is_org_unit=is_unit,
                new_kind=guess_org_unit_kind(name) if is_unit else guess_organisation_kind(name), refs=[ref])
            suggestion.choice = chosen(self.choices, key)
            p.suggestions.append(suggestion)
            self.suggested[key] = suggestion
            new = parse_choice(suggestion.choice)
            if new is None:
                p.aliases[key] = existing
                return
            self._new_actor(NewActor(name=name, is_org_unit=new[0], kind=new[1], explicit=True))
            return
        if looks_like_office(name):
            self._new_actor(NewActor(name=name, is_org_unit=True, kind=guess_org_unit_kind(name)))
        else:
            self._new_actor(NewActor(name=name, is_org_unit=False, kind=guess_organisation_kind(name)))

    def _order_units(self) -> None:
        """New org units name their parent: it must be an org unit; parents are created first."""
        p = self.preview
        units = {norm(a.name): a for a in p.new_org_units}
        ordered: list[NewActor] = []
        placed: set[str] = set()

        def visit(actor: NewActor, trail: tuple[str, ...]) -> bool:
            key = norm(actor.name)
            if key in placed:
                return True
            parent_key = norm(actor.parent) if actor.parent else ""
            if parent_key and parent_key not in p.org_units:
                parent = units.get(parent_key)
                column = self.draft.column("actors", "parent")
                if parent is None:
                    self.problems.add(_("Die übergeordnete Einheit „%(name)s“ ist keine bekannte Verwaltungseinheit.")
                                      % {"name": actor.parent}, actor.ref, column)
                    return False
                if parent_key in trail or parent_key == key:
                    self.problems.add(_("Die Verwaltungseinheiten „%(name)s“ und „%(parent)s“ sind sich gegenseitig "
                                        "übergeordnet.") % {"name": actor.name, "parent": parent.name},
                                      actor.ref, column)
                    return False
                if not visit(parent, (*trail, key)):
                    return False
            placed.add(key)
            ordered.append(actor)
            return True

        for actor in list(p.new_org_units):
            visit(actor, ())
        p.new_org_units = ordered + [a for a in p.new_org_units if norm(a.name) not in placed]

    def target_groups(self) -> None:
        p = self.preview
        seen: set[str] = set()
        for m in self.draft.measures:
            for name in m.target_groups:
                key = norm(name)
                if key in p.target_groups or key in seen:
                    continue
                if self.text(name, max_length=120, ref=m.ref, section="measures", key="target_groups"):
                    seen.add(key)
                    p.new_target_groups.append(name)

    def measures(self) -> None:
        p = self.preview
        first_row: dict[tuple[str, str], Ref] = {}
        seen_ids: dict[int, Ref] = {}
        allowed = {norm(label) for label in self.allowed_statuses}
        for m in self.draft.measures:
            col = lambda key: self.draft.column("measures", key)  # noqa: E731
            ok = self.text(m.title, max_length=300, ref=m.ref, section="measures", key="title", required=True)
            ok = bool(m.field) and ok
            texts: list[tuple[str, int, str]] = [
                (m.reference, 30, "reference"), (m.description, LONG_TEXT, "description"),
                (m.funding, 500, "funding"), (m.gender_diversity, LONG_TEXT, "gender_diversity"),
                *((i, ITEM_TEXT, "indicators") for i in m.indicators), *((x, ITEM_TEXT, "links") for x in m.links),
            ]
            for value, limit, key in texts:
                ok = self.text(value, max_length=limit, ref=m.ref, section="measures", key=key) and ok
            for link in m.links:
                try:
                    parse_link(link)
                except ValidationError as error:
                    self.problems.add(error.messages[0], m.ref, col("links"))
                    ok = False
            if m.status and norm(m.status) not in allowed:
                self.problems.add(_("Den Status „%(value)s“ gibt es nicht. Erlaubt sind: %(allowed)s.") % {
                    "value": m.status, "allowed": ", ".join(f"„{s}“" for s in self.allowed_statuses)},
                    m.ref, col("status"))
                ok = False
            if m.start and m.end and m.end < m.start:
                self.problems.add(_("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).") % {
                    "end": m.end.strftime("%d.%m.%Y"), "start": m.start.strftime("%d.%m.%Y")}, m.ref, col("end"))
                ok = False
            updating = m.id is not None and p.target.edition is not None
            if updating:
                ok = self._check_id(m, seen_ids) and ok
            if m.title and m.field:
                row_key = (norm(m.field), norm(m.title))
                existing_field = p.fields.get(row_key[0])
                same = (self.existing_measures.get((existing_field.pk, row_key[1]))
                        if existing_field is not None else None)
                if row_key in first_row:
                    self.problems.add(
                        _("Die Maßnahme „%(title)s“ (Handlungsfeld „%(field)s“) steht doppelt in der Datei: "
                          "%(first)s und %(second)s.") % {"title": m.title, "field": m.field,
                                                        "first": first_row[row_key].where, "second": m.ref.where},
                        m.ref, col("title"))
                    ok = False
                elif existing_field is not None and same is not None and not (updating and same == m.id):
                    self.problems.add(
                        _("Die Maßnahme „%(title)s“ gibt es im Handlungsfeld „%(field)s“ dieser Ausgabe schon.")
                        % {"title": m.title, "field": existing_field.title}, m.ref, col("title"))
                    ok = False
                first_row.setdefault(row_key, m.ref)
            if ok and updating:
                self._plan_update(m)
            elif ok:
                p.measures.append(m)
        if p.target.edition is None and self.draft.has_ids:
            p.warnings.append(_("Die Spalten „ID“ und „Version“ werden nicht gelesen: Die Maßnahmen werden in einem "
                                "neuen Plan angelegt, nicht geändert."))
        self._load_conflict_entries()

    # --- the update round trip ------------------------------------------------------------------------

    def _check_id(self, m: MeasureDraft, seen_ids: dict[int, Ref]) -> bool:
        """The row's ID names a measure of the target edition, once in the file, with a version from the
        export. Another municipality's ID is "unknown" like any ID that never existed."""
        assert m.id is not None
        edition = self.preview.target.edition
        assert edition is not None
        id_column, version_column = self.draft.column("measures", "id"), self.draft.column("measures", "version")
        if m.id in seen_ids:
            self.problems.add(_("Die ID %(id)s steht doppelt in der Datei: %(first)s und %(second)s. Jede Maßnahme "
                                "kann nur einmal geändert werden.") % {
                "id": m.id, "first": seen_ids[m.id].where, "second": m.ref.where}, m.ref, id_column)
            return False
        seen_ids[m.id] = m.ref
        measure = self.by_id.get(m.id)
        if measure is None:
            deleted = self.deleted.get(m.id)
            if deleted is not None:
                self.problems.add(_("Die Maßnahme „%(title)s“ (ID %(id)s) wurde am %(date)s gelöscht. Lassen Sie die "
                                    "ID leer, um sie neu anzulegen, oder entfernen Sie die Zeile.") % {
                    "title": deleted.object_label, "id": m.id,
                    "date": display.format_date(timezone.localtime(deleted.at).date())},
                    m.ref, id_column)
            else:
                self.problems.add(_("Unbekannte ID „%(id)s“. Lassen Sie die Zelle leer, um eine neue Maßnahme "
                                    "anzulegen.") % {"id": m.id}, m.ref, id_column)
            return False
        if measure.edition_id != edition.pk:
            self.problems.add(_("Die Maßnahme mit der ID %(id)s gehört zu „%(other)s“, nicht zu „%(target)s“, in die "
                                "importiert wird. Importieren Sie die Datei in die Ausgabe, aus der sie exportiert "
                                "wurde.") % {"id": m.id, "other": measure.edition, "target": edition},
                              m.ref, id_column)
            return False
        if m.version is None:
            return False  # the reader named the empty version cell
        if m.version > measure.version:
            self.problems.add(_("Die Version „%(version)s“ passt nicht zu dieser Maßnahme (aktueller Stand: "
                                "%(current)s). Bitte übernehmen Sie die Spalte „Version“ unverändert aus dem "
                                "Export.") % {
                "version": m.version, "current": measure.version}, m.ref, version_column)
            return False
        return True

    def _actor_name(self, name: str) -> tuple[bool, str] | None:
        """(is_org_unit, name) of whom a name resolves to, as the writer will resolve it."""
        key = norm(name)
        p = self.preview
        if key in p.aliases:
            obj = p.aliases[key]
            return isinstance(obj, OrgUnit), obj.name
        if key in self.new_actors and self.new_actors[key].explicit:
            return self.new_actors[key].is_org_unit, self.new_actors[key].name
        if key in p.org_units:
            return True, p.org_units[key].name
        if key in p.organisations:
            return False, p.organisations[key].name
        if key in self.new_actors:
            return self.new_actors[key].is_org_unit, self.new_actors[key].name
        return None

    def _after(self, m: MeasureDraft, before: Mapping[str, Any]) -> dict[str, Any]:
        """The row's values as audit.snapshot will read them after update_measure."""
        p = self.preview
        fkey = norm(m.field)
        goals = []
        for path in m.goals:
            node = self.goal_nodes.get((fkey, path_key(path)))
            goals.append(node.title if isinstance(node, Goal) else path[-1])
        leads = [a for a in (self._actor_name(n) for n in [m.lead, *m.co_leads] if n) if a is not None]
        lead = leads[0] if leads else None
        co_leads = [a for a in leads[1:] if a != lead]
        partners = [a for a in (self._actor_name(n) for n in m.partners) if a is not None]
        groups = [p.target_groups[norm(t)].name if norm(t) in p.target_groups else t for t in m.target_groups]
        status = before["status"]
        if m.status:
            existing = p.statuses.get(norm(m.status))
            status = existing.label if existing else next(
                (s.label for s in p.new_statuses if norm(s.label) == norm(m.status)), m.status)
        return {
            "reference": m.reference, "title": m.title, "description": m.description,
            "field": self._field_title(fkey), "goals": sorted(goals),
            "lead_org_unit": lead[1] if lead and lead[0] else None,
            "lead_organisation": lead[1] if lead and not lead[0] else None,
            "co_lead_org_units": sorted(name for unit, name in co_leads if unit),
            "co_lead_organisations": sorted(name for unit, name in co_leads if not unit),
            "responsibility_note": m.responsibility_note,
            "partner_org_units": sorted(name for unit, name in partners if unit),
            "partner_organisations": sorted(name for unit, name in partners if not unit),
            "target_groups": sorted(groups),
            "start_date": audit.plain_value(m.start), "end_date": audit.plain_value(m.end),
            "cost_estimate": audit.plain_value(m.cost), "funding": m.funding, "is_key_project": m.key_project,
            "status": status, "gender_diversity_note": m.gender_diversity, "indicators": list(m.indicators),
            "links": audit.plain_value([as_link(parse_link(x)) for x in m.links]),
        }

    def _plan_update(self, m: MeasureDraft) -> None:
        assert m.id is not None and m.version is not None
        measure = self.by_id[m.id]
        before = measure_snapshot(measure, self.relations, MEASURE_FIELDS)
        # Older rows may hold a link as a bare address; the export writes it the same way either form.
        before["links"] = audit.plain_value([as_link(x) for x in measure.links or []])
        after = self._after(m, before)
        changes = audit.diff(before, after)
        if not changes:
            self.preview.unchanged.append((m, measure))
        elif m.version < measure.version:
            self.preview.conflicts.append(Conflict(draft=m, measure=measure, changes=changes))
        else:
            self.preview.updates.append(MeasureUpdate(draft=m, measure=measure, changes=changes))

    def _load_conflict_entries(self) -> None:
        """Who changed what since the export, for every conflict, in one query."""
        conflicts = self.preview.conflicts
        if not conflicts:
            return
        by_id: dict[int, list[AuditEntry]] = defaultdict(list)
        for entry in AuditEntry.objects.filter(
            municipality_id=self.municipality.pk, object_type=Measure._meta.label_lower,
            object_id__in=[c.measure.pk for c in conflicts],
        ).select_related("actor").order_by("at", "id"):
            by_id[entry.object_id].append(entry)
        for conflict in conflicts:
            since = conflict.draft.version or 0
            conflict.entries = [
                ConflictEntry(who=display.author(entry), at=entry.at, rows=display.change_rows(Measure, entry.changes))
                for entry in by_id[conflict.measure.pk] if (entry.version or 0) > since
            ]


def _place(parent_path: tuple[str, ...]) -> str:
    if not parent_path:
        return _("auf oberster Ebene")
    return _("unter „%(path)s“") % {"path": format_goal_path(parent_path)}


def plan_import(*, municipality: Municipality, draft: PlanDraft, target: Target,
                choices: Mapping[str, str] | None = None) -> Preview:
    """Check a draft against the municipality's data and list what an import would create and change.
    `choices` answers the suggestions (planning's name key → suggestions.USE_EXISTING or a "new" choice);
    without it every suggestion is taken."""
    return _Planner(municipality, draft, target, choices).run()


__all__: list[Any] = ["Conflict", "MeasureUpdate", "NewActor", "NewGoal", "Preview", "Target", "plan_import"]
