"""Loading a million observations: tidy CSV (100 districts × 4 sex categories × 2,500 months) read, checked and
written through teilhabe's one write path (imports.read_file + services.write_observations), against
PostgreSQL's own COPY of the same rows into the same table.

Figures (PostgreSQL only; SQLite prints a note and no figures): import_1m_s (read + check + write),
import_read_1m_s and import_write_1m_s (its two halves), copy_1m_s, import_vs_copy_ratio (aim ≤ 3) and
write_vs_copy_ratio."""

from __future__ import annotations

import io
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figures, Harness

DISTRICTS = 100
MONTHS = 2500
SEXES = ("", "weiblich", "männlich", "divers")


def tidy_file() -> bytes:
    lines = ["Year,Geschlecht,Stadtteil,Value"]
    for month in range(MONTHS):
        period = f"{1800 + month // 12}-{month % 12 + 1:02d}"
        for district in range(DISTRICTS):
            female, male, diverse = 1000 + (month * 7 + district) % 997, 990 + (month + district * 3) % 991, 3
            for sex, value in zip(SEXES, (female + male + diverse, female, male, diverse), strict=True):
                lines.append(f"{period},{sex},Stadtteil {district:03d},{value}")
    return ("\n".join(lines) + "\n").encode()


def bench_import_1m(harness: Harness) -> Figures:
    from django.db import connection

    if connection.vendor != "postgresql":
        print("# monitoring_import: skipped – needs PostgreSQL (set DATABASE_URL)", file=sys.stderr)
        return {}
    from teilhabe.core.models import Municipality
    from teilhabe.core.roles import Actor
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.monitoring import imports, services
    from teilhabe.monitoring.models import Category, ImportBatch, Observation
    from teilhabe.monitoring.services import _copy_lines

    municipality = Municipality.objects.create(name="Importstadt", slug="bench-import", ags="08221000", land="BW")
    with municipality_scope(municipality):
        actor = Actor.system(municipality.pk)
        Category.objects.bulk_create(
            Category(municipality=municipality, dimension="district", code=f"d{d:03d}", label=f"Stadtteil {d:03d}",
                     position=d) for d in range(DISTRICTS))
        values = {"unit": "count", "dimensions": ["sex", "district"]}
        target = services.create_indicator(actor=actor, municipality=municipality,
                                           values={"key": "import", "name": "Import", **values})
        reference = services.create_indicator(actor=actor, municipality=municipality,
                                              values={"key": "copy", "name": "COPY", **values})
        data = tidy_file()

        # PostgreSQL's own COPY of the same rows (prepared as COPY text beforehand; only the COPY is timed).
        parsed = imports.read_file(data, indicator=reference, municipality=municipality,
                                   max_bytes=imports.COMMAND_MAX_BYTES)
        assert parsed.ok and not parsed.warnings, parsed.errors.items[:3]
        rows = len(parsed.rows)
        batch = ImportBatch.objects.create(municipality=municipality, indicator=reference, label="copy")
        prefix = f"{municipality.pk}\t{reference.pk}\t{batch.pk}\t"
        text = "".join(prefix + line for chunk in _copy_lines(parsed.rows) for line in chunk.splitlines(True))
        del parsed
        table = Observation._meta.db_table
        start = time.perf_counter()
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} (municipality_id, indicator_id, batch_id, period, period_start, area, breakdown, "
                "breakdown_key, value, flag, source, vintage) FROM STDIN") as copy:
            buffer = io.StringIO(text)
            while block := buffer.read(1 << 20):
                copy.write(block)
        copy_s = time.perf_counter() - start
        del text
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = %s", [reference.pk])  # noqa: S608
            cursor.execute(f"VACUUM ANALYZE {table}")

        start = time.perf_counter()
        parsed = imports.read_file(data, indicator=target, municipality=municipality,
                                   max_bytes=imports.COMMAND_MAX_BYTES)
        read_s = time.perf_counter() - start
        assert parsed.ok and not parsed.warnings and len(parsed.rows) == rows
        start = time.perf_counter()
        imports.import_file(actor=actor, indicator=target, parsed=parsed, label="bench.csv", accept_warnings=False)
        write_s = time.perf_counter() - start
        assert Observation.objects.filter(indicator=target).count() == rows
    import_s = read_s + write_s
    return {
        "import_rows": rows, "import_1m_s": round(import_s, 2), "import_read_1m_s": round(read_s, 2),
        "import_write_1m_s": round(write_s, 2), "copy_1m_s": round(copy_s, 2),
        "import_vs_copy_ratio": round(import_s / copy_s, 2), "write_vs_copy_ratio": round(write_s / copy_s, 2),
    }


BENCHMARKS = {"import_1m": bench_import_1m}
