"""Achieved values of a reporting round → observations of the monitoring (issue 9, item 8).

Offices type the achieved values of a measure's success indicators as free text ("1.234", "12,5 %",
"rund 300"). When a round closes, the reporting services hand the values of its accepted reports for the
monitoring indicators linked to each measure to record_round_values, the one way they enter the monitoring:
numbers as Germans write them become one observation (the whole municipality, no breakdown) in a batch of
origin "Berichtsrunde" labelled with the round's title; everything else is returned as not written, with the
reason, so the close result and the audit trail can name it. The reporting app calls this module, never the
other way round (monitoring sits below reporting)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from teilhabe.core.roles import Actor
from teilhabe.monitoring.models import ImportBatch, Indicator, Observation
from teilhabe.monitoring.periods import parse_period
from teilhabe.monitoring.services import ObservationRow, write_observations

# "1.234", "1.234.567,5", "12,5", "-3", "1 234" (space, NBSP or narrow NBSP as thousands separator)
_GERMAN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,\d+)?")


def parse_german_number(text: str) -> Decimal | None:
    """The number in `text` as Germans write it ("1.234" is one thousand two hundred and thirty-four,
    "12,5" twelve and a half; a trailing "%" is allowed), or None when the text is not just a number."""
    raw = str(text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    raw = raw.removesuffix("%").strip()
    if not _GERMAN_NUMBER.fullmatch(raw):
        return None
    plain = re.sub(r"[.\s]", "", raw).replace(",", ".")
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


@dataclass(frozen=True)
class ReportedValue:
    """One achieved value as an office reported it, and where (the measure's reference and title)."""

    value: str
    measure: str = ""


@dataclass(frozen=True)
class NotRecorded:
    """A reported value that did not become an observation, and why (in German, for the person)."""

    indicator: str
    value: str
    measure: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"indicator": self.indicator, "value": self.value, "measure": self.measure, "reason": self.reason}


@dataclass(frozen=True)
class RoundValuesResult:
    batch: ImportBatch | None  # None when nothing was written (or the same value was already there)
    written: Decimal | None
    not_recorded: tuple[NotRecorded, ...] = ()


def round_period(period_end: dt.date) -> str:
    """The period a round's values belong to: the year its reporting period ends in."""
    return f"{period_end.year:04d}"


def record_round_values(*, actor: Actor, indicator: Indicator, values: Sequence[ReportedValue], period: str,
                        label: str) -> RoundValuesResult:
    """Write the achieved value of `indicator` reported in a round (`label`: its title) for `period`.

    Values that are not numbers, a rate (computed, it takes no observations) and reports that contradict each
    other are not written and come back in `not_recorded`. Writing the same round again does not add a
    second value: the observation of the period is replaced, and an unchanged value is not written at all."""
    if not values:
        return RoundValuesResult(batch=None, written=None)
    if indicator.is_rate:
        reason = _("„%(name)s“ ist eine berechnete Quote; sie wird aus Zähler und Nenner berechnet und nimmt "
                   "keine erreichten Werte auf.") % {"name": indicator.name}
        return RoundValuesResult(batch=None, written=None, not_recorded=tuple(
            NotRecorded(indicator.name, v.value, v.measure, reason) for v in values))
    numbers: list[tuple[ReportedValue, Decimal]] = []
    skipped: list[NotRecorded] = []
    for item in values:
        number = parse_german_number(item.value)
        if number is None:
            skipped.append(NotRecorded(indicator.name, item.value, item.measure,
                                       _("„%(value)s“ ist keine Zahl; der Wert bleibt nur im Bericht.")
                                       % {"value": item.value}))
        else:
            numbers.append((item, number))
    distinct = {number for _item, number in numbers}
    if len(distinct) > 1:
        reason = _("Mehrere Berichte nennen verschiedene Werte für „%(name)s“; keiner wurde übernommen.") % {
            "name": indicator.name}
        skipped += [NotRecorded(indicator.name, item.value, item.measure, reason) for item, _n in numbers]
        return RoundValuesResult(batch=None, written=None, not_recorded=tuple(skipped))
    if not distinct:
        return RoundValuesResult(batch=None, written=None, not_recorded=tuple(skipped))
    number = distinct.pop()
    canonical, start = parse_period(period)
    already = Observation.objects.filter(
        indicator=indicator, period=canonical, area="", breakdown_key="", value=number,
        batch__origin=ImportBatch.Origin.ROUND, batch__label=label[:300],
    ).exists()
    if already:
        return RoundValuesResult(batch=None, written=number, not_recorded=tuple(skipped))
    batch = write_observations(
        actor=actor, indicator=indicator, origin=ImportBatch.Origin.ROUND, label=label,
        rows=[ObservationRow(period=canonical, period_start=start, value=number, source=label[:300])],
    )
    return RoundValuesResult(batch=batch, written=number, not_recorded=tuple(skipped))
