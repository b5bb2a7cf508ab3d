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

# Moved: the reads to plans.selectors, renaming a target group to plans.target_groups. Re-exported only
# until the back office and the API import them from there.
from teilhabe.plans.selectors import editions_for_choice, plans_with_editions, status_scheme, target_groups
from teilhabe.plans.target_groups import rename_target_group

__all__ = [
    "EditionComparison",
    "FieldChange",
    "ItemChange",
    "ItemRef",
    "SectionDiff",
    "compare_editions",
    "editions_for_choice",
    "open_edition_for_comment",
    "plans_with_editions",
    "rename_target_group",
    "start_new_edition",
    "status_scheme",
    "target_groups",
]
