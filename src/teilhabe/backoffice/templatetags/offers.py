"""The offers linked to a measure, for the measure's page (templates/backoffice/directory/_measure_offers.html)."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.directory import selectors

register = template.Library()


@register.simple_tag
def offers_of_measure(measure: Any) -> list[Any]:
    """One query."""
    return selectors.offers_of_measure(measure)
