"""What reading a file found: errors (nothing is written), warnings (written only when accepted) and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.monitoring.services import DataWarning, ObservationRow

MAX_LISTED = 200  # problems listed per kind; the rest are counted


@dataclass
class ProblemList:
    items: list[DataWarning] = field(default_factory=list)
    total: int = 0

    def add(self, message: str, line: int | None = None, column: str = "") -> None:
        self.total += 1
        if len(self.items) < MAX_LISTED:
            self.items.append(DataWarning(message=message, line=line, column=column))

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def summary(self) -> list[DataWarning]:
        """The listed items, and one more saying how many were left out."""
        if not self.more:
            return list(self.items)
        return [*self.items, DataWarning(message=_("… und %(n)s weitere.") % {"n": self.more})]


@dataclass
class Parsed:
    """A file read for one indicator. `rows` are written only if there is no error and every warning is
    accepted."""

    file_format: str
    rows: list[ObservationRow] = field(default_factory=list)
    errors: ProblemList = field(default_factory=ProblemList)
    warnings: ProblemList = field(default_factory=ProblemList)
    notes: ProblemList = field(default_factory=ProblemList)
    dimensions: list[str] = field(default_factory=list)  # the dimensions the file breaks down by
    unit_label: str = ""  # the unit the file names (Units, value_unit), if any

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRefused(Exception):
    """The file cannot be read at all (empty, too large, not a table); the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
