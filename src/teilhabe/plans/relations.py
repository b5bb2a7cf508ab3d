"""A measure's many-to-many values (goals, partners, target groups …) for many measures at once, read from the
link tables in one query per relation. Django's prefetch_related builds a related manager per measure and
relation, which through the tenant-scoped managers costs about a millisecond each; for the 1,000-row
exchange paths that is seconds, this is milliseconds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from teilhabe.core import audit
from teilhabe.plans.models import Measure

Relations = dict[str, dict[int, list[Any]]]  # relation name → measure id → related objects (in link order)


def measure_relations(measure_ids: Iterable[int], names: Iterable[str] | None = None) -> Relations:
    """The related objects of every many-to-many relation of Measure (or only `names`)."""
    ids = list(measure_ids)
    wanted = set(names) if names is not None else None
    result: Relations = {}
    for m2m in Measure._meta.many_to_many:
        if wanted is not None and m2m.name not in wanted:
            continue
        by_measure: dict[int, list[Any]] = defaultdict(list)
        if ids:
            through: Any = m2m.remote_field.through
            source = m2m.m2m_field_name()  # type: ignore[attr-defined]
            target = m2m.m2m_reverse_field_name()  # type: ignore[attr-defined]
            for link in through.objects.filter(**{f"{source}_id__in": ids}).select_related(target).order_by("pk"):
                by_measure[getattr(link, f"{source}_id")].append(getattr(link, target))
        result[m2m.name] = by_measure
    return result


def measure_snapshot(measure: Measure, relations: Relations, fields: Sequence[str]) -> dict[str, Any]:
    """What audit.snapshot(measure, fields) reads, from the relations in hand (foreign keys should be
    select_related by the caller)."""
    snapshot: dict[str, Any] = {}
    for name in fields:
        field = Measure._meta.get_field(name)
        if field.many_to_many:
            snapshot[name] = sorted(str(o) for o in relations.get(name, {}).get(measure.pk, []))
        else:
            snapshot[name] = audit.plain_value(getattr(measure, name))
    return snapshot


def related_ids(relations: Relations, name: str, measure: models.Model) -> list[int]:
    return [o.pk for o in relations.get(name, {}).get(measure.pk, [])]
