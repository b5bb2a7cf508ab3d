"""The language tree of a municipality: German is the root; every other enabled language translates from its
parent (default German). Read once per municipality object (one query) and kept on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from teilhabe.core.i18n import FALLBACK_LANGUAGE
from teilhabe.core.models import Municipality
from teilhabe.translations.models import LanguageParent

SOURCE = FALLBACK_LANGUAGE
_CACHE_ATTR = "_teilhabe_language_tree"


@dataclass(frozen=True)
class LanguageTree:
    languages: tuple[str, ...]  # enabled, German first
    parents: dict[str, str] = field(default_factory=dict)  # as stored; only enabled parents count

    def parent(self, code: str) -> str | None:
        """The language `code` is translated from; None for German (the source)."""
        if code == SOURCE:
            return None
        parent = self.parents.get(code, SOURCE)
        return parent if parent in self.languages and parent != code else SOURCE

    def chain(self, code: str) -> list[str]:
        """`code`, its parent, the parent's parent … down to German: the order of fallbacks."""
        result = [code]
        current: str | None = code
        while current is not None and current != SOURCE:
            current = self.parent(current)
            if current is None or current in result:  # a cycle cannot be stored; be safe anyway
                break
            result.append(current)
        if result[-1] != SOURCE:
            result.append(SOURCE)
        return result

    def children(self, code: str) -> list[str]:
        return [lang for lang in self.languages if lang != SOURCE and self.parent(lang) == code]

    def depth(self, code: str) -> int:
        return len(self.chain(code)) - 1

    def ordered(self) -> list[str]:
        """German, then each language after its parent (depth first)."""
        result: list[str] = []

        def walk(code: str) -> None:
            result.append(code)
            for child in self.children(code):
                if child not in result:
                    walk(child)

        walk(SOURCE)
        return result + [lang for lang in self.languages if lang not in result]

    @property
    def targets(self) -> list[str]:
        """The languages translated into (all enabled but German), in tree order."""
        return [code for code in self.ordered() if code != SOURCE]


def language_tree(municipality: Municipality) -> LanguageTree:
    cached: LanguageTree | None = getattr(municipality, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    parents = dict(LanguageParent.objects.filter(municipality=municipality).values_list("language", "parent"))
    tree = LanguageTree(languages=tuple(municipality.content_languages), parents=parents)
    setattr(municipality, _CACHE_ATTR, tree)
    return tree


def forget(municipality: Municipality) -> None:
    if hasattr(municipality, _CACHE_ATTR):
        delattr(municipality, _CACHE_ATTR)


__all__ = ["SOURCE", "LanguageTree", "forget", "language_tree"]
