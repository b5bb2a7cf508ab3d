"""Editions of a plan (Fortschreibung): copying an edition into a new draft (`editions.copy`), comparing
two editions (`editions.compare`) and opening a draft for comment (`editions.comment`). Which edition a
person sees is decided by one rule: `plans.rules`, read through `plans.selectors.edition_for`."""

from teilhabe.plans.editions.comment import open_edition_for_comment
from teilhabe.plans.editions.compare import (
    EditionComparison,
    FieldChange,
    ItemChange,
    ItemRef,
    SectionDiff,
    compare_editions,
)
from teilhabe.plans.editions.copy import start_new_edition

__all__ = [
    "EditionComparison",
    "FieldChange",
    "ItemChange",
    "ItemRef",
    "SectionDiff",
    "compare_editions",
    "open_edition_for_comment",
    "start_new_edition",
]
