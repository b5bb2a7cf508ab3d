"""What a plan document says: the plan (an edition, or one field of action of it) and the comparison of two
editions, assembled as typed data that the PDF (Typst) and the DOCX writers only lay out.

Every text is final here: labels in the reader's language, amounts and dates formatted by
`teilhabe.core.display` ("18.000 €", "16. März 2027"), the municipality's status words. The writers place
them as plain text; nothing is ever read as markup. `plan_document` runs a fixed number of queries whatever
the size of the plan (rows are fetched flat and assembled in Python, as `plans.selectors.plan_tree` does)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teilhabe.core import display
from teilhabe.plans.editions.compare import EditionComparison, SectionDiff
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure

# PDF/UA-1 knows the heading tags H1–H6; Word has nine heading styles.
MAX_HEADING_LEVEL = 6


@dataclass(frozen=True)
class Attribute:
    """One line of a measure's table: what (label) and its value as the reader knows it."""

    label: str
    value: str


@dataclass
class DocMeasure:
    id: int
    reference: str
    title: str
    description: str
    leads: list[str]
    partners: list[str]
    target_groups: list[str]
    start: str
    end: str
    cost: str
    funding: str
    status: str
    is_key_project: bool
    indicators: list[str]
    gender_diversity_note: str
    ongoing: bool = False
    responsibility_note: str = ""

    @property
    def heading(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    @property
    def period(self) -> str:
        """"16. März 2027 – laufend", "bis 31. Dezember 2027", "laufend"."""
        if self.start == display.EMPTY:
            return self.end if self.ongoing else _("bis %(end)s") % {"end": self.end}
        return f"{self.start} – {self.end}"

    def attributes(self) -> list[Attribute]:
        """The rows of the measure's table, in the order a council paper reads them."""
        empty = display.EMPTY
        labels = _attribute_labels(get_language() or "de")
        leads = self.leads[0] if len(self.leads) == 1 else "\n".join(
            f"{name} ({labels[-3]})" if i == 0 else name for i, name in enumerate(self.leads))
        values = (
            self.reference or empty, leads or empty, "; ".join(self.partners) or empty,
            "; ".join(self.target_groups) or empty, self.start, self.end, self.cost, self.funding or empty,
            self.status, labels[-2] if self.is_key_project else labels[-1], "\n".join(self.indicators) or empty,
            self.gender_diversity_note or empty,
        )
        rows = [Attribute(label, value) for label, value in zip(labels, values, strict=False)]
        if self.responsibility_note:
            rows.insert(2, Attribute(labels[-4], self.responsibility_note))
        return rows


@lru_cache(maxsize=16)
def _attribute_labels(language: str) -> tuple[str, ...]:
    """The labels of a measure's table (and ja/nein) in `language`, translated once, not per measure."""
    with translation.override(language):
        return (
            _("Nr."), _("Federführung"), _("Partner"), _("Zielgruppen"), _("Beginn"), _("Ende"),
            _("geschätzte Kosten"), _("Finanzierung"), _("Status"), _("Schlüsselprojekt"),
            _("Erfolgsindikatoren"), _("Gender- und Diversity-Aspekte"),
            _("Anmerkung zur Zuständigkeit"), _("Ansprechstelle"), _("ja"), _("nein"),
        )


@dataclass(frozen=True)
class MeasureRef:
    """A measure shown in full elsewhere (it serves several goals): named, not repeated."""

    heading: str


@dataclass
class DocGoal:
    id: int
    title: str
    description: str
    level_name: str
    depth: int
    measures: list[DocMeasure] = field(default_factory=list)
    references: list[MeasureRef] = field(default_factory=list)
    children: list[DocGoal] = field(default_factory=list)


@dataclass
class DocField:
    id: int
    title: str
    description: str
    goals: list[DocGoal] = field(default_factory=list)
    measures: list[DocMeasure] = field(default_factory=list)  # measures under no goal of the field

    def all_measures(self) -> list[DocMeasure]:
        """Every measure of the field once, in the order of the document."""
        found: list[DocMeasure] = list(self.measures)

        def walk(goals: list[DocGoal]) -> None:
            for goal in goals:
                found.extend(goal.measures)
                walk(goal.children)

        walk(self.goals)
        return found


# --- the flat sequence the writers lay out ---------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One piece of the document body in reading order: a heading with its level (1 = field of action),
    a paragraph, a measure (heading, description, attribute table), a measure overview table or a list
    of references."""

    kind: str  # "heading" | "text" | "measure" | "overview" | "references"
    level: int = 0
    text: str = ""
    measure: DocMeasure | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    items: tuple[str, ...] = ()


def _level(level: int) -> int:
    return min(level, MAX_HEADING_LEVEL)


@dataclass(frozen=True)
class CoverLine:
    label: str
    value: str


@dataclass
class PlanDocument:
    language: str
    title: str  # the document's title (metadata): the plan, and the field of action when restricted to one
    plan_title: str
    subtitle: str  # the field of action of a restricted document, else ""
    municipality: str
    plan_description: str
    edition_name: str
    is_draft: bool
    cover: list[CoverLine]
    fields: list[DocField]
    generated_on: str
    file_stem: str

    @property
    def measure_count(self) -> int:
        return sum(len(f.all_measures()) for f in self.fields)

    def overview_header(self) -> tuple[str, ...]:
        return (_("Nr."), _("Maßnahme"), _("Federführung"), _("Zeitraum"), _("Kosten"), _("Status"))

    def blocks(self) -> Iterator[Block]:
        """The body in reading order: per field of action its heading, description and an overview table
        of its measures, then the goal tree (level names of the plan) with the measures in full."""
        for doc_field in self.fields:
            yield Block("heading", 1, doc_field.title)
            if doc_field.description:
                yield Block("text", text=doc_field.description)
            measures = doc_field.all_measures()
            if measures:
                yield Block("overview", text=_("Maßnahmen im Handlungsfeld „%(field)s“") % {"field": doc_field.title},
                            rows=tuple((m.reference or display.EMPTY, m.title, "; ".join(m.leads) or display.EMPTY,
                                        m.period, m.cost, m.status) for m in measures))
            else:
                yield Block("text", text=_("Diesem Handlungsfeld sind noch keine Maßnahmen zugeordnet."))
            if doc_field.measures:
                if doc_field.goals:
                    yield Block("heading", 2, _("Maßnahmen ohne Zuordnung zu einem Ziel"))
                    yield from self._measures(doc_field.measures, 3)
                else:
                    yield from self._measures(doc_field.measures, 2)
            yield from self._goals(doc_field.goals)

    def _goals(self, goals: list[DocGoal]) -> Iterator[Block]:
        for goal in goals:
            level = 2 + goal.depth
            yield Block("heading", _level(level), f"{goal.level_name}: {goal.title}")
            if goal.description:
                yield Block("text", text=goal.description)
            yield from self._measures(goal.measures, level + 1)
            if goal.references:
                yield Block("references", text=_("Weitere Maßnahmen zu diesem Ziel (oben beschrieben)"),
                            items=tuple(r.heading for r in goal.references))
            yield from self._goals(goal.children)

    @staticmethod
    def _measures(measures: list[DocMeasure], level: int) -> Iterator[Block]:
        for measure in measures:
            yield Block("measure", _level(level), measure.heading, measure=measure)


# --- assembling a plan document ------------------------------------------------------------------------


def _related_names(edition_id: int, relation: str, name: str) -> dict[int, list[str]]:
    """measure id → names of a many-to-many relation of the edition's measures (one query, no IN list)."""
    m2m = cast(Any, Measure._meta.get_field(relation))
    through = cast(type[models.Model], m2m.remote_field.through)
    own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    result: dict[int, list[str]] = defaultdict(list)
    rows = through._default_manager.filter(**{f"{own}__edition_id": edition_id}).values_list(
        f"{own}_id", f"{other}__{name}")
    for measure_id, value in rows:
        result[measure_id].append(value)
    return result


def _leads(contact: str | None, co_units: list[str], co_organisations: list[str]) -> list[str]:
    """Every lead by name, the contact first, then the co-leads (administration first, each by name), as
    `Measure.leads` orders them."""
    leads = [contact] if contact else []
    return leads + [name for name in (*sorted(co_units), *sorted(co_organisations)) if name not in leads]


def _sorted(names: list[str]) -> list[str]:
    return sorted(names, key=str.casefold)


def plan_document(edition: Edition, field_of_action: FieldOfAction | None = None) -> PlanDocument:
    """The edition (or one field of action of it) as a document: title page data, the fields of action
    in order with their goal trees and every measure with what a council reads. Formatted in the active
    language. A fixed number of queries whatever the number of fields, goals and measures."""
    plan = edition.plan
    municipality = edition.municipality
    fields_qs = FieldOfAction.objects.filter(edition=edition).order_by("position", "pk")
    goals_qs = Goal.objects.filter(edition=edition).order_by("position", "pk")
    measures_qs = Measure.objects.filter(edition=edition).order_by("position", "pk")
    if field_of_action is not None:
        fields_qs = fields_qs.filter(pk=field_of_action.pk)
        goals_qs = goals_qs.filter(field_id=field_of_action.pk)
        measures_qs = measures_qs.filter(field_id=field_of_action.pk)
    fields = {
        pk: DocField(id=pk, title=title, description=description)
        for pk, title, description in fields_qs.values_list("pk", "title", "description")
    }
    goal_rows = list(goals_qs.values_list("pk", "field_id", "parent_id", "title", "description"))
    goals: dict[int, DocGoal] = {
        pk: DocGoal(id=pk, title=title, description=description, level_name="", depth=0)
        for pk, _field_id, _parent, title, description in goal_rows
    }
    field_of_goal: dict[int, int] = {}
    for pk, field_id, parent_id, _title, _description in goal_rows:
        if field_id not in fields:
            continue
        field_of_goal[pk] = field_id
        parent = goals.get(parent_id) if parent_id is not None else None
        (parent.children if parent is not None else fields[field_id].goals).append(goals[pk])
    tree_order: dict[int, int] = {}

    def walk(nodes: list[DocGoal], depth: int) -> None:
        for node in nodes:
            node.depth, node.level_name = depth, plan.level_name(depth)
            tree_order[node.id] = len(tree_order)
            walk(node.children, depth + 1)

    for doc_field in fields.values():
        walk(doc_field.goals, 0)

    goal_ids = _related_ids(edition.pk)
    partners = _related_names(edition.pk, "partner_org_units", "name")
    for measure_id, names in _related_names(edition.pk, "partner_organisations", "name").items():
        partners[measure_id].extend(names)
    target_groups = _related_names(edition.pk, "target_groups", "name")
    co_unit_rows = _related_names(edition.pk, "co_lead_org_units", "name")
    co_organisation_rows = _related_names(edition.pk, "co_lead_organisations", "name")
    rows = measures_qs.values_list(
        "pk", "field_id", "reference", "title", "description", "lead_org_unit__name", "lead_organisation__name",
        "start_date", "end_date", "cost_estimate", "funding", "status__label", "is_key_project", "indicators",
        "gender_diversity_note", "responsibility_note",
    )
    ongoing = _("laufend")
    # Dates and amounts repeat across measures: format each distinct one once (per document and language).
    format_date = lru_cache(maxsize=None)(display.format_date)
    format_cost = lru_cache(maxsize=None)(display.format_cost)
    for (pk, field_id, reference, title, description, unit, organisation, start, end, cost, funding, status,
         key_project, indicators, gender_note, responsibility_note) in rows:
        home = fields.get(field_id)
        if home is None:
            continue
        measure = DocMeasure(
            id=pk, reference=reference, title=title, description=description,
            leads=_leads(unit or organisation, co_unit_rows.get(pk, []), co_organisation_rows.get(pk, [])),
            responsibility_note=responsibility_note,
            partners=_sorted(partners.get(pk, [])), target_groups=_sorted(target_groups.get(pk, [])),
            start=format_date(start), end=format_date(end) if end else ongoing, cost=format_cost(cost),
            funding=funding, status=status, is_key_project=key_project,
            indicators=[str(i) for i in indicators or []], gender_diversity_note=gender_note, ongoing=end is None,
        )
        own_goals = sorted((g for g in goal_ids.get(pk, ()) if field_of_goal.get(g) == field_id),
                           key=tree_order.__getitem__)
        if not own_goals:
            home.measures.append(measure)
            continue
        goals[own_goals[0]].measures.append(measure)
        for other in own_goals[1:]:
            goals[other].references.append(MeasureRef(measure.heading))

    language = (get_language() or "de").split("-")[0]
    restricted = field_of_action.title if field_of_action is not None else ""
    title = f"{plan.title} – {restricted}" if restricted else plan.title
    cover = [
        CoverLine(_("Kommune"), municipality.name),
        CoverLine(_("Ausgabe"), edition.name),
        CoverLine(_("Status"), str(edition.get_status_display())),
    ]
    if edition.adopted_on:
        cover.append(CoverLine(_("beschlossen am"), display.format_date(edition.adopted_on)))
    if edition.council_reference:
        cover.append(CoverLine(_("Beschluss (Drucksache)"), edition.council_reference))
    if restricted:
        cover.append(CoverLine(_("Handlungsfeld"), restricted))
    cover.append(CoverLine(_("Stand"), display.format_date(timezone.localdate())))
    return PlanDocument(
        language=language, title=title, plan_title=plan.title, subtitle=restricted, municipality=municipality.name,
        plan_description=plan.description if field_of_action is None else "", edition_name=edition.name,
        is_draft=edition.status == Edition.Status.DRAFT, cover=cover, fields=list(fields.values()),
        generated_on=display.format_date(timezone.localdate()),
        file_stem=_file_stem(plan.title, edition.name, restricted),
    )


def _related_ids(edition_id: int) -> dict[int, list[int]]:
    """measure id → goal ids (one query)."""
    result: dict[int, list[int]] = defaultdict(list)
    through = Measure.goals.through
    for measure_id, goal_id in through.objects.filter(measure__edition_id=edition_id).values_list(
            "measure_id", "goal_id"):
        result[measure_id].append(goal_id)
    return result


def _file_stem(*parts: str) -> str:
    from django.utils.text import slugify

    return "-".join(s for s in (slugify(p)[:60] for p in parts if p) if s) or "plan"


# --- the comparison of two editions --------------------------------------------------------------------


@dataclass(frozen=True)
class ChangedItem:
    label: str
    context: str
    rows: tuple[tuple[str, str, str], ...]  # (field label, old, new) as the reader knows them


@dataclass(frozen=True)
class ListedItem:
    label: str
    context: str

    @property
    def text(self) -> str:
        return f"{self.label} – {self.context}" if self.context else self.label


@dataclass
class ComparisonSection:
    kind: str
    title: str
    added: list[ListedItem]
    removed: list[ListedItem]
    changed: list[ChangedItem]
    unchanged: int

    @property
    def has_differences(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def none_text(self) -> str:
        return ngettext("Keine Unterschiede (%(n)d Eintrag unverändert).",
                        "Keine Unterschiede (%(n)d Einträge unverändert).", self.unchanged) % {"n": self.unchanged}


@dataclass
class ComparisonDocument:
    language: str
    title: str
    plan_title: str
    municipality: str
    old_name: str
    new_name: str
    is_draft: bool
    cover: list[CoverLine]
    header: str  # the running head: shorter than the title
    summary_header: tuple[str, ...]
    summary: list[tuple[str, str, str, str, str]]
    sections: list[ComparisonSection]
    file_stem: str


def _shown(kind: str, name: str, value: Any) -> str:
    """A compared value as the comparison page shows it (teilhabe.core.display.comparison_value)."""
    if value is None:
        return _("leer")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or _("leer")
    return str(display.comparison_value(kind, name, value))


def _section(section: SectionDiff) -> ComparisonSection:
    return ComparisonSection(
        kind=section.kind, title=section.title,
        added=[ListedItem(r.label, r.context) for r in section.added],
        removed=[ListedItem(r.label, r.context) for r in section.removed],
        changed=[
            ChangedItem(item.new.label, item.new.context, tuple(
                (c.label, _shown(section.kind, c.name, c.old), _shown(section.kind, c.name, c.new))
                for c in item.changes))
            for item in section.changed
        ],
        unchanged=section.unchanged,
    )


def comparison_document(comparison: EditionComparison) -> ComparisonDocument:
    """The comparison of two editions (`plans.editions.compare.compare_editions`) as a document: added,
    removed and changed items with field labels and old → new values as the comparison page shows them."""
    old, new = comparison.old, comparison.new
    plan = new.plan
    language = (get_language() or "de").split("-")[0]
    title = _("%(plan)s: Vergleich „%(old)s“ – „%(new)s“") % {"plan": plan.title, "old": old.name, "new": new.name}
    cover = [
        CoverLine(_("Kommune"), new.municipality.name),
        CoverLine(_("bisherige Ausgabe"), f"{old.name} ({old.get_status_display()})"),
        CoverLine(_("neue Ausgabe"), f"{new.name} ({new.get_status_display()})"),
        CoverLine(_("Stand"), display.format_date(timezone.localdate())),
    ]
    return ComparisonDocument(
        language=language, title=title, plan_title=plan.title, municipality=new.municipality.name,
        old_name=old.name, new_name=new.name, header=_("%(plan)s – Vergleich zweier Ausgaben") % {"plan": plan.title},
        is_draft=Edition.Status.DRAFT in (old.status, new.status), cover=cover,
        summary_header=(_("Bereich"), _("neu"), _("entfallen"), _("geändert"), _("unverändert")),
        summary=[(s.title, str(len(s.added)), str(len(s.removed)), str(len(s.changed)), str(s.unchanged))
                 for s in comparison.sections],
        sections=[_section(s) for s in comparison.sections],
        file_stem=_file_stem(plan.title, "vergleich", old.name, new.name),
    )


def draft_mark() -> str:
    return _("Entwurf – nicht beschlossen")


def document_labels() -> dict[str, str]:
    """Fixed texts of the documents, in the active language."""
    return {
        "contents": _("Inhalt"),
        "contents_hint": _("Das Inhaltsverzeichnis wird beim Öffnen in Word erstellt "
                           "(sonst: Felder aktualisieren, F9)."),
        "draft": draft_mark(),
        "draft_word": _("ENTWURF"),
        "page": _("Seite"),
        "attribute": _("Angabe"),
        "value": _("Inhalt"),
        "description": _("Beschreibung"),
        "key_project": _("Schlüsselprojekt"),
        "added": _("Neu"),
        "removed": _("Entfallen"),
        "changed": _("Geändert"),
        "old": _("bisher"),
        "new": _("neu"),
        "summary": _("Zusammenfassung"),
        "area": _("Bereich"),
        "no_differences": _("Keine Unterschiede."),
        "measures": _("Maßnahmen"),
    }
