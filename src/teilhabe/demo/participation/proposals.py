"""Demo participation: proposals (see the package docstring)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from teilhabe.demo.participation import ParticipationDemo


def build(demo: ParticipationDemo) -> None:
    """Filled by the proposals slice."""
