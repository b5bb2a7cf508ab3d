"""Stacked bar charts as SVG, drawn here (no chart library, no script): the report's status per field of
action (in the PDF) and the counts of a plan's rounds (on the comparison page, inline). The SVG names itself
(role="img", <title>, <desc>) and carries no style attribute; every number is also given as a table next to
it. Colours: the Okabe–Ito palette, distinguishable with colour-blindness, and a legend in words."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

COLOURS = {
    "planned": "#B9B9B9",
    "in_progress": "#E69F00",
    "completed": "#009E73",
    "routine": "#0072B2",
    "discontinued": "#CC79A7",
    "not_accepted": "#FFFFFF",
}
FALLBACK = "#56B4E9"
WIDTH = 680
LABEL_WIDTH = 250
BAR_HEIGHT = 18
ROW_GAP = 10
FONT = "Noto Sans, Arial, sans-serif"
MAX_LABEL = 33  # at 12 px, even wide words stay inside LABEL_WIDTH


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def stacked_bars(*, title: str, description: str, series: Sequence[tuple[str, str]],
                 rows: Sequence[tuple[str, Sequence[int]]], svg_id: str = "chart") -> str:
    """One horizontal bar per row, split into the series' segments, scaled to the largest row; the total at
    the end of each bar; a legend below."""
    largest = max((sum(counts) for _label, counts in rows), default=0) or 1
    bar_area = WIDTH - LABEL_WIDTH - 50
    top = 10
    height = top + len(rows) * (BAR_HEIGHT + ROW_GAP)
    legend_top = height + 6
    legend_rows = (len(series) + 1) // 2
    total_height = legend_top + legend_rows * 20 + 6
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_height}" width="{WIDTH}" '
        f'height="{total_height}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'font-family={quoteattr(FONT)} font-size="12">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{total_height}" fill="#FFFFFF"/>',
    ]
    for index, (label, counts) in enumerate(rows):
        y = top + index * (BAR_HEIGHT + ROW_GAP)
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" fill="#1B1B1B">'
                   f'{escape(_short(label))}</text>')
        x = float(LABEL_WIDTH)
        for (key, _name), count in zip(series, counts, strict=True):
            if not count:
                continue
            width = bar_area * count / largest
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                       f'fill="{COLOURS.get(key, FALLBACK)}" stroke="#3A3A3A" stroke-width="0.6"/>')
            x += width
        out.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT - 5}" fill="#1B1B1B">{sum(counts)}</text>')
    for index, (key, name) in enumerate(series):
        column, line = index % 2, index // 2
        x, y = 10 + column * (WIDTH - 20) / 2, legend_top + line * 20
        out.append(f'<rect x="{x:.1f}" y="{y}" width="14" height="14" fill="{COLOURS.get(key, FALLBACK)}" '
                   f'stroke="#3A3A3A" stroke-width="0.6"/>')
        out.append(f'<text x="{x + 20:.1f}" y="{y + 11}" fill="#1B1B1B">{escape(_short(name, 48))}</text>')
    out.append("</svg>")
    return "".join(out)
