"""Which models have translatable fields. Domain apps register theirs in a module `translatable.py` (found by
TranslationsConfig.ready) or in their AppConfig.ready:

    from teilhabe.translations import register
    register(Measure, fields=("title", "description"), kind="measure")

`kind` names the kind of content in XLIFF ids and URLs (short, stable, lowercase); `rich` names the fields
holding sanitised HTML (imports sanitise them again); `public` narrows the objects that need translating
(e.g. only published ones) — a function of the municipality's queryset; `label_field` names what the back office
lists the object by (default str(obj)) and `select_related` what that label reads, so lists stay one query."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

Narrow = Callable[[models.QuerySet[Any]], models.QuerySet[Any]]

_KIND = re.compile(r"^[a-z][a-z0-9]{1,30}$")


@dataclass(frozen=True)
class Translatable:
    model: type[models.Model]
    fields: tuple[str, ...]
    kind: str
    rich: frozenset[str] = frozenset()
    narrow: Narrow | None = None
    order_by: tuple[str, ...] = ("pk",)
    label_field: str | None = None
    select_related: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def label_singular(self) -> str:
        return str(self.model._meta.verbose_name)

    def field_label(self, name: str) -> str:
        return str(getattr(self.model._meta.get_field(name), "verbose_name", name))

    def objects(self, municipality: Any) -> models.QuerySet[Any]:
        qs = self.model._default_manager.filter(municipality=municipality)
        if self.select_related:
            qs = qs.select_related(*self.select_related)  # what the object's label reads, in the same query
        if self.narrow is not None:
            qs = self.narrow(qs)
        return qs.order_by(*self.order_by)

    def object_label(self, obj: Any) -> str:
        return str(getattr(obj, self.label_field) if self.label_field else obj)


@dataclass
class _Registry:
    by_kind: dict[str, Translatable] = field(default_factory=dict)
    by_model: dict[type[models.Model], Translatable] = field(default_factory=dict)


_registry = _Registry()


def register(model: type[models.Model], *, fields: Iterable[str], kind: str, rich: Iterable[str] = (),
             narrow: Narrow | None = None, order_by: Iterable[str] = ("pk",),
             label_field: str | None = None, select_related: Iterable[str] = ()) -> Translatable:
    """Declare `fields` of `model` translatable. The model must be a TenantModel; the fields text fields."""
    if not _KIND.match(kind):
        raise ValueError(f"translations.register: kind {kind!r} must be short lowercase letters and digits")
    names = tuple(fields)
    for name in names:
        model._meta.get_field(name)  # raises FieldDoesNotExist for a typo
    if not set(rich) <= set(names):
        raise ValueError("translations.register: rich fields must be among the fields")
    entry = Translatable(model=model, fields=names, kind=kind, rich=frozenset(rich), narrow=narrow,
                         order_by=tuple(order_by), label_field=label_field,
                         select_related=tuple(select_related))
    existing = _registry.by_kind.get(kind)
    if existing is not None and existing.model is not model:
        raise ValueError(f"translations.register: kind {kind!r} is taken by {existing.model.__name__}")
    _registry.by_kind[kind] = entry
    _registry.by_model[model] = entry
    return entry


def unregister(kind: str) -> None:
    """Remove a registration (tests that register a model of their own clean up with it)."""
    entry = _registry.by_kind.pop(kind, None)
    if entry is not None and _registry.by_model.get(entry.model) is entry:
        del _registry.by_model[entry.model]


def entries() -> list[Translatable]:
    return list(_registry.by_kind.values())


def by_kind(kind: str) -> Translatable | None:
    return _registry.by_kind.get(kind)


def for_model(model: type[models.Model]) -> Translatable | None:
    return _registry.by_model.get(model)


def entry_of(obj: models.Model) -> Translatable:
    entry = for_model(type(obj))
    if entry is None:
        raise LookupError(f"{type(obj).__name__} is not registered as translatable")
    return entry


__all__ = ["Translatable", "by_kind", "entries", "entry_of", "for_model", "register", "unregister"]
