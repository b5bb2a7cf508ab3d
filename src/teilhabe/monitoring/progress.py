"""Progress of an indicator against its target, by one documented method (docs/monitoring-progress.md).

With baseline B (in period b), target T (in period t), desired direction and the latest total value V (in
period p, after b):

- achieved share  a = (V − B) / (T − B)  — how much of the way from baseline to target is done;
- expected share  e = (p − b) / (t − b)  — how much of the time from baseline to target has passed
  (periods as fractional years; at most 1).

Status: **target reached** if V is at or beyond T in the desired direction; **on track** if a ≥ e;
**some progress** if 0 < a < e; **off track** if a ≤ 0 (no movement or the wrong way); **no data** if the
indicator has no baseline, no target, no direction, a target period not after the baseline period, a target
on the wrong side of the baseline for its direction (e.g. "steigen" with a target below the baseline), or no
value after the baseline period. With baseline = target the way is zero: reached if the value is at or
beyond it, else off track. The latest value is the last total (whole municipality, no breakdown) with a value;
suppressed values are skipped. A rate's values are computed from its numerator and denominator first. The
score used in the goal roll-up is a, clamped to 0…1 (1 when reached)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.monitoring.models import Direction, Indicator
from teilhabe.monitoring.periods import PeriodError, year_of
from teilhabe.monitoring.series import Point


class Status(models.TextChoices):
    REACHED = "reached", _("Ziel erreicht")
    ON_TRACK = "on_track", _("auf Kurs")
    SOME_PROGRESS = "some_progress", _("etwas Fortschritt")
    OFF_TRACK = "off_track", _("nicht auf Kurs")
    NO_DATA = "no_data", _("keine Daten")


@dataclass(frozen=True, slots=True)
class TargetFacts:
    """What the method reads of an indicator, for reads that need no model instance (the roll-up of 10,000)."""

    pk: int
    name: str
    weight: Decimal
    baseline_value: Decimal | None
    baseline_period: str
    target_value: Decimal | None
    target_period: str
    direction: str


@dataclass(frozen=True)
class Progress:
    status: Status
    latest: Point | None = None
    achieved: float | None = None  # a
    expected: float | None = None  # e

    @property
    def score(self) -> float | None:
        """The indicator's share in a goal's roll-up: 0…1, None without data."""
        if self.status == Status.NO_DATA or self.achieved is None:
            return None
        return 1.0 if self.status == Status.REACHED else max(0.0, min(1.0, self.achieved))


def progress_of(indicator: Indicator | TargetFacts, total: list[Point]) -> Progress:
    """The indicator's progress from its total series (points in period order)."""
    b_value, t_value = indicator.baseline_value, indicator.target_value
    if (b_value is None or t_value is None or indicator.direction == Direction.NONE
            or not indicator.baseline_period or not indicator.target_period):
        return Progress(Status.NO_DATA)
    try:
        b, t = year_of(indicator.baseline_period), year_of(indicator.target_period)
        after = [p for p in total if p.value is not None and year_of(p.period) > b]
    except PeriodError:
        return Progress(Status.NO_DATA)
    sign = Decimal(1) if indicator.direction == Direction.INCREASE else Decimal(-1)
    if not after or t <= b or (t_value - b_value) * sign < 0:
        return Progress(Status.NO_DATA)
    latest = after[-1]
    value = latest.value
    assert value is not None
    expected = min(1.0, (year_of(latest.period) - b) / (t - b))
    if (value - t_value) * sign >= 0:
        share = 1.0 if t_value == b_value else float((value - b_value) / (t_value - b_value))
        return Progress(Status.REACHED, latest, share, expected)
    if t_value == b_value:  # keep the value: not reached means moved the wrong way
        return Progress(Status.OFF_TRACK, latest, 0.0, expected)
    achieved = float((value - b_value) / (t_value - b_value))
    if achieved <= 0:
        status = Status.OFF_TRACK
    elif achieved >= expected:
        status = Status.ON_TRACK
    else:
        status = Status.SOME_PROGRESS
    return Progress(status, latest, achieved, expected)


def has_target(indicator: Indicator | TargetFacts) -> bool:
    """Whether the indicator says enough to be measured against a target."""
    if (indicator.baseline_value is None or indicator.target_value is None or indicator.direction == Direction.NONE
            or not indicator.baseline_period or not indicator.target_period):
        return False
    try:
        b, t = year_of(indicator.baseline_period), year_of(indicator.target_period)
    except PeriodError:
        return False
    sign = 1 if indicator.direction == Direction.INCREASE else -1
    return t > b and (indicator.target_value - indicator.baseline_value) * sign >= 0


def no_target_text() -> str:
    return gettext("zählt nicht: Ausgangswert, Zielwert, Zieljahr oder Richtung fehlen oder widersprechen sich")


def no_value_text() -> str:
    return gettext("zählt nicht: noch kein Wert nach dem Ausgangsjahr")


def reason_without_data(indicator: Indicator | TargetFacts, progress: Progress) -> str:
    """Why an indicator has no progress score, in words (empty when it has one)."""
    if progress.status != Status.NO_DATA:
        return ""
    return no_value_text() if has_target(indicator) else no_target_text()
