"""docs/roles.md shows the role table; it must say what teilhabe.core.roles declares."""

from __future__ import annotations

from pathlib import Path

from teilhabe.core.roles import OBJECT_SCOPED, PLATFORM_ADMIN_PERMISSIONS, ROLE_PERMISSIONS, Perm, Role

ROLES_MD = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
ADMIN_COLUMN = "Plattform-Administration"


def cell(perm: Perm, granted: frozenset[Perm], *, scoped_role: bool) -> str:
    if perm not in granted:
        return "–"
    return "own only" if scoped_role and perm in OBJECT_SCOPED else "yes"


def expected_table() -> tuple[list[str], dict[str, list[str]]]:
    """Role columns and, per permission code, the cells in that order."""
    columns = [str(role.label) for role in Role] + [ADMIN_COLUMN]
    rows: dict[str, list[str]] = {}
    for perm in Perm:
        cells = [cell(perm, ROLE_PERMISSIONS[role], scoped_role=role == Role.FACHSTELLE) for role in Role]
        cells.append(cell(perm, PLATFORM_ADMIN_PERMISSIONS, scoped_role=False))
        rows[perm.value] = cells
    return columns, rows


def documented_table() -> tuple[list[str], dict[str, list[str]]]:
    text = ROLES_MD.read_text(encoding="utf-8")
    block = text.split("<!-- roles-table:start -->", 1)[1].split("<!-- roles-table:end -->", 1)[0]
    lines = [line.strip() for line in block.strip().splitlines() if line.strip().startswith("|")]
    split = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    header, body = split[0], split[2:]
    columns = header[2:]  # after "Permission" and "Allows"
    rows = {r[0].strip("`"): r[2:] for r in body}
    return columns, rows


def test_roles_md_table_matches_role_permissions() -> None:
    columns, rows = expected_table()
    doc_columns, doc_rows = documented_table()
    assert doc_columns == columns, "columns of docs/roles.md should be: " + " | ".join(columns)
    assert set(doc_rows) == set(rows), f"permissions in docs/roles.md should be: {sorted(rows)}"
    wrong = {perm: (doc_rows[perm], cells) for perm, cells in rows.items() if doc_rows[perm] != cells}
    assert not wrong, "docs/roles.md disagrees with ROLE_PERMISSIONS (documented, declared): " + repr(wrong)
