"""The monitoring in the REST API: published indicators for everyone, all of them for the roles that see the
monitoring; values (rates computed) with filters; a delivery of values for the roles that load data.

GET  /api/v1/{municipality}/indicators                        indicators with latest total and progress status
GET  /api/v1/{municipality}/indicators/{key}                  one indicator, with series breaks
GET  /api/v1/{municipality}/indicators/{key}/observations     its values: ?breakdown=&area=&period_from=&period_to=
POST /api/v1/{municipality}/indicators/{key}/observations     write tidy rows, all or nothing (LOAD_DATA)

Reading needs no login: anonymous visitors and non-members see published indicators only (an unpublished one
is a 404 for them); members with VIEW_MONITORING see all. Writing goes through
teilhabe.monitoring.services.write_observations; parts that do not add up to their total are warnings, which
stop the delivery (422 naming them) unless `accept_warnings` is true — then they are kept with the data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from teilhabe.api.auth import MemberSessionAuth, actor_of, require
from teilhabe.api.monitoring.schemas import (
    DeliveryOut,
    IndicatorDetailOut,
    IndicatorKeyPath,
    IndicatorOut,
    ObservationOut,
    ObservationsIn,
    ObservationsQuery,
    PeriodValueOut,
    PointOut,
    RateOut,
    SeriesBreakOut,
    WarningOut,
)
from teilhabe.api.schemas import ERRORS_WRITE, Slug, errors
from teilhabe.monitoring import selectors, services
from teilhabe.monitoring.categories import Vocabulary, breakdown_key, vocabulary
from teilhabe.monitoring.exchange import tidy_rows
from teilhabe.monitoring.models import Dimension, ImportBatch, Indicator, Observation
from teilhabe.monitoring.periods import PeriodError, parse_period
from teilhabe.monitoring.permissions import LOAD_DATA, VIEW_MONITORING
from teilhabe.monitoring.progress import progress_of
from teilhabe.monitoring.series import Point, values_of
from teilhabe.monitoring.services import DataWarning, ObservationRow

router = Router(tags=["Monitoring"])

ERRORS_PUBLIC_READ = errors(404, 422)
PLACES = Decimal("0.0001")
ERRORS_LOAD = ERRORS_WRITE  # as every change of the API (a delivery claims no version, so no 409 in practice)


# --- reading --------------------------------------------------------------------------------------------------


def _visible(request: HttpRequest) -> QuerySet[Indicator]:
    """All indicators for a member who sees the monitoring, the published ones for everyone else."""
    qs = selectors.indicators().prefetch_related("fields")
    return qs if actor_of(request).can(VIEW_MONITORING) else qs.filter(is_published=True)


def _indicator(request: HttpRequest, key: str) -> Indicator:
    indicator = _visible(request).filter(key=key).first()
    if indicator is None:
        raise Http404
    return indicator


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _period_value(value: Decimal | None, period: str) -> PeriodValueOut | None:
    return None if value is None else PeriodValueOut(value=float(value), period=period)


def _fields(indicator: Indicator, total: list[Point]) -> dict[str, Any]:
    progress = progress_of(indicator, total)
    latest = next((p for p in reversed(total) if p.value is not None), None)
    return {
        "key": indicator.key, "name": indicator.name, "definition": indicator.definition,
        "unit": indicator.unit, "unit_label": indicator.unit_label, "kind": indicator.kind,
        "source": indicator.source, "frequency": indicator.frequency, "method_notes": indicator.method_notes,
        "dimensions": list(indicator.dimensions or []),
        "computed_from": RateOut(numerator=indicator.numerator.key,  # type: ignore[union-attr]
                                 denominator=indicator.denominator.key)  # type: ignore[union-attr]
        if indicator.is_rate else None,
        "direction": indicator.direction,
        "baseline": _period_value(indicator.baseline_value, indicator.baseline_period),
        "target": _period_value(indicator.target_value, indicator.target_period),
        "is_published": indicator.is_published,
        "latest": PointOut(period=latest.period, value=_number(latest.value), flag=cast(Any, latest.flag))
        if latest else None,
        "status": str(progress.status), "status_label": str(progress.status.label), "version": indicator.version,
    }


@router.get("/{slug:municipality}/indicators", response={200: list[IndicatorOut], **ERRORS_PUBLIC_READ},
            operation_id="indicators_list", summary="Indikatoren / indicators")
def indicators_list(request: HttpRequest, municipality: Slug) -> list[IndicatorOut]:
    """Die Indikatoren der Kommune mit neuestem Gesamtwert und Stand der Zielerreichung. Ohne Anmeldung die
    veröffentlichten; Rollen, die das Monitoring sehen, alle. Feste Zahl von Datenbankabfragen.

    The municipality's indicators with their latest total and progress status: the published ones for
    everyone, all of them for roles that see the monitoring."""
    indicators = list(_visible(request))
    totals = values_of(indicators, breakdown_keys=[""])
    return [IndicatorOut(**_fields(i, totals.get(i.pk, {}).get("", []))) for i in indicators]


@router.get("/{slug:municipality}/indicators/{key}", response={200: IndicatorDetailOut, **ERRORS_PUBLIC_READ},
            operation_id="indicator_get", summary="Ein Indikator / one indicator")
def indicator_get(request: HttpRequest, municipality: Slug, key: IndicatorKeyPath) -> IndicatorDetailOut:
    """Ein Indikator mit Zeitreihenbrüchen und Handlungsfeldern. Ein nicht veröffentlichter ist ohne passende
    Rolle nicht vorhanden (404).

    One indicator with its series breaks and fields of action; an unpublished one is a 404 without a role
    that sees the monitoring."""
    indicator = _indicator(request, key)
    total = values_of([indicator], breakdown_keys=[""])[indicator.pk].get("", [])
    return IndicatorDetailOut(
        **_fields(indicator, total),
        series_breaks=[SeriesBreakOut(period=b.period, note=b.note) for b in selectors.series_breaks(indicator)],
        fields_of_action=[f.title for f in sorted(indicator.fields.all(), key=lambda f: (f.position, f.pk))],
    )


def _period_bound(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return parse_period(value)[1]
    except PeriodError:
        raise ValidationError({name: [_("„%(value)s“ ist keine Periode (Jahr, Monat oder Tag, z. B. 2019, "
                                        "06/2019, 31.12.2019).") % {"value": value}]}) from None


@router.get("/{slug:municipality}/indicators/{key}/observations",
            response={200: list[ObservationOut], **ERRORS_PUBLIC_READ}, operation_id="indicator_observations",
            summary="Werte eines Indikators / values of an indicator")
def indicator_observations(request: HttpRequest, municipality: Slug, key: IndicatorKeyPath,
                           query: Query[ObservationsQuery]) -> list[ObservationOut]:
    """Die Werte eines Indikators (bei Quoten aus Zähler und Nenner berechnet), nach Periode, Gebiet und
    Aufgliederung geordnet; geheime Werte mit `value: null` und `flag: s`. Filter: `breakdown` (all, total
    oder eine Aufgliederung), `area`, `period_from`, `period_to`. Feste Zahl von Datenbankabfragen je Gebiet.

    The indicator's values (computed for a rate), filtered by breakdown, area and period range."""
    indicator = _indicator(request, key)
    start = _period_bound(query.period_from, "period_from")
    end = _period_bound(query.period_to, "period_to")
    vocab = vocabulary()
    answer = []
    for row in tidy_rows(indicator, vocab=vocab):
        dims = list(row.categories)
        if query.breakdown == "total" and dims:
            continue
        if query.breakdown not in ("all", "total") and dims != [query.breakdown]:
            continue
        if query.area is not None and row.area != query.area:
            continue
        begin = parse_period(row.period)[1]
        if (start and begin < start) or (end and begin > end):
            continue
        answer.append(ObservationOut(
            period=row.period, area=row.area,
            breakdown={d: vocab.code_for(d, label) or label for d, label in row.categories.items()},
            labels=dict(row.categories), value=_number(row.value), flag=cast(Any, row.flag), source=row.source,
        ))
    return answer


