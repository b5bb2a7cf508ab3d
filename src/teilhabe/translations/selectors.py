"""Reading translated content: one object's field in a language (with the fallback chain down to German),
the same for a whole list in a fixed number of queries, and the translation states for the back office."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.i18n import Localized
from teilhabe.core.models import Municipality
from teilhabe.translations import registry
from teilhabe.translations.models import Translation
from teilhabe.translations.tree import SOURCE, LanguageTree, language_tree


class State(models.TextChoices):
    MISSING = "missing", _("fehlt")
    OUTDATED = "outdated", _("veraltet")
    CURRENT = "current", _("aktuell")


_SEVERITY = {State.CURRENT: 0, State.OUTDATED: 1, State.MISSING: 2}


def normalise(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def source_hash(text: str | None) -> str:
    """The fingerprint of a source text: a translation made from it keeps it; a change outdates it."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Stored:
    value: str
    source_hash: str
    version: int
    translated_at: Any = None
    translator_id: int | None = None


class Translations:
    """The stored translations of a set of objects in some languages, with the tree that connects them."""

    def __init__(self, tree: LanguageTree, rows: dict[tuple[int, int], dict[tuple[str, str], Stored]],
                 content_types: dict[type[models.Model], int]) -> None:
        self.tree = tree
        self._rows = rows
        self._content_types = content_types

    def _key(self, obj: models.Model) -> tuple[int, int]:
        return (self._content_types[type(obj)], int(obj.pk))

    def stored(self, obj: models.Model, field: str, language: str) -> Stored | None:
        found = self._rows.get(self._key(obj), {}).get((language, field))
        return found if found is not None and found.value else None

    def localized(self, obj: models.Model, field: str, language: str) -> Localized[str]:
        """The field in `language`, else in the nearest language of its chain that has it, finally German."""
        for code in self.tree.chain(language):
            if code == SOURCE:
                return Localized(str(getattr(obj, field) or ""), SOURCE, language)
            stored = self.stored(obj, field, code)
            if stored is not None:
                return Localized(stored.value, code, language)
        return Localized(str(getattr(obj, field) or ""), SOURCE, language)  # pragma: no cover

    def source_text(self, obj: models.Model, field: str, language: str) -> str:
        """What `language` translates `field` from: the parent language's text (with its own fallbacks)."""
        parent = self.tree.parent(language)
        return self.localized(obj, field, parent or SOURCE).value

    def field_state(self, obj: models.Model, field: str, language: str) -> State | None:
        """None when there is nothing to translate (the source text is empty)."""
        source = self.source_text(obj, field, language)
        if not normalise(source):
            return None
        stored = self.stored(obj, field, language)
        if stored is None:
            return State.MISSING
        return State.CURRENT if stored.source_hash == source_hash(source) else State.OUTDATED

    def object_state(self, obj: models.Model, language: str) -> State | None:
        """The worst state of the object's fields; None when none of them has text."""
        entry = registry.entry_of(obj)
        states = [s for f in entry.fields if (s := self.field_state(obj, f, language)) is not None]
        return max(states, key=_SEVERITY.__getitem__) if states else None


def load(municipality: Municipality, objects: Iterable[models.Model], languages: Sequence[str]) -> Translations:
    """The translations of `objects` (of registered models, any mix) in `languages` and the languages of their
    fallback chains. One query for the tree (once per municipality object) and one for the translations."""
    tree = language_tree(municipality)
    wanted = {code for lang in languages for code in tree.chain(lang) if code != SOURCE}
    by_model: dict[type[models.Model], list[int]] = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(int(obj.pk))
    content_types = {model: ContentType.objects.get_for_model(model).pk for model in by_model}  # cached
    rows: dict[tuple[int, int], dict[tuple[str, str], Stored]] = defaultdict(dict)
    if wanted and by_model:
        condition = models.Q()
        for model, ids in by_model.items():
            condition |= models.Q(content_type_id=content_types[model], object_id__in=ids)
        query = Translation.objects.filter(municipality=municipality, language__in=sorted(wanted)).filter(condition)
        for row in query.values_list("content_type_id", "object_id", "language", "field", "value", "source_hash",
                                     "version", "translated_at", "translator_id"):
            ct, oid, lang, field, value, digest, version, at, who = row
            rows[(ct, oid)][(lang, field)] = Stored(value, digest, version, at, who)
    return Translations(tree, dict(rows), content_types)


