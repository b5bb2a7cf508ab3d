"""`teilhabe roles-doc`: write the role table generated from the declarations into docs/roles.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from teilhabe.core.roles import role_table_markdown

START, END = "<!-- roles-table:start -->", "<!-- roles-table:end -->"


def roles_md_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "roles.md"


def with_table(text: str) -> str:
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{START}\n{role_table_markdown()}{END}{tail}"


class Command(BaseCommand):
    help = "Schreibt die Rollentabelle in docs/roles.md neu (aus den Deklarationen in den permissions.py)."

    def handle(self, *args: Any, **options: Any) -> None:
        path = roles_md_path()
        path.write_text(with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
        self.stdout.write(f"{path} geschrieben")
