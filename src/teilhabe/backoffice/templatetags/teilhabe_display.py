"""Values as people read them, in templates: amounts, dates and recorded changes (`teilhabe.core.display`)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.core import display
from teilhabe.core.models import AuditEntry

register = template.Library()


@register.filter
def cost(value: Any) -> str:
    """{{ measure.cost_estimate|cost }} → "18.000 €" (de), "€18,000" (en); nothing → "–"."""
    return display.format_cost(value)


@register.filter
def long_date(value: Any) -> str:
    """{{ day|long_date }} → "16. März 2027" (de), "16 March 2027" (en)."""
    return display.format_date(value)


@register.filter
def change_rows(entry: AuditEntry) -> list[display.ChangeRow]:
    """{% for c in entry|change_rows %}{{ c.label }}: {{ c.old }} → {{ c.new }}{% endfor %}"""
    if not isinstance(entry, AuditEntry):
        return []
    return display.change_rows(entry.object_type, entry.changes)


@register.simple_tag
def comparison_value(kind: str, name: str, value: Any) -> Any:
    """A value of the edition comparison with amounts and dates in the reader's format."""
    return display.comparison_value(kind, name, value)
