"""Translations of the portal's content: the language tree, translation states, XLIFF exchange.

Domain apps register their translatable models: ``from teilhabe.translations import register``."""

from __future__ import annotations

from typing import Any


def register(*args: Any, **kwargs: Any) -> Any:
    """See teilhabe.translations.registry.register (imported lazily: this package loads before the models)."""
    from teilhabe.translations.registry import register as _register

    return _register(*args, **kwargs)
