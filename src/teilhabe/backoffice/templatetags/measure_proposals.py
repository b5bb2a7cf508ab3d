"""The proposals a measure came from, with their meetings, for the measure's page
(templates/backoffice/participation/_measure_proposals.html)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.participation.selectors import proposals as selectors

register = template.Library()


@register.simple_tag
def proposals_of_measure(measure: Any) -> list[Any]:
    """One query."""
    return selectors.proposals_of_measure(measure, public=False)
