"""The values of an indicator as time series, one per breakdown — stored, or computed for a rate.

A rate's value for a period, area and breakdown is numerator / denominator × factor, from the stored counts
with the same key; it is missing where either count is missing or the denominator is zero, suppressed where
either count is suppressed, and provisional or estimated where either count is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from teilhabe.monitoring.models import RATE_FACTOR, Indicator, Observation

RATE_PLACES = Decimal("0.0001")
FLAG_RANK = {"": 0, "e": 1, "p": 2, "s": 3}  # the stronger flag wins when two counts combine


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal | None
    flag: str = ""
    source: str = ""
    vintage: str = ""
    batch_id: int | None = None


@dataclass
class Series:
    """All values of one indicator for one area: breakdown_key → points in period order."""

    indicator: Indicator
    area: str = ""
    lines: dict[str, list[Point]] = field(default_factory=dict)

    @property
    def total(self) -> list[Point]:
        return self.lines.get("", [])

    def periods(self) -> list[str]:
        return sorted({p.period for points in self.lines.values() for p in points})

    def latest_total(self) -> Point | None:
        with_value = [p for p in self.total if p.value is not None]
        return with_value[-1] if with_value else None


ObservationKey = tuple[int, str, str, str]  # indicator, period, area, breakdown_key
COLUMNS = ("indicator_id", "period", "period_start", "area", "breakdown_key", "value", "flag", "source",
           "vintage", "batch_id")


def stored_values(indicator_ids: Iterable[int], *, area: str | None = "",
                  breakdown_keys: Iterable[str] | None = None) -> dict[int, dict[str, list[Point]]]:
    """Stored points per indicator and breakdown_key, in period order (one query)."""
    qs = Observation.objects.filter(indicator_id__in=list(indicator_ids))
    if area is not None:
        qs = qs.filter(area=area)
    if breakdown_keys is not None:
        qs = qs.filter(breakdown_key__in=list(breakdown_keys))
    result: dict[int, dict[str, list[Point]]] = {}
    for ind, period, _start, _area, key, value, flag, source, vintage, batch in (
        qs.order_by("indicator_id", "breakdown_key", "period_start").values_list(*COLUMNS).iterator(chunk_size=5000)
    ):
        result.setdefault(ind, {}).setdefault(key, []).append(Point(period, value, flag, source, vintage, batch))
    return result


def combine(indicator: Indicator, numerator: dict[str, list[Point]],
            denominator: dict[str, list[Point]]) -> dict[str, list[Point]]:
    """A rate's points from its numerator's and denominator's points."""
    factor = Decimal(RATE_FACTOR[indicator.unit])  # type: ignore[index]
    lines: dict[str, list[Point]] = {}
    for key, num_points in numerator.items():
        by_period = {p.period: p for p in denominator.get(key, [])}
        for num in num_points:
            den = by_period.get(num.period)
            if den is None:
                continue
            flag = max(num.flag, den.flag, key=lambda f: FLAG_RANK.get(f, 0))
            if flag == "s" or num.value is None or den.value is None:
                value = None
                flag = "s"
            elif den.value == 0:
                continue
            else:
                value = (num.value / den.value * factor).quantize(RATE_PLACES)
            lines.setdefault(key, []).append(Point(num.period, value, flag, _sources(num, den), num.vintage))
    return lines


def _sources(num: Point, den: Point) -> str:
    return num.source if num.source == den.source else "; ".join(s for s in (num.source, den.source) if s)


def values_of(indicators: Iterable[Indicator], *, area: str | None = "",
              breakdown_keys: Iterable[str] | None = None) -> dict[int, dict[str, list[Point]]]:
    """Points per indicator (stored or computed) and breakdown_key; one query for all of them."""
    indicators = list(indicators)
    needed = {i.pk for i in indicators if not i.is_rate}
    for i in indicators:
        if i.is_rate:
            needed |= {i.numerator_id, i.denominator_id}  # type: ignore[arg-type]
    stored = stored_values(needed, area=area, breakdown_keys=breakdown_keys)
    result: dict[int, dict[str, list[Point]]] = {}
    for i in indicators:
        if i.is_rate:
            result[i.pk] = combine(i, stored.get(i.numerator_id, {}),  # type: ignore[arg-type]
                                   stored.get(i.denominator_id, {}))  # type: ignore[arg-type]
        else:
            result[i.pk] = stored.get(i.pk, {})
    return result


def series_of(indicator: Indicator, *, area: str = "") -> Series:
    return Series(indicator=indicator, area=area, lines=values_of([indicator], area=area)[indicator.pk])
