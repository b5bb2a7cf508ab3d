"""One chart definition per indicator, as a Vega-Lite spec: the page renders it in the browser (vega-embed),
documents render the same spec to SVG.

The spec carries its data inline: one row per point of the chosen breakdown (the total, or one line per
category of one dimension), the target as a rule with its label, and series breaks as dashed rules."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core import display
from teilhabe.monitoring.categories import Vocabulary, parse_breakdown_key
from teilhabe.monitoring.models import Indicator, SeriesBreak
from teilhabe.monitoring.series import Series

# The Vega-Lite major version of the npm package the page uses (package.json) and of the library
# vl-convert-python renders documents with (VEGA_LITE_VERSION): the same spec, the same drawing.
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VEGA_LITE_VERSION = "6.4"
TOTAL_LABEL = gettext_lazy("insgesamt")  # the total's line and column, in the reader's language


def lines_for(series: Series, dimension: str | None) -> dict[str, str]:
    """breakdown_key → line label: the total alone, or one line per category of `dimension` (other
    dimensions at their total), the total included for comparison."""
    chosen = {"": str(TOTAL_LABEL)}
    if dimension:
        for key in series.lines:
            parts = parse_breakdown_key(key)
            if list(parts) == [dimension]:
                chosen[key] = parts[dimension]
    return chosen


def indicator_spec(series: Series, *, dimension: str | None, vocabulary: Vocabulary,
                   breaks: list[SeriesBreak], title: str = "", width: int | str = "container",
                   height: int = 260) -> dict[str, Any]:
    indicator: Indicator = series.indicator
    total = str(TOTAL_LABEL)
    lines = lines_for(series, dimension)
    rows = []
    for key, code in lines.items():
        label = total if key == "" else vocabulary.label_of(dimension or "", code)
        for point in series.lines.get(key, []):
            if point.value is not None:
                rows.append({"period": point.period, "value": float(point.value), "line": label,
                             "flag": point.flag})
    unit = indicator.unit_label or indicator.get_unit_display()
    drawn = {row["line"] for row in rows}
    domain = [label for label in (total, *(vocabulary.label_of(dimension or "", c) for k, c in lines.items()
                                                 if k)) if label in drawn] or [total]
    layers: list[dict[str, Any]] = [{
        "mark": {"type": "line", "point": True},
        "encoding": {
            # At phone width not every year fits: the axis leaves labels out rather than overlap them.
            "x": {"field": "period", "type": "ordinal", "title": None,
                  "axis": {"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 6}},
            "y": {"field": "value", "type": "quantitative", "title": unit},
            # Colour and dash together tell the lines apart (also without colour vision). Both take the lines'
            # order as their scale's domain, so that every Vega-Lite 6 (the page's and vl-convert's) merges
            # them into one legend (with `sort`, or `legend: null` on one, some versions draw two or none).
            "color": {"field": "line", "type": "nominal", "title": None, "scale": {"domain": domain}},
            "strokeDash": {"field": "line", "type": "nominal", "title": None, "scale": {"domain": domain}},
            "tooltip": [{"field": "period", "title": _("Periode")}, {"field": "line", "title": _("Reihe")},
                        {"field": "value", "title": unit, "format": ",.4~f"}],
        },
    }]
    if indicator.target_value is not None:
        layers.append({
            "data": {"values": [{"target": float(indicator.target_value),
                                 "label": _("Ziel %(period)s: %(value)s") % {
                                     "period": indicator.target_period,
                                     "value": display.format_number(indicator.target_value.normalize())}}]},
            "layer": [
                {"mark": {"type": "rule", "color": "#b3261e", "strokeDash": [6, 3]},
                 "encoding": {"y": {"field": "target", "type": "quantitative"}}},
                {"mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "color": "#b3261e"},
                 "encoding": {"y": {"field": "target", "type": "quantitative"}, "text": {"field": "label"},
                              "x": {"value": 0}}},
            ],
        })
    periods = {row["period"] for row in rows}
    shown_breaks = [b for b in breaks if b.period in periods]
    if shown_breaks:
        layers.append({
            "data": {"values": [{"period": b.period, "note": b.note} for b in shown_breaks]},
            "layer": [
                {"mark": {"type": "rule", "color": "#444", "strokeDash": [2, 2]},
                 "encoding": {"x": {"field": "period", "type": "ordinal"}}},
                {"mark": {"type": "text", "align": "left", "dx": 3, "y": 8, "color": "#444"},
                 "encoding": {"x": {"field": "period", "type": "ordinal"}, "text": {"value": _("Bruch")},
                              "tooltip": {"field": "note"}}},
            ],
        })
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": title or indicator.name,
        "description": _("Zeitreihe %(name)s (%(unit)s)") % {"name": indicator.name, "unit": unit},
        "width": width, "height": height,
        "data": {"values": rows},
        "layer": layers,
        # The legend below the plot: a chart as wide as its container (page) or the text (print) keeps it.
        "config": {"font": "Fira Sans, sans-serif", "axis": {"labelFontSize": 12, "titleFontSize": 12},
                   "legend": {"orient": "bottom", "labelFontSize": 12, "symbolType": "stroke",
                              "symbolStrokeWidth": 2}},
    }
