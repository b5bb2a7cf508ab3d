"""Which kinds of content go through moderation, and how a published revision is applied.

Moderation knows no domain app: each app registers an `Applier` for its model (in its AppConfig.ready), and
moderation calls it to publish. So offers and events can use the same queue (see docs/organisations.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from teilhabe.core.roles import Actor


@dataclass(frozen=True)
class FieldRow:
    """One field as the diff shows it: its label, the value before and the proposed value (readable text)."""

    name: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Applier:
    """What moderation needs to know about one kind of content.

    `load(object_id)` returns the object (in the current municipality's scope) or None when it is gone;
    `current(obj)` its values as JSON, in the same shape as a revision's values; `apply(actor, obj, values)`
    writes the values through the owning app's service (which authorises, checks and audits); `rows(before,
    after)` the readable diff; `label` the kind's name for the queue."""

    label: Any
    load: Callable[[int], models.Model | None]
    current: Callable[[Any], dict[str, Any]]
    apply: Callable[[Actor, Any, Mapping[str, Any]], object]
    rows: Callable[[Mapping[str, Any], Mapping[str, Any]], Sequence[FieldRow]]
    edit_url: Callable[[Any], str] | None = None


_APPLIERS: dict[str, Applier] = {}


def register(content_type: str, applier: Applier) -> None:
    """Register the applier for a model ("app_label.modelname"); called once per app at start-up."""
    _APPLIERS[content_type] = applier


def applier_for(content_type: str) -> Applier | None:
    return _APPLIERS.get(content_type)


def registered() -> dict[str, Applier]:
    return dict(_APPLIERS)
