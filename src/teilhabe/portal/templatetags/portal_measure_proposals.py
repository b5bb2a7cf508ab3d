"""The published proposals a measure came from, with their meetings, for the public measure page
(templates/portal/participation/_measure_proposals.html)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.participation.selectors import proposals as selectors

register = template.Library()


@register.simple_tag
def public_proposals_of_measure(measure: Any) -> list[Any]:
    """One query."""
    return selectors.proposals_of_measure(measure, public=True)
