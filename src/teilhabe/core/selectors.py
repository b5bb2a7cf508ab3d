"""Named, tenant-aware reads of the core. Each runs a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from teilhabe.core.models import Membership, Municipality, Organisation, OrgUnit


@dataclass
class OrgUnitNode:
    unit: OrgUnit
    depth: int
    children: list[OrgUnitNode] = field(default_factory=list)


def org_units(municipality: Municipality) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.of(municipality).order_by("name", "pk")


def org_unit_tree(municipality: Municipality) -> list[OrgUnitNode]:
    """The administration as a tree (Dezernat → Amt → Abteilung), siblings by name: one query."""
    units = list(org_units(municipality))
    nodes = {u.pk: OrgUnitNode(u, 0) for u in units}
    roots: list[OrgUnitNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    # Depth from the top; a unit whose chain is broken (should not happen) is shown at the top level.
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        stack.extend((child, depth + 1) for child in node.children)
    return roots


def org_unit_choices(municipality: Municipality) -> list[tuple[int, str]]:
    """(id, label) for select lists, in tree order with the path of parents so that names are unambiguous."""
    result: list[tuple[int, str]] = []

    def walk(nodes: list[OrgUnitNode], prefix: str) -> None:
        for node in nodes:
            label = f"{prefix}{node.unit.name}"
            result.append((node.unit.pk, label))
            walk(node.children, f"{label} › ")

    walk(org_unit_tree(municipality), "")
    return result


def organisations(municipality: Municipality) -> QuerySet[Organisation]:
    return Organisation.objects.of(municipality).order_by("name", "pk")


def memberships(municipality: Municipality) -> QuerySet[Membership]:
    """People of a municipality with their role, org units and organisations: three queries."""
    return (
        Membership.objects.of(municipality)
        .select_related("user")
        .prefetch_related("org_units", "organisations")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


__all__ = ["OrgUnitNode", "memberships", "org_unit_choices", "org_unit_tree", "org_units", "organisations"]
