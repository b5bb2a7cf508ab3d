"""Records to observation rows, checked like a statistician: periods, numbers and special values, categories,
units, the series a file belongs to, duplicates, parts that do not add up to their total, and a published
rate that contradicts its numerator and denominator.

Errors stop the import; warnings (facts of life in real sources) stop it unless accepted; notes only inform."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from teilhabe.core.models import Municipality
from teilhabe.monitoring.categories import Vocabulary, breakdown_key, normalise
from teilhabe.monitoring.exchange import DIMENSION_COLUMNS
from teilhabe.monitoring.imports.problems import Parsed
from teilhabe.monitoring.imports.records import Layout, Record
from teilhabe.monitoring.imports.values import (
    GENESIS_FLAGS,
    SPECIAL_VALUES,
    TIDY_FLAGS,
    TOTAL_SPELLINGS,
    CellError,
    not_a_number,
    parse_number,
    read_value,
    unit_of,
)
from teilhabe.monitoring.models import RATE_FACTOR, Dimension, Indicator, Observation, Unit
from teilhabe.monitoring.periods import PeriodError, parse_period
from teilhabe.monitoring.services import ObservationRow

MAX_AREA = 20


@dataclass
class Options:
    source: str = ""  # for rows without a source of their own
    new_indicator: bool = False  # the indicator is created from this file: every dimension is welcome


@dataclass
class _Breakdown:
    mapping: dict[str, str]
    key: str
    parents: tuple[tuple[str, str], ...]  # (dimension left out, key of the breakdown without it)


@dataclass
class Builder:
    indicator: Indicator
    municipality: Municipality
    vocab: Vocabulary
    layout: Layout
    parsed: Parsed
    options: Options = field(default_factory=Options)
    _periods: dict[str, tuple[str, dt.date] | None] = field(default_factory=dict)
    _codes: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    _breakdowns: dict[tuple[tuple[str, str], ...], _Breakdown] = field(default_factory=dict)
    _by_cells: dict[tuple[tuple[str, str, str], ...], _Breakdown] = field(default_factory=dict)
    _units: dict[str, bool] = field(default_factory=dict)
    _series: dict[str, bool] = field(default_factory=dict)
    _areas: dict[str, str] = field(default_factory=dict)
    _lines: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _used: dict[str, int] = field(default_factory=dict)  # dimension → first line
    _rates: list[tuple[int, int, Decimal, str]] = field(default_factory=list)  # row index, line, rate, text
    _skipped: dict[str, int] = field(default_factory=dict)

    def column(self, dimension: str) -> str:
        return self.layout.dimension_columns.get(dimension) or DIMENSION_COLUMNS.get(dimension, dimension)

    # --- one record ---------------------------------------------------------------------------------

    def add(self, record: Record) -> None:
        errors = self.parsed.errors
        line = record.line
        period = self._period(record)
        breakdown = self._breakdown(record)
        if record.unit and not self._unit_ok(record):
            return
        if record.series and not self._series_ok(record):
            return
        area = self._area(record) if record.area else ""
        text = record.value
        if not text:
            errors.add(_("Der Wert fehlt. Für einen unbekannten oder geheim zu haltenden Wert schreiben Sie „.“."),
                       line, self.layout.value_column)
            return
        try:
            cell = read_value(text, decimal_comma=self.layout.decimal_comma)
        except CellError as exc:
            message = str(exc) if str(exc) != text else not_a_number(text)
            errors.add(message, line, self.layout.value_column)
            return
        if cell.skip:
            self._skipped[cell.skip] = self._skipped.get(cell.skip, 0) + 1
            return
        if period is None or breakdown is None or area is None:
            return
        flag = cell.flag or self._flag(record)
        if flag is None:
            return
        if cell.value is None and not flag:
            flag = Observation.Flag.SUPPRESSED
        key = (period[0], area, breakdown.key)
        first = self._lines.get(key)
        if first is not None:
            errors.add(_("Derselbe Messwert steht zweimal in der Datei (Zeilen %(first)s und %(line)s): %(what)s.")
                       % {"first": first, "line": line, "what": self.describe(period[0], breakdown.mapping, area)},
                       line, self.layout.value_column)
            return
        self._lines[key] = line
        self.parsed.rows.append(ObservationRow(
            period=period[0], period_start=period[1], value=cell.value, breakdown=breakdown.mapping, area=area,
            flag=flag, source=record.source or self.options.source, vintage=record.vintage[:20],
            known_key=breakdown.key))
        if record.rate:
            self._rate(record, len(self.parsed.rows) - 1)

    def _period(self, record: Record) -> tuple[str, dt.date] | None:
        text = record.period
        if text in self._periods:
            found = self._periods[text]
        else:
            try:
                found = parse_period(text)
            except PeriodError:
                found = None
            self._periods[text] = found
        if found is None:
            message = (_("Die Periode fehlt.") if not text else
                       _("„%(value)s“ ist keine Periode. Erlaubt sind ein Jahr (2019), ein Monat (06/2019, Juni 2019, "
                         "2019-06) oder ein Stichtag (31.12.2019).") % {"value": text})
            self.parsed.errors.add(message, record.line, self.layout.period_column)
        return found

    def _breakdown(self, record: Record) -> _Breakdown | None:
        known = self._by_cells.get(record.categories)
        if known is not None:
            return known
        found = self._new_breakdown(record)
        if found is not None:
            self._by_cells[record.categories] = found
        return found

    def _new_breakdown(self, record: Record) -> _Breakdown | None:
        codes: list[tuple[str, str]] = []
        ok = True
        for dimension, text, label in record.categories:
            if dimension.startswith("?"):
                if normalise(text) in TOTAL_SPELLINGS and normalise(label) in TOTAL_SPELLINGS:
                    continue
                self.parsed.errors.add(
                    _("Das Merkmal %(attribute)s kennt Teilhabe nicht als Aufgliederung (Geschlecht, "
                      "Staatsangehörigkeit, Migrationshintergrund, Altersgruppe, Stadtteil). Bitte laden Sie die "
                      "Tabelle ohne dieses Merkmal herunter.") % {"attribute": dimension[1:]},
                    record.line, "")
                ok = False
                continue
            code = self._code(dimension, text, label, record.line)
            if code is False:
                ok = False
            elif isinstance(code, str) and code:
                codes.append((dimension, code))
        if not ok:
            return None
        signature = tuple(sorted(codes))
        found = self._breakdowns.get(signature)
        if found is None:
            mapping = dict(signature)
            key = breakdown_key(mapping)
            parents = tuple((d, breakdown_key({k: v for k, v in mapping.items() if k != d})) for d in mapping)
            found = self._breakdowns[signature] = _Breakdown(mapping, key, parents)
            for dimension in mapping:
                self._used.setdefault(dimension, record.line)
        return found

    def _code(self, dimension: str, text: str, label: str, line: int) -> str | bool | None:
        """The category code; None for the total; False (reported) when unknown."""
        memo = (dimension, text, label)
        if memo in self._codes:
            code = self._codes[memo]
        else:
            code = self.vocab.code_for(dimension, text) or (self.vocab.code_for(dimension, label) if label else None)
            blank_label = not label or normalise(label) in TOTAL_SPELLINGS
            if code is None and normalise(text) in TOTAL_SPELLINGS and blank_label:
                code = ""
            self._codes[memo] = code
        if code is None:
            known = [self.vocab.label_of(dimension, c) for c in self.vocab.order.get(dimension, [])]
            shown = f"{text} ({label})" if label and label != text else text
            if known:
                message = _("Unbekannte Kategorie „%(value)s“ für %(dimension)s. Bekannt sind: %(known)s. Andere "
                            "Schreibweisen legen Sie bei den Kategorien an.") % {
                    "value": shown, "dimension": Dimension(dimension).label, "known": ", ".join(known)}
            else:
                message = _("Unbekannte Kategorie „%(value)s“: für %(dimension)s sind noch keine Kategorien angelegt. "
                            "Legen Sie sie bei den Kategorien an.") % {
                    "value": shown, "dimension": Dimension(dimension).label}
            self.parsed.errors.add(message, line, self.column(dimension))
            return False
        return code or None

    def _unit_ok(self, record: Record) -> bool:
        text = record.unit
        if text not in self._units:
            unit = unit_of(text)
            self._units[text] = unit is None or unit == self.indicator.unit or self.indicator.is_rate
            if self._units[text] and not self.parsed.unit_label:
                self.parsed.unit_label = text
        if not self._units[text]:
            self.parsed.errors.add(
                _("Die Einheit „%(unit)s“ passt nicht zum Indikator „%(name)s“ (%(kind)s).")
                % {"unit": text, "name": self.indicator.name, "kind": self.indicator.get_unit_display()},
                record.line, self.layout.unit_column)
        return self._units[text]

    def _series_ok(self, record: Record) -> bool:
        text = record.series
        if text not in self._series:
            names = {normalise(n) for n in (self.indicator.key, self.indicator.name, self.indicator.catalogue_key) if n}
            self._series[text] = normalise(text) in names
        if not self._series[text]:
            self.parsed.errors.add(
                _("Die Zeile gehört zur Reihe „%(series)s“, nicht zum Indikator „%(name)s“ (Kennung %(key)s). Laden "
                  "Sie jede Reihe in ihren eigenen Indikator.")
                % {"series": text, "name": self.indicator.name, "key": self.indicator.key},
                record.line, self.layout.series_column)
        return self._series[text]

    def _area(self, record: Record) -> str | None:
        text = record.area
        if text in self._areas:
            return self._areas[text]
        ags = self.municipality.ags or ""
        is_self = bool(ags) and (text == ags or (ags.startswith(text) and set(ags[len(text):]) <= {"0"}))
        if self.layout.area_is_region:
            if not is_self and ags:
                self.parsed.warnings.add(
                    _("Die Werte gelten für das Gebiet „%(label)s“ (%(code)s), nicht für %(name)s (AGS %(ags)s).")
                    % {"label": record.area_label or text, "code": text, "name": self.municipality.name, "ags": ags},
                    record.line, "")
            if self._areas and "" in self._areas.values():
                self.parsed.errors.add(
                    _("Die Datei enthält mehrere Gebiete (%(areas)s). Bitte laden Sie nur die Werte Ihrer Kommune.")
                    % {"areas": ", ".join([*self._areas, text])}, record.line, "")
                self._areas[text] = None  # type: ignore[assignment]
                return None
            self._areas[text] = ""
            return ""
        if is_self:
            area = ""
        elif len(text) > MAX_AREA:
            self.parsed.errors.add(_("Der Gebietsschlüssel „%(value)s“ ist zu lang (höchstens %(n)s Zeichen).")
                                   % {"value": text, "n": MAX_AREA}, record.line, self.layout.area_column)
            return None
        else:
            area = text
        self._areas[text] = area
        return area

    def _flag(self, record: Record) -> str | None:
        if not record.flag:
            return ""
        text = normalise(record.flag)
        flags = GENESIS_FLAGS if self.layout.genesis_flags else TIDY_FLAGS
        if text in flags:
            return flags[text]
        self.parsed.errors.add(
            _("Unbekanntes Kennzeichen „%(value)s“. Erlaubt sind p (vorläufig), e (geschätzt) und c (geheim); "
              "in GENESIS-Dateien e (endgültig), v (vorläufig), s (geschätzt).") % {"value": record.flag},
            record.line, self.layout.flag_column)
        return None

    def _rate(self, record: Record, index: int) -> None:
        try:
            rate = parse_number(record.rate, decimal_comma=self.layout.decimal_comma)
        except CellError:
            if record.rate not in SPECIAL_VALUES:
                self.parsed.errors.add(not_a_number(record.rate), record.line, self.layout.rate_column)
            return
        self._rates.append((index, record.line, rate, record.rate))

    # --- the whole file -----------------------------------------------------------------------------

    def describe(self, period: str, mapping: dict[str, str], area: str = "") -> str:
        parts = [period, *(self.vocab.label_of(d, c) for d, c in sorted(mapping.items()))]
        if area:
            parts.append(area)
        return ", ".join(parts)

    def finish(self) -> Parsed:
        parsed = self.parsed
        # A dimension column, even an empty one (the tidy CSV of a series without breakdowns yet), says what the
        # series is broken down by.
        named = {d for d in self.layout.dimension_columns if d in Dimension.values}
        parsed.dimensions = sorted(set(self._used) | named, key=lambda d: list(Dimension.values).index(d))
        declared = set(self.indicator.dimensions or [])
        if not self.options.new_indicator:
            for dimension, line in self._used.items():
                if dimension not in declared:
                    parsed.errors.add(
                        _("Die Datei gliedert nach %(dimension)s, der Indikator „%(name)s“ nicht. Ergänzen Sie die "
                          "Aufgliederung beim Indikator oder lassen Sie die Spalte leer.")
                        % {"dimension": Dimension(dimension).label, "name": self.indicator.name},
                        line, self.column(dimension))
        for symbol, count in self._skipped.items():
            parsed.notes.add(_("%(n)s Felder mit „%(symbol)s“ (%(meaning)s) wurden übersprungen.")
                             % {"n": count, "symbol": symbol, "meaning": SPECIAL_VALUES[symbol][1]})
        for title in self.layout.ignored_columns:
            parsed.notes.add(_("Die Spalte „%(title)s“ wird nicht gelesen.") % {"title": title}, 1, title)
        if not parsed.rows and not parsed.errors:
            parsed.errors.add(_("Die Datei enthält keine Messwerte."))
        if parsed.errors:
            return parsed
        if self.indicator.unit == Unit.COUNT and not self.indicator.is_rate:
            self._check_parts()
        if self._rates:
            self._check_rates()
        return parsed

    def _check_parts(self) -> None:
        """Parts that do not add up to their total: weiblich + männlich ≠ insgesamt (a warning)."""
        rows = self.parsed.rows
        index: dict[tuple[str, str, str], int] = {}
        sums: dict[tuple[str, str, str, str], list[Decimal | None]] = defaultdict(list)
        parents_of = {b.key: b.parents for b in self._breakdowns.values()}
        for position, row in enumerate(rows):
            key = row.known_key or ""
            index[(row.period, row.area, key)] = position
            for dimension, parent in parents_of.get(key, ()):
                sums[(row.period, row.area, parent, dimension)].append(row.value)
        for (period, area, parent, dimension), values in sums.items():
            total_at = index.get((period, area, parent))
            parts = [v for v in values if v is not None]
            if total_at is None or len(parts) < 2 or len(parts) < len(values):
                continue
            total = rows[total_at].value
            added = sum(parts, Decimal(0))
            if total is None or added == total:
                continue
            mapping = dict(rows[total_at].breakdown)
            self.parsed.warnings.add(
                _("Die Teile ergeben nicht die Summe: %(what)s – %(dimension)s zusammen %(sum)s, insgesamt %(total)s "
                  "(Abweichung %(diff)s).") % {
                    "what": self.describe(period, mapping, area), "dimension": Dimension(dimension).label,
                    "sum": _number(added), "total": _number(total), "diff": _number(added - total)},
                self._lines.get((period, area, parent)), self.layout.value_column)

    def _check_rates(self) -> None:
        """A published rate next to a count must agree with the rate computed from numerator and denominator."""
        indicator = self.indicator
        rates = list(Indicator.objects.filter(Q(numerator=indicator) | Q(denominator=indicator))
                     .select_related("numerator", "denominator"))
        if not rates:
            self.parsed.warnings.add(
                _("Die Spalte „%(column)s“ enthält veröffentlichte Quoten, aber aus „%(name)s“ wird keine Quote "
                  "berechnet; sie werden nicht geprüft und nicht gespeichert.")
                % {"column": self.layout.rate_column, "name": indicator.name}, 1, self.layout.rate_column)
            return
        rate = rates[0]
        other_id = rate.denominator_id if rate.numerator_id == indicator.pk else rate.numerator_id
        rows = self.parsed.rows
        periods = {rows[i].period for i, *_ in self._rates}
        stored = {
            (period, area, key): value for period, area, key, value in Observation.objects.filter(
                indicator_id=other_id, period__in=periods).values_list("period", "area", "breakdown_key", "value")
        }
        factor = RATE_FACTOR[Unit(rate.unit)]
        for position, line, published, text in self._rates:
            row = rows[position]
            other = stored.get(row.key)
            if other is None or row.value is None:
                continue
            numerator, denominator = (row.value, other) if rate.numerator_id == indicator.pk else (other, row.value)
            if not denominator:
                continue
            computed = numerator / denominator * factor
            places = max(0, -published.as_tuple().exponent)  # type: ignore[operator]
            tolerance = Decimal(5) / Decimal(10) ** (places + 1) + Decimal("0.000001")
            if abs(computed - published) > tolerance:
                self.parsed.warnings.add(
                    _("Die veröffentlichte Quote %(published)s passt nicht zu Zähler und Nenner von „%(rate)s“: "
                      "%(numerator)s / %(denominator)s × %(factor)s = %(computed)s.") % {
                        "published": text, "rate": rate.name, "numerator": _number(numerator),
                        "denominator": _number(denominator), "factor": factor,
                        "computed": number_format(computed, decimal_pos=max(places, 1))},
                    line, self.layout.rate_column)


def _number(value: Decimal) -> str:
    places = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return number_format(value, decimal_pos=places, force_grouping=True)


def build(records: Iterable[Record], builder: Builder) -> Parsed:
    for record in records:
        builder.add(record)
    return builder.finish()
