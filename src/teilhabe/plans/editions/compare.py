"""Comparing two editions of a plan: what was added, removed and changed between them, item by item,
following the lineage (`predecessor`) every copy keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any, cast

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption, TargetGroup
from teilhabe.plans.services import MEASURE_FIELDS

LABELS: dict[str, Any] = {
    "title": gettext_lazy("Titel"),
    "description": gettext_lazy("Beschreibung"),
    "colour": gettext_lazy("Farbe"),
    "field": gettext_lazy("Handlungsfeld"),
    "parent": gettext_lazy("übergeordnetes Ziel"),
}
FIELD_COMPARED = ["title", "description", "colour"]
GOAL_COMPARED = ["title", "description", "field", "parent"]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any

    @property
    def old_is_list(self) -> bool:
        return isinstance(self.old, list)

    @property
    def new_is_list(self) -> bool:
        return isinstance(self.new, list)


@dataclass(frozen=True)
class ItemRef:
    id: int
    label: str
    context: str = ""


@dataclass
class ItemChange:
    old: ItemRef
    new: ItemRef
    changes: list[FieldChange]


@dataclass
class SectionDiff:
    kind: str
    title: str
    added: list[ItemRef] = field(default_factory=list)
    removed: list[ItemRef] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_differences(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class EditionComparison:
    old: Edition
    new: Edition
    fields: SectionDiff
    goals: SectionDiff
    measures: SectionDiff

    @property
    def sections(self) -> list[SectionDiff]:
        return [self.fields, self.goals, self.measures]

    @property
    def has_differences(self) -> bool:
        return any(s.has_differences for s in self.sections)


def _display(value: Any) -> Any:
    """A value as people read it: labels, German dates, ja/nein, sorted lists; empty → None."""
    if value in (None, "", [], ()):
        return None
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, dt.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return audit.plain_value(value)
    if isinstance(value, dict):
        return " – ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_display(v) for v in value]
        return sorted((str(i) for i in items if i is not None), key=str.casefold)
    return value


class _Lineage:
    """Roots of lineages: two items of different editions correspond when they descend from the same
    original, however many editions lie between them (or if one edition is not a descendant of the other)."""

    def __init__(self, predecessor_of: Mapping[int, int | None]) -> None:
        self.predecessor_of = predecessor_of
        self._root: dict[int, int] = {}

    def root(self, item_id: int | None) -> int | None:
        if item_id is None:
            return None
        if item_id in self._root:
            return self._root[item_id]
        path = [item_id]
        current = item_id
        seen = {item_id}
        while (parent := self.predecessor_of.get(current)) is not None and parent not in seen:
            if parent in self._root:
                current = self._root[parent]
                break
            path.append(parent)
            seen.add(parent)
            current = parent
        for step in path:
            self._root[step] = current
        return current


def _rows(model: type[models.Model], old: Edition, new: Edition, columns: Iterable[str]) -> list[dict[str, Any]]:
    return list(
        model._default_manager.filter(edition_id__in=[old.pk, new.pk])
        .order_by("position", "pk").values("id", "edition_id", "predecessor_id", *columns)
    )


def _lineage(model: type[models.Model], plan_id: int, rows: list[dict[str, Any]],
             old: Edition, new: Edition) -> _Lineage:
    """Predecessor links of both editions plus those of every other edition of the plan (one query)."""
    predecessor_of = {r["id"]: r["predecessor_id"] for r in rows}
    others = (
        model._default_manager.filter(edition__plan_id=plan_id)
        .exclude(edition_id__in=[old.pk, new.pk]).values_list("id", "predecessor_id")
    )
    predecessor_of.update(dict(others))
    return _Lineage(predecessor_of)


class _Side:
    """How one kind of item is compared: a key per field (equal keys = unchanged) and, only for the fields
    that differ, a readable value. Keys of relations inside the plan are lineage roots, so a goal renamed in
    the new edition does not make every measure under it "changed"."""

    def __init__(self, model: type[models.Model], compared: list[str],
                 keys: Mapping[str, Callable[[dict[str, Any]], Any]],
                 shown: Mapping[str, Callable[[dict[str, Any]], Any]]) -> None:
        self.model = model
        self.compared = compared
        self.keys = keys
        self.shown = shown
        self.labels = {name: _label(model, name) for name in compared}
        # Plain columns are compared all at once (one C-level tuple comparison per item); the rest by key.
        plain = [name for name in compared if name not in keys]
        self._plain = itemgetter(*plain) if plain else (lambda row: ())
        self._keyed = [keys[name] for name in compared if name in keys]

    def same(self, before: dict[str, Any], after: dict[str, Any]) -> bool:
        return self._plain(before) == self._plain(after) and all(k(before) == k(after) for k in self._keyed)

    def key(self, row: dict[str, Any], name: str) -> Any:
        getter = self.keys.get(name)
        return getter(row) if getter else row[name]

    def show(self, row: dict[str, Any], name: str) -> Any:
        getter = self.shown.get(name)
        return getter(row) if getter else _display(row[name])


def compare_editions(old: Edition, new: Edition) -> EditionComparison:
    """What changed from `old` to `new`: for fields of action, goals and measures the items added,
    removed and changed (with each changed field, old → new, readable), and how many stayed the same.
    Runs a fixed number of queries whatever the size of the plan."""
    if old.plan_id != new.plan_id or old.municipality_id != new.municipality_id:
        raise ServiceError(_("Es können nur Ausgaben desselben Plans verglichen werden."))
    if old.pk == new.pk:
        raise ServiceError(_("Bitte wählen Sie zwei verschiedene Ausgaben."))
    municipality_id = old.municipality_id
    plan_id = old.plan_id

    field_rows = _rows(FieldOfAction, old, new, FIELD_COMPARED)
    goal_rows = _rows(Goal, old, new, ["title", "description", "field_id", "parent_id"])
    plain_measure = [n for n in MEASURE_FIELDS if not _concrete(Measure, n).many_to_many]
    measure_rows = _rows(Measure, old, new, [_concrete(Measure, n).attname for n in plain_measure])
    field_lineage = _lineage(FieldOfAction, plan_id, field_rows, old, new)
    goal_lineage = _lineage(Goal, plan_id, goal_rows, old, new)
    measure_lineage = _lineage(Measure, plan_id, measure_rows, old, new)

    field_title = {r["id"]: r["title"] for r in field_rows}
    goal_title = {r["id"]: r["title"] for r in goal_rows}
    unit_names = dict(OrgUnit.objects.filter(municipality_id=municipality_id).values_list("id", "name"))
    organisation_names = dict(Organisation.objects.filter(municipality_id=municipality_id).values_list("id", "name"))
    labels_of: dict[str, dict[int, str]] = {
        "lead_org_unit": unit_names, "co_lead_org_units": unit_names, "partner_org_units": unit_names,
        "lead_organisation": organisation_names, "co_lead_organisations": organisation_names,
        "partner_organisations": organisation_names,
        "status": dict(StatusOption.objects.filter(municipality_id=municipality_id).values_list("id", "label")),
        "target_groups": dict(TargetGroup.objects.filter(municipality_id=municipality_id).values_list("id", "name")),
    }
    m2m_of = _measure_m2m(old, new)

    def field_key(row: dict[str, Any]) -> Any:
        return field_lineage.root(row["field_id"])

    def field_shown(row: dict[str, Any]) -> Any:
        return field_title.get(row["field_id"])

    goal_side = _Side(
        Goal, GOAL_COMPARED,
        keys={"field": field_key, "parent": lambda r: goal_lineage.root(r["parent_id"])},
        shown={"field": field_shown, "parent": lambda r: goal_title.get(r["parent_id"])},
    )
    measure_keys: dict[str, Callable[[dict[str, Any]], Any]] = {"field": field_key}
    measure_shown: dict[str, Callable[[dict[str, Any]], Any]] = {"field": field_shown}
    for name in MEASURE_FIELDS:
        model_field = _concrete(Measure, name)
        if name == "goals":
            ids_of = m2m_of[name]
            measure_keys[name] = lambda r, ids_of=ids_of: frozenset(  # type: ignore[misc]
                goal_lineage.root(i) for i in ids_of.get(r["id"], ()))
            measure_shown[name] = lambda r, ids_of=ids_of: _display(  # type: ignore[misc]
                [goal_title.get(i, "?") for i in ids_of.get(r["id"], ())])
        elif model_field.many_to_many:
            ids_of, names = m2m_of[name], labels_of[name]
            measure_keys[name] = lambda r, ids_of=ids_of: frozenset(ids_of.get(r["id"], ()))  # type: ignore[misc]
            measure_shown[name] = lambda r, ids_of=ids_of, names=names: _display(  # type: ignore[misc]
                [names.get(i, "?") for i in ids_of.get(r["id"], ())])
        elif model_field.is_relation and name != "field":
            column, names = model_field.attname, labels_of[name]
            measure_keys[name] = lambda r, column=column: r[column]  # type: ignore[misc]
            measure_shown[name] = lambda r, column=column, names=names: names.get(r[column])  # type: ignore[misc]
    measure_side = _Side(Measure, MEASURE_FIELDS, keys=measure_keys, shown=measure_shown)

    def in_field(row: dict[str, Any]) -> str:
        return field_title.get(row["field_id"], "")

    return EditionComparison(
        old=old, new=new,
        fields=_compare("fields", _("Handlungsfelder"), field_rows, old, new, field_lineage,
                        _Side(FieldOfAction, FIELD_COMPARED, keys={}, shown={}), context=lambda r: ""),
        goals=_compare("goals", _("Ziele"), goal_rows, old, new, goal_lineage, goal_side, context=in_field),
        measures=_compare("measures", _("Maßnahmen"), measure_rows, old, new, measure_lineage, measure_side,
                          context=in_field),
    )


def _measure_m2m(old: Edition, new: Edition) -> dict[str, dict[int, list[int]]]:
    """measure id → related ids for every many-to-many of a measure: one query per relation, no IN lists."""
    result: dict[str, dict[int, list[int]]] = {}
    for m2m in Measure._meta.many_to_many:
        through = cast(type[models.Model], m2m.remote_field.through)
        own = m2m.m2m_field_name()
        other = m2m.m2m_reverse_field_name()
        by_measure: dict[int, list[int]] = {}
        rows = through._default_manager.filter(
            Q(**{f"{own}__edition_id__in": [old.pk, new.pk]})
        ).values_list(f"{own}_id", f"{other}_id")
        for measure_id, other_id in rows:
            by_measure.setdefault(measure_id, []).append(other_id)
        result[m2m.name] = by_measure
    return result


def _label(model: type[models.Model], name: str) -> str:
    if name in LABELS:
        return str(LABELS[name])
    return str(_concrete(model, name).verbose_name)


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _compare(
    kind: str, title: str, rows: list[dict[str, Any]], old: Edition, new: Edition, lineage: _Lineage,
    side: _Side, *, context: Callable[[dict[str, Any]], str],
) -> SectionDiff:
    section = SectionDiff(kind=kind, title=title)
    old_by_root: dict[int | None, dict[str, Any]] = {}
    for row in rows:
        if row["edition_id"] == old.pk:
            old_by_root.setdefault(lineage.root(row["id"]), row)
    matched: set[int] = set()
    for row in rows:
        if row["edition_id"] != new.pk:
            continue
        ref = ItemRef(row["id"], row["title"], context(row))
        before = old_by_root.get(lineage.root(row["id"]))
        if before is None or before["id"] in matched:
            section.added.append(ref)
            continue
        matched.add(before["id"])
        if side.same(before, row):
            section.unchanged += 1
            continue
        changes = [
            FieldChange(name, side.labels[name], side.show(before, name), side.show(row, name))
            for name in side.compared if side.key(before, name) != side.key(row, name)
        ]
        section.changed.append(ItemChange(ItemRef(before["id"], before["title"], context(before)), ref, changes))
    section.removed = [
        ItemRef(r["id"], r["title"], context(r))
        for r in rows if r["edition_id"] == old.pk and r["id"] not in matched
    ]
    return section
