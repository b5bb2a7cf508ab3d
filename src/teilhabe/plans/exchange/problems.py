"""Problems found in an import: where (row, column) and what, in German. All are collected, up to a cap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Ref:
    """Where an item came from: an XLSX sheet row or an entry of a JSON list."""

    sheet: str  # sheet name (XLSX) or list name (JSON)
    row: int  # 1-based row number in the sheet, or 1-based entry number in the list
    is_json: bool = False
    main_sheet: bool = True  # the measure sheet is not named in messages
    label: str = ""  # overrides the generated description (nested JSON entries)

    @property
    def where(self) -> str:
        if self.label:
            return self.label
        if self.is_json:
            return _("%(list)s, Eintrag %(n)s") % {"list": self.sheet, "n": self.row}
        if self.main_sheet:
            return _("Zeile %(n)s") % {"n": self.row}
        return _("Blatt „%(sheet)s“, Zeile %(n)s") % {"sheet": self.sheet, "n": self.row}


@dataclass(frozen=True)
class Problem:
    message: str
    where: str = ""  # "Zeile 5", "Blatt „Ziele“, Zeile 3", "measures, Eintrag 2"; empty for the whole file
    column: str = ""
    row: int | None = None

    def __str__(self) -> str:
        if self.where and self.column:
            return _("%(where)s, Spalte „%(column)s“: %(message)s") % {
                "where": self.where, "column": self.column, "message": self.message}
        if self.where:
            return f"{self.where}: {self.message}"
        return self.message


@dataclass
class Problems:
    """Collects problems; stops recording after MAX_PROBLEMS but keeps counting."""

    items: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, message: str, ref: Ref | None = None, column: str = "") -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(
                Problem(message=message, where=ref.where if ref else "", column=column,
                        row=ref.row if ref else None)
            )

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.total += 1
            if len(self.items) < MAX_PROBLEMS:
                self.items.append(problem)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total


class ImportRefused(Exception):
    """The file cannot be imported; nothing was written. Carries every problem found."""

    def __init__(self, problems: Problems | Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            collected = Problems()
            collected.add(problems)
        elif isinstance(problems, Problems):
            collected = problems
        else:
            collected = Problems()
            collected.extend(problems)
        self.problems = collected
        super().__init__("; ".join(str(p) for p in collected.items[:5]))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems.items]