# --- writing --------------------------------------------------------------------------------------------------


def _observation_rows(indicator: Indicator, payload: ObservationsIn,
                      vocab: Vocabulary) -> tuple[list[ObservationRow], list[DataWarning]]:
    """The rows as the service writes them, or a ValidationError naming each wrong row and field; and the
    warnings a statistician may accept (parts that do not add up to their total)."""
    problems: dict[str, list[str]] = defaultdict(list)
    rows: list[ObservationRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    declared = set(indicator.dimensions or [])
    for i, item in enumerate(payload.rows):
        where = f"rows.{i}"
        try:
            period, start = parse_period(item.period)
        except PeriodError:
            problems[f"{where}.period"].append(
                _("„%(value)s“ ist keine Periode (Jahr, Monat oder Tag, z. B. 2019, 06/2019, 31.12.2019).")
                % {"value": item.period[:30]})
            continue
        breakdown: dict[str, str] = {}
        for dimension, category in item.breakdown.items():
            if dimension not in Dimension.values or dimension not in declared:
                problems[f"{where}.breakdown"].append(
                    _("„%(name)s“ ist keine Aufgliederung dieses Indikators (erlaubt: %(allowed)s).")
                    % {"name": dimension[:40], "allowed": ", ".join(sorted(declared)) or "–"})
                continue
            code = vocab.code_for(dimension, category)
            if code is None:
                problems[f"{where}.breakdown"].append(
                    _("Unbekannte Kategorie „%(value)s“ für %(dimension)s.")
                    % {"value": category[:40], "dimension": Dimension(dimension).label})
                continue
            breakdown[dimension] = code
        value = None if item.value is None else Decimal(repr(item.value))
        if item.flag == Observation.Flag.SUPPRESSED:
            value = None
        elif value is None:
            problems[f"{where}.value"].append(_("Ein Wert fehlt; ohne Wert ist nur ein geheimer Wert (flag „s“) "
                                                "zulässig."))
            continue
        elif value != value.quantize(PLACES):
            problems[f"{where}.value"].append(_("Höchstens vier Nachkommastellen: %(value)s.") % {"value": item.value})
            continue
        key = (period, item.area, breakdown_key(breakdown))
        if key in seen:
            problems[where].append(_("Derselbe Wert steht schon in Zeile %(line)s.") % {"line": seen[key]})
            continue
        seen[key] = i
        rows.append(ObservationRow(period=period, period_start=start, value=value, breakdown=breakdown,
                                   area=item.area, flag=item.flag, source=item.source, vintage=item.vintage))
    if problems:
        raise ValidationError(dict(problems))
    return rows, _parts_and_totals(rows, seen, vocab)


def _parts_and_totals(rows: list[ObservationRow], lines: dict[tuple[str, str, str], int],
                      vocab: Vocabulary) -> list[DataWarning]:
    """Per period, area and dimension: the parts (one category each) should add up to the total."""
    totals = {(r.period, r.area): r for r in rows if not r.breakdown}
    parts: dict[tuple[str, str, str], list[ObservationRow]] = defaultdict(list)
    for r in rows:
        if len(r.breakdown) == 1:
            parts[(r.period, r.area, next(iter(r.breakdown)))].append(r)
    warnings = []
    for (period, area, dimension), group in sorted(parts.items()):
        total = totals.get((period, area))
        if total is None or total.value is None or len(group) < 2 or any(r.value is None for r in group):
            continue
        summed = sum((r.value for r in group if r.value is not None), Decimal(0))
        if summed != total.value:
            warnings.append(DataWarning(
                _("%(period)s: Die Werte nach %(dimension)s ergeben zusammen %(sum)s, der Gesamtwert ist %(total)s.")
                % {"period": period, "dimension": Dimension(dimension).label, "sum": f"{summed.normalize():f}",
                   "total": f"{total.value.normalize():f}"},
                line=lines[total.key], column="value"))
    return warnings


@router.post("/{slug:municipality}/indicators/{key}/observations", response={201: DeliveryOut, **ERRORS_LOAD},
             operation_id="indicator_observations_write", auth=MemberSessionAuth(),
             summary="Werte liefern / deliver values")
def indicator_observations_write(request: HttpRequest, municipality: Slug, key: IndicatorKeyPath,
                                 payload: ObservationsIn) -> Status[DeliveryOut]:
    """Werte als Tidy-Zeilen schreiben: alle oder keiner. Jede Zeile ersetzt den Wert mit derselben Periode,
    demselben Gebiet und derselben Aufgliederung. Fehler nennen Zeile und Feld (422). Ergeben die Teile nicht
    die Summe (z. B. Frauen + Männer ≠ insgesamt), wird nichts geschrieben und die Warnungen werden gemeldet
    (422, Feld `accept_warnings`), es sei denn, `accept_warnings` ist true: Dann bleiben sie bei den Daten
    sichtbar. Statistikstelle und Koordination. Quoten werden berechnet und nehmen keine Werte an (400).

    Write tidy rows, all or nothing; warnings stop the delivery unless accepted."""
    require(request, LOAD_DATA)
    indicator = _indicator(request, key)
    rows, warnings = _observation_rows(indicator, payload, vocabulary())
    if warnings and not payload.accept_warnings:
        raise ValidationError({"accept_warnings": [
            _("Die Lieferung hat Warnungen und wurde nicht geschrieben. Prüfen Sie sie und senden Sie die Werte mit "
              "„accept_warnings“: true erneut, um sie zu akzeptieren."),
            *[f"{_('Zeile')} {w.line}: {w.message}" for w in warnings],
        ]})
    batch = services.write_observations(
        actor=actor_of(request), indicator=indicator, rows=rows, origin=ImportBatch.Origin.ENTRY,
        label=payload.label, file_format="api-json", accepted_warnings=warnings)
    return Status(201, DeliveryOut(batch_id=batch.pk, written=batch.rows_written, accepted_warnings=[
        WarningOut(row=w.line, column=w.column, message=w.message) for w in warnings]))
