"""The published monitoring on the municipality's public pages: the list of published indicators grouped by
field of action (latest value, progress status), and one indicator's page (chart, breakdown selector as a GET
form, the same numbers as a table, source, target, series breaks, downloads). An unpublished indicator does
not exist here (404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from teilhabe.core.tenancy import TenantRequest
from teilhabe.monitoring import charts, opendata, selectors
from teilhabe.monitoring.categories import parse_breakdown_key, vocabulary
from teilhabe.monitoring.models import Dimension, Indicator, Observation
from teilhabe.monitoring.progress import Status, progress_of
from teilhabe.monitoring.series import Point, series_of

BREAKDOWN_PARAM = "aufgliederung"
# KERN badge of each progress status.
STATUS_BADGE = {
    Status.REACHED: "success", Status.ON_TRACK: "info", Status.SOME_PROGRESS: "warning",
    Status.OFF_TRACK: "danger", Status.NO_DATA: "",
}


# A computed rate is shown with one decimal, as statistics offices publish rates; downloads keep four.
RATE_PLACES = 1


def format_number(value: Decimal | None, max_places: int = 4) -> str:
    """A value in the page's number format, with as many decimals as it has (at most `max_places`)."""
    if value is None:
        return ""
    normal = value.quantize(Decimal(1).scaleb(-max_places)).normalize() if max_places < 4 else value.normalize()
    places = max(0, -normal.as_tuple().exponent)  # type: ignore[operator]
    return number_format(normal, decimal_pos=min(places, max_places), use_l10n=True, force_grouping=True)


def places_for(indicator: Indicator) -> int:
    return RATE_PLACES if indicator.is_rate else 4


def published_or_404(key: str) -> Indicator:
    try:
        return opendata.published_indicator(key)
    except Indicator.DoesNotExist:
        raise Http404 from None


@dataclass
class Group:
    title: str
    entries: list[dict[str, Any]] = field(default_factory=list)


def indicator_list(request: TenantRequest) -> HttpResponse:
    """Four queries whatever the number of indicators and values (indicators, their fields, the latest
    totals; the municipality's language settings)."""
    groups: dict[Any, Group] = {}
    other = Group(_("Weitere Indikatoren"))
    for item in opendata.published_overview():
        indicator = item.indicator
        entry = {
            "indicator": indicator, "latest": item.latest, "latest_value": format_number(
                item.latest.value if item.latest else None, places_for(indicator)),
            "unit": indicator.unit_label or indicator.get_unit_display(),
            "status": item.progress.status, "status_label": item.progress.status.label,
            "badge": STATUS_BADGE[item.progress.status],
        }
        fields = sorted(indicator.fields.all(), key=lambda f: (f.position, f.pk))
        for field_of_action in fields:
            key = (field_of_action.position, field_of_action.title)
            groups.setdefault(key, Group(field_of_action.title)).entries.append(entry)
        if not fields:
            other.entries.append(entry)
    ordered = [groups[k] for k in sorted(groups)]
    if other.entries:
        ordered.append(other)
    return render(request, "portal/monitoring/indicator_list.html", {
        "municipality": request.municipality, "groups": ordered,
        "count": sum(len(g.entries) for g in ordered),
    })


def breakdown_choices(lines: dict[str, list[Point]], indicator: Indicator) -> list[tuple[str, str]]:
    """The dimensions the indicator has values for, one at a time (others at their total)."""
    present = {next(iter(parts)) for parts in map(parse_breakdown_key, lines) if len(parts) == 1}
    order = [d for d in indicator.dimensions or [] if d in present] + sorted(present - set(indicator.dimensions or []))
    return [(d, str(Dimension(d).label) if d in Dimension.values else d) for d in order]


def indicator_page(request: TenantRequest, key: str) -> HttpResponse:
    """Five queries whatever the number of values (indicator with its fields, values, categories, series
    breaks; the municipality's language settings)."""
    indicator = published_or_404(key)
    vocab = vocabulary()
    series = series_of(indicator)
    breaks = list(selectors.series_breaks(indicator))
    choices = breakdown_choices(series.lines, indicator)
    chosen = request.GET.get(BREAKDOWN_PARAM, "")
    error = ""
    if chosen and chosen not in dict(choices):
        error = _("Nach „%(value)s“ ist dieser Indikator nicht aufgegliedert. Gezeigt wird der Gesamtwert.") % {
            "value": chosen[:40]}
        chosen = ""
    spec = charts.indicator_spec(series, dimension=chosen or None, vocabulary=vocab, breaks=breaks)
    lines = charts.lines_for(series, chosen or None)
    order = vocab.order.get(chosen, [])
    ranked = sorted(lines.items(), key=lambda kc: (kc[0] != "", order.index(kc[1]) if kc[1] in order else len(order),
                                                   kc[1]))
    columns = [(k, _("insgesamt") if k == "" else vocab.label_of(chosen, code)) for k, code in ranked]
    by_key = {k: {p.period: p for p in series.lines.get(k, [])} for k, _label in columns}
    break_periods = {b.period: b.note for b in breaks}
    places = places_for(indicator)
    rows = []
    flags_used: set[str] = set()
    for period in series.periods():
        cells = []
        for k, _label in columns:
            point = by_key[k].get(period)
            if point is not None and point.flag:
                flags_used.add(point.flag)
            cells.append({"value": format_number(point.value, places) if point else "",
                          "flag": point.flag if point else "", "missing": point is None,
                          "suppressed": point is not None and point.value is None})
        if any(not c["missing"] for c in cells):
            rows.append({"period": period, "cells": cells, "break": break_periods.get(period, "")})
    progress = progress_of(indicator, series.total)
    latest = series.latest_total()
    sources = sorted({p.source for points in series.lines.values() for p in points if p.source})
    return render(request, "portal/monitoring/indicator.html", {
        "municipality": request.municipality, "indicator": indicator, "spec": spec,
        "chart_id": f"chart-{indicator.key}",
        "choices": choices, "chosen": chosen, "error": error, "param": BREAKDOWN_PARAM,
        "columns": [label for _k, label in columns], "rows": rows,
        "flags": [(f, Observation.Flag(f).label) for f in ("p", "e", "s") if f in flags_used],
        "unit": indicator.unit_label or indicator.get_unit_display(),
        "baseline": format_number(indicator.baseline_value), "target": format_number(indicator.target_value),
        "progress": progress, "badge": STATUS_BADGE[progress.status],
        "latest": latest, "latest_value": format_number(latest.value, places) if latest else "",
        "breaks": breaks, "sources": sources,
        "fields": sorted(indicator.fields.all(), key=lambda f: (f.position, f.pk)),
        "license_name": settings.TEILHABE_OPEN_DATA_LICENSE_NAME,
    })
