"""How progress looks on the monitoring pages: a status badge with text and an icon (never colour alone),
scores as German numbers and percentages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from teilhabe.monitoring.progress import Status
from teilhabe.monitoring.rollup import decimal_text

register = template.Library()

# status → (KERN badge variant, KERN icon)
LOOK = {
    Status.REACHED: ("success", "success"),
    Status.ON_TRACK: ("info", "check"),
    Status.SOME_PROGRESS: ("warning", "warning"),
    Status.OFF_TRACK: ("danger", "danger"),
    Status.NO_DATA: ("none", "question-mark"),
}


@register.simple_tag
def progress_badge(status: str) -> SafeString:
    """<span class="kern-badge …"><icon/><label/></span> for a progress Status."""
    status = Status(status or Status.NO_DATA)
    variant, icon = LOOK[status]
    return format_html(
        '<span class="kern-badge kern-badge--{} progress-badge progress-badge--{}">'
        '<span class="kern-icon kern-icon--{} kern-icon--small" aria-hidden="true"></span>'
        '<span class="kern-label">{}</span></span>', variant, status.value, icon, status.label)


@register.filter
def score(value: Decimal | None) -> str:
    """0,57 — a roll-up score as the arithmetic writes it."""
    return "–" if value is None else decimal_text(value)


@register.filter
def weight(value: Decimal | None) -> str:
    """2 or 1,5 — a weight without trailing zeros."""
    return "–" if value is None else decimal_text(Decimal(value), None)


@register.filter
def share(value: float | None) -> str:
    """A progress share (a or e) as a percentage: 0.6 → 60 %."""
    return "–" if value is None else f"{number_format(round(value * 100), 0)} %"