def translated(obj: models.Model, field: str, language: str) -> Localized[str]:
    """One object's field in `language`, with the fallback chain and finally German (`.language` says which)."""
    municipality = obj.municipality  # type: ignore[attr-defined]
    return load(municipality, [obj], [language]).localized(obj, field, language)


def localize_all(municipality: Municipality, objects: Sequence[models.Model], language: str,
                 attribute: str = "localized") -> Sequence[models.Model]:
    """Put each object's registered fields in `language` on it as `obj.localized[field]` (a Localized): for
    list pages, in a fixed number of queries whatever the number of objects."""
    found = load(municipality, objects, [language])
    for obj in objects:
        entry = registry.entry_of(obj)
        setattr(obj, attribute, {f: found.localized(obj, f, language) for f in entry.fields})
    return objects


# --- the back office's overview -------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    entry: registry.Translatable
    obj: models.Model
    state: State

    @property
    def label(self) -> str:
        return self.entry.object_label(self.obj)


@dataclass(frozen=True)
class KindCounts:
    entry: registry.Translatable
    missing: int
    outdated: int
    current: int

    @property
    def total(self) -> int:
        return self.missing + self.outdated + self.current


@dataclass(frozen=True)
class Overview:
    language: str
    counts: list[KindCounts]
    items: list[Item]


def overview(municipality: Municipality, language: str) -> Overview:
    """Every registered object of the municipality that has text to translate, with its state in `language`,
    and the counts per kind. Per kind one query for the objects, plus one for all their translations."""
    objects: list[tuple[registry.Translatable, models.Model]] = []
    for entry in registry.entries():
        objects += [(entry, obj) for obj in entry.objects(municipality)]
    found = load(municipality, [obj for _e, obj in objects], [language])
    items: list[Item] = []
    tally: dict[str, dict[State, int]] = {e.kind: dict.fromkeys(State, 0) for e in registry.entries()}
    for entry, obj in objects:
        state = found.object_state(obj, language)
        if state is None:
            continue
        tally[entry.kind][state] += 1
        items.append(Item(entry, obj, state))
    counts = [KindCounts(entry, tally[entry.kind][State.MISSING], tally[entry.kind][State.OUTDATED],
                         tally[entry.kind][State.CURRENT]) for entry in registry.entries()]
    return Overview(language, counts, items)


__all__ = [
    "Item",
    "KindCounts",
    "LanguageCounts",
    "Overview",
    "State",
    "Stored",
    "Translations",
    "language_counts",
    "load",
    "localize_all",
    "normalise",
    "overview",
    "source_hash",
    "translated",
]


@dataclass(frozen=True)
class LanguageCounts:
    language: str
    parent: str | None
    depth: int
    missing: int
    outdated: int
    current: int

    @property
    def total(self) -> int:
        return self.missing + self.outdated + self.current


def language_counts(municipality: Municipality) -> list[LanguageCounts]:
    """Per target language (in tree order) how many objects are missing, outdated, up to date. Per kind one
    query for the objects, plus the tree and one for all translations."""
    tree = language_tree(municipality)
    objects = [obj for entry in registry.entries() for obj in entry.objects(municipality)]
    found = load(municipality, objects, tree.targets)
    result = []
    for language in tree.targets:
        tally = dict.fromkeys(State, 0)
        for obj in objects:
            state = found.object_state(obj, language)
            if state is not None:
                tally[state] += 1
        result.append(LanguageCounts(language, tree.parent(language), tree.depth(language),
                                     tally[State.MISSING], tally[State.OUTDATED], tally[State.CURRENT]))
    return result
