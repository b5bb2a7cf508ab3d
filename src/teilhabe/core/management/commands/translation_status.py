"""`teilhabe translation-status`: how far each language's catalogue covers the public portal, whether the
portal offers it, and whether a native speaker has checked it. With --docs, writes the same table into
docs/translations.md (a test fails when that table is stale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from teilhabe.core.catalogues import (
    DEFAULT_THRESHOLD,
    STATUS_HEADER,
    portal_threshold,
    status_rows,
    status_table_markdown,
)

START, END = "<!-- translations-table:start -->", "<!-- translations-table:end -->"


def translations_md_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "translations.md"


def with_table(text: str) -> str:
    """`text` with the generated table between the markers. The table uses the default threshold, so the
    documentation does not depend on the environment of whoever regenerates it."""
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{START}\n{status_table_markdown(threshold=DEFAULT_THRESHOLD)}{END}{tail}"


def plain_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


class Command(BaseCommand):
    help = ("Zeigt je Sprache, wie viele Texte des öffentlichen Portals übersetzt sind, ob das Portal die "
            "Sprache anbietet und ob Muttersprachler die Übersetzung geprüft haben.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", action="store_true",
                            help="die Tabelle in docs/translations.md neu schreiben")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["docs"]:
            path = translations_md_path()
            path.write_text(with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
            self.stdout.write(f"{path} geschrieben")
            return
        self.stdout.write(plain_table([STATUS_HEADER, *status_rows()]))
        self.stdout.write(f"\nSchwelle für das Angebot im Portal: {portal_threshold():g} % der Portal-Texte "
                          "(TEILHABE_PORTAL_TRANSLATION_THRESHOLD).")
