"""docs/roles.md shows the role table; it must be the one generated from the permission declarations."""

from __future__ import annotations

from teilhabe.core.management.commands.roles_doc import roles_md_path, with_table
from teilhabe.core.roles import all_permissions


def test_roles_md_table_is_generated_from_the_declarations() -> None:
    text = roles_md_path().read_text(encoding="utf-8")
    assert text == with_table(text), "docs/roles.md is out of date: run `.venv/bin/teilhabe roles-doc`"


def test_every_app_declares_its_permissions() -> None:
    apps = {perm.key.split(".", 1)[0] for perm in all_permissions()}
    assert {"core", "plans", "calendar", "pages"} <= apps
