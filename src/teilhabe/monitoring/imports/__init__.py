"""Loading official statistics into an indicator: tidy CSV (Open SDG), GENESIS flat-file CSV and XLSX.

    parsed = imports.read_file(data, filename="einwohner.csv", indicator=indicator, municipality=m)
    if parsed.ok and (not parsed.warnings or accepted):
        services.write_observations(actor=…, indicator=indicator, rows=parsed.rows, …)

`read_file` never writes; it returns the rows with every error, warning and note, each with its line and
column (teilhabe.monitoring.imports.build says what is checked). `import_file` is the service that writes: all
or nothing, warnings only when accepted, and the accepted warnings stay on the batch. `changes` compares the
rows with what is stored, for the preview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.categories import Vocabulary, vocabulary
from teilhabe.monitoring.imports import genesis, tidy, xlsx
from teilhabe.monitoring.imports.build import Builder, Options, build
from teilhabe.monitoring.imports.problems import FileRefused, Parsed
from teilhabe.monitoring.imports.text import check_size, decode
from teilhabe.monitoring.imports.values import unit_of
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation
from teilhabe.monitoring.permissions import LOAD_DATA
from teilhabe.monitoring.services import DataWarning, ObservationRow

FORMATS = {"tidy": "tidy_csv", "tidy_csv": "tidy_csv", "csv": "tidy_csv", "genesis": "genesis", "xlsx": "xlsx"}
FORMAT_LABELS = {"tidy_csv": "Tidy-CSV (Open SDG)", "genesis": "GENESIS-Flatfile-CSV", "xlsx": "XLSX (Tidy)"}
# Scripts load whole series (a million values are about 40 MB); the back office keeps the upload limit.
COMMAND_MAX_BYTES = 512 * 1024 * 1024

__all__ = ["FORMATS", "Changes", "DataWarning", "FileRefused", "Options", "Parsed", "changes", "detect_format",
           "import_file", "read_file", "unit_of"]


def upload_max_bytes() -> int:
    return int(settings.TEILHABE_MAX_UPLOAD_BYTES)


def detect_format(data: bytes, filename: str = "") -> str:
    """tidy_csv, genesis or xlsx, judged by the content (the name only breaks no tie)."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    try:
        first = head.decode("utf-8")
    except UnicodeDecodeError:
        first = head.decode("cp1252", errors="replace")
    return "genesis" if genesis.looks_like_genesis(first) else "tidy_csv"


def read_file(data: bytes, *, indicator: Indicator, municipality: Municipality, filename: str = "",
              file_format: str | None = None, options: Options | None = None, max_bytes: int | None = None,
              vocab: Vocabulary | None = None) -> Parsed:
    """Read and check a file for `indicator` (inside the municipality's scope); nothing is written."""
    fmt = FORMATS.get(file_format or "", "") if file_format else detect_format(data, filename)
    parsed = Parsed(file_format=fmt or "tidy_csv")
    if file_format and not fmt:
        parsed.errors.add(_("Unbekanntes Format „%(format)s“; erlaubt sind tidy, genesis und xlsx.")
                          % {"format": file_format})
        return parsed
    try:
        check_size(len(data), upload_max_bytes() if max_bytes is None else max_bytes)
        if fmt == "xlsx":
            if not data.startswith(b"PK\x03\x04"):
                raise FileRefused(_("Die Datei ist keine Excel-Arbeitsmappe (.xlsx)."))
            reading = xlsx.read(data)
        else:
            text, encoding_warning = decode(data)
            if encoding_warning:
                parsed.warnings.add(encoding_warning)
            reading = genesis.read(text) if fmt == "genesis" else tidy.read(text)
        builder = Builder(indicator=indicator, municipality=municipality, vocab=vocab or vocabulary(),
                          layout=reading.layout, parsed=parsed, options=options or Options())
        return build(reading.records, builder)
    except FileRefused as refusal:
        parsed.rows = []
        parsed.errors.add(refusal.message, 1 if "Kopfzeile" in refusal.message else None)
        return parsed


@dataclass
class Changes:
    """What writing the rows would do to the stored values."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_rows: list[tuple[ObservationRow, Observation | None]] = field(default_factory=list)


def changes(indicator: Indicator, rows: Sequence[ObservationRow], *, listed: int = 20) -> Changes:
    """New, changed and unchanged values (one query), and the first changed rows with their old value."""
    periods = {row.period for row in rows}
    stored = {
        (o.period, o.area, o.breakdown_key): o
        for o in Observation.objects.filter(indicator=indicator, period__in=periods).only(
            "period", "area", "breakdown_key", "value", "flag")
    }
    result = Changes()
    for row in rows:
        old = stored.get(row.key)
        if old is None:
            result.new += 1
        elif old.value == row.value and old.flag == row.flag:
            result.unchanged += 1
        else:
            result.changed += 1
            if len(result.changed_rows) < listed:
                result.changed_rows.append((row, old))
    return result


def import_file(*, actor: Actor, indicator: Indicator, parsed: Parsed, label: str,
                accept_warnings: bool) -> ImportBatch:
    """Write what `read_file` found, all or nothing: refused if there is an error, or a warning not accepted.
    The accepted warnings are stored on the batch and stay visible next to the data."""
    authorize(actor, LOAD_DATA, indicator)
    if parsed.errors:
        raise ServiceError(_("Die Datei enthält %(n)s Fehler; es wurde nichts übernommen.") % {"n": len(parsed.errors)})
    if parsed.warnings and not accept_warnings:
        raise ServiceError(_("Die Datei enthält %(n)s Warnungen. Bestätigen Sie sie, um die Werte trotzdem zu "
                             "übernehmen; es wurde nichts übernommen.") % {"n": len(parsed.warnings)})
    return services.write_observations(
        actor=actor, indicator=indicator, rows=parsed.rows, label=label, file_format=parsed.file_format,
        accepted_warnings=parsed.warnings.summary() if accept_warnings else [],
    )



