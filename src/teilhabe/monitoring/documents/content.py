"""What the monitoring report says, as typed data that the PDF and DOCX writers only lay out.

Every indicator of the municipality (or only the published ones, as the caller chooses; optionally only one
field of action's), grouped by field of action, each with its definition, its chart (the page's Vega-Lite spec:
teilhabe.monitoring.charts), its values as tables — **by sex wherever the data has a breakdown by sex** (the
gender monitoring), then by every other breakdown the data has —, source and vintage, the flags explained,
baseline, target and progress (teilhabe.monitoring.progress), series breaks and accepted warnings.

`report_content` runs a fixed number of queries whatever the number of indicators and values (six: the
indicators with their rate parts, their fields of action, the values, the municipality's categories, the
series breaks, the batches with accepted warnings)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teilhabe.core import display
from teilhabe.core.models import Municipality
from teilhabe.monitoring.categories import Vocabulary, parse_breakdown_key, vocabulary
from teilhabe.monitoring.charts import TOTAL_LABEL, indicator_spec
from teilhabe.monitoring.models import (
    RATE_FACTOR,
    Dimension,
    Direction,
    ImportBatch,
    Indicator,
    SeriesBreak,
)
from teilhabe.monitoring.progress import Progress, Status, progress_of
from teilhabe.monitoring.series import Point, Series, values_of
from teilhabe.plans.models import FieldOfAction

SEX = str(Dimension.SEX)
# How a flagged value is marked in a table (the signs of German official statistics) and what it means.
FLAG_SIGNS = {"p": "p", "e": "e", "s": "."}
DIMENSION_ORDER = [str(d) for d in Dimension]


def flag_notes() -> dict[str, str]:
    return {
        "p": _("p = vorläufiger Wert"),
        "e": _("e = geschätzter Wert"),
        "s": _(". = Wert geheim oder nicht ausreichend sicher (nicht veröffentlicht)"),
    }


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Entry:
    """One indicator as the report shows it."""

    key: str
    name: str
    definition: str
    facts: list[Line]
    spec: dict[str, Any]  # the chart: the page's Vega-Lite spec
    chart_description: str
    tables: list[Table]
    by_sex: bool
    gender_note: str
    progress: Progress
    progress_label: str
    progress_text: str
    notes: list[str]  # flags explained, series breaks, accepted warnings
    latest: str
    latest_female: str
    latest_male: str
    field_title: str

    @property
    def has_values(self) -> bool:
        return any(table.rows for table in self.tables)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class MonitoringReport:
    language: str
    title: str
    municipality: str
    scope_label: str
    cover: list[Line]
    sections: list[Section]
    method: list[str]
    file_stem: str

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def summary_text(self) -> str:
        entries = self.entries
        if not entries:
            return _("Für diese Auswahl gibt es keine Indikatoren. Legen Sie Indikatoren an oder wählen Sie "
                     "„alle Indikatoren“, um auch die nicht veröffentlichten zu berichten.")
        with_sex = sum(1 for e in entries if e.by_sex)
        with_values = sum(1 for e in entries if e.has_values)
        return _("Der Bericht umfasst %(total)d Indikatoren; %(values)d haben Werte, %(sex)d davon liegen nach "
                 "Geschlecht vor (Gendermonitoring).") % {"total": len(entries), "values": with_values,
                                                          "sex": with_sex}

    def status_counts(self) -> list[list[str]]:
        counts = Counter(str(e.progress.status) for e in self.entries)
        return [[str(label), str(counts.get(value, 0))] for value, label in Status.choices]

    @property
    def overview_header(self) -> list[str]:
        return [_("Indikator"), _("zuletzt insgesamt"), _("weiblich"), _("männlich"), _("Zielerreichung")]

    def overview(self) -> list[list[str]]:
        return [[e.name, e.latest, e.latest_female, e.latest_male, e.progress_label] for e in self.entries]


def _number(value: Decimal | None) -> str:
    if value is None:
        return display.EMPTY
    return display.format_number(value.normalize())


RATE_PLACES = Decimal("0.1")  # rates are shown with one decimal place, as statistics offices publish them


def _cell(point: Point | None, *, rate: bool = False) -> str:
    if point is None:
        return ""
    if point.value is None or point.flag == "s":
        return FLAG_SIGNS["s"]
    text = display.format_number(point.value.quantize(RATE_PLACES), 1) if rate else _number(point.value)
    return f"{text} {FLAG_SIGNS[point.flag]}" if point.flag in ("p", "e") else text


def _line_groups(series: Series) -> dict[tuple[str, ...], list[str]]:
    """breakdown keys per set of dimensions: () the total, ("sex",), ("nationality", "sex") …"""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in series.lines:
        groups[tuple(sorted(parse_breakdown_key(key)))].append(key)
    return groups


def _sort_keys(keys: list[str], vocab: Vocabulary) -> list[str]:
    def rank(key: str) -> tuple[Any, ...]:
        parts = parse_breakdown_key(key)
        order = []
        for dimension in sorted(parts):
            codes = vocab.order.get(dimension, [])
            code = parts[dimension]
            order.append((codes.index(code) if code in codes else len(codes), code))
        return tuple(order)
    return sorted(keys, key=rank)


def _column_label(key: str, vocab: Vocabulary) -> str:
    parts = parse_breakdown_key(key)
    return ", ".join(vocab.label_of(d, parts[d]) for d in sorted(parts, key=_dimension_rank))


def _dimension_rank(dimension: str) -> tuple[int, str]:
    # sex last inside a combination ("nichtdeutsch, weiblich") and first among the tables
    return (1 if dimension == SEX else 0, dimension)


def _group_rank(dims: tuple[str, ...]) -> tuple[int, int, list[int]]:
    return (len(dims), 0 if dims == (SEX,) else 1,
            [DIMENSION_ORDER.index(d) if d in DIMENSION_ORDER else 99 for d in dims])


def _table(title: str, series: Series, keys: list[str], vocab: Vocabulary) -> Table:
    by_key = {key: {p.period: p for p in series.lines.get(key, [])} for key in keys}
    header = [_("Periode"), *(str(TOTAL_LABEL) if key == "" else _column_label(key, vocab) for key in keys)]
    rate = series.indicator.is_rate
    rows = [[period, *(_cell(by_key[key].get(period), rate=rate) for key in keys)] for period in series.periods()
            if any(period in by_key[key] for key in keys)]
    return Table(title, header, rows)


def _dimension_title(dims: tuple[str, ...]) -> str:
    labels = dict(Dimension.choices)
    names = [str(labels.get(d, d)) for d in sorted(dims, key=_dimension_rank)]
    return _("nach %(dimensions)s") % {"dimensions": _(" und ").join(names)}


def value_tables(series: Series, vocab: Vocabulary) -> list[Table]:
    """The total with the values by sex first (the gender monitoring), then one table per other breakdown
    (each with the total beside it); only breakdowns with data."""
    groups = _line_groups(series)
    has_total = () in groups
    tables = []
    first_keys = ([""] if has_total else []) + _sort_keys(groups.get((SEX,), []), vocab)
    if first_keys:
        title = _("insgesamt und nach Geschlecht") if (SEX,) in groups else _("insgesamt")
        tables.append(_table(title, series, first_keys, vocab))
    for dims in sorted((d for d in groups if d not in ((), (SEX,))), key=_group_rank):
        keys = ([""] if has_total else []) + _sort_keys(groups[dims], vocab)
        tables.append(_table(_dimension_title(dims), series, keys, vocab))
    return tables


def _latest(points: list[Point], *, rate: bool) -> str:
    with_value = [p for p in points if p.value is not None]
    if not with_value:
        return display.EMPTY
    point = with_value[-1]
    return f"{_cell(point, rate=rate)} ({point.period})"


def _progress_text(indicator: Indicator, progress: Progress) -> str:
    if progress.status == Status.NO_DATA:
        if indicator.baseline_value is None or indicator.target_value is None \
                or indicator.direction == Direction.NONE:
            return _("Ohne Ausgangswert, Zielwert und gewünschte Richtung wird keine Zielerreichung berechnet.")
        return _("Es gibt noch keinen Wert nach dem Ausgangsjahr.")
    assert progress.latest is not None and progress.achieved is not None and progress.expected is not None
    return _("Zuletzt %(value)s (%(period)s). Vom Weg zwischen Ausgangswert und Zielwert sind %(achieved)s %% "
             "geschafft; nach der verstrichenen Zeit wären %(expected)s %% zu erwarten.") % {
        "value": _cell(progress.latest, rate=indicator.is_rate), "period": progress.latest.period,
        "achieved": display.format_number(round(Decimal(progress.achieved) * 100)),
        "expected": display.format_number(round(Decimal(progress.expected) * 100)),
    }


def _unit(indicator: Indicator) -> str:
    return indicator.unit_label or str(indicator.get_unit_display())


def _facts(indicator: Indicator, points: list[Point], progress_label: str) -> list[Line]:
    labels = {d: str(label) for d, label in Dimension.choices}
    facts = [Line(_("Kennung"), indicator.key), Line(_("Art"), str(indicator.get_kind_display())),
             Line(_("Einheit"), _unit(indicator))]
    if indicator.is_rate:
        numerator, denominator = indicator.numerator, indicator.denominator
        assert numerator is not None and denominator is not None
        facts.append(Line(_("Berechnung"), f"{numerator.name} / {denominator.name} × "
                                           f"{RATE_FACTOR[indicator.unit]}"))  # type: ignore[index]
    if indicator.dimensions:
        facts.append(Line(_("Aufgliederungen"), ", ".join(labels.get(d, d) for d in indicator.dimensions)))
    parts = [indicator.numerator, indicator.denominator] if indicator.is_rate else []
    sources = list(dict.fromkeys(s for s in [indicator.source, *(part.source for part in parts if part),
                                             *(p.source for p in points)] if s))
    facts.append(Line(_("Datenquelle"), "; ".join(sources) or display.EMPTY))
    vintages = list(dict.fromkeys(p.vintage for p in points if p.vintage))
    facts.append(Line(_("Stand der Daten"), "; ".join(vintages) or display.EMPTY))
    facts.append(Line(_("Aktualisierung"), str(indicator.get_frequency_display())))
    if indicator.method_notes:
        facts.append(Line(_("Methodische Hinweise"), indicator.method_notes))
    if indicator.baseline_value is not None:
        facts.append(Line(_("Ausgangswert"), f"{_number(indicator.baseline_value)} ({indicator.baseline_period})"))
    if indicator.target_value is not None:
        facts.append(Line(_("Zielwert"), f"{_number(indicator.target_value)} ({indicator.target_period})"))
    if indicator.direction != Direction.NONE:
        facts.append(Line(_("gewünschte Richtung"), str(indicator.get_direction_display())))
    facts.append(Line(_("Zielerreichung"), progress_label))
    return facts


def _warning_text(batch: ImportBatch, warning: dict[str, Any]) -> str:
    where = []
    if warning.get("line"):
        where.append(_("Zeile %(line)s") % {"line": warning["line"]})
    if warning.get("column"):
        where.append(_("Spalte %(column)s") % {"column": warning["column"]})
    place = f" ({', '.join(where)})" if where else ""
    return _("Akzeptierte Warnung in „%(batch)s“%(place)s: %(message)s") % {
        "batch": batch.label, "place": place, "message": warning.get("message", "")}


def report_indicators(*, published_only: bool, field_id: int | None = None) -> QuerySet[Indicator]:
    """The indicators of the report in their order, with rate parts and fields of action (two queries)."""
    qs = Indicator.objects.select_related("numerator", "denominator").prefetch_related(
        Prefetch("fields", queryset=FieldOfAction.objects.select_related("edition").order_by(
            "-edition_id", "position", "pk")))
    if published_only:
        qs = qs.filter(is_published=True)
    if field_id is not None:
        qs = qs.filter(fields__pk=field_id).distinct()
    return qs.order_by("position", "name", "pk")


def report_content(municipality: Municipality, *, published_only: bool = False, field_id: int | None = None,
                   today: dt.date | None = None) -> MonitoringReport:
    """The monitoring report of the current municipality in the active language. Six queries."""
    indicators = list(report_indicators(published_only=published_only, field_id=field_id))
    values = values_of(indicators)
    vocab = vocabulary()
    ids = [i.pk for i in indicators]
    breaks: dict[int, list[SeriesBreak]] = defaultdict(list)
    for series_break in SeriesBreak.objects.filter(indicator_id__in=ids).order_by("period"):
        breaks[series_break.indicator_id].append(series_break)
    source_ids: dict[int, list[int]] = {
        i.pk: [p for p in (i.numerator_id, i.denominator_id) if p is not None] if i.is_rate else [i.pk]
        for i in indicators}
    warnings: dict[int, list[str]] = defaultdict(list)
    for batch in (ImportBatch.objects.filter(indicator_id__in={s for ss in source_ids.values() for s in ss})
                  .exclude(accepted_warnings=[]).order_by("created_at", "pk")):
        for warning in batch.accepted_warnings:
            warnings[batch.indicator_id].append(_warning_text(batch, warning))
    notes_for_flags = flag_notes()
    sections: dict[int | None, Section] = {}
    for indicator in indicators:
        fields = list(indicator.fields.all())
        chosen = next((f for f in fields if f.pk == field_id), fields[0] if fields else None)
        section = sections.setdefault(chosen.pk if chosen else None,
                                      Section(chosen.title if chosen else _("Ohne Handlungsfeld")))
        series = Series(indicator=indicator, lines=values.get(indicator.pk, {}))
        by_sex = any(tuple(parse_breakdown_key(k)) == (SEX,) for k in series.lines)
        spec = indicator_spec(series, dimension=SEX if by_sex else None, vocabulary=vocab,
                              breaks=breaks.get(indicator.pk, []), title=indicator.name)
        progress = progress_of(indicator, series.total)
        progress_label = str(progress.status.label)
        points = [p for line in series.lines.values() for p in line]
        flags_used = sorted({("s" if p.value is None else p.flag) for p in points} - {""})
        notes = [notes_for_flags[f] for f in flags_used if f in notes_for_flags]
        notes += [_("Zeitreihenbruch ab %(period)s: %(note)s") % {"period": b.period, "note": b.note}
                  for b in breaks.get(indicator.pk, [])]
        for source_id in source_ids[indicator.pk]:
            notes += warnings.get(source_id, [])
        female = series.lines.get(f"{SEX}=female", [])
        male = series.lines.get(f"{SEX}=male", [])
        tables = value_tables(series, vocab)
        section.entries.append(Entry(
            key=indicator.key, name=indicator.name, definition=indicator.definition,
            facts=_facts(indicator, points, progress_label), spec=spec,
            chart_description=_chart_description(indicator, series, by_sex, vocab),
            tables=tables, by_sex=by_sex,
            gender_note="" if by_sex or not points else _(
                "Für diesen Indikator liegen keine Werte nach Geschlecht vor."),
            progress=progress, progress_label=progress_label, progress_text=_progress_text(indicator, progress),
            notes=notes, latest=_latest(series.total, rate=indicator.is_rate),
            latest_female=_latest(female, rate=indicator.is_rate) if by_sex else display.EMPTY,
            latest_male=_latest(male, rate=indicator.is_rate) if by_sex else display.EMPTY,
            field_title=section.title,
        ))
    ordered = sorted(sections.items(), key=lambda item: (item[0] is None, _field_rank(indicators, item[0])))
    day = today or timezone.localdate()
    scope = _("veröffentlichte Indikatoren") if published_only else _("alle Indikatoren")
    title = _("Integrations- und Gendermonitoring %(municipality)s") % {"municipality": municipality.name}
    cover = [Line(_("Kommune"), municipality.name), Line(_("Umfang"), scope),
             Line(_("Stand"), display.format_date(day))]
    if field_id is not None and ordered:
        cover.insert(2, Line(_("Handlungsfeld"), ordered[0][1].title))
    return MonitoringReport(
        language=get_language() or "de", title=title, municipality=municipality.name, scope_label=scope,
        cover=cover, sections=[section for _pk, section in ordered], method=method_texts(),
        file_stem=slugify(f"monitoringbericht-{municipality.slug}-{day.isoformat()}"),
    )


def _field_rank(indicators: list[Indicator], field_pk: int | None) -> tuple[int, int, int]:
    for indicator in indicators:
        for f in indicator.fields.all():
            if f.pk == field_pk:
                return (-f.edition_id, f.position, f.pk)
    return (0, 0, 0)


def _chart_description(indicator: Indicator, series: Series, by_sex: bool, vocab: Vocabulary) -> str:
    """The chart in words: its alternative text (the numbers themselves are in the table next to it)."""
    periods = series.periods()
    if not periods:
        return _("Liniendiagramm %(name)s: noch keine Werte.") % {"name": indicator.name}
    lines = _("insgesamt und nach Geschlecht") if by_sex else _("insgesamt")
    text = _("Liniendiagramm %(name)s (%(unit)s), %(lines)s, %(first)s bis %(last)s.") % {
        "name": indicator.name, "unit": _unit(indicator), "lines": lines, "first": periods[0], "last": periods[-1]}
    if indicator.target_value is not None:
        text += " " + _("Ziellinie bei %(target)s (%(period)s).") % {
            "target": _number(indicator.target_value), "period": indicator.target_period}
    return text + " " + _("Die Werte stehen in der Tabelle.")


def method_texts() -> list[str]:
    return [
        _("Jeder Indikator steht unter seinem Handlungsfeld, mit Definition, Diagramm, den Werten als Tabelle, "
          "Quelle und Stand der Daten. Wo die Daten nach Geschlecht aufgegliedert sind, zeigen Diagramm und "
          "Tabelle die Werte für Frauen und Männer neben dem Gesamtwert (Gendermonitoring); weitere "
          "Aufgliederungen folgen in eigenen Tabellen."),
        _("Quoten (Prozent, je 1.000) werden aus den gespeicherten Anzahlen von Zähler und Nenner berechnet, nie "
          "eingegeben."),
        _("Zielerreichung: Mit Ausgangswert B, Zielwert Z und dem letzten Wert W ist der geschaffte Anteil "
          "a = (W − B) / (Z − B), der erwartete Anteil e die verstrichene Zeit zwischen Ausgangs- und Zieljahr. "
          "„Ziel erreicht“, wenn W den Zielwert in der gewünschten Richtung erreicht; „auf Kurs“, wenn a ≥ e; "
          "„etwas Fortschritt“, wenn 0 < a < e; „nicht auf Kurs“, wenn a ≤ 0; „keine Daten“ ohne Ausgangswert, "
          "Zielwert, Richtung oder Wert nach dem Ausgangsjahr."),
        _("Zeichen in den Tabellen: p = vorläufig, e = geschätzt, . = geheim oder nicht ausreichend sicher. "
          "Zeitreihenbrüche (etwa durch einen Zensus) und beim Laden akzeptierte Warnungen stehen beim "
          "Indikator."),
    ]


__all__ = ["Entry", "Line", "MonitoringReport", "Section", "Table", "report_content"]
