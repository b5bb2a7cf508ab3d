"""What every reader makes of a file: records (one value each, still as text) and the layout they came in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Record:
    line: int
    period: str
    # (dimension, text, second spelling): tidy files give a label; GENESIS a code and a label.
    categories: tuple[tuple[str, str, str], ...]
    value: str
    flag: str = ""
    area: str = ""
    area_label: str = ""
    unit: str = ""
    series: str = ""
    rate: str = ""
    source: str = ""
    vintage: str = ""


@dataclass
class Layout:
    """Which column holds what (column titles as the file writes them, for messages)."""

    file_format: str
    period_column: str
    value_column: str
    dimension_columns: dict[str, str] = field(default_factory=dict)
    flag_column: str = ""
    genesis_flags: bool = False  # GENESIS quality marks (e = endgültig) rather than tidy flags (e = geschätzt)
    unit_column: str = ""
    series_column: str = ""
    rate_column: str = ""
    area_column: str = ""
    area_is_region: bool = False  # a GENESIS region (AGS) rather than a district code
    decimal_comma: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Reading:
    layout: Layout
    records: Iterator[Record]
